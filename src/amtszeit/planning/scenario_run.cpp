// Running a scenario is apart from reading one (scenario.cpp), so that the request decoders'
// fuzzer links the parser without the simulator.
#include "amtszeit/planning/scenario.h"

namespace amtszeit::planning {

Result<CitySimulationResult> RunScenario(const Scenario& scenario, const ScenarioInputs& in,
                                         std::atomic<std::int64_t>* days_done) {
  if (in.catalog == nullptr || in.roster == nullptr || in.holidays == nullptr ||
      in.school == nullptr || in.demand == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "scenario without catalogue, roster or demand");
  }
  const Roster roster = ApplyScenarioToRoster(scenario, *in.catalog, *in.roster);
  CitySimulationOptions o = ScenarioOptions(scenario);
  o.catalog = in.catalog;
  o.roster = &roster;
  o.holidays = in.holidays;
  o.school = in.school;
  o.demand = in.demand;
  o.days_done = days_done;
  return SimulateCity(o);
}

}  // namespace amtszeit::planning
