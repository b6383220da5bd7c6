// Internal to monitor/: the events of a KPI request folded once into per-centre, per-day buckets,
// so each (period, scope) cell sums a few buckets instead of rereading every event. A month of
// Hamburg holds hundreds of thousands of events; the views ask for dozens of cells.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "amtszeit/monitor/kpis.h"

namespace amtszeit::monitor::detail {

struct Measured {
  std::optional<double> value;
  int samples = 0;
};

// What one centre did on one day. Lead times and channels count by booking day, no-shows by
// appointment day, waits by the day the ticket was drawn, snapshots by the morning they were taken.
struct DayBucket {
  double lead_days = 0;  // sum over bookings
  int bookings = 0;
  int online = 0;
  int phone = 0;
  int no_shows = 0;
  int expected = 0;  // checked in or no-show
  std::vector<double> walk_in_waits;
  std::vector<double> express_waits;
  std::optional<int> worst_core_free;    // days; the horizon when nothing was free
  std::optional<int> registration_free;  // days
  int window_weekdays = 0;
  int window_covered = 0;  // early + late + lunch
};

class KpiIndex {
 public:
  KpiIndex(const KpiInput& in, const PromiseSet& promises);

  // The promise's figure for `scope` over the days [first, end).
  Measured Of(std::string_view promise, const Scope& scope, absl::CivilDay first,
              absl::CivilDay end) const;

 private:
  using Days = std::map<absl::CivilDay, DayBucket>;
  // Centre slots in catalogue order; the last collects events of unknown centres (city only).
  std::vector<int> Slots(const Scope& scope) const;
  DayBucket& At(std::string_view location, absl::CivilDay day);
  template <typename F>
  void ForEach(const Scope& scope, absl::CivilDay first, absl::CivilDay end, F&& f) const;

  const Catalog& catalog_;
  absl::flat_hash_map<std::string, int> slot_of_;
  std::vector<Days> by_slot_;
};

}  // namespace amtszeit::monitor::detail
