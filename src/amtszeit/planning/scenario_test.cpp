#include "amtszeit/planning/scenario.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace amtszeit::planning {
namespace {

Catalog SmallCatalog() {
  Catalog c;
  c.districts = {{.id = "harburg", .name = "Harburg"}};
  c.locations = {{.id = "kz-harburg", .name = "Harburg", .district_id = "harburg", .counters = 4}};
  c.services = {{.id = "reisepass", .duration_minutes = 20, .skill = "pass"}};
  return c;
}

TEST(Scenario, ParsesEveryFieldAndWritesItBack) {
  const Catalog c = SmallCatalog();
  auto s = ParseScenario(R"({"name": "July", "from": "2026-07-01", "to": "2026-07-31",
      "sickness_rate": 0.1, "demand": [{"service": "reisepass", "months": [7], "factor": 2}],
      "extra_saturdays": [{"centre": "kz-harburg", "dates": ["2026-07-04"]}],
      "closings": [{"centre": "kz-harburg", "from": "2026-07-13", "to": "2026-07-17"}],
      "sick_staff": [{"centre": "kz-harburg", "from": "2026-07-01", "to": "2026-07-31", "share": 0.5}],
      "replications": 12, "seed": 7})",
                         c);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->days(), 31);
  EXPECT_DOUBLE_EQ(s->sickness_rate, 0.1);
  ASSERT_EQ(s->demand.size(), 1u);
  EXPECT_EQ(s->demand[0].months, std::vector<int>{7});
  EXPECT_EQ(s->extra_saturdays[0].dates[0], absl::CivilDay(2026, 7, 4));
  EXPECT_EQ(s->closings[0].last, absl::CivilDay(2026, 7, 17));
  EXPECT_DOUBLE_EQ(s->sick_staff[0].share, 0.5);
  EXPECT_EQ(s->replications, 12);
  EXPECT_EQ(s->seed, 7u);
  auto again = ParseScenario(boost::json::serialize(ScenarioToJson(*s)), c);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->closings[0].first, s->closings[0].first);
  EXPECT_EQ(again->demand[0].factor, 2);
}

TEST(Scenario, RefusesBadFilesWithTheFieldsName) {
  const Catalog c = SmallCatalog();
  auto error = [&](std::string_view text) {
    auto s = ParseScenario(text, c);
    EXPECT_FALSE(s) << text;
    return s ? std::string() : s.error().message;
  };
  EXPECT_NE(error("{not json").find("line 1"), std::string::npos);
  EXPECT_NE(error(R"({"to": "2026-07-01"})").find("from"), std::string::npos);
  EXPECT_NE(error(R"({"from": "2026-07-02", "to": "2026-07-01"})").find("before"),
            std::string::npos);
  EXPECT_NE(error(R"({"from": "2026-01-01", "to": "2027-06-01"})").find("366"), std::string::npos);
  // The calendar knows Hamburg's holidays from 1990 to 2100: with the warm-up before and the
  // booking window after, a horizon must keep a year clear of both ends (CLI and API alike).
  EXPECT_NE(error(R"({"from": "1991-01-10", "to": "1991-02-01"})").find("horizon"),
            std::string::npos);
  EXPECT_NE(error(R"({"from": "2099-12-01", "to": "2099-12-31"})").find("horizon"),
            std::string::npos);
  EXPECT_TRUE(ParseScenario(R"({"from": "1991-02-01", "to": "1991-02-10"})", c));
  EXPECT_TRUE(ParseScenario(R"({"from": "2099-09-01", "to": "2099-09-30"})", c));
  EXPECT_NE(error(R"({"from": "2026-07-01", "to": "2026-07-02", "colour": 1})").find("colour"),
            std::string::npos);
  EXPECT_NE(error(R"({"from": "2026-07-01", "to": "2026-07-02", "sickness_rate": -1})")
                .find("sickness_rate"),
            std::string::npos);
  EXPECT_NE(error(R"({"from": "2026-07-01", "to": "2026-07-02", "replications": 1})")
                .find("replications"),
            std::string::npos);
  EXPECT_NE(error(R"({"from": "2026-07-01", "to": "2026-07-02",
                      "demand": [{"service": "tax", "factor": 2}]})")
                .find("demand[0].service: unknown service 'tax'"),
            std::string::npos);
  EXPECT_NE(error(R"({"from": "2026-07-01", "to": "2026-07-02",
                      "extra_saturdays": [{"centre": "kz-harburg", "dates": ["2026-07-06"]}]})")
                .find("not a Saturday"),
            std::string::npos);
  EXPECT_NE(error(R"({"from": "2026-07-01", "to": "2026-07-02",
                      "closings": [{"centre": "kz-x", "from": "2026-07-01", "to": "2026-07-01"}]})")
                .find("closings[0].centre: unknown centre 'kz-x'"),
            std::string::npos);
  EXPECT_NE(error(R"({"from": "2026-07-01", "to": "2026-07-02", "demand": {}})").find("list"),
            std::string::npos);
}

TEST(Scenario, ChangesTheRosterAsItSays) {
  const Catalog c = SmallCatalog();
  Roster base;
  for (int i = 0; i < 4; ++i) {
    base.staff.push_back({.id = "st-" + std::to_string(i), .home_location_id = "kz-harburg"});
  }
  base.shifts.push_back({.id = 5,
                         .staff_id = "st-0",
                         .location_id = "kz-harburg",
                         .day = absl::CivilDay(2026, 7, 3),
                         .time = {480, 960}});
  auto s = ParseScenario(R"({"from": "2026-07-01", "to": "2026-07-31",
      "extra_saturdays": [{"centre": "kz-harburg", "dates": ["2026-07-04"]}],
      "closings": [{"centre": "kz-harburg", "from": "2026-07-13", "to": "2026-07-17"}],
      "sick_staff": [{"centre": "kz-harburg", "from": "2026-07-01", "to": "2026-07-10", "share": 0.5}]})",
                         c);
  ASSERT_TRUE(s) << s.error().message;
  const Roster r = ApplyScenarioToRoster(*s, c, base);
  EXPECT_TRUE(r.Closed("kz-harburg", absl::CivilDay(2026, 7, 15)));
  EXPECT_FALSE(r.Closed("kz-harburg", absl::CivilDay(2026, 7, 18)));
  ASSERT_EQ(r.absences.size(), 2u);  // half of four
  // Saturday shifts for the two who are not off sick, marked as extra openings, new ids.
  int saturday = 0;
  for (const Shift& sh : r.shifts) {
    if (sh.day != absl::CivilDay(2026, 7, 4)) continue;
    ++saturday;
    EXPECT_TRUE(sh.extra_opening);
    EXPECT_GT(sh.id, 5);
    EXPECT_NE(sh.staff_id, r.absences[0].staff_id);
  }
  EXPECT_EQ(saturday, 2);
}

}  // namespace
}  // namespace amtszeit::planning
