// KPIs over stored history: reads the events and snapshots of a range from the store and computes
// the promise table for the requested scopes. Shared by the API, the CSV export and the reports.
//
//   auto rows = LoadKpis(store, catalog, zone, Period::kMonth, {2026, 6, 1}, {2026, 11, 30},
//                        {Scope::District("altona")});
#pragma once

#include <span>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/monitor/kpis.h"
#include "amtszeit/store/store.h"

namespace amtszeit::monitor {

inline constexpr std::size_t kMaxKpiRows = 50'000;

Result<std::vector<KpiRow>> LoadKpis(store::Store& store, const Catalog& catalog,
                                     absl::TimeZone zone, Period period, absl::CivilDay from,
                                     absl::CivilDay to, std::span<const Scope> scopes);

// "period,scope,promise,value,samples,light" and one line per row (RFC 4180, '.' decimals).
std::string KpiCsv(std::span<const KpiRow> rows);

}  // namespace amtszeit::monitor
