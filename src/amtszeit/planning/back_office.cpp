#include "amtszeit/planning/back_office.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "amtszeit/planning/scenario.h"

namespace amtszeit::planning {

namespace {

double Round(double x) { return std::round(x * 10) / 10; }

constexpr int kCarryBacklogDays = 366;

}  // namespace

absl::CivilDay BackOfficeForecastStart(absl::CivilDay today, absl::CivilDay first) {
  return today < first && first - today <= kCarryBacklogDays ? today : first;
}

BackOfficeForecast ForecastBackOffice(const BackOfficeInputs& in) {
  BackOfficeForecast out;
  if (in.catalog == nullptr || in.roster == nullptr || in.last < in.first) return out;
  const absl::CivilDay start = std::min(in.start, in.first);
  const int days = static_cast<int>(in.last - start) + 1;
  std::vector<double> capacity(days, 0.0);
  absl::flat_hash_map<std::string_view, std::vector<const Absence*>> absent;
  for (const Absence& a : in.roster->absences) absent[a.staff_id].push_back(&a);
  for (const Shift& sh : in.roster->shifts) {
    if (sh.mode != ShiftMode::kBackOffice || sh.day < start || sh.day > in.last) continue;
    const Location* l = in.catalog->FindLocation(sh.location_id);
    if (l == nullptr || !l->InServiceOn(sh.day) || in.roster->Closed(l->id, sh.day)) continue;
    if (std::ranges::any_of(absent[sh.staff_id],
                            [&](const Absence* a) { return a->Covers(sh.day); })) {
      continue;
    }
    double minutes = sh.time.Minutes();
    if (sh.break_time) minutes -= sh.break_time->Minutes();
    capacity[sh.day - start] += minutes * (1 - in.sickness_rate);
  }
  double backlog = std::max(0.0, in.open_minutes);
  for (int d = 0; d < days; ++d) {
    const absl::CivilDay day = start + d;
    if (day == in.first) out.backlog_start_minutes = backlog;
    double inflow = 0;
    for (const auto& [service, minutes] : in.inflow_minutes_per_day) {
      inflow += minutes * DemandFactorOf(in.demand_factors, service, day.month());
    }
    const double worked = std::min(capacity[d], backlog + inflow);
    backlog += inflow - worked;
    if (day < in.first) continue;
    out.days.push_back({.day = day,
                        .capacity_minutes = capacity[d],
                        .inflow_minutes = inflow,
                        .worked_minutes = worked,
                        .backlog_minutes = backlog});
    out.capacity_minutes += capacity[d];
    out.inflow_minutes += inflow;
    out.worked_minutes += worked;
  }
  out.backlog_end_minutes = backlog;
  if (out.capacity_minutes > 0) out.utilisation = out.worked_minutes / out.capacity_minutes;
  return out;
}

boost::json::value BackOfficeToJson(const BackOfficeForecast& f) {
  namespace json = boost::json;
  json::array backlog, capacity, inflow;
  for (const BackOfficeDay& d : f.days) {
    backlog.emplace_back(Round(d.backlog_minutes));
    capacity.emplace_back(Round(d.capacity_minutes));
    inflow.emplace_back(Round(d.inflow_minutes));
  }
  return json::object{{"backlog_start_minutes", Round(f.backlog_start_minutes)},
                      {"backlog_end_minutes", Round(f.backlog_end_minutes)},
                      {"capacity_minutes", Round(f.capacity_minutes)},
                      {"inflow_minutes", Round(f.inflow_minutes)},
                      {"worked_minutes", Round(f.worked_minutes)},
                      {"utilisation", std::round(f.utilisation * 1000) / 1000},
                      {"daily", json::object{{"backlog_minutes", std::move(backlog)},
                                             {"capacity_minutes", std::move(capacity)},
                                             {"inflow_minutes", std::move(inflow)}}}};
}

}  // namespace amtszeit::planning
