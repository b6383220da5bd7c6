#include "amtszeit/monitor/history.h"

#include <fmt/format.h>

#include "amtszeit/domain/civil_time.h"

namespace amtszeit::monitor {

Result<std::vector<KpiRow>> LoadKpis(store::Store& store, const Catalog& catalog,
                                     absl::TimeZone zone, Period period, absl::CivilDay from,
                                     absl::CivilDay to, std::span<const Scope> scopes) {
  if (to < from) return Fail(ErrorCode::kInvalidArgument, "'to' lies before 'from'");
  const absl::CivilDay first = PeriodStart(period, from);
  absl::CivilDay end = first;
  std::size_t periods = 0;
  while (end <= to) {
    end = NextPeriod(period, end);
    ++periods;
  }
  const std::size_t rows = periods * scopes.size() * DefaultPromises().promises.size();
  if (rows > kMaxKpiRows) {
    return Fail(ErrorCode::kInvalidArgument,
                "{} rows asked for; narrow the range, choose a longer period or fewer scopes",
                rows);
  }
  auto promises = LoadPromises(store);
  if (!promises) return std::unexpected(promises.error());
  const absl::Time t0 = ToInstant(first, 0, zone);
  const absl::Time t1 = ToInstant(end, 0, zone);
  auto events = store.ReadEventsBetween(t0, t1);
  if (!events) return std::unexpected(events.error());
  auto tickets = store.ReadTicketEventsBetween(t0, t1);
  if (!tickets) return std::unexpected(tickets.error());
  auto slots = store.ReadSlotSnapshots(first, end - 1);
  if (!slots) return std::unexpected(slots.error());
  auto windows = store.ReadWindowSnapshots(first, end - 1);
  if (!windows) return std::unexpected(windows.error());
  const KpiInput in{.catalog = catalog,
                    .zone = zone,
                    .events = *events,
                    .tickets = *tickets,
                    .slots = *slots,
                    .windows = *windows};
  return ComputeKpis(in, *promises, period, first, end - 1, scopes);
}

std::string KpiCsv(std::span<const KpiRow> rows) {
  std::string out = "period,scope,promise,value,samples,light\r\n";
  for (const KpiRow& r : rows) {
    // Ids and keys never hold commas or quotes (catalogue ids are [a-z0-9-]), so no quoting.
    out += fmt::format("{},{},{},{},{},{}\r\n", FormatDay(r.period_start), r.scope.Key(), r.promise,
                       r.value ? fmt::format("{:.2f}", *r.value) : std::string(), r.samples,
                       ToString(r.light));
  }
  return out;
}

}  // namespace amtszeit::monitor
