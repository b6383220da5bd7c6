#include "amtszeit/planning/city_simulation.h"

#include <gtest/gtest.h>

#include <cmath>

namespace amtszeit::planning {
namespace {

using Fate = ScriptedBooking::Fate;

const absl::CivilDay kMonday(2026, 3, 16);

Catalog OneSimulatedCentre() {
  Catalog c;
  c.districts = {{.id = "d", .name = "D"}};
  Location l{.id = "kz", .name = "KZ", .district_id = "d", .counters = 7};
  for (int wd = 0; wd < 5; ++wd) l.hours.weekly[wd] = {{8 * 60, 18 * 60}};
  c.locations = {l};
  c.services = {
      {.id = "personalausweis", .duration_minutes = 20, .skill = "ausweis", .category = "ausweis"},
      {.id = "ummeldung", .duration_minutes = 15, .legal_deadline_days = 14, .skill = "melde"},
      {.id = "abholung-ausweis-pass", .duration_minutes = 5, .express = true, .skill = "ausweis"},
  };
  return c;
}

Shift ShiftOf(std::string staff, absl::CivilDay day, int begin, int end, ShiftMode mode) {
  return {.staff_id = std::move(staff),
          .location_id = "kz",
          .day = day,
          .time = {begin, end},
          .mode = mode};
}

struct World {
  Catalog catalog = OneSimulatedCentre();
  Roster roster;
  HolidayCalendar holidays{2026, 2027};
  SchoolCalendar school;
  DemandModel demand = DemandModel::FromProfile(catalog, holidays);

