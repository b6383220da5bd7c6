#include "amtszeit/dataset/dataset.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "amtszeit/domain/validation.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::dataset {
namespace {

using absl::CivilDay;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

const CivilDay kToday(2026, 11, 25);
const CivilDay kMonday(2026, 11, 30);  // a week without public holidays

const Dataset& Hamburg() {
  static const Dataset d = [] {
    auto loaded = LoadDataset(amtszeit::testing::HamburgData());
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message;
      return Dataset{};
    }
    return *loaded;
  }();
  return d;
}

const HolidayCalendar& Holidays() {
  static const HolidayCalendar calendar(2024, 2029);
  return calendar;
}

const Roster& Roster120() {
  static const Roster r =
      GenerateRoster(Hamburg().catalog, Hamburg().staffing, kToday, 120, 7, Holidays());
  return r;
}

bool HasException(const Location& l, CivilDay day) {
  return std::ranges::any_of(l.hours.exceptions,
                             [&](const OpeningException& e) { return e.day == day; });
}

// ---- the Hamburg data ----

TEST(HamburgData, LoadsAndValidates) {
  const Catalog& c = Hamburg().catalog;
  std::set<std::string> districts;
  for (const District& d : c.districts) districts.insert(d.id);
  EXPECT_EQ(districts, (std::set<std::string>{"hamburg-mitte", "altona", "eimsbuettel",
                                              "hamburg-nord", "wandsbek", "bergedorf", "harburg"}));
  EXPECT_GE(c.locations.size(), 18u);
  EXPECT_GE(c.services.size(), 25u);
  int in_service = 0;
  for (const Location& l : c.locations) in_service += l.InServiceOn(kToday);
  EXPECT_GE(in_service, 18);
  EXPECT_TRUE(ValidateCatalog(c));
  EXPECT_TRUE(ValidateSchoolHolidays(Hamburg().school_holidays));
  EXPECT_TRUE(ValidateStaffingPlan(Hamburg().staffing, c));
}

TEST(HamburgData, EveryDistrictHasACentreInService) {
  const Catalog& c = Hamburg().catalog;
  for (const District& d : c.districts) {
    EXPECT_TRUE(std::ranges::any_of(c.locations, [&](const Location& l) {
      return l.district_id == d.id && l.InServiceOn(kToday);
    })) << d.id;
  }
}

TEST(HamburgData, EveryCentreInServiceOpensAtLeastEightToSixOnWorkingDays) {
  for (const Location& l : Hamburg().catalog.locations) {
    for (int d = 0; d < 5; ++d) {
      EXPECT_TRUE(std::ranges::any_of(l.hours.weekly[d],
                                      [](const TimeRange& r) {
                                        return r.Contains({480, 1080});
                                      }))
          << l.id << " weekday " << d;
    }
    for (CivilDay day = kToday; day < CivilDay(2028, 1, 1); ++day) {
      if (!l.InServiceOn(day) || WeekdayIndex(day) >= 5 || Holidays().IsHoliday(day) ||
          HasException(l, day)) {
        continue;
      }
      ASSERT_TRUE(l.hours.IsOpen(day, {8 * 60, 18 * 60}, Holidays())) << l.id << " " << day;
    }
  }
}

TEST(HamburgData, SeveralCentresKeepTheSixtyHourWeek) {
  int sixty = 0;
  for (const Location& l : Hamburg().catalog.locations) {
    sixty += l.InServiceOn(kToday) && l.hours.IsOpen(kMonday, {7 * 60, 19 * 60}, Holidays());
  }
  EXPECT_GE(sixty, 5);
}

TEST(HamburgData, CentresCloseOnPublicHolidaysAndChristmasEve) {
  for (const Location& l : Hamburg().catalog.locations) {
    EXPECT_TRUE(l.hours.closed_on_public_holidays) << l.id;
    EXPECT_TRUE(l.hours.OpenOn(CivilDay(2026, 12, 25), Holidays()).empty()) << l.id;
    EXPECT_TRUE(l.hours.OpenOn(CivilDay(2026, 12, 24), Holidays()).empty()) << l.id;
    EXPECT_TRUE(l.hours.OpenOn(CivilDay(2026, 12, 31), Holidays()).empty()) << l.id;
  }
}

