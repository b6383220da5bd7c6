// Capacity planning for the control room: scenarios simulated on the worker thread of a
// planning::JobRunner (never on an HTTP thread), polled by id. Staff only: the routes are kept in
// this file so that roles can be attached to them in one place.
#include <fmt/core.h>

#include <boost/json.hpp>
#include <cmath>

#include "amtszeit/planning/demand.h"
#include "amtszeit/planning/jobs.h"
#include "amtszeit/planning/scenario.h"
#include "amtszeit/planning/scenario_json.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/routes/planning_routes.h"

namespace amtszeit::server {

namespace {

namespace json = boost::json;

// A scenario on the stored roster (with its absences and closures) and the demand profile.
Result<json::value> Simulate(App& app, const planning::Scenario& scenario,
                             planning::JobProgress& progress) {
  const absl::CivilDay first = planning::ScenarioRosterFirst(scenario);
  const absl::CivilDay last = planning::ScenarioRosterLast(scenario);
  auto roster = app.store.ReadRoster(first, last);
  if (!roster) return std::unexpected(roster.error());
  auto school = app.store.ReadSchoolHolidays();
  if (!school) return std::unexpected(school.error());
  const Catalog* catalog = app.catalog.get();
  const HolidayCalendar holidays(first.year() - 1, last.year() + 1);
  const SchoolCalendar calendar(std::move(*school));
  const planning::DemandModel demand = planning::DemandModel::FromProfile(*catalog, holidays);
  progress.total = planning::ScenarioTotalDays(scenario);
  auto result = planning::RunScenario(scenario,
                                      {.catalog = catalog,
                                       .roster = &*roster,
                                       .holidays = &holidays,
                                       .school = &calendar,
                                       .demand = &demand},
                                      &progress.done);
  if (!result) return std::unexpected(result.error());
  return planning::ScenarioResultToJson(scenario, *result);
}

json::object StatusJson(const planning::JobStatus& s, std::string_view collection) {
  json::object out{{"id", s.id},
                   {"kind", s.kind},
                   {"status", planning::ToString(s.state)},
                   {"progress", std::round(s.progress * 1000) / 1000},
                   {"href", fmt::format("/api/v1/planning/{}/{}", collection, s.id)}};
  if (s.result) out["result"] = *s.result;
  if (s.error) out["error"] = s.error->message;
  return out;
}

Response PostSimulation(App& app, PlanningState& state, const Request& req) {
  auto body = req.Json();
  if (!body) return Problem(body.error());
  auto scenario = planning::ParseScenario(json::serialize(*body), *app.catalog);
  if (!scenario) return Problem(scenario.error());
  if (scenario->from.year() <= kFirstHolidayYear || scenario->to.year() >= kLastHolidayYear - 1) {
    return Problem(400, "the scenario's horizon is outside the calendar");
  }
  auto id = state.jobs.Submit("simulation", [&app, s = *scenario](planning::JobProgress& p) {
    return Simulate(app, s, p);
  });
  if (!id) return Problem(id.error());
  auto status = state.jobs.Status(*id);
  Response r = Json(StatusJson(*status, "simulations"), 202);
  r.headers.emplace_back("Location", fmt::format("/api/v1/planning/simulations/{}", *id));
  return r;
}

Response GetJob(PlanningState& state, const Request& req, std::string_view kind,
                std::string_view collection) {
  auto status = state.jobs.Status(req.Param("id"));
  if (!status || status->kind != kind) return Problem(404, "no such planning job");
  return Json(StatusJson(*status, collection));
}

}  // namespace

void AddPlanningRoutes(Router& router, App& app) {
  // The routes' state lives as long as the router's handlers that share it.
  auto state = std::make_shared<PlanningState>();
  // A simulation changes nothing: everyone who steers capacity may ask one, city-wide.
  const Access planners = Access::Staff(roles::kSteering);
  router.Add("POST", "/api/v1/planning/simulations", planners,
             [&app, state](const Request& r) { return PostSimulation(app, *state, r); });
  router.Add("GET", "/api/v1/planning/simulations/{id}", planners,
             [state](const Request& r) { return GetJob(*state, r, "simulation", "simulations"); });
  AddProposalRoutes(router, app, state);
}

}  // namespace amtszeit::server
