// The bodies of the steering routes, decoded without the request: what a staff member sends to
// record an absence, add a shift, move someone, resolve the rebooking list or save a measure.
// Who acts is not decoded here: ActorOf (routes/steering_params.h) reads the body's "actor" and
// "reason" together with the request's sign-in. Pure, so the fuzzer links them without a server.
//
//   AMTSZEIT_OR_PROBLEM(body, Body::Of(req, kMoveFields));
//   AMTSZEIT_OR_PROBLEM(move, DecodeMove(*body));
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/domain/steering_records.h"
#include "amtszeit/server/body.h"
#include "amtszeit/steering/move.h"

namespace amtszeit::server {

inline const std::initializer_list<std::string_view> kMoveFields = {
    "staff_id", "to_location_id", "first", "last", "actor", "reason"};
inline const std::initializer_list<std::string_view> kResolveFields = {"from", "to", "actor",
                                                                       "reason"};
inline const std::initializer_list<std::string_view> kMeasureFields = {
    "district_id", "day", "title", "text", "status", "actor", "reason"};

// An absence or a shift: the domain codec's fields plus "actor" and "reason", which are dropped.
Result<Absence> DecodeAbsence(Body body);
Result<Shift> DecodeShift(Body body);

// "first" is required; "last" defaults to it.
Result<steering::Move> DecodeMove(const Body& body);

struct DayBounds {
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
};
Result<DayBounds> DecodeResolve(const Body& body);

// A measure as sent: the day defaults to today and the status to planned where it is saved.
struct MeasureFields {
  std::string district_id;
  std::optional<absl::CivilDay> day;
  std::string title;
  std::string text;
  std::optional<MeasureStatus> status;
};
Result<MeasureFields> DecodeMeasure(const Body& body);

}  // namespace amtszeit::server