TEST(HamburgData, CaffamacherreiheIsActiveAndOpensOnSaturdays) {
  const Location* l = Hamburg().catalog.FindLocation("kz-caffamacherreihe");
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->status, LocationStatus::kActive);
  EXPECT_TRUE(l->InServiceOn(kToday));
  EXPECT_EQ(l->hours.OpenOn(CivilDay(2026, 12, 5), Holidays()),
            (std::vector<TimeRange>{{9 * 60, 15 * 60}}));
  EXPECT_EQ(l->counters, 24);
}

TEST(HamburgData, SitesReflectTheMovesAsOfToday) {
  const Catalog& c = Hamburg().catalog;
  auto in_service = [&](std::string_view id) {
    const Location* l = c.FindLocation(id);
    EXPECT_NE(l, nullptr) << id;
    return l != nullptr && l->InServiceOn(kToday);
  };
  EXPECT_TRUE(in_service("kz-altona"));
  EXPECT_THAT(c.FindLocation("kz-altona")->address.street, HasSubstr("Kühnehöfe"));
  EXPECT_FALSE(in_service("kz-altona-ottensen"));
  EXPECT_TRUE(c.FindLocation("kz-altona-ottensen")->valid_to.has_value());
  EXPECT_FALSE(in_service("kz-eimsbuettel-grindelberg"));
  EXPECT_FALSE(in_service("kz-nord-lenhartzstrasse"));
  EXPECT_TRUE(in_service("kz-eppendorf"));
  EXPECT_EQ(c.FindLocation("kz-eppendorf")->counters, 26);
  EXPECT_EQ(c.FindLocation("kz-eppendorf")->address.street, "Christoph-Probst-Weg 4");
  EXPECT_FALSE(in_service("kz-adolphsplatz"));
  EXPECT_EQ(c.FindLocation("kz-adolphsplatz")->status, LocationStatus::kPlanned);
  EXPECT_TRUE(in_service("kz-suederelbe"));
  for (const Location& l : c.locations) EXPECT_FALSE(l.note.empty()) << l.id;
}

TEST(HamburgData, ServicesCarryDeadlinesPrioritiesAndOnlineLinks) {
  const Catalog& c = Hamburg().catalog;
  const Service* anmeldung = c.FindService("anmeldung");
  ASSERT_NE(anmeldung, nullptr);
  EXPECT_EQ(anmeldung->legal_deadline_days, 14);
  EXPECT_TRUE(anmeldung->needs_presence);
  for (const char* id : {"reisepass", "kinderreisepass"}) {
    ASSERT_NE(c.FindService(id), nullptr) << id;
    EXPECT_EQ(c.FindService(id)->priority, PriorityRule::kPassportBeforeSummer) << id;
  }
  ASSERT_NE(c.FindService("abholung-ausweis-pass"), nullptr);
  EXPECT_TRUE(c.FindService("abholung-ausweis-pass")->express);
  const Service* fz = c.FindService("fuehrungszeugnis");
  ASSERT_NE(fz, nullptr);
  EXPECT_FALSE(fz->needs_presence);
  EXPECT_THAT(fz->online_url, HasSubstr("https://"));
  std::set<std::string> skills;
  for (const Service& s : c.services) {
    EXPECT_EQ(s.duration_minutes % kTickMinutes, 0) << s.id;
    EXPECT_GT(s.duration_minutes, 0) << s.id;
    EXPECT_FALSE(s.name_en.empty()) << s.id;
    if (!s.needs_presence) {
      EXPECT_THAT(s.online_url, HasSubstr("https://")) << s.id;
    }
    if (!s.leika.empty()) {
      EXPECT_EQ(s.leika.size(), 14u) << s.id;
    }
    skills.insert(s.skill);
  }
  EXPECT_EQ(skills, (std::set<std::string>{"ausweis", "melde", "auskunft", "fuehrerschein",
                                           "sonstiges", "auslaender"}));
}

