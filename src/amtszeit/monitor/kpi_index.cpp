#include "amtszeit/monitor/kpi_index.h"

#include <algorithm>

#include "amtszeit/domain/civil_time.h"

namespace amtszeit::monitor::detail {

namespace {

std::optional<double> Share(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return 100.0 * part / whole;
}

std::optional<double> Mean(double sum, int count) {
  if (count == 0) return std::nullopt;
  return sum / count;
}

// From the published weekly hours: Monday to Friday open without a gap from 8 to 18.
int WeekdaysOpenEightToSix(const Location& l) {
  int covered = 0;
  for (int d = 0; d < 5; ++d) {
    int reach = 8 * 60;
    for (const TimeRange& r : l.hours.weekly[d]) {
      if (r.begin <= reach && r.end > reach) reach = r.end;
    }
    if (reach >= 18 * 60) ++covered;
  }
  return covered;
}

}  // namespace

KpiIndex::KpiIndex(const KpiInput& in, const PromiseSet& promises)
    : catalog_(in.catalog), by_slot_(in.catalog.locations.size() + 1) {
  for (std::size_t i = 0; i < catalog_.locations.size(); ++i) {
    slot_of_.emplace(catalog_.locations[i].id, static_cast<int>(i));
  }
  auto local_day = [&](absl::Time t) { return absl::CivilDay(ToCivilMinute(t, in.zone)); };

  for (const AppointmentEvent& e : in.events) {
    if (e.kind == EventKind::kConfirmed) {
      DayBucket& b = At(e.location_id, local_day(e.booked_at));
      b.lead_days +=
          absl::ToDoubleHours(ToInstant(e.day, e.start_minute, in.zone) - e.booked_at) / 24;
      ++b.bookings;
      if (e.channel == Channel::kOnline) ++b.online;
      if (e.channel == Channel::kPhone) ++b.phone;
    } else if (e.kind == EventKind::kNoShow || e.kind == EventKind::kCheckedIn) {
      DayBucket& b = At(e.location_id, e.day);
      ++b.expected;
      if (e.kind == EventKind::kNoShow) ++b.no_shows;
    }
  }

  // Minutes from drawing a ticket to its first call, filed under the day it was drawn.
  struct Drawn {
    const TicketEvent* issued = nullptr;
    std::optional<absl::Time> called;
  };
  absl::flat_hash_map<std::int64_t, Drawn> tickets;
  for (const TicketEvent& e : in.tickets) {
    if (e.kind == TicketEventKind::kIssued) {
      if (tickets[e.ticket_id].issued == nullptr) tickets[e.ticket_id].issued = &e;
    } else if (e.kind == TicketEventKind::kCalled) {
      auto& called = tickets[e.ticket_id].called;
      if (!called || e.at < *called) called = e.at;
    }
  }
  for (const auto& [id, t] : tickets) {
    if (t.issued == nullptr || !t.called) continue;
    const double wait = absl::ToDoubleMinutes(*t.called - t.issued->at);
    DayBucket& b = At(t.issued->location_id, local_day(t.issued->at));
    if (t.issued->queue == QueueClass::kWalkIn) b.walk_in_waits.push_back(wait);
    if (t.issued->queue == QueueClass::kExpress) b.express_waits.push_back(wait);
  }

  for (const SlotSnapshot& s : in.slots) {
    const int days = s.days_to_first_free.value_or(promises.horizon_days);
    DayBucket& b = At(s.location_id, s.taken_on);
    if (std::ranges::find(promises.core_services, s.service_id) != promises.core_services.end()) {
      b.worst_core_free = std::max(b.worst_core_free.value_or(days), days);
    }
    if (s.service_id == promises.registration_service) {
      b.registration_free = std::min(b.registration_free.value_or(days), days);
    }
  }
  for (const WindowSnapshot& w : in.windows) {
    DayBucket& b = At(w.location_id, w.taken_on);
    b.window_weekdays += w.weekdays;
    b.window_covered += w.early + w.late + w.lunch;
  }
}

DayBucket& KpiIndex::At(std::string_view location, absl::CivilDay day) {
  auto it = slot_of_.find(absl::string_view(location.data(), location.size()));
  const int slot = it == slot_of_.end() ? static_cast<int>(by_slot_.size()) - 1 : it->second;
  return by_slot_[slot][day];
}

std::vector<int> KpiIndex::Slots(const Scope& scope) const {
  std::vector<int> slots;
  for (std::size_t i = 0; i < catalog_.locations.size(); ++i) {
    const Location& l = catalog_.locations[i];
    if ((scope.kind == Scope::Kind::kCity) ||
        (scope.kind == Scope::Kind::kDistrict && l.district_id == scope.id) ||
        (scope.kind == Scope::Kind::kLocation && l.id == scope.id)) {
      slots.push_back(static_cast<int>(i));
    }
  }
  if (scope.kind == Scope::Kind::kCity) slots.push_back(static_cast<int>(by_slot_.size()) - 1);
  return slots;
}

template <typename F>
void KpiIndex::ForEach(const Scope& scope, absl::CivilDay first, absl::CivilDay end, F&& f) const {
  for (int slot : Slots(scope)) {
    const Days& days = by_slot_[slot];
    for (auto it = days.lower_bound(first); it != days.end() && it->first < end; ++it) {
      f(it->first, it->second);
    }
  }
}

Measured KpiIndex::Of(std::string_view promise, const Scope& scope, absl::CivilDay first,
                      absl::CivilDay end) const {
  if (promise == "opening_hours_pct") {
    int covered = 0;
    int weekdays = 0;
    for (int slot : Slots(scope)) {
      if (slot >= static_cast<int>(catalog_.locations.size())) continue;
      const Location& l = catalog_.locations[slot];
      if (l.status == LocationStatus::kClosed) continue;
      weekdays += 5;
      covered += WeekdaysOpenEightToSix(l);
    }
    return {Share(covered, weekdays), weekdays};
  }
  if (promise == "walk_in_wait_p90" || promise == "express_wait_p95") {
    const bool walk_in = promise == "walk_in_wait_p90";
    std::vector<double> waits;
    ForEach(scope, first, end, [&](absl::CivilDay, const DayBucket& b) {
      const auto& v = walk_in ? b.walk_in_waits : b.express_waits;
      waits.insert(waits.end(), v.begin(), v.end());
    });
    const int n = static_cast<int>(waits.size());
    return {Percentile(std::move(waits), walk_in ? 90 : 95), n};
  }
  if (promise == "registration_days") {
    // A citizen may register at any centre: per morning the earliest anywhere in scope.
    std::map<absl::CivilDay, int> best;
    ForEach(scope, first, end, [&](absl::CivilDay day, const DayBucket& b) {
      if (!b.registration_free) return;
      auto [it, inserted] = best.try_emplace(day, *b.registration_free);
      if (!inserted) it->second = std::min(it->second, *b.registration_free);
    });
    double sum = 0;
    for (const auto& [day, days] : best) sum += days;
    return {Mean(sum, static_cast<int>(best.size())), static_cast<int>(best.size())};
  }
  // The rest are sums over the buckets.
  double lead = 0;
  int bookings = 0, online = 0, phone = 0, no_shows = 0, expected = 0;
  double worst = 0;
  int mornings = 0, weekdays = 0, covered = 0;
  ForEach(scope, first, end, [&](absl::CivilDay, const DayBucket& b) {
    lead += b.lead_days;
    bookings += b.bookings;
    online += b.online;
    phone += b.phone;
    no_shows += b.no_shows;
    expected += b.expected;
    if (b.worst_core_free) {
      worst += *b.worst_core_free;
      ++mornings;
    }
    weekdays += b.window_weekdays;
    covered += b.window_covered;
  });
  if (promise == "lead_time_days") return {Mean(lead, bookings), bookings};
  if (promise == "first_free_days") return {Mean(worst, mornings), mornings};
  if (promise == "extended_hours_pct") return {Share(covered, 3 * weekdays), weekdays};
  if (promise == "no_show_pct") return {Share(no_shows, expected), expected};
  if (promise == "online_share_pct") return {Share(online, bookings), bookings};
  if (promise == "phone_share_pct") return {Share(phone, bookings), bookings};
  return {};
}

}  // namespace amtszeit::monitor::detail
