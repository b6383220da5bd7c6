#include "amtszeit/domain/holidays.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "amtszeit/domain/civil_time.h"

namespace amtszeit {
namespace {

using ::testing::ElementsAre;

// Gauss's Easter formula with Lichtenberg's correction, written independently of the
// Meeus/Jones/Butcher form in holidays.cpp so the two check each other.
absl::CivilDay GaussLichtenbergEaster(int x) {
  const int k = x / 100;
  const int m = 15 + (3 * k + 3) / 4 - (8 * k + 13) / 25;  // secular moon shift
  const int s = 2 - (3 * k + 3) / 4;                       // secular sun shift
  const int a = x % 19;                                    // moon parameter
  const int d = (19 * a + m) % 30;                         // seed for the first spring full moon
  const int r = (d + a / 11) / 29;                         // calendar correction
  const int og = 21 + d - r;                               // Easter limit, as a March date
  const int sz = 7 - (x + x / 4 + s) % 7;                  // first Sunday in March
  const int oe = 7 - (og - sz) % 7;                        // distance to the next Sunday
  const int os = og + oe;                                  // Easter Sunday, as a March date
  return absl::CivilDay(x, 3, 1) + (os - 1);
}

std::vector<Holiday> For(int year) {
  auto r = HamburgPublicHolidays(year);
  EXPECT_TRUE(r.has_value()) << year;
  return r.value_or(std::vector<Holiday>{});
}

Holiday H(int y, int m, int d, const char* name) { return {absl::CivilDay(y, m, d), name}; }

bool Contains(const std::vector<Holiday>& days, absl::CivilDay day) {
  for (const Holiday& h : days) {
    if (h.day == day) return true;
  }
  return false;
}

// ---- Easter ----

TEST(EasterSunday, AgreesWithGaussLichtenbergForEveryYearSupported) {
  for (int year = kFirstHolidayYear; year <= kLastHolidayYear; ++year) {
    EXPECT_EQ(EasterSunday(year), GaussLichtenbergEaster(year)) << year;
  }
}

TEST(EasterSunday, AgreesWithGaussLichtenbergForTheWholeGregorianCycleAndBeyond) {
  for (int year = 1583; year <= 5000; ++year) {
    ASSERT_EQ(EasterSunday(year), GaussLichtenbergEaster(year)) << year;
  }
}

TEST(EasterSunday, MatchesKnownDates) {
  EXPECT_EQ(EasterSunday(1990), absl::CivilDay(1990, 4, 15));
  EXPECT_EQ(EasterSunday(2008), absl::CivilDay(2008, 3, 23));
  EXPECT_EQ(EasterSunday(2024), absl::CivilDay(2024, 3, 31));
  EXPECT_EQ(EasterSunday(2025), absl::CivilDay(2025, 4, 20));
  EXPECT_EQ(EasterSunday(2026), absl::CivilDay(2026, 4, 5));
  EXPECT_EQ(EasterSunday(2027), absl::CivilDay(2027, 3, 28));
  EXPECT_EQ(EasterSunday(2038), absl::CivilDay(2038, 4, 25));  // the latest possible date
  EXPECT_EQ(EasterSunday(2100), absl::CivilDay(2100, 3, 28));
  EXPECT_EQ(EasterSunday(1818), absl::CivilDay(1818, 3, 22));  // the earliest possible date
}

TEST(EasterSunday, AlwaysFallsOnASundayBetweenMarch22AndApril25) {
  for (int year = 1583; year <= 5000; ++year) {
    const absl::CivilDay e = EasterSunday(year);
    ASSERT_EQ(WeekdayIndex(e), 6) << year;
    ASSERT_GE(e, absl::CivilDay(year, 3, 22)) << year;
    ASSERT_LE(e, absl::CivilDay(year, 4, 25)) << year;
  }
}

// ---- full lists ----

TEST(Holidays, Lists2017WithTheOneTimeReformationstag) {
  EXPECT_THAT(
      For(2017),
      ElementsAre(H(2017, 1, 1, "Neujahr"), H(2017, 4, 14, "Karfreitag"),
                  H(2017, 4, 17, "Ostermontag"), H(2017, 5, 1, "Tag der Arbeit"),
                  H(2017, 5, 25, "Christi Himmelfahrt"), H(2017, 6, 5, "Pfingstmontag"),
                  H(2017, 10, 3, "Tag der Deutschen Einheit"), H(2017, 10, 31, "Reformationstag"),
                  H(2017, 12, 25, "1. Weihnachtstag"), H(2017, 12, 26, "2. Weihnachtstag")));
}

TEST(Holidays, Lists2018WithReformationstagAsAHamburgHoliday) {
  EXPECT_THAT(
      For(2018),
      ElementsAre(H(2018, 1, 1, "Neujahr"), H(2018, 3, 30, "Karfreitag"),
                  H(2018, 4, 2, "Ostermontag"), H(2018, 5, 1, "Tag der Arbeit"),
                  H(2018, 5, 10, "Christi Himmelfahrt"), H(2018, 5, 21, "Pfingstmontag"),
                  H(2018, 10, 3, "Tag der Deutschen Einheit"), H(2018, 10, 31, "Reformationstag"),
                  H(2018, 12, 25, "1. Weihnachtstag"), H(2018, 12, 26, "2. Weihnachtstag")));
}

TEST(Holidays, Lists2025) {
  EXPECT_THAT(
      For(2025),
      ElementsAre(H(2025, 1, 1, "Neujahr"), H(2025, 4, 18, "Karfreitag"),
                  H(2025, 4, 21, "Ostermontag"), H(2025, 5, 1, "Tag der Arbeit"),
                  H(2025, 5, 29, "Christi Himmelfahrt"), H(2025, 6, 9, "Pfingstmontag"),
                  H(2025, 10, 3, "Tag der Deutschen Einheit"), H(2025, 10, 31, "Reformationstag"),
                  H(2025, 12, 25, "1. Weihnachtstag"), H(2025, 12, 26, "2. Weihnachtstag")));
}

TEST(Holidays, Lists2026) {
  EXPECT_THAT(
      For(2026),
      ElementsAre(H(2026, 1, 1, "Neujahr"), H(2026, 4, 3, "Karfreitag"),
                  H(2026, 4, 6, "Ostermontag"), H(2026, 5, 1, "Tag der Arbeit"),
                  H(2026, 5, 14, "Christi Himmelfahrt"), H(2026, 5, 25, "Pfingstmontag"),
                  H(2026, 10, 3, "Tag der Deutschen Einheit"), H(2026, 10, 31, "Reformationstag"),
                  H(2026, 12, 25, "1. Weihnachtstag"), H(2026, 12, 26, "2. Weihnachtstag")));
}

TEST(Holidays, Lists1990WithBothDaysOfGermanUnityAndBussUndBettag) {
  EXPECT_THAT(
      For(1990),
      ElementsAre(H(1990, 1, 1, "Neujahr"), H(1990, 4, 13, "Karfreitag"),
                  H(1990, 4, 16, "Ostermontag"), H(1990, 5, 1, "Tag der Arbeit"),
                  H(1990, 5, 24, "Christi Himmelfahrt"), H(1990, 6, 4, "Pfingstmontag"),
                  H(1990, 6, 17, "Tag der deutschen Einheit"),
                  H(1990, 10, 3, "Tag der Deutschen Einheit"), H(1990, 11, 21, "Buß- und Bettag"),
                  H(1990, 12, 25, "1. Weihnachtstag"), H(1990, 12, 26, "2. Weihnachtstag")));
}

TEST(Holidays, MergesTwoHolidaysOnOneDayInto2008sFirstOfMay) {
  const std::vector<Holiday> days = For(2008);
  ASSERT_EQ(days.size(), 8u);
  EXPECT_EQ(days[3], H(2008, 5, 1, "Tag der Arbeit / Christi Himmelfahrt"));
}

// ---- rules over the years ----

TEST(Holidays, CountsPerYearFollowTheLawInForce) {
  EXPECT_EQ(For(1990).size(), 11u);  // 17 June for the last time, 3 October for the first
  for (int year = 1991; year <= 1994; ++year) EXPECT_EQ(For(year).size(), 10u) << year;
  for (int year = 1995; year <= 2016; ++year) {
    EXPECT_EQ(For(year).size(), year == 2008 ? 8u : 9u) << year;
  }
  EXPECT_EQ(For(2017).size(), 10u);
  for (int year = 2018; year <= 2100; ++year) EXPECT_EQ(For(year).size(), 10u) << year;
}

TEST(Holidays, KeepsBussUndBettagUntil1994) {
  const absl::CivilDay expected[] = {absl::CivilDay(1990, 11, 21), absl::CivilDay(1991, 11, 20),
                                     absl::CivilDay(1992, 11, 18), absl::CivilDay(1993, 11, 17),
                                     absl::CivilDay(1994, 11, 16)};
  for (const absl::CivilDay day : expected) {
    const std::vector<Holiday> days = For(static_cast<int>(day.year()));
    ASSERT_TRUE(Contains(days, day)) << FormatDay(day);
    EXPECT_EQ(WeekdayIndex(day), 2);
  }
  for (int year = 1995; year <= 2100; ++year) {
    for (const Holiday& h : For(year)) EXPECT_NE(h.name, "Buß- und Bettag") << year;
  }
  EXPECT_FALSE(Contains(For(1995), absl::CivilDay(1995, 11, 22)));
}

TEST(Holidays, Keeps17JuneOnlyIn1990) {
  EXPECT_TRUE(Contains(For(1990), absl::CivilDay(1990, 6, 17)));
  EXPECT_FALSE(Contains(For(1991), absl::CivilDay(1991, 6, 17)));
}

TEST(Holidays, AddsReformationstagIn2017AndFrom2018) {
  EXPECT_FALSE(Contains(For(2016), absl::CivilDay(2016, 10, 31)));
  EXPECT_FALSE(Contains(For(1999), absl::CivilDay(1999, 10, 31)));
  EXPECT_TRUE(Contains(For(2017), absl::CivilDay(2017, 10, 31)));
  for (int year = 2018; year <= 2100; ++year) {
    EXPECT_TRUE(Contains(For(year), absl::CivilDay(year, 10, 31))) << year;
  }
}

TEST(Holidays, NeverListsEasterSundayOrWhitSunday) {
  for (int year = kFirstHolidayYear; year <= kLastHolidayYear; ++year) {
    const std::vector<Holiday> days = For(year);
    EXPECT_FALSE(Contains(days, EasterSunday(year))) << year;
    EXPECT_FALSE(Contains(days, EasterSunday(year) + 49)) << year;
  }
}

TEST(Holidays, AreSortedUniqueAndInTheirYear) {
  for (int year = kFirstHolidayYear; year <= kLastHolidayYear; ++year) {
    const std::vector<Holiday> days = For(year);
    for (std::size_t i = 0; i < days.size(); ++i) {
      EXPECT_EQ(days[i].day.year(), year);
      EXPECT_FALSE(days[i].name.empty());
      if (i > 0) {
        EXPECT_LT(days[i - 1].day, days[i].day) << year;
      }
    }
  }
}

TEST(Holidays, FailsOutsideTheSupportedYears) {
  for (int year : {1989, 2101, 0, -5}) {
    const auto r = HamburgPublicHolidays(year);
    ASSERT_FALSE(r.has_value()) << year;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(HamburgPublicHolidays(1989).error().message,
            "public holidays are known for 1990 to 2100, not 1989");
}

// ---- calendar ----

TEST(HolidayCalendar, AnswersForEveryYearInItsRange) {
  const HolidayCalendar calendar(2024, 2030);
  EXPECT_TRUE(calendar.IsHoliday(absl::CivilDay(2026, 10, 31)));
  EXPECT_TRUE(calendar.IsHoliday(absl::CivilDay(2024, 1, 1)));
  EXPECT_TRUE(calendar.IsHoliday(absl::CivilDay(2030, 12, 26)));
  EXPECT_FALSE(calendar.IsHoliday(absl::CivilDay(2026, 10, 30)));
  EXPECT_FALSE(calendar.IsHoliday(absl::CivilDay(2023, 12, 25)));  // before the range
  EXPECT_FALSE(calendar.IsHoliday(absl::CivilDay(2031, 1, 1)));    // after it
}

TEST(HolidayCalendar, FindsTheHolidayByDay) {
  const HolidayCalendar calendar(2026, 2026);
  const Holiday* h = calendar.Find(absl::CivilDay(2026, 5, 14));
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->name, "Christi Himmelfahrt");
  EXPECT_EQ(calendar.Find(absl::CivilDay(2026, 5, 15)), nullptr);
}

TEST(HolidayCalendar, ListsHolidaysBetweenTwoDaysInclusive) {
  const HolidayCalendar calendar(2025, 2027);
  EXPECT_THAT(calendar.Between(absl::CivilDay(2026, 12, 25), absl::CivilDay(2027, 1, 1)),
              ElementsAre(H(2026, 12, 25, "1. Weihnachtstag"), H(2026, 12, 26, "2. Weihnachtstag"),
                          H(2027, 1, 1, "Neujahr")));
  EXPECT_EQ(calendar.Between(absl::CivilDay(2025, 1, 1), absl::CivilDay(2027, 12, 31)).size(), 30u);
  EXPECT_TRUE(calendar.Between(absl::CivilDay(2026, 7, 1), absl::CivilDay(2026, 7, 31)).empty());
  EXPECT_TRUE(calendar.Between(absl::CivilDay(2026, 12, 31), absl::CivilDay(2026, 1, 1)).empty());
}

TEST(HolidayCalendar, RefusesYearsOutsideTheRulesAsABug) {
  EXPECT_THROW(HolidayCalendar(1989, 2000), std::invalid_argument);
  EXPECT_THROW(HolidayCalendar(2000, 2101), std::invalid_argument);
  EXPECT_THROW(HolidayCalendar(2030, 2020), std::invalid_argument);
}

}  // namespace
}  // namespace amtszeit
