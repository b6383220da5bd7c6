// The optimizer against the simulator: two centres whose staff are mostly off sick miss the
// 14-day promise doing nothing; with the proposed moves applied, every centre keeps it.
#include "amtszeit/planning/optimizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "amtszeit/dataset/dataset.h"
#include "amtszeit/planning/city_simulation.h"
#include "amtszeit/planning/scenario.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::planning {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct City {
  dataset::Dataset data;
  Scenario scenario;
  HolidayCalendar holidays{2025, 2027};
  SchoolCalendar school;
  DemandModel demand;
  Roster roster;  // the scenario's: sick staff applied
};

City Load() {
  auto data = dataset::LoadDataset(amtszeit::testing::HamburgData());
  EXPECT_TRUE(data) << data.error().message;
  City c{.data = std::move(*data)};
  auto scenario =
      ParseScenario(Read(amtszeit::testing::HamburgData() / "scenarios" / "two-sick-centres.json"),
                    c.data.catalog);
  EXPECT_TRUE(scenario) << scenario.error().message;
  c.scenario = *scenario;
  c.school = SchoolCalendar(c.data.school_holidays);
  c.demand = DemandModel::FromProfile(c.data.catalog, c.holidays);
  const absl::CivilDay first = ScenarioRosterFirst(c.scenario);
  const Roster base = dataset::GenerateRoster(
      c.data.catalog, c.data.staffing, first,
      static_cast<int>(ScenarioRosterLast(c.scenario) - first) + 1, 1, c.holidays);
  c.roster = ApplyScenarioToRoster(c.scenario, c.data.catalog, base);
  return c;
}

CitySimulationResult Simulate(const City& c, const Roster& roster) {
  CitySimulationOptions o = ScenarioOptions(c.scenario);
  o.catalog = &c.data.catalog;
  o.roster = &roster;
  o.holidays = &c.holidays;
  o.school = &c.school;
  o.demand = &c.demand;
  auto sim = SimulateCity(o);
  EXPECT_TRUE(sim) << sim.error().message;
  return *sim;
}

double LeadTime(const CitySimulationResult& r, std::string_view centre) {
  for (const CentreEstimate& e : r.centres) {
    if (e.location_id == centre) return e.lead_time.mean;
  }
  ADD_FAILURE() << "no figures for " << centre;
  return 0;
}

TEST(Optimizer, ProposalKeepsEveryCentreWithin14DaysWhereDoingNothingDoesNot) {
  const City c = Load();
  const CitySimulationResult nothing = Simulate(c, c.roster);
  EXPECT_GT(LeadTime(nothing, "kz-harburg"), 14);
  EXPECT_GT(LeadTime(nothing, "kz-wilhelmsburg"), 14);

  auto proposal = ProposeStaffMoves({.catalog = &c.data.catalog,
                                     .roster = &c.roster,
                                     .holidays = &c.holidays,
                                     .demand = &c.demand,
                                     .first = ScenarioRosterFirst(c.scenario),
                                     .last = c.scenario.to,
                                     .demand_factors = c.scenario.demand,
                                     .sickness_rate = c.scenario.sickness_rate,
                                     // A node limit, not the clock, ends the search: the same
                                     // proposal on a busy CI machine as on an idle one (it
                                     // passes from 500 nodes on; the time limit is a safety net).
                                     .time_limit_seconds = 300,
                                     .max_nodes = 2000});
  ASSERT_TRUE(proposal) << proposal.error().message;
  ASSERT_FALSE(proposal->moves.empty());
  // The programme's own view (weekly windows, a demand estimate): the two centres' worst
  // shortfall shrinks. The simulator below is the judge of the promise.
  auto hours = [](const std::vector<CentreShortage>& list, std::string_view centre) {
    for (const CentreShortage& s : list) {
      if (s.location_id == centre) return s.worst_window_hours;
    }
    return 0.0;
  };
  for (std::string_view centre : {"kz-harburg", "kz-wilhelmsburg"}) {
    EXPECT_GT(hours(proposal->before, centre), 0) << centre;
    // The programme's demand is the simulator's, so its shortfall falls as the lead time does:
    // the help moved covers most of the gap (not just a sum over bunched weeks).
    EXPECT_LT(hours(proposal->after, centre), 0.5 * hours(proposal->before, centre)) << centre;
  }
  for (const StaffMove& m : proposal->moves) {
    EXPECT_NE(m.from_location_id, m.to_location_id);
    EXPECT_TRUE(m.to_location_id == "kz-harburg" || m.to_location_id == "kz-wilhelmsburg")
        << m.to_location_id;
  }

  const CitySimulationResult moved = Simulate(c, ApplyMoves(c.roster, proposal->moves));
  for (const CentreEstimate& e : moved.centres) {
    EXPECT_LE(e.lead_time.mean, 14) << e.location_id;
  }
}

TEST(Optimizer, NothingToMoveWhenEveryCentreHasCapacity) {
  City c = Load();
  c.roster.absences.clear();
  auto proposal = ProposeStaffMoves({.catalog = &c.data.catalog,
                                     .roster = &c.roster,
                                     .holidays = &c.holidays,
                                     .demand = &c.demand,
                                     .first = c.scenario.from,
                                     .last = c.scenario.to});
  ASSERT_TRUE(proposal) << proposal.error().message;
  EXPECT_TRUE(proposal->before.empty()) << proposal->before.front().location_id;
  EXPECT_TRUE(proposal->moves.empty());
}

}  // namespace
}  // namespace amtszeit::planning
