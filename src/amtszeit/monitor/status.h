// The control room's live view of the promises: per centre, district and city, what a citizen
// meets now (first free slots, early/late/lunch offer — from the index this minute), today's
// waits at the counters, and the official lead time of the last 60 days.
//
//   auto status = LiveStatus({.store = store, .engine = engine, ...}, clock.Now());
#pragma once

#include <vector>

#include "absl/time/time.h"
#include "amtszeit/booking/engine.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/monitor/kpis.h"
#include "amtszeit/store/store.h"

namespace amtszeit::monitor {

struct Sources {
  store::Store& store;
  const booking::BookingEngine& engine;
  const HolidayCalendar& holidays;
  absl::TimeZone zone;
};

inline constexpr int kLeadTimeWindowDays = 60;  // Hamburg's official averaging window

struct LiveView {
  absl::Time at;
  PromiseSet promises;
  std::vector<KpiRow> rows;  // city, each district, each centre in service
};

Result<LiveView> LiveStatus(const Sources& sources, absl::Time now);

// Every scope the views show: the city, each district, each centre serving on `day`.
std::vector<Scope> AllScopes(const Catalog& catalog, absl::CivilDay day);

}  // namespace amtszeit::monitor
