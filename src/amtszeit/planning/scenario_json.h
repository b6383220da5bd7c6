// A scenario's result as JSON, the same for `amtszeit simulate --scenario --json` and the API:
// the scenario, the city's totals, per centre the horizon's figures with 95 % intervals, and per
// centre and day the series the planning page charts.
#pragma once

#include <boost/json/value.hpp>

#include "amtszeit/planning/city_simulation.h"
#include "amtszeit/planning/scenario.h"

namespace amtszeit::planning {

boost::json::value ScenarioResultToJson(const Scenario& scenario,
                                        const CitySimulationResult& result);

}  // namespace amtszeit::planning