TEST(HamburgData, SchoolHolidaysMatchTheFerienordnung) {
  SchoolCalendar school(Hamburg().school_holidays);
  const std::map<int, std::pair<CivilDay, CivilDay>> summers = {
      {2024, {CivilDay(2024, 7, 18), CivilDay(2024, 8, 28)}},
      {2025, {CivilDay(2025, 7, 24), CivilDay(2025, 9, 3)}},
      {2026, {CivilDay(2026, 7, 9), CivilDay(2026, 8, 19)}},
      {2027, {CivilDay(2027, 7, 1), CivilDay(2027, 8, 11)}},
      {2028, {CivilDay(2028, 7, 3), CivilDay(2028, 8, 11)}},
  };
  for (const auto& [year, dates] : summers) {
    auto summer = school.Summer(year);
    ASSERT_TRUE(summer) << year;
    EXPECT_EQ(summer->first, dates.first) << year;
    EXPECT_EQ(summer->last, dates.second) << year;
  }
  EXPECT_TRUE(school.InHolidays(CivilDay(2026, 10, 19)));  // Herbstferien
  EXPECT_TRUE(school.InHolidays(CivilDay(2027, 1, 29)));   // Halbjahrespause
  EXPECT_FALSE(school.InHolidays(CivilDay(2026, 11, 25)));
}

TEST(HamburgData, StaffingPlanFitsTheCentresInService) {
  const StaffingPlan& plan = Hamburg().staffing;
  int total = 0;
  std::set<std::string> staffed;
  for (const auto& ls : plan.locations) {
    total += ls.staff;
    staffed.insert(ls.location_id);
  }
  EXPECT_GE(total, 250);
  EXPECT_LE(total, 350);
  for (const Location& l : Hamburg().catalog.locations) {
    EXPECT_EQ(staffed.contains(l.id), l.InServiceOn(kToday)) << l.id;
  }
  EXPECT_NEAR(plan.sickness_rate, 0.08, 0.02);
}

// ---- the generated roster ----

TEST(RosterGenerator, MakesAValidPlausibleRoster) {
  const Roster& r = Roster120();
  EXPECT_GE(r.staff.size(), 250u);
  EXPECT_LE(r.staff.size(), 350u);
  EXPECT_EQ(r.staff.front().id, "st-0001");
  EXPECT_GT(r.shifts.size(), 15000u);
  auto valid = ValidateRoster(r, Hamburg().catalog, Holidays());
  EXPECT_TRUE(valid) << valid.error().message;
  for (const Staff& s : r.staff) {
    EXPECT_TRUE(s.HasSkill("melde") && s.HasSkill("ausweis")) << s.id;
    EXPECT_FALSE(s.home_location_id.empty());
    EXPECT_EQ(Hamburg().catalog.FindLocation(s.home_location_id)->district_id, s.home_district_id);
  }
}

TEST(RosterGenerator, SameSeedSameRosterOtherSeedOther) {
  const auto& c = Hamburg().catalog;
  const auto& p = Hamburg().staffing;
  EXPECT_EQ(GenerateRoster(c, p, kToday, 120, 7, Holidays()), Roster120());
  EXPECT_NE(GenerateRoster(c, p, kToday, 120, 8, Holidays()), Roster120());
}

