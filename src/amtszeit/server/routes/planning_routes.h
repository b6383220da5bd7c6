// What the planning routes share: one job runner, so simulations and optimizer solves run one at
// a time on its worker thread.
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "amtszeit/planning/jobs.h"
#include "amtszeit/server/app.h"

namespace amtszeit::server {

struct PlanningState {
  planning::JobRunner jobs;
  std::mutex mu;
  std::set<std::string> applied;  // proposals applied (each at most once)
};

// The optimizer's proposals (routes/proposals.cpp).
void AddProposalRoutes(Router& router, App& app, std::shared_ptr<PlanningState> state);

}  // namespace amtszeit::server