  CitySimulationOptions Options() {
    return {.catalog = &catalog,
            .roster = &roster,
            .holidays = &holidays,
            .school = &school,
            .demand = &demand,
            .first_day = kMonday,
            .days = 2,
            .warmup_days = 0,
            .policy = {},  // no contingents: every slot is open to everyone
            .lead_services = {"personalausweis", "ummeldung"}};
  }
};

// One centre, two staff: st-1 takes appointments on Tuesday and Wednesday 8-12, st-2 serves the
// walk-in desk on Tuesday 8-10.
TEST(CitySimulation, ReproducesAScriptedDayExactly) {
  World w;
  w.roster.staff = {{.id = "st-1", .skills = {"ausweis", "melde"}},
                    {.id = "st-2", .skills = {"ausweis"}}};
  w.roster.shifts = {ShiftOf("st-1", kMonday + 1, 480, 720, ShiftMode::kAppointments),
                     ShiftOf("st-1", kMonday + 2, 480, 720, ShiftMode::kAppointments),
                     ShiftOf("st-2", kMonday + 1, 480, 600, ShiftMode::kWalkIn)};
  CityScript script;
  // Monday, all booking online from tomorrow on:
  //  1. 09:00 ID card          -> Tue 08:00-08:20, comes.
  //  2. 09:05 ID card          -> Tue 08:20-08:40, cancelled at 09:35; free again at 09:45.
  //  3. 09:40 ID card          -> Tue 08:40-09:00 (08:20 is still cooling down), comes.
  //  4. 10:00 Ummeldung        -> Tue 08:20-08:35 (free again), does not come.
  //  5. 10:05 ID card          -> Tue 09:00-09:20 (08:35-08:40 is too short), comes.
  auto book = [&](int minute, std::string service, Fate fate, int cancel_after = 0) {
    ScriptedBooking b{.day = kMonday, .minute = minute, .services = {std::move(service)}};
    b.fate = fate;
    b.cancel_after_minutes = cancel_after;
    if (b.services[0] == "ummeldung") b.move_in = kMonday;
    script.bookings.push_back(b);
  };
  book(540, "personalausweis", Fate::kShow);
  book(545, "personalausweis", Fate::kCancel, 30);
  book(580, "personalausweis", Fate::kShow);
  book(600, "ummeldung", Fate::kNoShow);
  book(605, "personalausweis", Fate::kShow);
  // Tuesday at the walk-in desk (open 08:00-10:00):
  //  a. 08:00 walk-in, 20 min  -> called 08:00 (wait 0), done 08:20.
  //  b. 08:05 walk-in, 10 min  -> waits.
  //  c. 08:10 express, 5 min   -> at 08:20 its urgency is 10 + 20 (express head start) = 30
  //                               against b's 15: called 08:20 (wait 10), done 08:25.
  //  b.                        -> called 08:25 (wait 20), done 08:35.
  //  d. 09:50 walk-in, 20 min  -> called 09:50 (wait 0), done 10:10.
  //  e. 09:55 walk-in          -> the desk has closed when d is done: turned away.
  auto ticket = [&](int minute, std::string service, QueueClass queue, double work) {
    script.tickets.push_back({.day = kMonday + 1,
                              .location = "kz",
                              .minute = minute,
                              .service = std::move(service),
                              .queue = queue,
                              .service_minutes = work});
  };
  ticket(480, "personalausweis", QueueClass::kWalkIn, 20);
  ticket(485, "personalausweis", QueueClass::kWalkIn, 10);
  ticket(490, "abholung-ausweis-pass", QueueClass::kExpress, 5);
  ticket(590, "personalausweis", QueueClass::kWalkIn, 20);
  ticket(595, "personalausweis", QueueClass::kWalkIn, 20);

  auto run = SimulateCityScripted(w.Options(), script);
  ASSERT_TRUE(run) << run.error().message;
  const CentreDayFigures& monday = run->at(0, 0);
  const CentreDayFigures& tuesday = run->at(1, 0);
  EXPECT_EQ(run->booking_requests, 5);
  EXPECT_EQ(run->bookings, 5);
  EXPECT_EQ(run->lost_requests, 0);
  EXPECT_EQ(monday.bookings, 5);
  EXPECT_EQ(monday.within_14, 5);
  // The 07:00 snapshots: Tuesday is the first day with a free slot, seen on Monday; Wednesday,
  // seen on Tuesday.
  EXPECT_EQ(monday.lead_time, (std::vector<double>{1, 1}));
  EXPECT_EQ(tuesday.lead_time, (std::vector<double>{1, 1}));
  EXPECT_EQ(tuesday.walk_in_wait, (std::vector<double>{0, 20, 0}));
  EXPECT_EQ(tuesday.express_wait, (std::vector<double>{10}));
  EXPECT_EQ(tuesday.turned_away, 1);
  // Busy: three appointments that came (3 · 20) and the desk's 20 + 5 + 10 + 20 minutes; staffed:
  // 240 minutes of appointments and 120 at the desk. 115 / 360.
  EXPECT_DOUBLE_EQ(tuesday.busy_minutes, 115);
  EXPECT_DOUBLE_EQ(tuesday.staffed_minutes, 360);
  EXPECT_DOUBLE_EQ(monday.staffed_minutes, 0);
  // Visits: three appointments and four called tickets.
  EXPECT_EQ(run->visits, 7);
}

TEST(CitySimulation, ScriptedBookingsRespectTheWindowAndTheCoolDown) {
  World w;
  w.roster.staff = {{.id = "st-1", .skills = {"ausweis", "melde"}}};
  w.roster.shifts = {ShiftOf("st-1", kMonday + 1, 480, 520, ShiftMode::kAppointments)};
  CityScript script;
  // Two 20-minute slots on Tuesday. The second citizen cancels at once; the third asks within
  // the 10-minute cool-down and finds nothing, the fourth after it and gets the freed slot.
  script.bookings = {
      {.day = kMonday, .minute = 600, .services = {"personalausweis"}},
      {.day = kMonday,
       .minute = 601,
       .services = {"personalausweis"},
       .fate = Fate::kCancel,
       .cancel_after_minutes = 0},
      {.day = kMonday, .minute = 605, .services = {"personalausweis"}},
      {.day = kMonday, .minute = 612, .services = {"personalausweis"}},
  };
  auto run = SimulateCityScripted(w.Options(), script);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->bookings, 3);
  EXPECT_EQ(run->lost_requests, 1);
}

World RandomWorld(int appointment_staff) {
  World w;
  for (int i = 0; i < 6; ++i) {
    w.roster.staff.push_back({.id = "st-" + std::to_string(i), .skills = {"ausweis", "melde"}});
  }
  for (int d = -14; d < 60 + 92; ++d) {
    const absl::CivilDay day = kMonday + d;
    if (WeekdayIndex(day) >= 5) continue;
    for (int i = 0; i < appointment_staff; ++i) {
      w.roster.shifts.push_back(
          ShiftOf("st-" + std::to_string(i), day, 480, 1080, ShiftMode::kAppointments));
    }
    w.roster.shifts.push_back(ShiftOf("st-5", day, 480, 1080, ShiftMode::kWalkIn));
  }
  return w;
}

CitySimulationOptions RandomOptions(World& w) {
  CitySimulationOptions o = w.Options();
  o.days = 20;
  o.warmup_days = 7;
  o.replications = 3;
  o.seed = 7;
  o.threads = 2;
  o.sickness_rate = 0.05;
  o.policy = capacity::ContingentPolicy::HamburgDefault();
  return o;
}

TEST(CitySimulation, SameSeedSameResultAndReplicationsDiffer) {
  World w = RandomWorld(3);
  const CitySimulationOptions o = RandomOptions(w);
  auto a = SimulateCity(o);
  auto b = SimulateCity(o);
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(b);
  ASSERT_EQ(a->centre_days.size(), b->centre_days.size());
  EXPECT_EQ(a->events, b->events);
  for (std::size_t i = 0; i < a->centre_days.size(); ++i) {
    const CentreDayEstimate& x = a->centre_days[i];
    const CentreDayEstimate& y = b->centre_days[i];
    EXPECT_EQ(x.day, y.day);
    EXPECT_EQ(x.bookings.mean, y.bookings.mean);
    EXPECT_EQ(x.lead_time[0].mean, y.lead_time[0].mean);
    // NaN (no express ticket that day in any replication) equals NaN here.
    EXPECT_TRUE(x.walk_in_p90.mean == y.walk_in_p90.mean ||
                (std::isnan(x.walk_in_p90.mean) && std::isnan(y.walk_in_p90.mean)));
  }
  // The number of threads does not matter.
  CitySimulationOptions one = o;
  one.threads = 1;
  auto c = SimulateCity(one);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->events, a->events);
  EXPECT_EQ(c->visits.mean, a->visits.mean);

