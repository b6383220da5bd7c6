// Hamburg's school holidays, kept as data (data/hamburg/school_holidays.json) because the
// Kultusministerkonferenz fixes them years ahead rather than by rule. Summer holidays matter for
// priority passport processing.
//
//   SchoolCalendar school(periods);
//   if (auto summer = school.Summer(2026)) { ... summer->first ... }
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

enum class SchoolHolidayKind { kWinter, kSpring, kPentecost, kSummer, kAutumn, kChristmas, kOther };

struct SchoolHoliday {
  SchoolHolidayKind kind = SchoolHolidayKind::kOther;
  std::string name;      // e.g. "Sommerferien"
  absl::CivilDay first;  // inclusive
  absl::CivilDay last;   // inclusive

  friend bool operator==(const SchoolHoliday&, const SchoolHoliday&) = default;
};

std::string_view ToString(SchoolHolidayKind kind);
Result<SchoolHolidayKind> ParseSchoolHolidayKind(std::string_view text);

class SchoolCalendar {
 public:
  SchoolCalendar() = default;
  explicit SchoolCalendar(std::vector<SchoolHoliday> periods);

  bool InHolidays(absl::CivilDay day) const;
  // The summer holidays that start in `year`, if known.
  std::optional<SchoolHoliday> Summer(int year) const;
  const std::vector<SchoolHoliday>& periods() const { return periods_; }

 private:
  std::vector<SchoolHoliday> periods_;  // sorted by first day
};

// Checks the periods: first <= last, no overlaps, at most one summer per year.
Result<void> ValidateSchoolHolidays(const std::vector<SchoolHoliday>& periods);

}  // namespace amtszeit
