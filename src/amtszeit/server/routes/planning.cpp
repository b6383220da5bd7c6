// Capacity planning for the control room: scenarios simulated on the worker thread of a
// planning::JobRunner (never on an HTTP thread), polled by id. Staff only: the routes are kept in
// this file so that roles can be attached to them in one place.
#include <fmt/core.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "amtszeit/planning/back_office.h"
#include "amtszeit/planning/demand_source.h"
#include "amtszeit/planning/jobs.h"
#include "amtszeit/planning/scenario.h"
#include "amtszeit/planning/scenario_json.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/routes/planning_routes.h"

namespace amtszeit::server {

namespace {

namespace json = boost::json;

// How many days of recent cases give the back office's inflow.
constexpr int kInflowDays = 28;

// The back office's forecast for a scenario, from today's open cases and recent inflow; none
// when the server has no online services.
Result<std::optional<planning::BackOfficeForecast>> BackOffice(App& app,
                                                               const planning::Scenario& scenario,
                                                               absl::CivilDay today) {
  if (app.cases == nullptr) return std::nullopt;
  auto workload = app.cases->CurrentWorkload(kInflowDays);
  if (!workload) return std::unexpected(workload.error());
  const absl::CivilDay start = planning::BackOfficeForecastStart(today, scenario.from);
  auto stored = app.store.ReadRoster(start, scenario.to);
  if (!stored) return std::unexpected(stored.error());
  const Roster roster = planning::ApplyScenarioToRoster(scenario, *app.catalog, *stored);
  return planning::ForecastBackOffice(
      {.catalog = app.catalog.get(),
       .roster = &roster,
       .start = start,
       .first = scenario.from,
       .last = scenario.to,
       .open_minutes = static_cast<double>(workload->open_minutes),
       .inflow_minutes_per_day = workload->inflow_minutes_per_day_by_service,
       .demand_factors = scenario.demand,
       .sickness_rate = scenario.sickness_rate});
}

// A scenario on the stored roster (with its absences and closures), the demand fitted from the
// stored history (or the profile), and the back office's cases.
Result<json::value> Simulate(App& app, PlanningState& state, const planning::Scenario& scenario,
                             planning::JobProgress& progress) {
  auto demand = PlanningDemandFor(app, state);
  if (!demand) return std::unexpected(demand.error());
  const absl::CivilDay first = planning::ScenarioRosterFirst(scenario);
  const absl::CivilDay last = planning::ScenarioRosterLast(scenario);
  auto roster = app.store.ReadRoster(first, last);
  if (!roster) return std::unexpected(roster.error());
  auto school = app.store.ReadSchoolHolidays();
  if (!school) return std::unexpected(school.error());
  auto back_office = BackOffice(app, scenario, app.steering.Today());
  if (!back_office) return std::unexpected(back_office.error());
  const Catalog* catalog = app.catalog.get();
  const SchoolCalendar calendar(std::move(*school));
  progress.total = planning::ScenarioTotalDays(scenario);
  auto result = planning::RunScenario(scenario,
                                      {.catalog = catalog,
                                       .roster = &*roster,
                                       .holidays = &state.holidays,
                                       .school = &calendar,
                                       .demand = &(*demand)->model},
                                      &progress.done);
  if (!result) return std::unexpected(result.error());
  return planning::ScenarioResultToJson(
      scenario, *result,
      {.history_days = (*demand)->history_days, .back_office = std::move(*back_office)});
}

Response PostSimulation(App& app, PlanningState& state, const Request& req) {
  auto body = req.Json();
  if (!body) return Problem(body.error());
  auto scenario = planning::ParseScenario(json::serialize(*body), *app.catalog);
  if (!scenario) return Problem(scenario.error());
  // The job may use the state by reference: the state's runner is destroyed before the rest.
  auto id =
      state.jobs.Submit("simulation", [&app, &state, s = *scenario](planning::JobProgress& p) {
        return Simulate(app, state, s, p);
      });
  if (!id) return Problem(id.error());
  auto status = state.jobs.Status(*id);
  Response r = Json(JobJson(*status, "simulations", "result"), 202);
  r.headers.emplace_back("Location", fmt::format("/api/v1/planning/simulations/{}", *id));
  return r;
}

Response GetSimulation(PlanningState& state, const Request& req) {
  auto status = state.jobs.Status(req.Param("id"));
  if (!status || status->kind != "simulation") return Problem(404, "no such planning job");
  return Json(JobJson(*status, "simulations", "result"));
}

}  // namespace

Result<std::shared_ptr<const planning::PlanningDemand>> PlanningDemandFor(App& app,
                                                                          PlanningState& state) {
  const absl::CivilDay today = app.steering.Today();
  {
    std::lock_guard lock(state.mu);
    if (state.demand && state.demand->day == today && state.demand->catalog == app.catalog.get()) {
      return state.demand->demand;
    }
  }
  // Fitted outside the lock: it reads the store for seconds, and only the one worker thread
  // fits, so no two fits race.
  const Catalog* catalog = app.catalog.get();
  auto fitted = planning::DemandFromStore(app.store, *catalog, state.holidays, app.zone, today);
  if (!fitted) return std::unexpected(fitted.error());
  auto demand = std::make_shared<const planning::PlanningDemand>(std::move(*fitted));
  std::lock_guard lock(state.mu);
  state.demand = PlanningState::Demand{.day = today, .catalog = catalog, .demand = demand};
  return demand;
}

json::object JobJson(const planning::JobStatus& s, std::string_view collection,
                     std::string_view result_key) {
  json::object out{{"id", s.id},
                   {"kind", s.kind},
                   {"status", planning::ToString(s.state)},
                   {"progress", std::round(s.progress * 1000) / 1000},
                   {"href", fmt::format("/api/v1/planning/{}/{}", collection, s.id)}};
  if (s.result) out[result_key] = *s.result;
  if (s.error) out["error"] = s.error->message;
  return out;
}

void AddPlanningRoutes(Router& router, App& app) {
  // The routes' state lives as long as the router's handlers that share it.
  auto state = std::make_shared<PlanningState>();
  // A simulation changes nothing: everyone who steers capacity may ask one, city-wide.
  const Access planners = Access::Staff(roles::kSteering);
  router.Add("POST", "/api/v1/planning/simulations", planners,
             [&app, state](const Request& r) { return PostSimulation(app, *state, r); });
  router.Add("GET", "/api/v1/planning/simulations/{id}", planners,
             [state](const Request& r) { return GetSimulation(*state, r); });
  AddProposalRoutes(router, app, state);
}

}  // namespace amtszeit::server
