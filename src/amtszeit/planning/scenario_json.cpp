#include "amtszeit/planning/scenario_json.h"

#include <boost/json.hpp>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/planning/demand_source.h"

namespace amtszeit::planning {

namespace json = boost::json;

namespace {

// NaN (no sample) and infinite intervals are null: JSON has no NaN.
json::value Number(double x) {
  if (!std::isfinite(x)) return nullptr;
  return std::round(x * 1000) / 1000;
}

json::value ToJson(const Estimate& e) {
  return json::object{{"mean", Number(e.mean)}, {"ci95", Number(e.ci95)}};
}

}  // namespace

json::value ScenarioResultToJson(const Scenario& scenario, const CitySimulationResult& r,
                                 const ScenarioContext& context) {
  json::object out;
  out["scenario"] = ScenarioToJson(scenario);
  const bool history = context.history_days > 0;
  out["demand_source"] = json::object{{"kind", history ? "history" : "profile"},
                                      {"history_days", context.history_days},
                                      {"label", DemandSourceLabel(context.history_days)}};
  if (context.back_office) out["back_office"] = BackOfficeToJson(*context.back_office);
  out["totals"] = json::object{{"visits", ToJson(r.visits)},
                               {"bookings", ToJson(r.bookings)},
                               {"lost_requests", ToJson(r.lost_requests)},
                               {"events", r.events}};
  json::array centres;
  for (const CentreEstimate& c : r.centres) {
    centres.push_back(json::object{{"centre", c.location_id},
                                   {"lead_time_days", ToJson(c.lead_time)},
                                   {"lead_time_max_days", ToJson(c.lead_time_max)},
                                   {"within_14_share", ToJson(c.within_14_share)},
                                   {"walk_in_p90_minutes", ToJson(c.walk_in_p90)},
                                   {"express_p95_minutes", ToJson(c.express_p95)},
                                   {"utilisation", ToJson(c.utilisation)}});
  }
  out["centres"] = std::move(centres);
  // Per centre and day: the mean over lead services of the lead time, the walk-in p90.
  json::array days;
  for (int d = 0; d < scenario.days(); ++d) days.emplace_back(FormatDay(scenario.from + d));
  absl::flat_hash_map<std::string, std::size_t> row;
  json::array series;
  for (const CentreEstimate& c : r.centres) {
    row[c.location_id] = series.size();
    json::array empty(static_cast<std::size_t>(scenario.days()), nullptr);
    series.push_back(
        json::object{{"centre", c.location_id}, {"lead_time", empty}, {"walk_in_p90", empty}});
  }
  for (const CentreDayEstimate& e : r.centre_days) {
    auto it = row.find(e.location_id);
    if (it == row.end()) continue;
    const auto d = static_cast<std::size_t>(e.day - scenario.from);
    double sum = 0;
    int n = 0;
    for (const Estimate& lead : e.lead_time) {
      if (std::isfinite(lead.mean)) {
        sum += lead.mean;
        ++n;
      }
    }
    json::object& s = series[it->second].as_object();
    s["lead_time"].as_array()[d] = n > 0 ? Number(sum / n) : nullptr;
    s["walk_in_p90"].as_array()[d] = Number(e.walk_in_p90.mean);
  }
  out["daily"] = json::object{{"days", std::move(days)}, {"centres", std::move(series)}};
  return out;
}

}  // namespace amtszeit::planning
