// What the central control room did and plans, and the morning snapshots the promises are
// measured against. No personal data of citizens: these records outlive appointments.
//
//   SteeringAction a{.at = now, .actor = "Leitstelle", .kind = "absence.recorded",
//                    .staff_id = "st-0001", .reason = "krank", .after = R"({"first":...})"};
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

// One audited change: who did what, when and why, with the state before and after (JSON).
struct SteeringAction {
  std::int64_t id = 0;
  absl::Time at;
  std::string actor;
  std::string kind;  // "absence.recorded", "shift.added", "staff.moved", ...
  std::string location_id;
  std::string staff_id;
  std::string reason;
  std::string before;  // JSON; empty when the thing did not exist
  std::string after;   // JSON; empty when the thing was removed

  friend bool operator==(const SteeringAction&, const SteeringAction&) = default;
};

enum class MeasureStatus { kPlanned, kDone };
std::string_view ToString(MeasureStatus status);
Result<MeasureStatus> ParseMeasureStatus(std::string_view text);

// An entry of the implementation plan the district committee reads: a measure taken or planned.
struct Measure {
  std::int64_t id = 0;
  std::string district_id;  // empty: city-wide
  absl::CivilDay day;       // when it was taken, or is due
  std::string title;
  std::string text;
  MeasureStatus status = MeasureStatus::kPlanned;
  std::string actor;
  absl::Time updated_at;

  friend bool operator==(const Measure&, const Measure&) = default;
};

// The first free slot a citizen would have been offered for one service at one centre, as seen
// on the morning of `taken_on`. nullopt: nothing free within the booking horizon.
struct SlotSnapshot {
  absl::CivilDay taken_on;
  std::string location_id;
  std::string service_id;
  std::optional<int> days_to_first_free;

  friend bool operator==(const SlotSnapshot&, const SlotSnapshot&) = default;
};

// How many of the next opening weekdays a centre offered appointment time before 9, after 17 and
// over lunch (12-14), as seen on the morning of `taken_on`.
struct WindowSnapshot {
  absl::CivilDay taken_on;
  std::string location_id;
  int weekdays = 0;
  int early = 0;
  int late = 0;
  int lunch = 0;

  friend bool operator==(const WindowSnapshot&, const WindowSnapshot&) = default;
};

}  // namespace amtszeit
