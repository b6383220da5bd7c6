// What the planning routes share: one job runner, so simulations and optimizer solves run one at
// a time on its worker thread, the calendar they plan with and the demand model fitted from the
// stored history.
#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/planning/demand_source.h"
#include "amtszeit/planning/jobs.h"
#include "amtszeit/server/app.h"

namespace amtszeit::server {

struct PlanningState {
  // Every year the holidays are known for: any scenario ParseScenario accepts lies inside, and a
  // cached demand model can keep pointing at it.
  const HolidayCalendar holidays{kFirstHolidayYear, kLastHolidayYear};
  std::mutex mu;
  std::set<std::string> applied;  // proposals applied (each at most once)
  // The demand model of the day it was fitted on, with the catalogue version it points into
  // (versions live as long as the server, see LiveCatalog; a new interim location refits).
  struct Demand {
    absl::CivilDay day;
    const Catalog* catalog = nullptr;
    std::shared_ptr<const planning::PlanningDemand> demand;
  };
  std::optional<Demand> demand;  // guarded by mu
  // Last, so destroyed first: its destructor finishes the running job, which may use the rest.
  planning::JobRunner jobs;
};

// The demand model planning runs on (planning::DemandFromStore), fitted at most once a day: the
// history only grows by a day at a time, and a fit reads months of events.
Result<std::shared_ptr<const planning::PlanningDemand>> PlanningDemandFor(App& app,
                                                                          PlanningState& state);

// A planning job as its collection answers it; a finished job's JSON under `result_key`.
boost::json::object JobJson(const planning::JobStatus& status, std::string_view collection,
                            std::string_view result_key);

// The optimizer's proposals (routes/proposals.cpp).
void AddProposalRoutes(Router& router, App& app, std::shared_ptr<PlanningState> state);

}  // namespace amtszeit::server
