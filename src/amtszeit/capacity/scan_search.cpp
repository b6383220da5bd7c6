#include "amtszeit/capacity/scan_search.h"

#include <algorithm>
#include <tuple>

namespace amtszeit::capacity {

using absl::CivilDay;

std::vector<Slot> ScanSearch(const CapacityIndex& ix, const SlotQuery& q) {
  std::vector<std::int32_t> locations = q.locations;
  if (locations.empty()) {
    for (std::int32_t i = 0; i < ix.location_count(); ++i) locations.push_back(i);
  }
  auto distance = [&](std::int32_t loc) {
    return q.near ? DistanceKm(*q.near, ix.location(loc).geo) : 0.0;
  };
  auto window_ok = [&](CivilDay day, int tick) {
    if (q.windows == 0) return true;
    const int minute = tick * kTickMinutes;
    if ((q.windows & kWindowEarly) && minute < 9 * 60) return true;
    if ((q.windows & kWindowLate) && minute >= 17 * 60) return true;
    if ((q.windows & kWindowLunch) && minute >= 12 * 60 && minute < 14 * 60) return true;
    return (q.windows & kWindowSaturday) && absl::GetWeekday(day) == absl::Weekday::saturday;
  };
  std::vector<Slot> all;
  for (CivilDay day = std::max(q.from, ix.first_day()); day <= std::min(q.to, ix.last_day());
       ++day) {
    for (std::int32_t loc : locations) {
      if (!ix.location(loc).InServiceOn(day)) continue;
      for (int t = 0; t + q.ticks <= kTicksPerDay; ++t) {
        if (day == q.from && t < q.min_start_tick_on_from) continue;
        if (!window_ok(day, t)) continue;
        bool any = false;
        for (const StaffDay& sd : ix.StaffDays(loc, day)) {
          if ((sd.skills & q.required) != q.required) continue;
          bool ok = true;
          for (int j = t; ok && j < t + q.ticks; ++j) {
            ok = sd.available.Test(j) && !sd.booked.Test(j);
            for (const ContingentRule& rule : ix.policy().rules) {
              const auto k = static_cast<std::size_t>(rule.kind);
              const bool open =
                  day - q.today <= rule.release_days || q.entitlement.May(rule.kind, day);
              if (!open && sd.held[k].Test(j)) ok = false;
            }
          }
          any = any || ok;
        }
        if (any) {
          Slot s{.location = loc, .day = day, .start_tick = t, .end_tick = t + q.ticks};
          if (q.near) s.distance_km = distance(loc);
          all.push_back(s);
        }
      }
    }
  }
  std::ranges::sort(all, [&](const Slot& a, const Slot& b) {
    if (a.day != b.day) return a.day < b.day;
    if (a.start_tick != b.start_tick) return a.start_tick < b.start_tick;
    if (distance(a.location) != distance(b.location)) {
      return distance(a.location) < distance(b.location);
    }
    return a.location < b.location;
  });
  if (q.after) {
    const Slot cursor{
        .location = q.after->location, .day = q.after->day, .start_tick = q.after->start_tick};
    auto key = [&](const Slot& s) {
      return std::make_tuple(s.day, s.start_tick, distance(s.location), s.location);
    };
    std::erase_if(all, [&](const Slot& s) { return key(s) <= key(cursor); });
  }
  if (static_cast<int>(all.size()) > q.limit) all.resize(std::max(q.limit, 0));
  return all;
}

}  // namespace amtszeit::capacity
