#include "amtszeit/dataset/dataset.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "amtszeit/domain/validation.h"

namespace amtszeit::dataset {
namespace {

using absl::CivilDay;
namespace fs = std::filesystem;

const fs::path kHamburg = fs::path(AMTSZEIT_SOURCE_DIR) / "data" / "hamburg";

const Dataset& Hamburg() {
  static const Dataset d = [] {
    auto loaded = LoadDataset(kHamburg);
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message;
      return Dataset{};
    }
    return *loaded;
  }();
  return d;
}

TEST(HamburgData, LoadsAndValidates) {
  const Catalog& c = Hamburg().catalog;
  EXPECT_EQ(c.districts.size(), 7u);
  EXPECT_GE(c.locations.size(), 18u);
  EXPECT_GE(c.services.size(), 25u);
  int in_service = 0;
  for (const Location& l : c.locations) in_service += l.InServiceOn(CivilDay(2026, 11, 25));
  EXPECT_GE(in_service, 18);
}

TEST(HamburgData, EveryOpenCentreServesAtLeastEightToSixOnWeekdays) {
  const HolidayCalendar holidays(2026, 2027);
  for (const Location& l : Hamburg().catalog.locations) {
    for (CivilDay d(2026, 11, 30); d < CivilDay(2026, 12, 5); ++d) {
      if (!l.InServiceOn(d)) continue;
      EXPECT_TRUE(l.hours.IsOpen(d, {8 * 60, 18 * 60}, holidays)) << l.id << " " << FormatDay(d);
    }
  }
}

TEST(HamburgData, CaffamacherreiheOpensOnSaturdays) {
  const Location* l = Hamburg().catalog.FindLocation("kz-caffamacherreihe");
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->status, LocationStatus::kActive);
  EXPECT_FALSE(l->hours.weekly[5].empty());
}

TEST(HamburgData, RegistrationHasItsLegalDeadline) {
  const Service* s = Hamburg().catalog.FindService("anmeldung");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->legal_deadline_days, 14);
  const Service* online = Hamburg().catalog.FindService("fuehrungszeugnis");
  ASSERT_NE(online, nullptr);
  EXPECT_FALSE(online->needs_presence);
  EXPECT_FALSE(online->online_url.empty());
}

TEST(HamburgData, SchoolHolidaysKnowEverySummerTo2028) {
  SchoolCalendar school(Hamburg().school_holidays);
  for (int year = 2024; year <= 2028; ++year) EXPECT_TRUE(school.Summer(year)) << year;
  EXPECT_EQ(school.Summer(2026)->first, CivilDay(2026, 7, 9));
}

TEST(RosterGenerator, MakesAValidPlausibleRoster) {
  const HolidayCalendar holidays(2026, 2027);
  const CivilDay first(2026, 11, 25);
  Roster r = GenerateRoster(Hamburg().catalog, Hamburg().staffing, first, 120, 7, holidays);
  EXPECT_GE(r.staff.size(), 250u);
  EXPECT_LE(r.staff.size(), 350u);
  EXPECT_GT(r.shifts.size(), 15000u);
  EXPECT_FALSE(r.absences.empty());
  auto valid = ValidateRoster(r, Hamburg().catalog, holidays);
  EXPECT_TRUE(valid) << valid.error().message;
}

TEST(RosterGenerator, SameSeedSameRosterOtherSeedOther) {
  const HolidayCalendar holidays(2026, 2027);
  const CivilDay first(2026, 11, 25);
  const auto& c = Hamburg().catalog;
  const auto& p = Hamburg().staffing;
  EXPECT_EQ(GenerateRoster(c, p, first, 30, 1, holidays),
            GenerateRoster(c, p, first, 30, 1, holidays));
  EXPECT_NE(GenerateRoster(c, p, first, 30, 1, holidays),
            GenerateRoster(c, p, first, 30, 2, holidays));
}

TEST(RosterGenerator, EveryCentreHasEarlyLateAndLunchAppointmentTimeOnEachWeekday) {
  const HolidayCalendar holidays(2026, 2027);
  const CivilDay monday(2026, 11, 30);
  Roster r = GenerateRoster(Hamburg().catalog, Hamburg().staffing, monday, 7, 3, holidays);
  std::map<std::pair<std::string, int>, std::array<bool, 3>> seen;  // early, late, lunch
  for (const Shift& s : r.shifts) {
    if (s.mode != ShiftMode::kAppointments) continue;
    auto& flags = seen[{s.location_id, static_cast<int>(s.day - monday)}];
    flags[0] = flags[0] || s.time.begin < 9 * 60;
    flags[1] = flags[1] || s.time.end > 17 * 60;
    flags[2] = flags[2] || (s.time.begin <= 12 * 60 && s.time.end >= 14 * 60);
  }
  for (const Location& l : Hamburg().catalog.locations) {
    for (int d = 0; d < 5; ++d) {
      if (!l.InServiceOn(monday + d)) continue;
      auto flags = seen[{l.id, d}];
      EXPECT_TRUE(flags[0] && flags[1] && flags[2]) << l.id << " day " << d;
    }
  }
}

TEST(LoadDataset, BrokenFilesNameTheFile) {
  std::random_device rd;
  const fs::path dir = fs::temp_directory_path() / ("amtszeit-data-" + std::to_string(rd()));
  fs::create_directories(dir);
  for (const auto& f : fs::directory_iterator(kHamburg))
    fs::copy(f.path(), dir / f.path().filename());
  std::ofstream(dir / "services.json")
      << R"({"services": [{"id": "x", "name_de": "X", "duration_minutes": "ten"}]})";
  auto loaded = LoadDataset(dir);
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("services.json"), std::string::npos)
      << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("duration_minutes"), std::string::npos);
  fs::remove(dir / "districts.json");
  auto missing = LoadDataset(dir);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("districts.json"), std::string::npos);
  EXPECT_FALSE(LoadDataset(dir / "nope"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace amtszeit::dataset
