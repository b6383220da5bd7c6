// A planning scenario: "what if" as data. A JSON file (or API body) names the horizon, extra
// sickness, demand multipliers per service and month, extra Saturday openings, centres closing
// and staff off sick at named centres; ApplyScenario turns it into the city simulator's inputs.
//
//   {"name": "July, 10% sick, passports x2", "from": "2026-07-01", "to": "2026-07-31",
//    "sickness_rate": 0.1,
//    "demand": [{"service": "reisepass", "months": [7], "factor": 2}],
//    "extra_saturdays": [{"centre": "kz-altona", "dates": ["2026-07-04"]}],
//    "closings": [{"centre": "kz-wandsbek", "from": "2026-07-13", "to": "2026-07-17"}],
//    "sick_staff": [{"centre": "kz-harburg", "from": "2026-07-01", "to": "2026-07-31",
//                    "share": 0.5}],
//    "replications": 10, "seed": 1}
//
// Every field but "from" and "to" is optional. Unknown fields are refused, so that a typo does
// not silently simulate something else.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/planning/city_simulation.h"

namespace amtszeit::planning {

using ScenarioDemand = DemandFactor;
struct ScenarioSaturday {
  std::string centre;
  std::vector<absl::CivilDay> dates;  // Saturdays
};
struct ScenarioClosing {
  std::string centre;
  absl::CivilDay first, last;
};
struct ScenarioSickness {
  std::string centre;  // staff whose home centre this is
  absl::CivilDay first, last;
  double share = 1;  // of them, off sick for the whole period
};

struct Scenario {
  std::string name;
  absl::CivilDay from, to;  // measured days, inclusive
  double sickness_rate = 0;
  std::vector<ScenarioDemand> demand;
  std::vector<ScenarioSaturday> extra_saturdays;
  std::vector<ScenarioClosing> closings;
  std::vector<ScenarioSickness> sick_staff;
  int replications = 10;
  std::uint64_t seed = 1;

  int days() const { return static_cast<int>(to - from) + 1; }
};

inline constexpr int kScenarioMaxDays = 366;
inline constexpr int kScenarioMaxReplications = 100;

// Parses and checks a scenario's JSON; the error names the field ("closings[0].from: ...").
// Centre and service ids are checked against the catalogue, and the horizon against the holiday
// calendar (the CLI and the API refuse the same scenarios).
Result<Scenario> ParseScenario(std::string_view json, const Catalog& catalog);
boost::json::value ScenarioToJson(const Scenario& scenario);

// The product of the demand factors that match a service (catalogue id) in a month (1..12), as
// the city simulator multiplies visits: for the back office's cases and the optimizer alike.
double DemandFactorOf(const std::vector<DemandFactor>& factors, std::string_view service,
                      int month);

// The roster a scenario runs on: `base` with the scenario's closings, sick staff and extra
// Saturday shifts (09:00-13:00 appointments for the centre's home staff who are not absent).
Roster ApplyScenarioToRoster(const Scenario& scenario, const Catalog& catalog, Roster base);

// The simulator's options for a scenario; the pointers are left to the caller. Warm-up 21 days.
CitySimulationOptions ScenarioOptions(const Scenario& scenario);
inline constexpr int kScenarioWarmupDays = 21;

// The first and last day the base roster must cover for a scenario (warm-up and the booking
// window beyond the horizon included).
absl::CivilDay ScenarioRosterFirst(const Scenario& scenario);
absl::CivilDay ScenarioRosterLast(const Scenario& scenario);

// Runs a scenario on a base roster (generated or read from the store). `days_done` as in
// CitySimulationOptions; the total is ScenarioTotalDays.
struct ScenarioInputs {
  const Catalog* catalog = nullptr;
  const Roster* roster = nullptr;  // covering ScenarioRosterFirst..Last
  const HolidayCalendar* holidays = nullptr;
  const SchoolCalendar* school = nullptr;
  const DemandModel* demand = nullptr;
};
Result<CitySimulationResult> RunScenario(const Scenario& scenario, const ScenarioInputs& inputs,
                                         std::atomic<std::int64_t>* days_done = nullptr);
std::int64_t ScenarioTotalDays(const Scenario& scenario);

}  // namespace amtszeit::planning
