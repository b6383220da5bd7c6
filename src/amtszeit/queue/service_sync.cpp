// Several nodes on one store: comparing memory with the stored queue of a location, and taking
// the stored queue in when another node changed it.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string_view>
#include <tuple>
#include <vector>

#include "amtszeit/queue/service.h"
#include "amtszeit/queue/service_internal.h"

namespace amtszeit::queue {

namespace {

// What a queue operation decides on. Times are left out: memory keeps nanoseconds, the store
// microseconds, and no operation changes only a time.
auto Key(const Ticket& t) {
  return std::tie(t.id, t.number, t.queue, t.status, t.counter, t.recalls, t.service_ids);
}
auto Key(const Counter& c) {
  return std::tie(c.name, c.mode, c.state, c.staff, c.service_ids, c.ticket_id);
}

std::int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

}  // namespace

bool QueueService::Unaffected(const Change& change, const store::QueueRows& rows) const {
  for (const Ticket& t : change.update) {
    const auto stored = std::ranges::find(rows.tickets, t.id, &Ticket::id);
    const auto memory = tickets_.find(t.id);
    if (stored == rows.tickets.end() || memory == tickets_.end()) return false;
    if (Key(memory->second) != Key(*stored)) return false;
  }
  for (const Counter& c : change.counters) {
    const auto stored = std::ranges::find(rows.counters, c.name, &Counter::name);
    const auto memory = counters_.find({c.location_id, c.name});
    if ((stored == rows.counters.end()) != (memory == counters_.end())) return false;
    if (memory != counters_.end() && Key(memory->second) != Key(*stored)) return false;
  }
  if (change.insert) {
    for (const Ticket& t : rows.tickets) {
      if (t.queue == change.insert->queue && t.number >= change.insert->number) return false;
    }
  }
  return true;
}

bool QueueService::Absorb(const std::string& location_id, const store::QueueRows& rows,
                          absl::Time now) {
  bool changed = false;
  for (const Ticket& t : rows.tickets) {
    if (t.location_id != location_id || t.day != day_) continue;
    auto it = tickets_.find(t.id);
    const Ticket* before = it == tickets_.end() ? nullptr : &it->second;
    if (t.called_at && !t.counter.empty()) {
      const bool called = before == nullptr || !before->called_at ||
                          Micros(*before->called_at) != Micros(*t.called_at);
      const bool recalled = !called && t.recalls > before->recalls;
      if (called || recalled) {
        PushCall(location_id, {t.id, TicketLabel(t), t.counter, called ? *t.called_at : now});
      }
    }
    if (before == nullptr || Key(*before) != Key(t)) changed = true;
    auto& n = numbers_[{t.location_id, t.queue}];
    n = std::max(n, t.number);
    tickets_[t.id] = t;
  }
  for (const Counter& c : rows.counters) {
    if (c.location_id != location_id) continue;
    auto [it, inserted] = counters_.try_emplace({c.location_id, c.name}, c);
    if (!inserted && Key(it->second) != Key(c)) {
      it->second = c;
      changed = true;
    }
    changed = changed || inserted;
  }
  return changed;
}

void QueueService::Refresh(std::string_view location_id) {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  auto tickets = store_.ReadTickets(day_);
  auto counters = store_.ReadCounters();
  if (!tickets || !counters) {
    spdlog::warn("queue: rereading {} failed: {}", location_id,
                 (!tickets ? tickets.error() : counters.error()).message);
    return;
  }
  const std::string location(location_id);
  store::QueueRows rows;
  for (Ticket& t : *tickets) {
    if (t.location_id == location && t.day == day_) rows.tickets.push_back(std::move(t));
  }
  for (Counter& c : *counters) {
    if (c.location_id == location) rows.counters.push_back(std::move(c));
  }
  if (Absorb(location, rows, now)) PublishLocation(location, now);
}

void QueueService::RefreshAll() {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  auto tickets = store_.ReadTickets(day_);
  auto counters = store_.ReadCounters();
  if (!tickets || !counters) {
    spdlog::warn("queue: rereading the queues failed: {}",
                 (!tickets ? tickets.error() : counters.error()).message);
    return;
  }
  std::map<std::string, store::QueueRows> by_location;
  for (Ticket& t : *tickets) {
    if (t.day == day_) by_location[t.location_id].tickets.push_back(std::move(t));
  }
  for (Counter& c : *counters) by_location[c.location_id].counters.push_back(std::move(c));
  for (const auto& [location, rows] : by_location) {
    if (Absorb(location, rows, now)) PublishLocation(location, now);
  }
}

}  // namespace amtszeit::queue
