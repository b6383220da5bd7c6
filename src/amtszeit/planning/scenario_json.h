// A scenario's result as JSON, the same for `amtszeit simulate --scenario --json` and the API:
// the scenario, what its demand came from, the city's totals, per centre the horizon's figures with
// 95 % intervals, and per centre and day the series the planning page charts.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "amtszeit/planning/back_office.h"
#include "amtszeit/planning/city_simulation.h"
#include "amtszeit/planning/scenario.h"

namespace amtszeit::planning {

// What a result was computed from beside the scenario: the demand model's source (see
// demand_source.h) and, where the cases are known, the back office's forecast.
struct ScenarioContext {
  int history_days = 0;  // 0: the profile
  std::optional<BackOfficeForecast> back_office;
};

// Adds "demand_source": {"kind": "history" | "profile", "history_days", "label"} and, with a
// forecast, "back_office" (BackOfficeToJson) to the figures.
boost::json::value ScenarioResultToJson(const Scenario& scenario,
                                        const CitySimulationResult& result,
                                        const ScenarioContext& context = {});

}  // namespace amtszeit::planning
