#include "amtszeit/server/bodies/steering_bodies.h"

#include <boost/json.hpp>

#include "amtszeit/domain/json_codec.h"

namespace amtszeit::server {

#define AMTSZEIT_TRY(var, expr) \
  auto var = (expr);            \
  if (!var) return std::unexpected(var.error())

namespace {

template <typename T>
Result<T> DecodeRecord(Body body) {
  body.Take("actor");
  body.Take("reason");
  return FromJson<T>(boost::json::value(body.object()));
}

}  // namespace

Result<Absence> DecodeAbsence(Body body) { return DecodeRecord<Absence>(std::move(body)); }

Result<Shift> DecodeShift(Body body) { return DecodeRecord<Shift>(std::move(body)); }

Result<steering::Move> DecodeMove(const Body& body) {
  AMTSZEIT_TRY(staff, body.RequiredString("staff_id", 100));
  AMTSZEIT_TRY(to, body.RequiredString("to_location_id", 100));
  AMTSZEIT_TRY(first, body.Day("first"));
  AMTSZEIT_TRY(last, body.Day("last"));
  if (!*first) return Fail(ErrorCode::kInvalidArgument, "'first' is required");
  return steering::Move{.staff_id = std::move(*staff),
                        .to_location_id = std::move(*to),
                        .first = **first,
                        .last = last->value_or(**first)};
}

Result<DayBounds> DecodeResolve(const Body& body) {
  AMTSZEIT_TRY(from, body.Day("from"));
  AMTSZEIT_TRY(to, body.Day("to"));
  return DayBounds{.from = *from, .to = *to};
}

Result<MeasureFields> DecodeMeasure(const Body& body) {
  AMTSZEIT_TRY(district, body.String("district_id"));
  AMTSZEIT_TRY(day, body.Day("day"));
  AMTSZEIT_TRY(title, body.String("title"));
  AMTSZEIT_TRY(text, body.String("text"));
  AMTSZEIT_TRY(status_text, body.String("status"));
  MeasureFields m{.district_id = district->value_or(""),
                  .day = *day,
                  .title = title->value_or(""),
                  .text = text->value_or("")};
  if (*status_text) {
    AMTSZEIT_TRY(status, ParseMeasureStatus(**status_text));
    m.status = *status;
  }
  return m;
}

}  // namespace amtszeit::server
