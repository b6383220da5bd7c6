// The earliest slot for a booking, as CapacityIndex::Search answers it with limit 1, but from a
// cache of each centre-day's first start per kind of request. A booking changes one centre-day,
// so a city-wide search after it recomputes one centre-day instead of every centre's; the
// answer is the same because Search orders a day's starts by tick and then centre number (the
// simulator never asks with `near`, so distances do not order).
#include <algorithm>
#include <array>

#include "amtszeit/planning/city_replication.h"

namespace amtszeit::planning::city {

void Replication::Changed(std::int32_t location, absl::CivilDay day, std::int32_t staff, int first,
                          int end) {
  const auto d = day - index_->first_day();
  if (d < 0 || d >= s_.index_days) return;
  changes_[static_cast<std::size_t>(d) * o_.catalog->locations.size() + location].push_back(
      {.staff = staff,
       .first = static_cast<std::int16_t>(first),
       .end = static_cast<std::int16_t>(end)});
}

int Replication::Kind(capacity::SkillMask required, int ticks, unsigned blocked) {
  const auto [it, fresh] =
      kinds_.try_emplace(SearchKind{required, ticks, blocked}, static_cast<int>(kinds_.size()));
  if (fresh) {
    starts_.emplace_back(static_cast<std::size_t>(s_.index_days) * o_.catalog->locations.size());
  }
  return it->second;
}

// d is day's index in the capacity index.
int Replication::FirstStart(const SlotQuery& q, int kind, unsigned blocked, std::int32_t location,
                            int d, absl::CivilDay day) {
  if (day == q.from && q.min_start_tick_on_from > 0) {
    return index_->FirstStart(q, location, day, blocked).value_or(kNone);  // not a kind's answer
  }
  const std::size_t cell = static_cast<std::size_t>(d) * o_.catalog->locations.size() + location;
  const std::vector<Change>& log = changes_[cell];
  CachedStart& cached = starts_[kind][cell];
  int not_before = 0;
  if (cached.tick != kUnknown) {
    // Claims only take time away, so the cached tick is still the first unless a claim took
    // some of [tick, tick + ticks); even then nothing starts before it. Freed time may.
    bool freed = false;
    bool taken = false;
    for (std::size_t i = cached.seen; i < log.size() && !freed; ++i) {
      const Change& c = log[i];
      freed = c.staff < 0;
      taken =
          taken || (cached.tick != kNone && c.first < cached.tick + q.ticks && cached.tick < c.end);
    }
    if (!freed) {
      if (!taken) {
        cached.seen = static_cast<std::uint32_t>(log.size());
        return cached.tick;
      }
      not_before = cached.tick;
    }
  }
  const int tick = index_->FirstStart(q, location, day, blocked, not_before).value_or(kNone);
  cached = {.seen = static_cast<std::uint32_t>(log.size()), .tick = tick};
  return tick;
}

std::optional<capacity::Slot> Replication::FirstSlot(const SlotQuery& q) {
  const absl::CivilDay from = std::max(q.from, index_->first_day());
  const absl::CivilDay to = std::min(q.to, index_->last_day());
  const std::vector<std::int32_t>& locations = q.locations.empty() ? all_locations_ : q.locations;
  // Skills and duration are the query's; only the blocked contingents change with the day.
  std::array<int, 1U << capacity::kContingentKinds> kinds;
  kinds.fill(-1);
  int d = static_cast<int>(from - index_->first_day());
  for (absl::CivilDay day = from; day <= to; ++day, ++d) {
    // A centre-day's answer depends on the entitlement only through the contingents it blocks.
    const unsigned blocked = index_->BlockedKinds(day, q.entitlement, q.today);
    if (kinds[blocked] < 0) kinds[blocked] = Kind(q.required, q.ticks, blocked);
    int best_tick = kNone;
    std::int32_t best_location = 0;
    for (std::int32_t l : locations) {
      const int tick = FirstStart(q, kinds[blocked], blocked, l, d, day);
      if (tick == kNone) continue;
      if (best_tick == kNone || tick < best_tick || (tick == best_tick && l < best_location)) {
        best_tick = tick;
        best_location = l;
      }
    }
    if (best_tick != kNone) {
      return capacity::Slot{.location = best_location,
                            .day = day,
                            .start_tick = best_tick,
                            .end_tick = best_tick + q.ticks};
    }
  }
  return std::nullopt;
}

}  // namespace amtszeit::planning::city