TEST(RosterGenerator, EveryOpenWeekdayHasEarlyLateAndLunchAppointments) {
  const Roster& r = Roster120();
  std::map<std::pair<std::string, CivilDay>, std::array<bool, 3>> seen;  // early, late, lunch
  for (const Shift& s : r.shifts) {
    if (s.mode != ShiftMode::kAppointments) continue;
    auto& flags = seen[{s.location_id, s.day}];
    flags[0] = flags[0] || s.time.begin < 9 * 60;
    flags[1] = flags[1] || s.time.end > 17 * 60;
    const TimeRange lunch{12 * 60, 14 * 60};
    flags[2] =
        flags[2] || (s.time.Contains(lunch) && !(s.break_time && s.break_time->Overlaps(lunch)));
  }
  int checked = 0;
  for (const Location& l : Hamburg().catalog.locations) {
    for (CivilDay day = kToday; day < kToday + 120; ++day) {
      if (!l.InServiceOn(day) || WeekdayIndex(day) >= 5 ||
          l.hours.OpenOn(day, Holidays()).empty()) {
        continue;
      }
      const auto flags = seen[{l.id, day}];
      EXPECT_TRUE(flags[0]) << l.id << " " << day << " before 9";
      EXPECT_TRUE(flags[1]) << l.id << " " << day << " after 17";
      EXPECT_TRUE(flags[2]) << l.id << " " << day << " over lunch";
      ++checked;
    }
  }
  EXPECT_GT(checked, 18 * 70);
}

TEST(RosterGenerator, SaturdayCentreIsStaffedOnSaturdays) {
  int saturday_shifts = 0;
  for (const Shift& s : Roster120().shifts) {
    if (WeekdayIndex(s.day) != 5) continue;
    EXPECT_EQ(s.location_id, "kz-caffamacherreihe");
    EXPECT_TRUE(TimeRange(9 * 60, 15 * 60).Contains(s.time));
    ++saturday_shifts;
  }
  EXPECT_GT(saturday_shifts, 15 * 5);
}

TEST(RosterGenerator, NobodyWorksWhileAwayAndAbsencesArePlausible) {
  const Roster& r = Roster120();
  std::map<std::string, std::vector<const Absence*>> by_staff;
  int vacation = 0;
  int sick_days = 0;
  for (const Absence& a : r.absences) {
    by_staff[a.staff_id].push_back(&a);
    if (a.kind == AbsenceKind::kVacation) ++vacation;
    if (a.kind == AbsenceKind::kSick) sick_days += static_cast<int>(a.last - a.first) + 1;
  }
  for (const Shift& s : r.shifts) {
    for (const Absence* a : by_staff[s.staff_id]) {
      EXPECT_FALSE(a->Covers(s.day)) << s.staff_id << " works on " << s.day << " while away";
    }
  }
  // Two weeks in 120 days for nearly everyone; sickness near its rate.
  EXPECT_GT(vacation, static_cast<int>(r.staff.size() * 8 / 10));
  const double shift_days = static_cast<double>(r.shifts.size());
  EXPECT_GT(sick_days / shift_days, 0.03);
  EXPECT_LT(sick_days / shift_days, 0.15);
}

TEST(RosterGenerator, WeeklyHoursFollowTheContract) {
  const Roster& r = Roster120();
  std::map<std::string, int> minutes;
  std::set<std::string> away;
  for (const Absence& a : r.absences) {
    if (a.first <= kMonday + 5 && kMonday <= a.last) away.insert(a.staff_id);
  }
  for (const Shift& s : r.shifts) {
    if (s.day < kMonday || s.day > kMonday + 5) continue;
    minutes[s.staff_id] += s.time.Minutes() - (s.break_time ? s.break_time->Minutes() : 0);
  }
  int checked = 0;
  for (const Staff& s : r.staff) {
    if (away.contains(s.id)) continue;
    const double expected = s.fte * 40 * 60;
    EXPECT_GE(minutes[s.id], 0.8 * expected) << s.id << " fte " << s.fte;
    EXPECT_LE(minutes[s.id], 1.15 * expected) << s.id << " fte " << s.fte;
    ++checked;
  }
  EXPECT_GT(checked, 150);
}

