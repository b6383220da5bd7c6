#include "amtszeit/planning/back_office.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace amtszeit::planning {
namespace {

const absl::CivilDay kBackOfficeMonday(2026, 3, 2);

Catalog OneBackOfficeCentre() {
  Catalog c;
  c.districts = {{.id = "d", .name = "D"}};
  c.locations = {{.id = "kz", .name = "KZ", .district_id = "d", .counters = 3},
                 {.id = "zu", .name = "Zu", .district_id = "d", .counters = 3}};
  return c;
}

// s1 works the back office Monday to Friday, 8:00-16:30 with half an hour's break (480 minutes);
// everything else on the roster must not count.
Roster TestRoster() {
  Roster r;
  std::int64_t id = 1;
  for (absl::CivilDay day = kBackOfficeMonday - 2; day <= kBackOfficeMonday + 6; ++day) {
    if (WeekdayIndex(day) >= 5) continue;
    r.shifts.push_back({.id = id++,
                        .staff_id = "s1",
                        .location_id = "kz",
                        .day = day,
                        .time = {8 * 60, 16 * 60 + 30},
                        .mode = ShiftMode::kBackOffice,
                        .break_time = TimeRange{12 * 60, 12 * 60 + 30}});
  }
  // At a counter: not back-office time.
  r.shifts.push_back({.id = id++,
                      .staff_id = "s2",
                      .location_id = "kz",
                      .day = kBackOfficeMonday,
                      .time = {8 * 60, 12 * 60},
                      .mode = ShiftMode::kAppointments});
  // Off sick that day.
  r.shifts.push_back({.id = id++,
                      .staff_id = "s3",
                      .location_id = "kz",
                      .day = kBackOfficeMonday + 1,
                      .time = {8 * 60, 12 * 60},
                      .mode = ShiftMode::kBackOffice});
  r.absences.push_back({.staff_id = "s3",
                        .first = kBackOfficeMonday + 1,
                        .last = kBackOfficeMonday + 1,
                        .kind = AbsenceKind::kSick});
  // At a centre closed that day.
  r.shifts.push_back({.id = id++,
                      .staff_id = "s4",
                      .location_id = "zu",
                      .day = kBackOfficeMonday + 2,
                      .time = {8 * 60, 12 * 60},
                      .mode = ShiftMode::kBackOffice});
  r.closures.push_back(
      {.location_id = "zu", .first = kBackOfficeMonday, .last = kBackOfficeMonday + 6});
  return r;
}

TEST(BackOffice, WorksOffTheBacklogAndTheInflowDayByDay) {
  const Catalog c = OneBackOfficeCentre();
  const Roster r = TestRoster();
  // 1000 minutes open; 100 + 50 minutes a day arrive, service a's doubled in March; a quarter of
  // the pool's days lost to sickness: 360 minutes a working day.
  const BackOfficeForecast f =
      ForecastBackOffice({.catalog = &c,
                          .roster = &r,
                          .start = kBackOfficeMonday,
                          .first = kBackOfficeMonday,
                          .last = kBackOfficeMonday + 6,
                          .open_minutes = 1000,
                          .inflow_minutes_per_day = {{"a", 100}, {"b", 50}},
                          .demand_factors = {{.service = "a", .months = {3}, .factor = 2}},
                          .sickness_rate = 0.25});
  ASSERT_EQ(f.days.size(), 7u);
  // Monday to Friday: 250 in, 360 out; the weekend only adds.
  const double evening[] = {890, 780, 670, 560, 450, 700, 950};
  for (int d = 0; d < 7; ++d) {
    EXPECT_DOUBLE_EQ(f.days[d].inflow_minutes, 250) << d;
    EXPECT_DOUBLE_EQ(f.days[d].capacity_minutes, d < 5 ? 360 : 0) << d;
    EXPECT_DOUBLE_EQ(f.days[d].backlog_minutes, evening[d]) << d;
  }
  EXPECT_DOUBLE_EQ(f.backlog_start_minutes, 1000);
  EXPECT_DOUBLE_EQ(f.backlog_end_minutes, 950);
  EXPECT_DOUBLE_EQ(f.capacity_minutes, 1800);
  EXPECT_DOUBLE_EQ(f.inflow_minutes, 1750);
  EXPECT_DOUBLE_EQ(f.worked_minutes, 1800);
  EXPECT_DOUBLE_EQ(f.utilisation, 1.0);

  const boost::json::value json = BackOfficeToJson(f);
  EXPECT_EQ(json.at("daily").at("backlog_minutes").as_array().size(), 7u);
  EXPECT_DOUBLE_EQ(json.at("backlog_end_minutes").to_number<double>(), 950);
}

TEST(BackOffice, IdleTimeIsNotWorkAndTheBacklogIsCarriedToTheFirstDay) {
  const Catalog c = OneBackOfficeCentre();
  const Roster r = TestRoster();
  // Little work: the pool works what there is, and waits.
  const BackOfficeForecast idle = ForecastBackOffice({.catalog = &c,
                                                      .roster = &r,
                                                      .start = kBackOfficeMonday,
                                                      .first = kBackOfficeMonday,
                                                      .last = kBackOfficeMonday + 6,
                                                      .inflow_minutes_per_day = {{"a", 100}}});
  EXPECT_DOUBLE_EQ(idle.worked_minutes, 500);
  EXPECT_DOUBLE_EQ(idle.capacity_minutes, 5 * 480);
  EXPECT_DOUBLE_EQ(idle.utilisation, 500.0 / 2400);
  EXPECT_DOUBLE_EQ(idle.backlog_end_minutes, 200);  // the weekend's

  // Known on Saturday 28 February, reported from Monday 2 March: the weekend's inflow (Saturday
  // in February without the factor, 150; Sunday the first of March, 250) is on top of the 1000
  // open minutes by Monday morning; the week then goes as above, 1400 - 5 · 110 + 2 · 250.
  const BackOfficeForecast later =
      ForecastBackOffice({.catalog = &c,
                          .roster = &r,
                          .start = kBackOfficeMonday - 2,
                          .first = kBackOfficeMonday,
                          .last = kBackOfficeMonday + 6,
                          .open_minutes = 1000,
                          .inflow_minutes_per_day = {{"a", 100}, {"b", 50}},
                          .demand_factors = {{.service = "a", .months = {3}, .factor = 2}},
                          .sickness_rate = 0.25});
  ASSERT_EQ(later.days.size(), 7u);
  EXPECT_DOUBLE_EQ(later.backlog_start_minutes, 1400);
  EXPECT_DOUBLE_EQ(later.backlog_end_minutes, 1350);
}

// Today's backlog runs on into a scenario that starts within a year; one that starts later, or
// already started, begins from its own first day.
TEST(BackOfficeForecastStart, CarriesTodaysBacklogOnlyIntoAScenarioWithinAYear) {
  const absl::CivilDay today(2026, 12, 3);
  EXPECT_EQ(BackOfficeForecastStart(today, today + 30), today);
  EXPECT_EQ(BackOfficeForecastStart(today, today + 366), today);
  EXPECT_EQ(BackOfficeForecastStart(today, today + 367), today + 367);
  EXPECT_EQ(BackOfficeForecastStart(today, today), today);
  EXPECT_EQ(BackOfficeForecastStart(today, today - 10), today - 10);
}

}  // namespace
}  // namespace amtszeit::planning