  auto r0 = SimulateCityReplication(o, 0);
  auto r1 = SimulateCityReplication(o, 1);
  ASSERT_TRUE(r0);
  ASSERT_TRUE(r1);
  EXPECT_NE(r0->events, r1->events);
  EXPECT_GT(r0->visits, 0);
  EXPECT_GT(r0->bookings, 0);
}

double MeanLeadTime(const CitySimulationResult& r) {
  double sum = 0;
  for (const CentreDayEstimate& e : r.centre_days) sum += e.lead_time[0].mean;
  return sum / static_cast<double>(r.centre_days.size());
}

TEST(CitySimulation, MoreStaffDoNotLengthenTheLeadTime) {
  // One against four appointment desks, the same demand; sickness draws differ with the roster,
  // so the comparison is of averages, not day by day.
  World few = RandomWorld(1);
  World many = RandomWorld(4);
  auto a = SimulateCity(RandomOptions(few));
  auto b = SimulateCity(RandomOptions(many));
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_LE(MeanLeadTime(*b), MeanLeadTime(*a));
  EXPECT_LE(b->lost_requests.mean, a->lost_requests.mean);
}

TEST(CitySimulation, RefusesBadOptions) {
  World w = RandomWorld(1);
  CitySimulationOptions o = RandomOptions(w);
  o.replications = 1;
  EXPECT_FALSE(SimulateCity(o));
  o = RandomOptions(w);
  o.sickness_rate = 1.5;
  EXPECT_FALSE(SimulateCity(o));
  o = RandomOptions(w);
  o.lead_services = {"nope"};
  EXPECT_FALSE(SimulateCity(o));
}

}  // namespace
}  // namespace amtszeit::planning
