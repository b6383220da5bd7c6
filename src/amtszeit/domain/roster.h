// Who works where and when: staff, shifts and absences, and the centres closed for a period.
//
//   Shift s{.id = 1, .staff_id = "st-0001", .location_id = "kz-harburg",
//           .day = absl::CivilDay(2026, 12, 1), .time = {420, 750},
//           .mode = ShiftMode::kAppointments};
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

struct Staff {
  std::string id;
  std::string display_name;  // pseudonymous in the demo
  std::string home_district_id;
  std::string home_location_id;
  std::vector<std::string> skills;  // Service::skill values this person can serve
  double fte = 1.0;                 // share of a full-time post

  bool HasSkill(std::string_view skill) const;

  friend bool operator==(const Staff&, const Staff&) = default;
};

enum class ShiftMode { kAppointments, kWalkIn, kExpress, kBackOffice };
std::string_view ToString(ShiftMode mode);
Result<ShiftMode> ParseShiftMode(std::string_view text);

struct Shift {
  std::int64_t id = 0;
  std::string staff_id;
  std::string location_id;
  absl::CivilDay day;
  TimeRange time;
  ShiftMode mode = ShiftMode::kAppointments;
  std::optional<TimeRange> break_time;  // inside `time`
  // Opened by the control room beyond the centre's regular hours (a Saturday, a longer evening):
  // the shift's time counts as open even where the weekly hours say closed.
  bool extra_opening = false;

  friend bool operator==(const Shift&, const Shift&) = default;
};

enum class AbsenceKind { kSick, kVacation, kTraining, kVacancy };
std::string_view ToString(AbsenceKind kind);
Result<AbsenceKind> ParseAbsenceKind(std::string_view text);

struct Absence {
  std::int64_t id = 0;
  std::string staff_id;
  absl::CivilDay first;  // inclusive
  absl::CivilDay last;   // inclusive
  AbsenceKind kind = AbsenceKind::kSick;
  std::string note;

  bool Covers(absl::CivilDay day) const { return first <= day && day <= last; }

  friend bool operator==(const Absence&, const Absence&) = default;
};

// A centre closed for a period by the control room (a planned move, a burst pipe, no staff): it
// offers no appointments on those days, whatever its roster says.
struct CentreClosure {
  std::int64_t id = 0;
  std::string location_id;
  absl::CivilDay first;  // inclusive
  absl::CivilDay last;   // inclusive
  std::string reason;

  bool Covers(std::string_view location, absl::CivilDay day) const {
    return location_id == location && first <= day && day <= last;
  }

  friend bool operator==(const CentreClosure&, const CentreClosure&) = default;
};

struct Roster {
  std::vector<Staff> staff;
  std::vector<Shift> shifts;
  std::vector<Absence> absences;
  std::vector<CentreClosure> closures;

  const Staff* FindStaff(std::string_view id) const;
  bool Closed(std::string_view location_id, absl::CivilDay day) const;

  friend bool operator==(const Roster&, const Roster&) = default;
};

}  // namespace amtszeit
