#include "amtszeit/domain/validation.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace amtszeit {
namespace {

constexpr absl::CivilDay kTuesday{2026, 12, 1};

const HolidayCalendar& Holidays() {
  static const HolidayCalendar calendar(2025, 2027);
  return calendar;
}

Location MakeLocation(const char* id, const char* district,
                      const std::vector<TimeRange>& weekday_hours) {
  Location l;
  l.id = id;
  l.name = std::string("Kundenzentrum ") + id;
  l.district_id = district;
  l.geo = {53.46, 9.98};
  l.counters = 8;
  for (int d = 0; d < 5; ++d) l.hours.weekly[d] = weekday_hours;
  return l;
}

Service MakeService(const char* id, int minutes, const char* skill) {
  Service s;
  s.id = id;
  s.name_de = id;
  s.duration_minutes = minutes;
  s.skill = skill;
  return s;
}

Catalog TestCatalog() {
  Catalog c;
  c.districts = {{"harburg", "Harburg"}, {"altona", "Altona"}};
  c.locations.push_back(MakeLocation("kz-harburg", "harburg", {{420, 1140}}));
  c.locations.push_back(MakeLocation("kz-altona", "altona", {{480, 720}, {780, 960}}));
  c.services.push_back(MakeService("reisepass", 20, "pass"));
  c.services.push_back(MakeService("ummeldung", 10, "melde"));
  c.services.back().legal_deadline_days = 14;
  Service online = MakeService("meldebescheinigung", 5, "");
  online.needs_presence = false;
  online.online_url = "https://example.org/meldebescheinigung";
  c.services.push_back(online);
  return c;
}

Staff MakeStaff(const char* id, std::vector<std::string> skills = {"pass"}) {
  return {.id = id,
          .display_name = id,
          .home_district_id = "harburg",
          .home_location_id = "kz-harburg",
          .skills = std::move(skills)};
}

Roster TestRoster() {
  Roster r;
  r.staff = {MakeStaff("st-0001", {"pass", "melde"}), MakeStaff("st-0042")};
  return r;
}

Shift MakeShift(std::int64_t id, const char* staff, TimeRange time,
                const char* location = "kz-harburg", absl::CivilDay day = kTuesday,
                ShiftMode mode = ShiftMode::kAppointments) {
  return {
      .id = id, .staff_id = staff, .location_id = location, .day = day, .time = time, .mode = mode};
}

template <typename T>
void ExpectError(const Result<T>& r, const std::string& message) {
  ASSERT_FALSE(r.has_value()) << "expected: " << message;
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, message);
}

// ---- catalogue ----

TEST(ValidateCatalog, AcceptsAConsistentCatalogue) {
  EXPECT_TRUE(ValidateCatalog(TestCatalog()).has_value());
  EXPECT_TRUE(ValidateCatalog(Catalog{}).has_value());
}

TEST(ValidateCatalog, RejectsDuplicateIds) {
  Catalog c = TestCatalog();
  c.districts.push_back({"altona", "Altona again"});
  ExpectError(ValidateCatalog(c), "district 'altona' is listed twice");
  c = TestCatalog();
  c.locations.push_back(c.locations[0]);
  ExpectError(ValidateCatalog(c), "location 'kz-harburg' is listed twice");
  c = TestCatalog();
  c.services.push_back(c.services[1]);
  ExpectError(ValidateCatalog(c), "service 'ummeldung' is listed twice");
}

TEST(ValidateCatalog, RejectsMissingIdsAndNames) {
  Catalog c = TestCatalog();
  c.services[1].id.clear();
  ExpectError(ValidateCatalog(c), "service #2 has no id");
  c = TestCatalog();
  c.districts[0].name.clear();
  ExpectError(ValidateCatalog(c), "district 'harburg' has no name");
  c = TestCatalog();
  c.locations[1].name.clear();
  ExpectError(ValidateCatalog(c), "location 'kz-altona' has no name");
  c = TestCatalog();
  c.services[0].name_de.clear();
  ExpectError(ValidateCatalog(c), "service 'reisepass' has no German name");
}

