#include "amtszeit/cases/workload.h"

#include <algorithm>

namespace amtszeit::cases {

Workload ComputeWorkload(const std::vector<OnlineCase>& cases, const std::vector<OnlineForm>& forms,
                         absl::Time now, absl::TimeZone zone, int inflow_days) {
  std::map<std::string, int, std::less<>> minutes_of;
  for (const OnlineForm& f : forms) minutes_of[f.service_id] = f.handling_minutes;
  const absl::CivilDay today(absl::ToCivilDay(now, zone));
  const absl::CivilDay inflow_from = today - inflow_days;

  Workload w;
  w.inflow_days = inflow_days;
  std::map<absl::CivilDay, Workload::Day> by_day;
  int inflow_minutes = 0;
  for (const OnlineCase& c : cases) {
    const auto it = minutes_of.find(c.service_id);
    const int minutes = it == minutes_of.end() ? 0 : it->second;
    const absl::CivilDay received(absl::ToCivilDay(c.created_at, zone));
    if (received >= inflow_from && received < today) {
      ++w.inflow_cases;
      inflow_minutes += minutes;
      w.inflow_minutes_per_day_by_service[c.service_id] += minutes;
    }
    if (IsClosed(c.status)) continue;
    ++w.open_cases;
    w.open_minutes += minutes;
    w.open_minutes_by_service[c.service_id] += minutes;
    Workload::Day& day = by_day[received];
    day.day = received;
    ++day.cases;
    day.minutes += minutes;
  }
  for (const auto& [_, day] : by_day) w.open_by_received_day.push_back(day);
  if (inflow_days > 0) {
    w.inflow_minutes_per_day = static_cast<double>(inflow_minutes) / inflow_days;
    for (auto& [_, m] : w.inflow_minutes_per_day_by_service) m /= inflow_days;
  }
  return w;
}

}  // namespace amtszeit::cases
