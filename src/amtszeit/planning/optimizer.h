// The staff optimizer: which staff should serve where, on which weeks, so that every centre keeps
// the promise (an appointment within 14 days: over every 14-day window, appointment capacity at
// least the demand expected there), with as few moves and as little travel as possible.
//
// A mixed-integer programme solved by COIN-OR CBC (C API) within a time limit:
//   x[s,w,c] ∈ {0,1}  staff member s works week w at centre c instead of their rostered centre,
//                     for c among the centres short of capacity, s qualified for the core services;
//   Σ_c x[s,w,c] ≤ 1;
//   for every centre c and span W (each week, and each 14-day window starting on a week's first
//   day):
//     capacity(c,W) + Σ minutes moved in − Σ minutes moved out + short(c,W) ≥ demand(c,W);
//   minimise Σ x·(1 + km/10) + 1000 · Σ short (hours).
// Capacity is the roster's appointment time (shifts minus breaks, absences and closures, times
// one minus the scenario's extra sickness). Demand is the simulator's: the demand model's booking
// requests with the scenario's factors, times their duration, less cancelled time, shared each
// week by the centres as their usual appointment time (before absences), since citizens who take
// the earliest slot book the centres out alike. The shortfalls reported are over every 14-day
// window.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/planning/city_simulation.h"
#include "amtszeit/planning/demand.h"

namespace amtszeit::planning {

struct ProposalOptions {
  const Catalog* catalog = nullptr;
  const Roster* roster = nullptr;  // as it will be (absences, closures), covering the horizon
  const HolidayCalendar* holidays = nullptr;
  const DemandModel* demand = nullptr;
  absl::CivilDay first, last;  // the days whose capacity may be moved
  // The scenario's demand factors and extra sickness, as the simulator applies them.
  std::vector<DemandFactor> demand_factors;
  double sickness_rate = 0;
  int window_days = 14;
  // On the simulator's demand: the first-come spread leaves some booked-out days before free ones.
  double demand_margin = 1.0;
  double time_limit_seconds = 20;
  // > 0: stop after that many branch-and-bound nodes. Unlike the time limit this gives the same
  // proposal on a busy machine as on an idle one (tests; reproducible plans).
  int max_nodes = 0;
  // A staff member may be moved when they have the skills of these services.
  std::vector<std::string> core_services = {"personalausweis", "reisepass", "anmeldung"};
};

struct StaffMove {
  std::string staff_id;
  std::string from_location_id;
  std::string to_location_id;
  absl::CivilDay first, last;  // inclusive
  double km = 0;
  double minutes = 0;  // appointment time moved
};

struct CentreShortage {
  std::string location_id;
  double worst_window_hours = 0;  // the largest demand − capacity over a window (hours), > 0
};

struct Proposal {
  std::vector<StaffMove> moves;
  std::vector<CentreShortage> before;  // centres short of capacity doing nothing
  std::vector<CentreShortage> after;   // still short with the moves (none: every promise kept)
  bool optimal = false;                // CBC proved optimality within the time limit
  double objective = 0;
};

Result<Proposal> ProposeStaffMoves(const ProposalOptions& options);

// The roster with the moves made: the staff member's shifts in [first, last] at the centre they
// leave go to the centre they join (as steering::MoveStaff does).
Roster ApplyMoves(Roster roster, const std::vector<StaffMove>& moves);

// {"moves": [...], "short_before": [...], "short_after": [...], "optimal", "objective"}.
boost::json::value ProposalToJson(const Proposal& proposal);

}  // namespace amtszeit::planning
