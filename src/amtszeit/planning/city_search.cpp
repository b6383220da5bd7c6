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
    const std::optional<int> bound = Recheck(cached, q.ticks, log);
    if (!bound) return cached.tick;
    not_before = *bound;
  }
  cached.tick =
      index_->FirstStart(q, location, day, blocked, not_before, &cached.offered_by).value_or(kNone);
  cached.seen = static_cast<std::uint32_t>(log.size());
  return cached.tick;
}

// Claims only take time away, so the cached tick stays the first start as long as a staff member
// who offered it still can: a claim for one of them that takes some of [tick, tick + ticks)
// leaves it to the other. Once lost to claims, nothing starts before it; freed time may start
// anywhere.
std::optional<int> Replication::Recheck(CachedStart& cached, int ticks,
                                        const std::vector<Change>& log) {
  bool lost = false;
  for (std::size_t i = cached.seen; i < log.size(); ++i) {
    const Change& c = log[i];
    if (c.staff < 0) return 0;
    if (lost || cached.tick == kNone || c.end <= cached.tick || c.first >= cached.tick + ticks) {
      continue;
    }
    std::array<std::int32_t, 2>& by = cached.offered_by;
    if (by[0] >= 0 && c.staff != by[0] && c.staff != by[1]) continue;
    if (c.staff == by[1]) {
      by[1] = -1;
    } else if (c.staff == by[0] && by[1] >= 0) {
      by = {by[1], -1};
    } else {
      lost = true;  // its only known offer taken
    }
  }
  if (lost) return cached.tick;
  cached.seen = static_cast<std::uint32_t>(log.size());
  return std::nullopt;
}

std::optional<capacity::Slot> Replication::FirstSlot(const SlotQuery& q,
                                                     std::span<const std::int32_t> locations) {
  const absl::CivilDay from = std::max(q.from, index_->first_day());
  const absl::CivilDay to = std::min(q.to, index_->last_day());
  if (from > to) return std::nullopt;
  // Skills and duration are the query's; only the blocked contingents change with the day.
  std::array<int, 1U << capacity::kContingentKinds> kinds;
  kinds.fill(-1);
  const int last = static_cast<int>(to - index_->first_day());
  for (int d = static_cast<int>(from - index_->first_day()); d <= last; ++d) {
    const absl::CivilDay day = s_.calendar[d];
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
