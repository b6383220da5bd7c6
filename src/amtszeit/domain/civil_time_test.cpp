#include "amtszeit/domain/civil_time.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <string>

namespace amtszeit {
namespace {

const absl::TimeZone& Berlin() {
  static const absl::TimeZone zone = [] {
    absl::TimeZone tz;
    if (!absl::LoadTimeZone("Europe/Berlin", &tz)) std::abort();  // tzdata is a test dependency
    return tz;
  }();
  return zone;
}

absl::Time Utc(int y, int mo, int d, int h, int mi, int s = 0) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), absl::UTCTimeZone());
}

// ---- clock and ranges ----

TEST(ParseClock, ParsesGridTimesFromMidnightToMidnight) {
  EXPECT_EQ(ParseClock("00:00"), 0);
  EXPECT_EQ(ParseClock("08:30"), 510);
  EXPECT_EQ(ParseClock("23:55"), 1435);
  EXPECT_EQ(ParseClock("24:00"), 1440);
}

TEST(ParseClock, RejectsMalformedText) {
  for (const char* text : {"", "8:30", "08:3", "0830", "08.30", " 08:30", "08:30 ", "+8:30",
                           "-0:30", "08:30:00", "ab:cd", "08:3a"}) {
    const auto r = ParseClock(text);
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find("is not HH:MM"), std::string::npos) << r.error().message;
  }
}

TEST(ParseClock, RejectsImpossibleTimes) {
  for (const char* text : {"24:05", "25:00", "99:00", "08:60"}) {
    EXPECT_FALSE(ParseClock(text).has_value()) << text;
  }
}

TEST(ParseClock, RejectsMinutesOffTheFiveMinuteGrid) {
  const auto r = ParseClock("08:03");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "'08:03' is not on the 5-minute grid");
}

TEST(FormatClock, RoundTripsEveryTickOfTheDay) {
  for (int m = 0; m <= kMinutesPerDay; m += kTickMinutes) {
    const std::string text = FormatClock(m);
    ASSERT_EQ(text.size(), 5u);
    EXPECT_EQ(ParseClock(text), m) << text;
  }
  EXPECT_EQ(FormatClock(510), "08:30");
  EXPECT_EQ(FormatClock(1440), "24:00");
}

TEST(FormatClock, KeepsNegativeMinutesReadable) { EXPECT_EQ(FormatClock(-5), "-00:05"); }

TEST(ParseTimeRange, ParsesBeginAndEnd) {
  EXPECT_EQ(ParseTimeRange("08:00-12:30"), (TimeRange{480, 750}));
  EXPECT_EQ(ParseTimeRange("00:00-24:00"), (TimeRange{0, 1440}));
}