TEST(ValidateCatalog, RejectsALocationInAnUnknownDistrict) {
  Catalog c = TestCatalog();
  c.locations.push_back(MakeLocation("kz-x", "nowhere", {}));
  ExpectError(ValidateCatalog(c), "location 'kz-x': unknown district 'nowhere'");
}

TEST(ValidateCatalog, RejectsCoordinatesOffTheEarth) {
  Catalog c = TestCatalog();
  c.locations[0].geo = {91, 10};
  ExpectError(ValidateCatalog(c), "location 'kz-harburg': coordinates (91, 10) are not on Earth");
  c.locations[0].geo = {53.5, -180.5};
  EXPECT_FALSE(ValidateCatalog(c).has_value());
  c.locations[0].geo = {std::numeric_limits<double>::quiet_NaN(), 10};
  EXPECT_FALSE(ValidateCatalog(c).has_value());
}

TEST(ValidateCatalog, RejectsValidityDatesOutOfOrder) {
  Catalog c = TestCatalog();
  c.locations[0].valid_from = absl::CivilDay(2026, 5, 1);
  c.locations[0].valid_to = absl::CivilDay(2026, 4, 30);
  ExpectError(ValidateCatalog(c),
              "location 'kz-harburg': valid_from 2026-05-01 is after valid_to 2026-04-30");
  c.locations[0].valid_to = absl::CivilDay(2026, 5, 1);
  EXPECT_TRUE(ValidateCatalog(c).has_value());
}

TEST(ValidateCatalog, RejectsNegativeCounters) {
  Catalog c = TestCatalog();
  c.locations[1].counters = -1;
  ExpectError(ValidateCatalog(c), "location 'kz-altona': counters -1 is negative");
}

TEST(ValidateCatalog, NamesTheLocationWhoseHoursAreInvalid) {
  Catalog c = TestCatalog();
  c.locations[1].hours.weekly[2] = {{480, 720}, {700, 960}};
  ExpectError(ValidateCatalog(c),
              "location 'kz-altona': weekly hours on Wednesday: 11:40-16:00 overlaps 08:00-12:00");
}

TEST(ValidateCatalog, RejectsDurationsThatAreNotPositiveMultiplesOfFive) {
  Catalog c = TestCatalog();
  c.services[0].duration_minutes = -5;
  ExpectError(ValidateCatalog(c),
              "service 'reisepass': duration -5 is not a positive multiple of 5 minutes");
  c.services[0].duration_minutes = 0;
  EXPECT_FALSE(ValidateCatalog(c).has_value());
  c.services[0].duration_minutes = 17;
  ExpectError(ValidateCatalog(c),
              "service 'reisepass': duration 17 is not a positive multiple of 5 minutes");
  c.services[0].duration_minutes = 1445;
  ExpectError(ValidateCatalog(c), "service 'reisepass': duration 1445 is longer than a day");
}

TEST(ValidateCatalog, RequiresASkillForServicesThatNeedAVisit) {
  Catalog c = TestCatalog();
  c.services[0].skill.clear();
  ExpectError(ValidateCatalog(c),
              "service 'reisepass': needs a visit but names no skill staff must have");
}

TEST(ValidateCatalog, RequiresALinkForServicesDoneOnline) {
  Catalog c = TestCatalog();
  c.services[2].online_url.clear();
  ExpectError(ValidateCatalog(c),
              "service 'meldebescheinigung': needs no visit but has no online_url");
}

TEST(ValidateCatalog, RejectsANonPositiveLegalDeadline) {
  Catalog c = TestCatalog();
  c.services[1].legal_deadline_days = 0;
  ExpectError(ValidateCatalog(c), "service 'ummeldung': legal_deadline_days 0 is not positive");
}

// ---- staff ----

TEST(ValidateStaff, AcceptsKnownHomesAndSkills) {
  EXPECT_TRUE(ValidateStaff(MakeStaff("st-0001", {"pass", "melde"}), TestCatalog()).has_value());
  Staff floater = MakeStaff("st-0002");
  floater.home_location_id.clear();
  EXPECT_TRUE(ValidateStaff(floater, TestCatalog()).has_value());
}

