// Public holidays of Hamburg, computed from the rules in force in each year 1990-2100.
//
// Fixed: Neujahr, Tag der Arbeit, Tag der Deutschen Einheit (3 Oct, from 1990), 1./2.
// Weihnachtstag; Easter-based: Karfreitag, Ostermontag, Christi Himmelfahrt, Pfingstmontag; Buß-
// und Bettag until 1994 (abolished nationwide from 1995, except Saxony); Reformationstag once
// nationwide in 2017 and every year in Hamburg since 2018; 17 June (the old Federal Republic's "Tag
// der deutschen Einheit") for the last time in 1990. Easter Sunday and Whit Sunday are not
// statutory holidays in Hamburg. One entry per day: when two rules meet on a day (1 May 2008), the
// names are joined with " / ".
//
//   auto days = HamburgPublicHolidays(2026);           // Result<std::vector<Holiday>>, sorted
//   HolidayCalendar calendar(2024, 2030);
//   if (calendar.IsHoliday(absl::CivilDay(2026, 10, 31))) ...
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

inline constexpr int kFirstHolidayYear = 1990;
inline constexpr int kLastHolidayYear = 2100;

struct Holiday {
  absl::CivilDay day;
  std::string name;  // German, as the Senate publishes it

  friend bool operator==(const Holiday&, const Holiday&) = default;
};

// Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm), any year >= 1583.
absl::CivilDay EasterSunday(int year);

// Sorted by date. Fails for years outside [kFirstHolidayYear, kLastHolidayYear].
Result<std::vector<Holiday>> HamburgPublicHolidays(int year);

// Answers "is this a public holiday?" for a range of years, computed once.
class HolidayCalendar {
 public:
  // REQUIRES: kFirstHolidayYear <= first_year <= last_year <= kLastHolidayYear (else throws
  // std::invalid_argument: a bug in the caller, not bad input).
  HolidayCalendar(int first_year, int last_year);

  bool IsHoliday(absl::CivilDay day) const { return by_day_.contains(day); }
  // The holiday on `day`, or nullptr.
  const Holiday* Find(absl::CivilDay day) const;
  // Holidays in [from, to], sorted.
  std::vector<Holiday> Between(absl::CivilDay from, absl::CivilDay to) const;

 private:
  std::map<absl::CivilDay, Holiday> by_day_;
};

}  // namespace amtszeit
