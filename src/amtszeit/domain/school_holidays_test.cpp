#include "amtszeit/domain/school_holidays.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace amtszeit {
namespace {

SchoolHoliday Period(SchoolHolidayKind kind, const char* name, absl::CivilDay first,
                     absl::CivilDay last) {
  return {kind, name, first, last};
}

// Modelled on Hamburg's 2025/26 school year; the tests need plausible dates, not official ones.
std::vector<SchoolHoliday> Hamburg2025To2026() {
  using K = SchoolHolidayKind;
  return {
      Period(K::kSummer, "Sommerferien", absl::CivilDay(2026, 7, 9),
             absl::CivilDay(2026, 8, 19)),  // listed out of order
      Period(K::kAutumn, "Herbstferien", absl::CivilDay(2025, 10, 20),
             absl::CivilDay(2025, 10, 31)),
      Period(K::kChristmas, "Weihnachtsferien", absl::CivilDay(2025, 12, 17),
             absl::CivilDay(2026, 1, 2)),
      Period(K::kWinter, "Halbjahrespause", absl::CivilDay(2026, 1, 30),
             absl::CivilDay(2026, 1, 30)),
      Period(K::kSpring, "Frühjahrsferien", absl::CivilDay(2026, 3, 2),
             absl::CivilDay(2026, 3, 13)),
      Period(K::kPentecost, "Pfingstferien", absl::CivilDay(2026, 5, 11),
             absl::CivilDay(2026, 5, 15)),
  };
}

TEST(SchoolHolidayKind, RoundTripsEveryKindThroughItsName) {
  const SchoolHolidayKind kinds[] = {SchoolHolidayKind::kWinter,    SchoolHolidayKind::kSpring,
                                     SchoolHolidayKind::kPentecost, SchoolHolidayKind::kSummer,
                                     SchoolHolidayKind::kAutumn,    SchoolHolidayKind::kChristmas,
                                     SchoolHolidayKind::kOther};
  const char* names[] = {"winter", "spring", "pentecost", "summer", "autumn", "christmas", "other"};
  for (std::size_t i = 0; i < std::size(kinds); ++i) {
    EXPECT_EQ(ToString(kinds[i]), names[i]);
    EXPECT_EQ(ParseSchoolHolidayKind(names[i]), kinds[i]);
  }
}

TEST(SchoolHolidayKind, RejectsUnknownNamesListingTheKnownOnes) {
  const auto r = ParseSchoolHolidayKind("Summer");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message,
            "unknown school holiday kind 'Summer' (winter, spring, pentecost, summer, autumn, "
            "christmas, other)");
}

TEST(SchoolCalendar, KeepsPeriodsSortedByFirstDay) {
  const SchoolCalendar calendar(Hamburg2025To2026());
  ASSERT_EQ(calendar.periods().size(), 6u);
  for (std::size_t i = 1; i < calendar.periods().size(); ++i) {
    EXPECT_LT(calendar.periods()[i - 1].first, calendar.periods()[i].first);
  }
  EXPECT_EQ(calendar.periods().front().name, "Herbstferien");
}

TEST(SchoolCalendar, CountsFirstAndLastDaysAsHolidays) {
  const SchoolCalendar calendar(Hamburg2025To2026());
  EXPECT_FALSE(calendar.InHolidays(absl::CivilDay(2025, 10, 19)));
  EXPECT_TRUE(calendar.InHolidays(absl::CivilDay(2025, 10, 20)));
  EXPECT_TRUE(calendar.InHolidays(absl::CivilDay(2025, 10, 31)));
  EXPECT_FALSE(calendar.InHolidays(absl::CivilDay(2025, 11, 1)));
  EXPECT_TRUE(calendar.InHolidays(absl::CivilDay(2026, 1, 1)));  // across the new year
  EXPECT_TRUE(calendar.InHolidays(absl::CivilDay(2026, 1, 30)));
  EXPECT_FALSE(calendar.InHolidays(absl::CivilDay(2026, 1, 31)));
  EXPECT_TRUE(calendar.InHolidays(absl::CivilDay(2026, 8, 19)));
  EXPECT_FALSE(calendar.InHolidays(absl::CivilDay(2026, 8, 20)));
}

TEST(SchoolCalendar, IsNeverInHolidaysWithoutPeriods) {
  EXPECT_FALSE(SchoolCalendar().InHolidays(absl::CivilDay(2026, 7, 20)));
  EXPECT_FALSE(SchoolCalendar().Summer(2026).has_value());
}

TEST(SchoolCalendar, FindsTheSummerHolidaysStartingInAYear) {
  const SchoolCalendar calendar(Hamburg2025To2026());
  const auto summer = calendar.Summer(2026);
  ASSERT_TRUE(summer.has_value());
  EXPECT_EQ(summer->first, absl::CivilDay(2026, 7, 9));
  EXPECT_EQ(summer->last, absl::CivilDay(2026, 8, 19));
  EXPECT_FALSE(calendar.Summer(2025).has_value());
}

TEST(ValidateSchoolHolidays, AcceptsAPublishedSchoolYear) {
  EXPECT_TRUE(ValidateSchoolHolidays(Hamburg2025To2026()).has_value());
  EXPECT_TRUE(ValidateSchoolHolidays({}).has_value());
}

TEST(ValidateSchoolHolidays, RejectsAPeriodEndingBeforeItStarts) {
  auto periods = Hamburg2025To2026();
  periods[1].last = absl::CivilDay(2025, 10, 1);
  const auto r = ValidateSchoolHolidays(periods);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message,
            "school holidays 'Herbstferien' (2025-10-20 to 2025-10-01) ends before it starts");
}

TEST(ValidateSchoolHolidays, RejectsOverlappingPeriods) {
  auto periods = Hamburg2025To2026();
  periods.push_back(Period(SchoolHolidayKind::kOther, "Brückentag", absl::CivilDay(2026, 1, 2),
                           absl::CivilDay(2026, 1, 2)));
  const auto r = ValidateSchoolHolidays(periods);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message,
            "school holidays 'Brückentag' (2026-01-02 to 2026-01-02) overlaps school holidays "
            "'Weihnachtsferien' (2025-12-17 to 2026-01-02)");
}

TEST(ValidateSchoolHolidays, RejectsASecondSummerInOneYear) {
  auto periods = Hamburg2025To2026();
  periods.push_back(Period(SchoolHolidayKind::kSummer, "Sommerferien II",
                           absl::CivilDay(2026, 9, 1), absl::CivilDay(2026, 9, 5)));
  const auto r = ValidateSchoolHolidays(periods);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("second summer holiday in 2026"), std::string::npos)
      << r.error().message;
}

TEST(ValidateSchoolHolidays, AcceptsOneSummerInEachOfTwoYears) {
  auto periods = Hamburg2025To2026();
  periods.push_back(Period(SchoolHolidayKind::kSummer, "Sommerferien", absl::CivilDay(2027, 7, 1),
                           absl::CivilDay(2027, 8, 11)));
  EXPECT_TRUE(ValidateSchoolHolidays(periods).has_value());
}

}  // namespace
}  // namespace amtszeit