TEST(ValidateStaff, RejectsUnknownHomes) {
  Staff s = MakeStaff("st-0001");
  s.home_district_id = "nowhere";
  ExpectError(ValidateStaff(s, TestCatalog()), "staff 'st-0001': unknown home district 'nowhere'");
  s = MakeStaff("st-0001");
  s.home_location_id = "kz-x";
  ExpectError(ValidateStaff(s, TestCatalog()), "staff 'st-0001': unknown home location 'kz-x'");
}

TEST(ValidateStaff, RejectsSkillsNoServiceNeeds) {
  ExpectError(ValidateStaff(MakeStaff("st-0001", {"pass", "zaubern"}), TestCatalog()),
              "staff 'st-0001': skill 'zaubern' is needed by no service");
}

TEST(ValidateStaff, RejectsAShareOfAPostOutsideZeroToOne) {
  Staff s = MakeStaff("st-0001");
  s.fte = 0;
  ExpectError(ValidateStaff(s, TestCatalog()), "staff 'st-0001': fte 0 is not in (0, 1]");
  s.fte = 1.5;
  EXPECT_FALSE(ValidateStaff(s, TestCatalog()).has_value());
  s.fte = 0.5;
  EXPECT_TRUE(ValidateStaff(s, TestCatalog()).has_value());
}

// ---- one shift ----

Result<void> Check(const Shift& shift, std::span<const Shift> others = {}) {
  return ValidateShift(shift, TestCatalog(), TestRoster(), others, Holidays());
}

TEST(ValidateShift, AcceptsAShiftInsideOpeningHours) {
  EXPECT_TRUE(Check(MakeShift(17, "st-0042", {420, 750})).has_value());
  EXPECT_TRUE(Check(MakeShift(17, "st-0042", {420, 1140})).has_value());
  EXPECT_TRUE(Check(MakeShift(18, "st-0042", {780, 960}, "kz-altona")).has_value());
}

TEST(ValidateShift, RejectsUnknownStaffAndLocations) {
  ExpectError(Check(MakeShift(17, "st-9999", {420, 750})),
              "shift 17 of st-9999 on 2026-12-01 (07:00-12:30) names an unknown staff member");
  ExpectError(Check(MakeShift(17, "st-0042", {420, 750}, "kz-x")),
              "shift 17 of st-0042 on 2026-12-01 (07:00-12:30) names an unknown location 'kz-x'");
}

TEST(ValidateShift, RejectsTimesOffTheGridOrEmpty) {
  ExpectError(Check(MakeShift(17, "st-0042", {422, 750})),
              "shift 17 of st-0042 on 2026-12-01 (07:02-12:30) is not on the 5-minute grid "
              "between 00:00 and 24:00");
  ExpectError(Check(MakeShift(17, "st-0042", {750, 420})),
              "shift 17 of st-0042 on 2026-12-01 (12:30-07:00) does not end after it begins");
}

TEST(ValidateShift, RejectsABreakOutsideTheShift) {
  Shift s = MakeShift(17, "st-0042", {420, 750});
  s.break_time = TimeRange{720, 780};
  ExpectError(Check(s),
              "shift 17 of st-0042 on 2026-12-01 (07:00-12:30) has a break 12:00-13:00 that is "
              "not a range on the grid inside the shift");
  s.break_time = TimeRange{720, 750};
  EXPECT_TRUE(Check(s).has_value());
  s.break_time = TimeRange{720, 720};
  EXPECT_FALSE(Check(s).has_value());
}

TEST(ValidateShift, RejectsAShiftStartingBeforeTheLocationOpens) {
  ExpectError(Check(MakeShift(17, "st-0042", {360, 720})),
              "shift 17 of st-0042 on 2026-12-01 (06:00-12:00) starts before kz-harburg opens "
              "(07:00-19:00)");
}

TEST(ValidateShift, RejectsAShiftEndingAfterTheLocationCloses) {
  ExpectError(Check(MakeShift(17, "st-0042", {720, 1200})),
              "shift 17 of st-0042 on 2026-12-01 (12:00-20:00) ends after kz-harburg closes "
              "(07:00-19:00)");
  ExpectError(Check(MakeShift(17, "st-0042", {600, 840}, "kz-altona")),
              "shift 17 of st-0042 on 2026-12-01 (10:00-14:00) ends after kz-altona closes "
              "(08:00-12:00, 13:00-16:00)");
}