TEST(RosterGenerator, NoPersonHasTwoShiftsADay) {
  std::set<std::pair<std::string, CivilDay>> seen;
  for (const Shift& s : Roster120().shifts) {
    EXPECT_TRUE(seen.insert({s.staff_id, s.day}).second) << s.staff_id << " " << s.day;
  }
}

TEST(RosterGenerator, CopesWithShortenedDaysOddStartsAndLongPeriods) {
  Catalog c = Hamburg().catalog;
  const CivilDay short_day(2026, 12, 30);
  const CivilDay extra_saturday(2026, 12, 12);
  for (Location& l : c.locations) {
    if (l.id == "kz-harburg") {
      l.hours.exceptions.push_back({short_day, {{8 * 60, 12 * 60}}, "Kurz"});
    }
    if (l.id == "kz-bergedorf") {
      l.hours.exceptions.push_back({extra_saturday, {{10 * 60, 13 * 60}}, "Sondersamstag"});
    }
  }
  const CivilDay saturday(2026, 11, 28);
  Roster r = GenerateRoster(c, Hamburg().staffing, saturday, 400, 3, Holidays());
  auto valid = ValidateRoster(r, c, Holidays());
  EXPECT_TRUE(valid) << valid.error().message;
  int harburg = 0;
  int bergedorf = 0;
  for (const Shift& s : r.shifts) {
    if (s.location_id == "kz-harburg" && s.day == short_day) {
      EXPECT_TRUE(TimeRange(8 * 60, 12 * 60).Contains(s.time)) << FormatTimeRange(s.time);
      ++harburg;
    }
    bergedorf += s.location_id == "kz-bergedorf" && s.day == extra_saturday;
  }
  EXPECT_GT(harburg, 0);
  EXPECT_GT(bergedorf, 0);
}

TEST(RosterGenerator, HandlesEmptyPeriods) {
  Roster r = GenerateRoster(Hamburg().catalog, Hamburg().staffing, kToday, 0, 1, Holidays());
  EXPECT_FALSE(r.staff.empty());
  EXPECT_TRUE(r.shifts.empty());
  EXPECT_TRUE(r.absences.empty());
}

// ---- broken data ----