TEST(ParseTimeRange, RejectsEmptyReversedAndMalformedRanges) {
  for (const char* text :
       {"12:00-08:00", "08:00-08:00", "08:00", "08:00-", "-12:00", "08:00-12:30x", "8:00-12:30",
        "08:00 - 12:30", "08:00-12:03", "08:00\u201312:00"}) {  // an en dash, not a hyphen
    const auto r = ParseTimeRange(text);
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(ParseTimeRange, NamesTheWholeRangeInErrors) {
  EXPECT_EQ(ParseTimeRange("12:00-08:00").error().message,
            "range '12:00-08:00' does not end after it begins");
  EXPECT_EQ(ParseTimeRange("7:00-08:00").error().message,
            "range '7:00-08:00': '7:00' is not HH:MM");
}

TEST(FormatTimeRange, RoundTrips) {
  const TimeRange r{420, 1140};
  EXPECT_EQ(FormatTimeRange(r), "07:00-19:00");
  EXPECT_EQ(ParseTimeRange(FormatTimeRange(r)), r);
}

TEST(TimeRange, ComparesContainmentAndOverlapHalfOpen) {
  const TimeRange morning{480, 720};
  EXPECT_TRUE(morning.Contains({480, 720}));
  EXPECT_FALSE(morning.Contains({475, 720}));
  EXPECT_TRUE(morning.Overlaps({715, 800}));
  EXPECT_FALSE(morning.Overlaps({720, 800}));  // touching is not overlapping
  EXPECT_EQ(morning.FirstTick(), 96);
  EXPECT_EQ(morning.EndTick(), 144);
  EXPECT_EQ(morning.Minutes(), 240);
}

// ---- days ----

TEST(ParseDay, ParsesStrictIsoDates) {
  EXPECT_EQ(ParseDay("2026-03-02"), absl::CivilDay(2026, 3, 2));
  EXPECT_EQ(ParseDay("2024-02-29"), absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(ParseDay("2000-02-29"), absl::CivilDay(2000, 2, 29));
  EXPECT_EQ(ParseDay("1900-01-01"), absl::CivilDay(1900, 1, 1));
  EXPECT_EQ(ParseDay("2199-12-31"), absl::CivilDay(2199, 12, 31));
}

TEST(ParseDay, RejectsDaysThatDoNotExist) {
  for (const char* text : {"2026-02-30", "2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01",
                           "2026-00-10", "2026-01-00", "2026-01-32"}) {
    EXPECT_FALSE(ParseDay(text).has_value()) << text;
  }
}

TEST(ParseDay, RejectsLooseSpellings) {
  for (const char* text :
       {"2026-1-5", "2026-01-5", "26-01-05", "20260105", "2026/01/05", "2026-01-05x",
        "2026-01-05T00:00", " 2026-01-05", "2026-01-05 ", "+2026-01-05", "2026-01-0a", ""}) {
    const auto r = ParseDay(text);
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(ParseDay, RejectsYearsOutsideTheSupportedRange) {
  EXPECT_FALSE(ParseDay("1899-12-31").has_value());
  EXPECT_FALSE(ParseDay("2200-01-01").has_value());
}

TEST(FormatDay, RoundTripsEveryDayFrom1990To2100) {
  for (absl::CivilDay d(1990, 1, 1); d <= absl::CivilDay(2100, 12, 31); ++d) {
    const std::string text = FormatDay(d);
    ASSERT_EQ(ParseDay(text), d) << text;
  }
  EXPECT_EQ(FormatDay(absl::CivilDay(2026, 1, 5)), "2026-01-05");
}

TEST(WeekdayIndex, CountsFromMondayZero) {
  EXPECT_EQ(WeekdayIndex(absl::CivilDay(2026, 3, 2)), 0);  // a Monday
  EXPECT_EQ(WeekdayIndex(absl::CivilDay(2026, 3, 7)), 5);
  EXPECT_EQ(WeekdayIndex(absl::CivilDay(2026, 3, 8)), 6);
  for (absl::CivilDay d(2026, 1, 1); d < absl::CivilDay(2027, 1, 1); ++d) {
    EXPECT_EQ(WeekdayIndex(d + 1), (WeekdayIndex(d) + 1) % 7);
  }
}

// ---- instants ----

TEST(ParseInstant, ParsesOffsetsAndZulu) {
  EXPECT_EQ(ParseInstant("2026-03-02T08:30:00+01:00"), Utc(2026, 3, 2, 7, 30));
  EXPECT_EQ(ParseInstant("2026-03-02T07:30:00Z"), Utc(2026, 3, 2, 7, 30));
  EXPECT_EQ(ParseInstant("2026-03-02T02:00:00-05:30"), Utc(2026, 3, 2, 7, 30));
  EXPECT_EQ(ParseInstant("2026-03-02T07:30:00-00:00"), Utc(2026, 3, 2, 7, 30));
  EXPECT_EQ(ParseInstant("2026-12-31T23:30:00-01:00"), Utc(2027, 1, 1, 0, 30));
}

TEST(ParseInstant, ParsesFractionsUpToNanoseconds) {
  EXPECT_EQ(ParseInstant("2026-03-02T07:30:00.5Z"),
            Utc(2026, 3, 2, 7, 30) + absl::Milliseconds(500));
  EXPECT_EQ(ParseInstant("2026-03-02T07:30:00.123456789Z"),
            Utc(2026, 3, 2, 7, 30) + absl::Nanoseconds(123456789));
}

TEST(ParseInstant, RejectsAnythingButRfc3339) {
  for (const char* text : {"2026-03-02 08:30:00Z",
                           "2026-03-02t08:30:00Z",
                           "2026-03-02T08:30:00z",
                           "2026-03-02T08:30Z",
                           "2026-03-02T08:30:00",
                           "2026-03-02T08:30:00+0100",
                           "2026-03-02T08:30:00+01",
                           "2026-03-02T08:30:00+1:00",
                           "2026-03-02T24:00:00Z",
                           "2026-03-02T08:60:00Z",
                           "2026-03-02T08:30:60Z",
                           "2026-02-30T08:00:00Z",
                           "2026-03-02T08:30:00.Z",
                           "2026-03-02T08:30:00.1234567890Z",
                           "2026-03-02T08:30:00Zjunk",
                           "2026-03-02T08:30:00+01:00 ",
                           "2026-3-02T08:30:00Z",
                           "2026-03-02T08:30:00+24:00",
                           "2026-03-02T08:30:00+01:60",
                           "2026-03-02",
                           ""}) {
    const auto r = ParseInstant(text);
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(FormatInstant, WritesTheZoneOffsetOfThatInstant) {
  EXPECT_EQ(FormatInstant(Utc(2026, 3, 2, 7, 30), Berlin()), "2026-03-02T08:30:00+01:00");
  EXPECT_EQ(FormatInstant(Utc(2026, 7, 2, 6, 30), Berlin()), "2026-07-02T08:30:00+02:00");
  EXPECT_EQ(FormatInstant(Utc(2026, 7, 2, 6, 30), absl::UTCTimeZone()),
            "2026-07-02T06:30:00+00:00");
}

TEST(FormatInstant, DropsFractionsOfASecond) {
  EXPECT_EQ(FormatInstant(Utc(2026, 3, 2, 7, 30) + absl::Milliseconds(999), Berlin()),
            "2026-03-02T08:30:00+01:00");
}

TEST(FormatInstant, RoundTripsThroughParseInstantAcrossAYear) {
  for (absl::Time t = Utc(2026, 1, 1, 0, 0); t < Utc(2027, 1, 1, 0, 0); t += absl::Minutes(37)) {
    ASSERT_EQ(ParseInstant(FormatInstant(t, Berlin())), t) << FormatInstant(t, Berlin());
  }
}

// ---- civil minutes and instants in Europe/Berlin ----

TEST(DayLength, IsTwentyThreeHoursOnSpringForwardDays) {
  EXPECT_EQ(DayLength(absl::CivilDay(2026, 3, 29), Berlin()), absl::Hours(23));
  EXPECT_EQ(DayLength(absl::CivilDay(2025, 3, 30), Berlin()), absl::Hours(23));
}

TEST(DayLength, IsTwentyFiveHoursOnFallBackDays) {
  EXPECT_EQ(DayLength(absl::CivilDay(2026, 10, 25), Berlin()), absl::Hours(25));
  EXPECT_EQ(DayLength(absl::CivilDay(2025, 10, 26), Berlin()), absl::Hours(25));
}

TEST(DayLength, IsTwentyFourHoursOnEveryOtherDay) {
  const absl::CivilDay changes[] = {absl::CivilDay(2025, 3, 30), absl::CivilDay(2025, 10, 26),
                                    absl::CivilDay(2026, 3, 29), absl::CivilDay(2026, 10, 25)};
  for (absl::CivilDay d(2025, 1, 1); d < absl::CivilDay(2027, 1, 1); ++d) {
    if (std::find(std::begin(changes), std::end(changes), d) != std::end(changes)) continue;
    ASSERT_EQ(DayLength(d, Berlin()), absl::Hours(24)) << FormatDay(d);
  }
}

TEST(DayLength, IsAlwaysTwentyFourHoursInUtc) {
  EXPECT_EQ(DayLength(absl::CivilDay(2026, 3, 29), absl::UTCTimeZone()), absl::Hours(24));
}

TEST(ToInstant, MapsAMinuteSkippedInSpringToTheJump) {
  const absl::Time t = ToInstant(absl::CivilMinute(2026, 3, 29, 2, 30), Berlin());
  EXPECT_EQ(t, Utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(FormatInstant(t, Berlin()), "2026-03-29T03:00:00+02:00");
  EXPECT_EQ(ToInstant(absl::CivilMinute(2026, 3, 29, 2, 0), Berlin()), t);
  EXPECT_EQ(ToInstant(absl::CivilMinute(2026, 3, 29, 3, 0), Berlin()), t);
  EXPECT_EQ(FormatInstant(ToInstant(absl::CivilDay(2026, 3, 29), 115, Berlin()), Berlin()),
            "2026-03-29T01:55:00+01:00");
}

TEST(ToInstant, MapsAMinuteRepeatedInAutumnToItsFirstOccurrence) {
  const absl::Time t = ToInstant(absl::CivilMinute(2026, 10, 25, 2, 30), Berlin());
  EXPECT_EQ(t, Utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(FormatInstant(t, Berlin()), "2026-10-25T02:30:00+02:00");
  EXPECT_EQ(FormatInstant(ToInstant(absl::CivilMinute(2026, 10, 25, 3, 0), Berlin()), Berlin()),
            "2026-10-25T03:00:00+01:00");
}

TEST(ToInstant, NeverGoesBackwardsAcrossTheChangeDays) {
  for (const absl::CivilDay day : {absl::CivilDay(2026, 3, 29), absl::CivilDay(2026, 10, 25)}) {
    absl::Time previous = absl::InfinitePast();
    for (int m = 0; m <= kMinutesPerDay; m += kTickMinutes) {
      const absl::Time t = ToInstant(day, m, Berlin());
      ASSERT_GE(t, previous) << FormatDay(day) << " " << FormatClock(m);
      previous = t;
    }
  }
}

TEST(ToInstant, TreatsMinute1440AsTheNextMidnight) {
  const absl::CivilDay day(2026, 3, 28);
  EXPECT_EQ(ToInstant(day, kMinutesPerDay, Berlin()), ToInstant(day + 1, 0, Berlin()));
}

// Every minute of three years, in Berlin, in UTC and in zones whose clocks change at midnight
// (the day's first minute is skipped or repeated); days visited in turn and then out of order.
TEST(DayInstants, AgreesWithToInstantOnEveryMinuteIncludingChangeDays) {
  for (const char* name : {"Europe/Berlin", "UTC", "America/Santiago", "Asia/Beirut"}) {
    absl::TimeZone zone;
    ASSERT_TRUE(absl::LoadTimeZone(name, &zone)) << name;
    DayInstants instants(zone);
    for (absl::CivilDay day(2025, 1, 1); day < absl::CivilDay(2028, 1, 1); ++day) {
      for (int m = 0; m <= kMinutesPerDay; ++m) {
        ASSERT_EQ(instants.At(day, m), ToInstant(day, m, zone))
            << name << " " << FormatDay(day) << " " << FormatClock(m);
      }
    }
    for (const absl::CivilDay day : {absl::CivilDay(2026, 10, 25), absl::CivilDay(2026, 3, 28),
                                     absl::CivilDay(2026, 3, 29), absl::CivilDay(2026, 3, 28)}) {
      for (int m = 0; m <= kMinutesPerDay; m += kTickMinutes) {
        ASSERT_EQ(instants.At(day, m), ToInstant(day, m, zone)) << name << " " << FormatDay(day);
      }
    }
  }
}

TEST(ToCivilMinute, RoundTripsEveryTickOnOrdinaryDays) {
  for (absl::CivilDay day(2026, 1, 1); day < absl::CivilDay(2026, 1, 15); ++day) {
    for (int m = 0; m < kMinutesPerDay; m += kTickMinutes) {
      const absl::CivilMinute civil = absl::CivilMinute(day) + m;
      ASSERT_EQ(ToCivilMinute(ToInstant(civil, Berlin()), Berlin()), civil);
    }
  }
}

TEST(ToCivilMinute, RoundTripsTheChangeDaysExceptTheSkippedHour) {
  const absl::CivilDay spring(2026, 3, 29);
  const absl::CivilDay autumn(2026, 10, 25);
  for (int m = 0; m < kMinutesPerDay; m += kTickMinutes) {
    const absl::CivilMinute s = absl::CivilMinute(spring) + m;
    const absl::CivilMinute back = ToCivilMinute(ToInstant(s, Berlin()), Berlin());
    if (s.hour() == 2) {
      EXPECT_EQ(back, absl::CivilMinute(2026, 3, 29, 3, 0));
    } else {
      EXPECT_EQ(back, s);
    }
    const absl::CivilMinute a = absl::CivilMinute(autumn) + m;
    EXPECT_EQ(ToCivilMinute(ToInstant(a, Berlin()), Berlin()), a);
  }
}

TEST(ToCivilMinute, SeesBothPassesThroughTheRepeatedHour) {
  const absl::CivilMinute first = ToCivilMinute(Utc(2026, 10, 25, 0, 30), Berlin());
  const absl::CivilMinute second = ToCivilMinute(Utc(2026, 10, 25, 1, 30), Berlin());
  EXPECT_EQ(first, absl::CivilMinute(2026, 10, 25, 2, 30));
  EXPECT_EQ(second, absl::CivilMinute(2026, 10, 25, 2, 30));
}

}  // namespace
}  // namespace amtszeit

namespace amtszeit {
namespace {

TEST(FormatLocal, MatchesFormatInstantAcrossTheYear) {
  absl::TimeZone berlin;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &berlin));
  for (absl::CivilDay d(2026, 1, 1); d < absl::CivilDay(2027, 1, 1); d += 7) {
    for (int minute : {0, 7 * 60, 12 * 60 + 35, 18 * 60 + 55}) {
      const absl::Time t = ToInstant(d, minute, berlin);
      EXPECT_EQ(FormatLocal(d, minute, berlin.At(t).offset), FormatInstant(t, berlin));
    }
  }
  EXPECT_EQ(FormatLocal(absl::CivilDay(2026, 3, 2), 510, 3600), "2026-03-02T08:30:00+01:00");
  EXPECT_EQ(FormatLocal(absl::CivilDay(2026, 7, 2), 0, -4 * 3600 - 1800),
            "2026-07-02T00:00:00-04:30");
}

}  // namespace
}  // namespace amtszeit