TEST(ValidateShift, RejectsAShiftWhileTheLocationIsShut) {
  ExpectError(Check(MakeShift(17, "st-0042", {720, 780}, "kz-altona")),
              "shift 17 of st-0042 on 2026-12-01 (12:00-13:00) lies outside the hours kz-altona "
              "is open (08:00-12:00, 13:00-16:00)");
  ExpectError(
      Check(MakeShift(17, "st-0042", {480, 720}, "kz-harburg", absl::CivilDay(2026, 12, 5))),
      "shift 17 of st-0042 on 2026-12-05 (08:00-12:00) falls on a day kz-harburg is "
      "closed");
  ExpectError(
      Check(MakeShift(17, "st-0042", {480, 720}, "kz-harburg", absl::CivilDay(2026, 12, 25))),
      "shift 17 of st-0042 on 2026-12-25 (08:00-12:00) falls on a day kz-harburg is "
      "closed");
}

TEST(ValidateShift, RejectsAShiftWhereTheLocationIsNotInService) {
  Catalog catalog = TestCatalog();
  catalog.locations[0].status = LocationStatus::kPlanned;
  catalog.locations[0].valid_from = absl::CivilDay(2027, 1, 4);
  const auto r =
      ValidateShift(MakeShift(17, "st-0042", {480, 720}), catalog, TestRoster(), {}, Holidays());
  ExpectError(r,
              "shift 17 of st-0042 on 2026-12-01 (08:00-12:00) is at kz-harburg, which is not "
              "in service that day (status planned)");
}

TEST(ValidateShift, LetsBackOfficeWorkLieOutsideOpeningHoursButNotAtNight) {
  const absl::CivilDay saturday(2026, 12, 5);
  EXPECT_TRUE(
      Check(MakeShift(17, "st-0042", {360, 720}, "kz-harburg", kTuesday, ShiftMode::kBackOffice))
          .has_value());
  EXPECT_TRUE(
      Check(MakeShift(17, "st-0042", {360, 1320}, "kz-harburg", saturday, ShiftMode::kBackOffice))
          .has_value());
  ExpectError(
      Check(MakeShift(17, "st-0042", {300, 720}, "kz-harburg", kTuesday, ShiftMode::kBackOffice)),
      "shift 17 of st-0042 on 2026-12-01 (05:00-12:00) is back-office work outside "
      "06:00-22:00");
  EXPECT_FALSE(
      Check(MakeShift(17, "st-0042", {1200, 1325}, "kz-harburg", kTuesday, ShiftMode::kBackOffice))
          .has_value());
}

TEST(ValidateShift, HoldsWalkInAndExpressShiftsToOpeningHours) {
  for (ShiftMode mode : {ShiftMode::kWalkIn, ShiftMode::kExpress}) {
    EXPECT_FALSE(
        Check(MakeShift(17, "st-0042", {360, 720}, "kz-harburg", kTuesday, mode)).has_value());
  }
}

TEST(ValidateShift, RejectsAnOverlapWithTheSamePersonsOtherShifts) {
  const std::vector<Shift> others = {
      MakeShift(3, "st-0042", {420, 600}), MakeShift(5, "st-0001", {480, 720}),
      MakeShift(6, "st-0042", {480, 720}, "kz-harburg", absl::CivilDay(2026, 12, 2))};
  EXPECT_TRUE(Check(MakeShift(4, "st-0042", {600, 720}), others).has_value());
  ExpectError(Check(MakeShift(4, "st-0042", {540, 720}), others),
              "shifts 3 and 4 of st-0042 overlap on 2026-12-01");
  // Any location: the same person cannot be in Altona at the same time.
  ExpectError(Check(MakeShift(7, "st-0042", {480, 540}, "kz-altona"), others),
              "shifts 3 and 7 of st-0042 overlap on 2026-12-01");
}

TEST(ValidateShift, IgnoresTheStoredVersionOfTheShiftBeingEdited) {
  const std::vector<Shift> others = {MakeShift(4, "st-0042", {420, 600})};
  EXPECT_TRUE(Check(MakeShift(4, "st-0042", {480, 720}), others).has_value());
  // A new shift (id 0) is never the same as a stored one.
  const std::vector<Shift> unsaved = {MakeShift(0, "st-0042", {420, 600})};
  EXPECT_FALSE(Check(MakeShift(0, "st-0042", {480, 720}), unsaved).has_value());
}

