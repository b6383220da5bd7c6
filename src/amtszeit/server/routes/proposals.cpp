// The staff optimizer's proposals: computed on the planning worker for a scenario on the stored
// roster, then applied in one request as staff moves through the steering service, each move
// audited with the actor and reason given. A proposal is applied at most once.
#include <fmt/core.h>

#include <boost/json.hpp>
#include <cmath>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/planning/demand_source.h"
#include "amtszeit/planning/optimizer.h"
#include "amtszeit/planning/scenario.h"
#include "amtszeit/server/routes/planning_routes.h"
#include "amtszeit/server/routes/steering_params.h"

namespace amtszeit::server {

namespace {

namespace json = boost::json;

Result<json::value> Propose(App& app, PlanningState& state, const planning::Scenario& scenario,
                            planning::JobProgress& progress) {
  // Only the future can be changed: the moves start today at the earliest.
  const absl::CivilDay first = std::max(scenario.from, app.steering.Today());
  if (first > scenario.to) {
    return Fail(ErrorCode::kInvalidArgument, "the scenario's horizon is in the past");
  }
  progress.total = 3;
  auto demand = PlanningDemandFor(app, state);
  if (!demand) return std::unexpected(demand.error());
  auto stored = app.store.ReadRoster(first, scenario.to);
  if (!stored) return std::unexpected(stored.error());
  const Roster roster = planning::ApplyScenarioToRoster(scenario, *app.catalog, *stored);
  progress.done = 1;
  auto proposal = planning::ProposeStaffMoves({.catalog = app.catalog.get(),
                                               .roster = &roster,
                                               .holidays = &state.holidays,
                                               .demand = &(*demand)->model,
                                               .first = first,
                                               .last = scenario.to,
                                               .demand_factors = scenario.demand,
                                               .sickness_rate = scenario.sickness_rate});
  if (!proposal) return std::unexpected(proposal.error());
  progress.done = 3;
  json::value out = planning::ProposalToJson(*proposal);
  out.as_object()["scenario"] = planning::ScenarioToJson(scenario);
  out.as_object()["demand_source"] = planning::DemandSourceLabel((*demand)->history_days);
  return out;
}

Response Post(App& app, PlanningState& state, const Request& req) {
  auto body = req.Json();
  if (!body) return Problem(body.error());
  auto scenario = planning::ParseScenario(json::serialize(*body), *app.catalog);
  if (!scenario) return Problem(scenario.error());
  // The job may use the state by reference: the state's runner is destroyed before the rest.
  auto id = state.jobs.Submit("proposal", [&app, &state, s = *scenario](planning::JobProgress& p) {
    return Propose(app, state, s, p);
  });
  if (!id) return Problem(id.error());
  Response r = Json(JobJson(*state.jobs.Status(*id), "proposals", "proposal"), 202);
  r.headers.emplace_back("Location", fmt::format("/api/v1/planning/proposals/{}", *id));
  return r;
}

Response Get(PlanningState& state, const Request& req) {
  auto status = state.jobs.Status(req.Param("id"));
  if (!status || status->kind != "proposal") return Problem(404, "no such proposal");
  return Json(JobJson(*status, "proposals", "proposal"));
}

Response Apply(App& app, PlanningState& state, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, {"actor", "reason"}));
  AMTSZEIT_OR_PROBLEM(actor, ActorOf(req, *body));
  const std::string id = req.Param("id");
  auto status = state.jobs.Status(id);
  if (!status || status->kind != "proposal") return Problem(404, "no such proposal");
  if (status->state != planning::JobState::kDone) {
    return Problem(409, "the proposal is not ready");
  }
  {
    std::lock_guard lock(state.mu);
    if (!state.applied.insert(id).second) return Problem(409, "the proposal was applied already");
  }
  json::array applied;
  for (const json::value& v : status->result->at("moves").as_array()) {
    const json::object& m = v.as_object();
    auto first = ParseDay(m.at("first").as_string());
    auto last = ParseDay(m.at("last").as_string());
    if (!first || !last) return Problem(500, "a stored move has no dates");
    auto out =
        app.steering.MoveStaff({.staff_id = std::string(m.at("staff_id").as_string()),
                                .to_location_id = std::string(m.at("to_location_id").as_string()),
                                .first = *first,
                                .last = *last},
                               *actor);
    if (!out) {
      if (applied.empty()) {
        // Nothing changed (e.g. the actor was refused): the proposal may be applied later.
        std::lock_guard lock(state.mu);
        state.applied.erase(id);
        return Problem(out.error());
      }
      // The moves made so far stay (each is audited); the answer says where it stopped.
      return Problem(out.error(), {{"applied", std::move(applied)}, {"failed", m}});
    }
    json::object done = m;
    done["shift_ids"] = json::array(out->ids.begin(), out->ids.end());
    applied.push_back(std::move(done));
  }
  return Json({{"id", id}, {"applied", std::move(applied)}}, 201);
}

}  // namespace

void AddProposalRoutes(Router& router, App& app, std::shared_ptr<PlanningState> state) {
  // Proposals move staff across districts: the control room's decision.
  const Access central = Access::Staff(roles::kCentral);
  router.Add("POST", "/api/v1/planning/proposals", central,
             [&app, state](const Request& r) { return Post(app, *state, r); });
  router.Add("GET", "/api/v1/planning/proposals/{id}", central,
             [state](const Request& r) { return Get(*state, r); });
  router.Add("POST", "/api/v1/planning/proposals/{id}/apply", central,
             [&app, state](const Request& r) { return Apply(app, *state, r); });
}

}  // namespace amtszeit::server
