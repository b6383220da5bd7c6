#include "amtszeit/domain/opening_hours.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace amtszeit {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr TimeRange kDay{420, 1140};        // 07:00-19:00
constexpr TimeRange kMorning{480, 720};     // 08:00-12:00
constexpr TimeRange kAfternoon{840, 1080};  // 14:00-18:00

absl::CivilDay Day(int y, int m, int d) { return absl::CivilDay(y, m, d); }

const HolidayCalendar& Holidays() {
  static const HolidayCalendar calendar(2025, 2027);
  return calendar;
}

// Monday to Friday 07:00-19:00, Thursday with a lunch break, weekends closed.
OpeningHours Harburg() {
  OpeningHours h;
  for (int d = 0; d < 5; ++d) h.weekly[d] = {kDay};
  h.weekly[3] = {kMorning, kAfternoon};
  return h;
}

// ---- OpenOn ----

TEST(OpeningHours, FollowsTheWeeklyRuleOnOrdinaryDays) {
  const OpeningHours h = Harburg();
  EXPECT_THAT(h.OpenOn(Day(2026, 3, 2), Holidays()), ElementsAre(kDay));                  // Monday
  EXPECT_THAT(h.OpenOn(Day(2026, 3, 5), Holidays()), ElementsAre(kMorning, kAfternoon));  // Thu
  EXPECT_THAT(h.OpenOn(Day(2026, 3, 7), Holidays()), IsEmpty());  // Saturday
  EXPECT_THAT(h.OpenOn(Day(2026, 3, 8), Holidays()), IsEmpty());  // Sunday
}

TEST(OpeningHours, ClosesOnPublicHolidays) {
  const OpeningHours h = Harburg();
  EXPECT_THAT(h.OpenOn(Day(2026, 5, 1), Holidays()), IsEmpty());   // Tag der Arbeit, a Friday
  EXPECT_THAT(h.OpenOn(Day(2026, 5, 14), Holidays()), IsEmpty());  // Christi Himmelfahrt, Thursday
}

TEST(OpeningHours, StaysOpenOnPublicHolidaysWhenToldTo) {
  OpeningHours h = Harburg();
  h.closed_on_public_holidays = false;
  EXPECT_THAT(h.OpenOn(Day(2026, 5, 1), Holidays()), ElementsAre(kDay));
}

TEST(OpeningHours, LetsAnExceptionOpenOnAPublicHoliday) {
  OpeningHours h = Harburg();
  h.exceptions.push_back({Day(2026, 5, 14), {{600, 840}}, "Sonderöffnung"});
  EXPECT_THAT(h.OpenOn(Day(2026, 5, 14), Holidays()), ElementsAre(TimeRange{600, 840}));
}

TEST(OpeningHours, LetsAnExceptionCloseOrChangeAWeekday) {
  OpeningHours h = Harburg();
  h.exceptions.push_back({Day(2026, 12, 24), {}, "Heiligabend"});
  h.exceptions.push_back({Day(2026, 12, 23), {{420, 720}}, "kurzer Tag"});
  h.exceptions.push_back({Day(2026, 12, 5), {kMorning}, "Samstagsöffnung"});
  EXPECT_THAT(h.OpenOn(Day(2026, 12, 24), Holidays()), IsEmpty());
  EXPECT_THAT(h.OpenOn(Day(2026, 12, 23), Holidays()), ElementsAre(TimeRange{420, 720}));
  EXPECT_THAT(h.OpenOn(Day(2026, 12, 5), Holidays()), ElementsAre(kMorning));
  EXPECT_THAT(h.OpenOn(Day(2026, 12, 22), Holidays()), ElementsAre(kDay));
}

TEST(OpeningHours, LetsAClosureOverrideAnException) {
  OpeningHours h = Harburg();
  h.exceptions.push_back({Day(2026, 5, 14), {{600, 840}}, "Sonderöffnung"});
  h.closures.push_back({Day(2026, 5, 11), Day(2026, 5, 22), "Umzug"});
  EXPECT_THAT(h.OpenOn(Day(2026, 5, 14), Holidays()), IsEmpty());
}

TEST(OpeningHours, CountsBothEndsOfAClosure) {
  OpeningHours h = Harburg();
  h.closures.push_back({Day(2026, 3, 3), Day(2026, 3, 5), "Umbau"});
  EXPECT_THAT(h.OpenOn(Day(2026, 3, 2), Holidays()), ElementsAre(kDay));
  EXPECT_THAT(h.OpenOn(Day(2026, 3, 3), Holidays()), IsEmpty());
  EXPECT_THAT(h.OpenOn(Day(2026, 3, 5), Holidays()), IsEmpty());
  EXPECT_THAT(h.OpenOn(Day(2026, 3, 6), Holidays()), ElementsAre(kDay));
}

TEST(OpeningHours, ReturnsSortedMergedRangesEvenFromUnvalidatedData) {
  OpeningHours h;
  h.weekly[0] = {kAfternoon, {720, 840}, kMorning, {900, 900}};
  EXPECT_THAT(h.OpenOn(Day(2026, 3, 2), Holidays()), ElementsAre(TimeRange{480, 1080}));
  h.weekly[0] = {kAfternoon, kMorning};
  EXPECT_THAT(h.OpenOn(Day(2026, 3, 2), Holidays()), ElementsAre(kMorning, kAfternoon));
}

// ---- IsOpen ----