// ---- absences ----

TEST(ValidateAbsence, AcceptsAKnownPersonsAbsence) {
  const Absence a{.id = 5,
                  .staff_id = "st-0001",
                  .first = absl::CivilDay(2026, 12, 1),
                  .last = absl::CivilDay(2026, 12, 1)};
  EXPECT_TRUE(ValidateAbsence(a, TestRoster()).has_value());
}

TEST(ValidateAbsence, RejectsUnknownStaffAndReversedDates) {
  const Absence unknown{.id = 5,
                        .staff_id = "st-9",
                        .first = absl::CivilDay(2026, 12, 1),
                        .last = absl::CivilDay(2026, 12, 2)};
  ExpectError(ValidateAbsence(unknown, TestRoster()),
              "absence 5 of st-9 (2026-12-01 to 2026-12-02) names an unknown staff member");
  const Absence reversed{.id = 6,
                         .staff_id = "st-0001",
                         .first = absl::CivilDay(2026, 12, 5),
                         .last = absl::CivilDay(2026, 12, 1)};
  ExpectError(ValidateAbsence(reversed, TestRoster()),
              "absence 6 of st-0001 (2026-12-05 to 2026-12-01) ends before it starts");
}

// ---- whole roster ----

TEST(ValidateRoster, AcceptsAConsistentRoster) {
  Roster r = TestRoster();
  r.shifts = {MakeShift(1, "st-0001", {420, 720}), MakeShift(2, "st-0001", {720, 960}),
              MakeShift(3, "st-0042", {480, 720}, "kz-altona")};
  r.absences = {{.id = 1,
                 .staff_id = "st-0042",
                 .first = absl::CivilDay(2026, 12, 2),
                 .last = absl::CivilDay(2026, 12, 4)}};
  EXPECT_TRUE(ValidateRoster(r, TestCatalog(), Holidays()).has_value());
}

TEST(ValidateRoster, RejectsOverlappingShiftsWhereverTheyAreListed) {
  Roster r = TestRoster();
  r.shifts = {MakeShift(4, "st-0001", {600, 840}), MakeShift(9, "st-0042", {420, 1140}),
              MakeShift(3, "st-0001", {420, 720})};
  ExpectError(ValidateRoster(r, TestCatalog(), Holidays()),
              "shifts 3 and 4 of st-0001 overlap on 2026-12-01");
}

TEST(ValidateRoster, FindsAnOverlapHiddenBehindALongShift) {
  Roster r = TestRoster();
  r.shifts = {MakeShift(1, "st-0001", {420, 1140}), MakeShift(2, "st-0001", {480, 540}),
              MakeShift(3, "st-0001", {1000, 1100})};
  ExpectError(ValidateRoster(r, TestCatalog(), Holidays()),
              "shifts 1 and 2 of st-0001 overlap on 2026-12-01");
}

TEST(ValidateRoster, RejectsDuplicateStaffAndShiftIds) {
  Roster r = TestRoster();
  r.staff.push_back(MakeStaff("st-0042"));
  ExpectError(ValidateRoster(r, TestCatalog(), Holidays()),
              "staff member 'st-0042' is listed twice");
  r = TestRoster();
  r.shifts = {MakeShift(7, "st-0001", {420, 600}), MakeShift(7, "st-0042", {420, 600})};
  ExpectError(ValidateRoster(r, TestCatalog(), Holidays()),
              "shift 7 of st-0042 on 2026-12-01 (07:00-10:00): shift id 7 is used twice");
}

