// The earliest slot for a booking, as CapacityIndex::Search answers it with limit 1, but from a
// cache of each centre-day's first start per kind of request. A booking changes one centre-day,
// so a city-wide search after it recomputes one centre-day instead of every centre's; the
// answer is the same because Search orders a day's starts by tick and then centre number (the
// simulator never asks with `near`, so distances do not order).
#include <algorithm>

#include "amtszeit/planning/city_replication.h"

namespace amtszeit::planning::city {

namespace {

std::uint64_t CacheKey(int kind, std::int32_t location, int day) {
  return (static_cast<std::uint64_t>(kind) << 48) |
         (static_cast<std::uint64_t>(static_cast<std::uint16_t>(location)) << 32) |
         static_cast<std::uint32_t>(day);
}

}  // namespace

void Replication::NewSearchDay() {
  starts_.clear();
  kinds_.clear();
}

void Replication::Changed(std::int32_t location, absl::CivilDay day, std::int32_t staff, int first,
                          int end) {
  const auto d = day - index_->first_day();
  if (d < 0 || d >= s_.index_days) return;
  changes_[static_cast<std::size_t>(d) * o_.catalog->locations.size() + location].push_back(
      {.staff = staff,
       .first = static_cast<std::int16_t>(first),
       .end = static_cast<std::int16_t>(end)});
}

int Replication::FirstStart(const SlotQuery& q, int kind, std::int32_t location,
                            absl::CivilDay day) {
  const int d = static_cast<int>(day - index_->first_day());
  const std::vector<Change>& log =
      changes_[static_cast<std::size_t>(d) * o_.catalog->locations.size() + location];
  const bool cacheable = !(day == q.from && q.min_start_tick_on_from > 0);
  CachedStart* cached = nullptr;
  if (cacheable) {
    cached = &starts_[CacheKey(kind, location, d)];
    if (cached->tick != kUnknown && StillFirst(*cached, log)) {
      cached->seen = static_cast<std::uint32_t>(log.size());
      return cached->tick;
    }
  }
  const int tick = index_->FirstStart(q, location, day).value_or(kNone);
  if (cached != nullptr) *cached = {.seen = static_cast<std::uint32_t>(log.size()), .tick = tick};
  return tick;
}

// Claims only take time away, so a cached "no start" survives them; anything else is computed
// again after a change.
bool Replication::StillFirst(const CachedStart& cached, const std::vector<Change>& log) {
  if (cached.seen == log.size()) return true;
  if (cached.tick != kNone) return false;
  for (std::size_t i = cached.seen; i < log.size(); ++i) {
    if (log[i].staff < 0) return false;
  }
  return true;
}

std::optional<capacity::Slot> Replication::FirstSlot(const SlotQuery& q) {
  const absl::CivilDay from = std::max(q.from, index_->first_day());
  const absl::CivilDay to = std::min(q.to, index_->last_day());
  all_locations_.resize(o_.catalog->locations.size());
  for (std::size_t i = 0; i < all_locations_.size(); ++i) {
    all_locations_[i] = static_cast<std::int32_t>(i);
  }
  const std::vector<std::int32_t>& locations = q.locations.empty() ? all_locations_ : q.locations;
  for (absl::CivilDay day = from; day <= to; ++day) {
    // A centre-day's answer depends on the entitlement only through the contingents it blocks.
    const SearchKind kind_key{q.required, q.ticks,
                              index_->BlockedKinds(day, q.entitlement, q.today)};
    const int kind = kinds_.try_emplace(kind_key, static_cast<int>(kinds_.size())).first->second;
    int best_tick = kNone;
    std::int32_t best_location = 0;
    for (std::int32_t l : locations) {
      const int tick = FirstStart(q, kind, l, day);
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