// A copy of the Hamburg folder that a test may spoil; removed at the end.
class BrokenData : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("amtszeit-data-" + std::to_string(rd()));
    fs::create_directories(dir_);
    for (const auto& f : fs::directory_iterator(amtszeit::testing::HamburgData())) {
      fs::copy(f.path(), dir_ / f.path().filename());
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Read(const std::string& file) const {
    std::ifstream in(dir_ / file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  void Write(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file) << text;
  }
  void Replace(const std::string& file, const std::string& from, const std::string& to) const {
    std::string text = Read(file);
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    Write(file, text.replace(at, from.size(), to));
  }
  Error LoadError() const {
    auto loaded = LoadDataset(dir_);
    EXPECT_FALSE(loaded) << "loaded although broken";
    return loaded ? Error{} : loaded.error();
  }

  fs::path dir_;
};

TEST_F(BrokenData, TheUntouchedCopyLoads) { EXPECT_TRUE(LoadDataset(dir_)); }

TEST_F(BrokenData, WrongTypeNamesFileAndPath) {
  Write("services.json",
        R"({"services": [{"id": "x", "name_de": "X", "duration_minutes": "ten"}]})");
  const Error e = LoadError();
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(e.message,
              HasSubstr("services.json: services[0].duration_minutes: expected a whole"));
}

TEST_F(BrokenData, SyntaxErrorNamesFileLineAndColumn) {
  Write("districts.json", "{\n  \"districts\": [\n    {\"id\": \"altona\",}\n  ]\n}\n");
  EXPECT_THAT(LoadError().message, HasSubstr("districts.json: invalid JSON at line 3"));
}

TEST_F(BrokenData, CatalogueErrorsAreBlamedOnTheFileThatBroughtThem) {
  Replace("locations.json", "\"district_id\": \"harburg\"", "\"district_id\": \"lüneburg\"");
  EXPECT_THAT(LoadError().message, HasSubstr("locations.json: location 'kz-harburg': unknown "
                                             "district 'lüneburg'"));
}

TEST_F(BrokenData, InvalidServiceNamesServicesFile) {
  Replace("services.json", "\"duration_minutes\": 15", "\"duration_minutes\": 17");
  EXPECT_THAT(LoadError().message, HasSubstr("services.json: service "));
}

TEST_F(BrokenData, UnknownTopLevelFieldIsRefused) {
  Replace("services.json", "\"services\":", "\"servics\": [], \"services\":");
  EXPECT_THAT(LoadError().message, HasSubstr("services.json: servics: unknown field"));
}

TEST_F(BrokenData, OverlappingSchoolHolidaysNameTheFile) {
  Replace("school_holidays.json", "\"last\": \"2026-08-19\"", "\"last\": \"2026-10-20\"");
  EXPECT_THAT(LoadError().message, HasSubstr("school_holidays.json: "));
}

TEST_F(BrokenData, StaffingMustNameKnownOpenCentresAndSkills) {
  Replace("staffing.json", "\"location_id\": \"kz-harburg\"", "\"location_id\": \"kz-mars\"");
  EXPECT_THAT(LoadError().message,
              HasSubstr("staffing.json: locations[16]: unknown location 'kz-mars'"));
  Replace("staffing.json", "\"location_id\": \"kz-mars\"",
          "\"location_id\": \"kz-altona-ottensen\"");
  EXPECT_THAT(LoadError().message, HasSubstr("kz-altona-ottensen is closed"));
  Replace("staffing.json", "\"location_id\": \"kz-altona-ottensen\"",
          "\"location_id\": \"kz-harburg\"");
  Replace("staffing.json", "\"skill\": \"auslaender\"", "\"skill\": \"zauberei\"");
  EXPECT_THAT(LoadError().message, HasSubstr("extra_skills[2]: skill 'zauberei' is needed by no"));
}

TEST_F(BrokenData, StaffingFieldsAreCheckedStrictly) {
  Replace("staffing.json", "\"sickness_rate\": 0.08", "\"sickness_rate\": \"8%\"");
  EXPECT_THAT(LoadError().message, HasSubstr("staffing.json: sickness_rate: expected a number"));
  Replace("staffing.json", "\"sickness_rate\": \"8%\"", "\"sickness_rate\": 0.08, \"colour\": 1");
  EXPECT_THAT(LoadError().message, HasSubstr("staffing.json: colour: unknown field"));
  Replace("staffing.json", ", \"colour\": 1", "");
  Replace("staffing.json", "\"walk_in\": 0.2", "\"walk_in\": 0.3");
  EXPECT_THAT(LoadError().message, HasSubstr("staffing.json: modes: shares add up to"));
  Replace("staffing.json", "\"walk_in\": 0.3", "\"nap\": 0.2");
  EXPECT_THAT(LoadError().message, HasSubstr("staffing.json: modes.nap: "));
}

TEST_F(BrokenData, ShiftPatternsMustKeepTheWorkingTimeLaw) {
  Replace("staffing.json", R"("break": {
        "from": "11:00",
        "to": "11:30"
      },)",
          "");
  EXPECT_THAT(LoadError().message,
              HasSubstr("staffing.json: shift_patterns[0]: more than six hours of work need a "
                        "break"));
}

TEST_F(BrokenData, MissingFileOrFolderIsNotFound) {
  fs::remove(dir_ / "districts.json");
  const Error e = LoadError();
  EXPECT_EQ(e.code, ErrorCode::kNotFound);
  EXPECT_THAT(e.message, HasSubstr("districts.json"));
  auto missing = LoadDataset(dir_ / "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(BrokenData, NonObjectFileIsRefused) {
  Write("staffing.json", "[1, 2]");
  EXPECT_THAT(LoadError().message, HasSubstr("staffing.json: expected a JSON object"));
}

}  // namespace
}  // namespace amtszeit::dataset