TEST(ValidateRoster, ChecksEveryStaffMemberShiftAndAbsence) {
  Roster r = TestRoster();
  r.staff[1].skills = {"zaubern"};
  ExpectError(ValidateRoster(r, TestCatalog(), Holidays()),
              "staff 'st-0042': skill 'zaubern' is needed by no service");
  r = TestRoster();
  r.shifts = {MakeShift(1, "st-0001", {420, 720}), MakeShift(17, "st-0042", {360, 720})};
  ExpectError(ValidateRoster(r, TestCatalog(), Holidays()),
              "shift 17 of st-0042 on 2026-12-01 (06:00-12:00) starts before kz-harburg opens "
              "(07:00-19:00)");
  r.shifts = {MakeShift(1, "st-7", {420, 720})};
  ExpectError(ValidateRoster(r, TestCatalog(), Holidays()),
              "shift 1 of st-7 on 2026-12-01 (07:00-12:00) names an unknown staff member");
  r.shifts = {MakeShift(1, "st-0001", {420, 720}, "kz-x")};
  ExpectError(ValidateRoster(r, TestCatalog(), Holidays()),
              "shift 1 of st-0001 on 2026-12-01 (07:00-12:00) names an unknown location 'kz-x'");
  r.shifts.clear();
  r.absences = {{.id = 2,
                 .staff_id = "st-0001",
                 .first = absl::CivilDay(2026, 12, 5),
                 .last = absl::CivilDay(2026, 12, 1)}};
  ExpectError(ValidateRoster(r, TestCatalog(), Holidays()),
              "absence 2 of st-0001 (2026-12-05 to 2026-12-01) ends before it starts");
}

// Overlap detection by sorting must agree with the obvious quadratic check.
TEST(ValidateRoster, AgreesWithABruteForceOverlapCheck) {
  std::mt19937 rng(20261201);
  std::uniform_int_distribution<int> tick(72, 263);  // 06:00 to 21:55
  std::uniform_int_distribution<int> length(1, 30);
  std::uniform_int_distribution<int> pick(0, 1);
  for (int round = 0; round < 300; ++round) {
    Roster r = TestRoster();
    for (int i = 0; i < 6; ++i) {
      const int begin = tick(rng);
      const int end = std::min(begin + length(rng), 264);
      r.shifts.push_back(MakeShift(i + 1, pick(rng) == 0 ? "st-0001" : "st-0042",
                                   {begin * 5, end * 5}, "kz-harburg", kTuesday + pick(rng),
                                   ShiftMode::kBackOffice));
    }
    bool overlap = false;
    for (std::size_t i = 0; i < r.shifts.size(); ++i) {
      for (std::size_t j = i + 1; j < r.shifts.size(); ++j) {
        const Shift& a = r.shifts[i];
        const Shift& b = r.shifts[j];
        overlap |= a.staff_id == b.staff_id && a.day == b.day && a.time.Overlaps(b.time);
      }
    }
    const auto result = ValidateRoster(r, TestCatalog(), Holidays());
    ASSERT_EQ(result.has_value(), !overlap) << (result ? "" : result.error().message);
  }
}

// The demo roster has ~25,000 shifts; this must stay far from quadratic.
TEST(ValidateRoster, ChecksTwentyFiveThousandShiftsQuickly) {
  Roster r;
  for (int i = 0; i < 250; ++i) r.staff.push_back(MakeStaff(fmt::format("st-{:04}", i).c_str()));
  std::int64_t id = 0;
  int days = 0;
  for (absl::CivilDay day(2026, 1, 5); days < 50; ++day) {
    if (WeekdayIndex(day) >= 5 || Holidays().IsHoliday(day)) continue;
    ++days;
    for (const Staff& s : r.staff) {
      r.shifts.push_back(MakeShift(++id, "", {420, 720}, "kz-harburg", day));
      r.shifts.back().staff_id = s.id;
      r.shifts.push_back(MakeShift(++id, "", {750, 1140}, "kz-harburg", day));
      r.shifts.back().staff_id = s.id;
    }
  }
  ASSERT_EQ(r.shifts.size(), 25000u);
  EXPECT_TRUE(ValidateRoster(r, TestCatalog(), Holidays()).has_value());
  r.shifts.push_back(MakeShift(++id, "", {700, 760}, "kz-harburg", absl::CivilDay(2026, 2, 3)));
  r.shifts.back().staff_id = "st-0123";
  const auto result = ValidateRoster(r, TestCatalog(), Holidays());
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("of st-0123 overlap on 2026-02-03"), std::string::npos)
      << result.error().message;
}

}  // namespace
}  // namespace amtszeit
