// When a location is open: weekly rules, dated exceptions, closures and the city's public holidays.
//
// Precedence on a given day: a closure wins; else a dated exception (which may open a holiday or
// close a weekday); else a public holiday closes (when closed_on_public_holidays); else the weekly
// rule for that weekday.
//
//   OpeningHours hours;
//   hours.weekly[0] = {{420, 1140}};                   // Monday 07:00-19:00
//   std::vector<TimeRange> open = hours.OpenOn(absl::CivilDay(2026, 5, 1), holidays);  // closed
#pragma once

#include <array>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"

namespace amtszeit {

struct OpeningException {
  absl::CivilDay day;
  std::vector<TimeRange> ranges;  // empty = closed that day
  std::string reason;

  friend bool operator==(const OpeningException&, const OpeningException&) = default;
};

struct Closure {
  absl::CivilDay first;  // inclusive
  absl::CivilDay last;   // inclusive
  std::string reason;

  friend bool operator==(const Closure&, const Closure&) = default;
};

struct OpeningHours {
  std::array<std::vector<TimeRange>, 7> weekly;  // index 0 = Monday
  std::vector<OpeningException> exceptions;
  std::vector<Closure> closures;
  bool closed_on_public_holidays = true;

  // The sorted, disjoint open ranges of `day`; empty when closed.
  std::vector<TimeRange> OpenOn(absl::CivilDay day, const HolidayCalendar& holidays) const;
  bool IsOpen(absl::CivilDay day, const TimeRange& range, const HolidayCalendar& holidays) const;

  friend bool operator==(const OpeningHours&, const OpeningHours&) = default;
};

// Ranges on the grid, non-empty, sorted, not overlapping; exceptions unique per day; closures
// ordered. The message names the offending weekday or date.
Result<void> ValidateOpeningHours(const OpeningHours& hours);

}  // namespace amtszeit
