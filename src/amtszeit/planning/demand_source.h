// Which demand model planning runs on: the one fitted from the stored history when the store holds
// enough of it, else the city's profile (estimates). Scenarios and proposals on the server use
// it, so that a city that has run the system for a while plans with its own figures.
//
//   auto demand = planning::DemandFromStore(store, catalog, holidays, zone, today);
//   demand->model.Bookings(service, day);
//   demand->Source();  // "history 120 days" or "profile (estimate)"
#pragma once

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/planning/demand.h"
#include "amtszeit/store/store.h"

namespace amtszeit::planning {

// Four of each weekday: below that the weekday factors would rest on one or two days each (a
// holiday or a storm would set them), and the profile is the better guess.
inline constexpr int kMinHistoryDays = 28;
// The fit looks back at most a year: enough for every month, not so much that a city's demand of
// years ago outweighs this year's.
inline constexpr int kMaxHistoryDays = 365;

// "history N days" for N > 0, else "profile (estimate)".
std::string DemandSourceLabel(int history_days);

struct PlanningDemand {
  DemandModel model;
  int history_days = 0;  // 0: the profile

  // "history N days" or "profile (estimate)": what a result says it was computed from.
  std::string Source() const { return DemandSourceLabel(history_days); }
};

// The history is the days from the first stored appointment or ticket event of the last
// kMaxHistoryDays days up to yesterday (today is still running). With at least kMinHistoryDays
// of it the model is DemandModel::Fit on those days, else the profile.
// REQUIRES: catalog and holidays outlive the result; holidays cover the history and the days the
// model is asked about.
Result<PlanningDemand> DemandFromStore(store::Store& store, const Catalog& catalog,
                                       const HolidayCalendar& holidays, absl::TimeZone zone,
                                       absl::CivilDay today);

}  // namespace amtszeit::planning
