#include "amtszeit/domain/holidays.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "amtszeit/domain/civil_time.h"

namespace amtszeit {

namespace {

// The Wednesday before 23 November, i.e. eleven days before the first Sunday of Advent.
absl::CivilDay BussUndBettag(int year) {
  const absl::CivilDay nov22(year, 11, 22);
  return nov22 - (WeekdayIndex(nov22) - 2 + 7) % 7;
}

std::vector<Holiday> RulesFor(int year) {
  const absl::CivilDay easter = EasterSunday(year);
  std::vector<Holiday> days = {
      {absl::CivilDay(year, 1, 1), "Neujahr"},
      {easter - 2, "Karfreitag"},
      {easter + 1, "Ostermontag"},
      {absl::CivilDay(year, 5, 1), "Tag der Arbeit"},
      {easter + 39, "Christi Himmelfahrt"},
      {easter + 50, "Pfingstmontag"},
      {absl::CivilDay(year, 12, 25), "1. Weihnachtstag"},
      {absl::CivilDay(year, 12, 26), "2. Weihnachtstag"},
  };
  // 17 June was the Federal Republic's holiday under the Gesetz über den Tag der deutschen Einheit
  // of 1953. The Unification Treaty repealed that law only with effect from October 1990, so
  // 17 June 1990 (a Sunday) was still statutory in Hamburg. python-holidays starts its Germany
  // rules in 1991 and so cannot say; umulmrum/holiday keeps 17 June through 1990, as do we.
  if (year <= 1990) days.push_back({absl::CivilDay(year, 6, 17), "Tag der deutschen Einheit"});
  // Article 2(2) of the Unification Treaty, in force for 3 October 1990 itself.
  if (year >= 1990) days.push_back({absl::CivilDay(year, 10, 3), "Tag der Deutschen Einheit"});
  // 2017: every Land made the 500th anniversary of the Reformation a one-time holiday by its own
  // law; Hamburg added Reformationstag for good in 2018 (Feiertagsgesetz as amended that year).
  if (year >= 2017) days.push_back({absl::CivilDay(year, 10, 31), "Reformationstag"});
  // Abolished in every Land but Saxony from 1995 to fund the long-term care insurance.
  if (year <= 1994) days.push_back({BussUndBettag(year), "Buß- und Bettag"});
  return days;
}

}  // namespace

absl::CivilDay EasterSunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int n = h + l - 7 * m + 114;
  return absl::CivilDay(year, n / 31, n % 31 + 1);
}

Result<std::vector<Holiday>> HamburgPublicHolidays(int year) {
  if (year < kFirstHolidayYear || year > kLastHolidayYear) {
    return Fail(ErrorCode::kInvalidArgument, "public holidays are known for {} to {}, not {}",
                kFirstHolidayYear, kLastHolidayYear, year);
  }
  std::vector<Holiday> days = RulesFor(year);
  std::stable_sort(days.begin(), days.end(),
                   [](const Holiday& x, const Holiday& y) { return x.day < y.day; });
  // Two rules can meet on one day (Christi Himmelfahrt on 1 May 2008); it stays one day off,
  // listed once with both names.
  std::vector<Holiday> merged;
  merged.reserve(days.size());
  for (Holiday& h : days) {
    if (!merged.empty() && merged.back().day == h.day) {
      merged.back().name += " / " + h.name;
    } else {
      merged.push_back(std::move(h));
    }
  }
  return merged;
}

HolidayCalendar::HolidayCalendar(int first_year, int last_year) {
  if (first_year < kFirstHolidayYear || last_year > kLastHolidayYear || first_year > last_year) {
    throw std::invalid_argument(fmt::format("HolidayCalendar({}, {}): years outside {}-{}",
                                            first_year, last_year, kFirstHolidayYear,
                                            kLastHolidayYear));
  }
  for (int year = first_year; year <= last_year; ++year) {
    // Held in a local: a range-for over `*HamburgPublicHolidays(year)` would outlive the temporary.
    Result<std::vector<Holiday>> days = HamburgPublicHolidays(year);
    for (Holiday& h : *days) {
      const absl::CivilDay day = h.day;
      by_day_.emplace(day, std::move(h));
    }
  }
}

const Holiday* HolidayCalendar::Find(absl::CivilDay day) const {
  const auto it = by_day_.find(day);
  return it == by_day_.end() ? nullptr : &it->second;
}

std::vector<Holiday> HolidayCalendar::Between(absl::CivilDay from, absl::CivilDay to) const {
  std::vector<Holiday> out;
  if (to < from) return out;
  for (auto it = by_day_.lower_bound(from); it != by_day_.end() && it->first <= to; ++it) {
    out.push_back(it->second);
  }
  return out;
}

}  // namespace amtszeit
