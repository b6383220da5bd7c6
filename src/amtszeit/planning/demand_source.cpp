#include "amtszeit/planning/demand_source.h"

#include <fmt/core.h>

namespace amtszeit::planning {

std::string DemandSourceLabel(int history_days) {
  if (history_days <= 0) return "profile (estimate)";
  return fmt::format("history {} days", history_days);
}

Result<PlanningDemand> DemandFromStore(store::Store& store, const Catalog& catalog,
                                       const HolidayCalendar& holidays, absl::TimeZone zone,
                                       absl::CivilDay today) {
  auto fitted = DemandModel::Fit(
      store, catalog, holidays, zone,
      {.from = today - kMaxHistoryDays, .to = today - 1, .from_first_event = true});
  if (!fitted) return std::unexpected(fitted.error());
  if (fitted->history_days() < kMinHistoryDays) {
    return PlanningDemand{.model = DemandModel::FromProfile(catalog, holidays)};
  }
  const int days = fitted->history_days();
  return PlanningDemand{.model = std::move(*fitted), .history_days = days};
}

}  // namespace amtszeit::planning
