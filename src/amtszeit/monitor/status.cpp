#include "amtszeit/monitor/status.h"

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/monitor/snapshot.h"

namespace amtszeit::monitor {

std::vector<Scope> AllScopes(const Catalog& catalog, absl::CivilDay day) {
  std::vector<Scope> scopes = {Scope::City()};
  for (const District& d : catalog.districts) scopes.push_back(Scope::District(d.id));
  for (const Location& l : catalog.locations) {
    if (l.InServiceOn(day)) scopes.push_back(Scope::Location(l.id));
  }
  return scopes;
}

Result<LiveView> LiveStatus(const Sources& s, absl::Time now) {
  const absl::CivilDay today(ToCivilMinute(now, s.zone));
  auto promises = LoadPromises(s.store);
  if (!promises) return std::unexpected(promises.error());
  auto snapshot = TakeSnapshot(s.engine, *promises, s.holidays, today);
  if (!snapshot) return std::unexpected(snapshot.error());
  const absl::CivilDay first = today - (kLeadTimeWindowDays - 1);
  auto events = s.store.ReadEventsBetween(ToInstant(first, 0, s.zone), now);
  if (!events) return std::unexpected(events.error());
  auto tickets = s.store.ReadTicketEventsBetween(ToInstant(today, 0, s.zone), now);
  if (!tickets) return std::unexpected(tickets.error());
  const KpiInput in{.catalog = s.engine.catalog(),
                    .zone = s.zone,
                    .events = *events,
                    .tickets = *tickets,
                    .slots = snapshot->slots,
                    .windows = snapshot->windows};
  const std::vector<Scope> scopes = AllScopes(s.engine.catalog(), today);
  LiveView view{.at = now, .promises = *promises};
  view.rows = ComputeRange(in, *promises, first, today + 1, scopes);
  return view;
}

}  // namespace amtszeit::monitor