TEST(OpeningHours, IsOpenForARangeInsideOneOpenRange) {
  const OpeningHours h = Harburg();
  EXPECT_TRUE(h.IsOpen(Day(2026, 3, 2), kDay, Holidays()));
  EXPECT_TRUE(h.IsOpen(Day(2026, 3, 2), {420, 425}, Holidays()));
  EXPECT_TRUE(h.IsOpen(Day(2026, 3, 2), {1135, 1140}, Holidays()));
  EXPECT_FALSE(h.IsOpen(Day(2026, 3, 2), {415, 425}, Holidays()));
  EXPECT_FALSE(h.IsOpen(Day(2026, 3, 2), {1135, 1145}, Holidays()));
}

TEST(OpeningHours, IsNotOpenAcrossALunchBreak) {
  const OpeningHours h = Harburg();
  EXPECT_TRUE(h.IsOpen(Day(2026, 3, 5), {600, 720}, Holidays()));
  EXPECT_FALSE(h.IsOpen(Day(2026, 3, 5), {700, 850}, Holidays()));
  EXPECT_FALSE(h.IsOpen(Day(2026, 3, 5), {740, 800}, Holidays()));
}

TEST(OpeningHours, IsNotOpenOnClosedDaysOrForEmptyRanges) {
  const OpeningHours h = Harburg();
  EXPECT_FALSE(h.IsOpen(Day(2026, 3, 7), kMorning, Holidays()));
  EXPECT_FALSE(h.IsOpen(Day(2026, 5, 1), kMorning, Holidays()));
  EXPECT_FALSE(h.IsOpen(Day(2026, 3, 2), {600, 600}, Holidays()));
}

TEST(OpeningHours, IsOpenAcrossRangesThatTouch) {
  OpeningHours h;
  h.weekly[0] = {{480, 720}, {720, 900}};
  EXPECT_TRUE(h.IsOpen(Day(2026, 3, 2), {700, 740}, Holidays()));
}

// ---- validation ----

TEST(ValidateOpeningHours, AcceptsWellFormedHours) {
  OpeningHours h = Harburg();
  h.exceptions.push_back({Day(2026, 12, 24), {}, "Heiligabend"});
  h.exceptions.push_back({Day(2026, 12, 31), {{420, 720}}, "Silvester"});
  h.closures.push_back({Day(2026, 8, 1), Day(2026, 8, 1), "Umzug"});
  EXPECT_TRUE(ValidateOpeningHours(h).has_value());
  EXPECT_TRUE(ValidateOpeningHours(OpeningHours{}).has_value());
}

TEST(ValidateOpeningHours, AcceptsRangesThatTouch) {
  OpeningHours h;
  h.weekly[2] = {{480, 720}, {720, 900}};
  EXPECT_TRUE(ValidateOpeningHours(h).has_value());
}

void ExpectInvalid(const OpeningHours& h, const std::string& message) {
  const auto r = ValidateOpeningHours(h);
  ASSERT_FALSE(r.has_value()) << message;
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, message);
}

TEST(ValidateOpeningHours, RejectsRangesOffTheGrid) {
  OpeningHours h = Harburg();
  h.weekly[1] = {{483, 720}};
  ExpectInvalid(h,
                "weekly hours on Tuesday: 08:03-12:00 is not on the 5-minute grid between "
                "00:00 and 24:00");
  h.weekly[1] = {{480, 1445}};
  ExpectInvalid(h,
                "weekly hours on Tuesday: 08:00-24:05 is not on the 5-minute grid between "
                "00:00 and 24:00");
  h.weekly[1] = {{-5, 720}};
  EXPECT_FALSE(ValidateOpeningHours(h).has_value());
}

TEST(ValidateOpeningHours, RejectsEmptyRanges) {
  OpeningHours h = Harburg();
  h.weekly[6] = {{720, 720}};
  ExpectInvalid(h, "weekly hours on Sunday: 12:00-12:00 does not end after it begins");
}

TEST(ValidateOpeningHours, RejectsOverlappingRanges) {
  OpeningHours h = Harburg();
  h.weekly[0] = {kMorning, {700, 900}};
  ExpectInvalid(h, "weekly hours on Monday: 11:40-15:00 overlaps 08:00-12:00");
}

TEST(ValidateOpeningHours, RejectsUnsortedRanges) {
  OpeningHours h = Harburg();
  h.weekly[4] = {kAfternoon, kMorning};
  ExpectInvalid(h,
                "weekly hours on Friday: 08:00-12:00 is listed after the later range "
                "14:00-18:00");
}

TEST(ValidateOpeningHours, RejectsTwoExceptionsForOneDay) {
  OpeningHours h = Harburg();
  h.exceptions.push_back({Day(2026, 12, 24), {}, "Heiligabend"});
  h.exceptions.push_back({Day(2026, 12, 24), {kMorning}, "doch offen"});
  ExpectInvalid(h, "exception on 2026-12-24: the day has more than one exception");
}

TEST(ValidateOpeningHours, ChecksTheRangesOfExceptions) {
  OpeningHours h = Harburg();
  h.exceptions.push_back({Day(2026, 12, 31), {{720, 420}}, "Silvester"});
  ExpectInvalid(h, "exception on 2026-12-31: 12:00-07:00 does not end after it begins");
}

TEST(ValidateOpeningHours, RejectsAClosureEndingBeforeItStarts) {
  OpeningHours h = Harburg();
  h.closures.push_back({Day(2026, 8, 10), Day(2026, 8, 1), "Umzug"});
  ExpectInvalid(h, "closure 2026-08-10 to 2026-08-01 ('Umzug') ends before it starts");
}

}  // namespace
}  // namespace amtszeit
