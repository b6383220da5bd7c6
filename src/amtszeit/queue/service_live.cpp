// Reading the queue: positions, waiting-time estimates, the city-wide "now" view and what the
// live views receive.
#include <boost/json/serialize.hpp>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/queue/json.h"
#include "amtszeit/queue/service.h"
#include "amtszeit/queue/service_internal.h"

namespace amtszeit::queue {

namespace {

constexpr absl::Duration kMinimumRemaining = absl::Minutes(1);

bool Serves(const Counter& c, std::string_view location_id) {
  return c.location_id == location_id && c.state == CounterState::kOpen;
}

}  // namespace

absl::Duration QueueService::Expected(const Ticket& t) const {
  int minutes = 0;
  for (const auto& id : t.service_ids) {
    if (const Service* s = catalog_->FindService(id)) minutes += s->duration_minutes;
  }
  auto pace = pace_.find(t.location_id);
  const double factor = pace == pace_.end() ? 1.0 : pace->second.value();
  return absl::Minutes(std::max(1, minutes)) * factor;
}

int QueueService::WalkInStaffAt(const std::string& location_id, absl::Time now) const {
  auto it = walk_in_shifts_.find(location_id);
  if (it == walk_in_shifts_.end()) return 0;
  const absl::CivilMinute local(absl::ToCivilSecond(now, options_.zone));
  const int minute = local.hour() * 60 + local.minute();
  int n = 0;
  for (const auto& [begin, end] : it->second) n += begin <= minute && minute < end ? 1 : 0;
  return n;
}

QueueService::Estimates QueueService::Estimate(const std::string& location_id,
                                               absl::Time now) const {
  std::vector<Ticket> waiting;
  for (const auto& [id, t] : tickets_) {
    if (t.location_id == location_id && t.status == TicketStatus::kWaiting) waiting.push_back(t);
  }
  // Desks that take walk-ins now, and when each can take the next person.
  std::vector<absl::Time> desks;
  std::vector<absl::Time> express_desks;
  bool appointment_desk = false;
  for (const auto& [key, c] : counters_) {
    if (!Serves(c, location_id)) continue;
    if (c.mode == CounterMode::kAppointments) {
      appointment_desk = true;
      continue;
    }
    absl::Time free = now;
    if (c.ticket_id) {
      const Ticket& busy = tickets_.at(*c.ticket_id);
      const absl::Time began = busy.started_at.value_or(now);
      free = std::max(now + kMinimumRemaining, began + Expected(busy));
    }
    desks.push_back(free);
    if (c.mode == CounterMode::kExpress) express_desks.push_back(free);
  }
  if (desks.empty()) {
    // No desk signed in (or all busy with appointments): the roster's walk-in staff.
    desks.assign(static_cast<std::size_t>(WalkInStaffAt(location_id, now)), now);
  }

  Estimates out;
  const auto order = PredictedOrder(waiting, options_.policy, now);
  std::vector<std::size_t> line;  // what the walk-in desks will work through, in order
  std::vector<absl::Duration> service;
  int appointments_ahead = 0;
  for (std::size_t i : order) {
    const Ticket& t = waiting[i];
    if (t.queue == QueueClass::kAppointment && appointment_desk) {
      // Served at the appointments desk around its time.
      const absl::Duration until = t.due_at ? *t.due_at - now : absl::ZeroDuration();
      out.waiting.push_back({t, ++appointments_ahead, WholeMinutes(until)});
      continue;
    }
    line.push_back(i);
    service.push_back(Expected(t));
  }
  const auto waits = ListSchedule(now, desks, service);
  for (std::size_t k = 0; k < line.size(); ++k) {
    TicketView v{.ticket = waiting[line[k]], .position = static_cast<int>(k) + 1};
    if (!waits.empty()) v.wait_minutes = WholeMinutes(waits[k]);
    out.waiting.push_back(std::move(v));
  }
  std::ranges::stable_sort(out.waiting, {}, [](const TicketView& v) {
    return v.ticket.queue == QueueClass::kAppointment ? 1 : 0;
  });

  // "If I came now": a new walk-in queues behind everyone callable; a new express ticket behind
  // the express tickets (at express desks) or behind whoever is more urgent than its head start.
  if (!desks.empty()) {
    std::vector<absl::Duration> ahead;
    for (std::size_t k = 0; k < line.size(); ++k) {
      if (IsCallable(waiting[line[k]], options_.policy, now)) ahead.push_back(service[k]);
    }
    ahead.push_back(absl::Minutes(1));
    out.walk_in = WholeMinutes(ListSchedule(now, desks, ahead).back());
    std::vector<absl::Duration> express_ahead;
    const double head_start = absl::ToDoubleMinutes(options_.policy.express_head_start);
    for (std::size_t k = 0; k < line.size(); ++k) {
      const Ticket& t = waiting[line[k]];
      const bool before = express_desks.empty() ? IsCallable(t, options_.policy, now) &&
                                                      Urgency(t, options_.policy, now) > head_start
                                                : t.queue == QueueClass::kExpress;
      if (before) express_ahead.push_back(service[k]);
    }
    express_ahead.push_back(absl::Minutes(1));
    out.express = WholeMinutes(
        ListSchedule(now, express_desks.empty() ? desks : express_desks, express_ahead).back());
  }
  return out;
}

TicketView QueueService::ViewOf(const Ticket& t, absl::Time now) const {
  if (t.status == TicketStatus::kWaiting) {
    for (TicketView& v : Estimate(t.location_id, now).waiting) {
      if (v.ticket.id == t.id) return v;
    }
  }
  return {.ticket = t};
}

void QueueService::PublishLocation(const std::string& location_id, absl::Time now) {
  const Estimates est = Estimate(location_id, now);
  auto publish_ticket = [&](const TicketView& v) {
    const std::string topic = fmt::format("ticket/{}", v.ticket.id);
    if (hub_.Subscribers(topic) == 0) return;
    hub_.Publish(topic, "ticket", boost::json::serialize(ToJson(v, options_.zone)));
  };
  for (const TicketView& v : est.waiting) publish_ticket(v);
  for (const auto& [id, t] : tickets_) {
    if (t.location_id == location_id && t.status != TicketStatus::kWaiting) {
      publish_ticket({.ticket = t});
    }
  }
  const std::string counts = CountsJson(est);
  for (const auto& [key, c] : counters_) {
    if (c.location_id != location_id) continue;
    const std::string topic = fmt::format("counter/{}/{}", c.location_id, c.name);
    if (hub_.Subscribers(topic) == 0) continue;
    PublishCounterState(c, counts);
  }
}

std::string QueueService::CountsJson(const Estimates& est) const {
  int express = 0, appointments = 0;
  for (const TicketView& v : est.waiting) {
    express += v.ticket.queue == QueueClass::kExpress ? 1 : 0;
    appointments += v.ticket.queue == QueueClass::kAppointment ? 1 : 0;
  }
  return boost::json::serialize(
      boost::json::object{{"waiting", est.waiting.size()},
                          {"express_waiting", express},
                          {"appointment_waiting", appointments},
                          {"walk_in_wait_minutes", est.walk_in ? boost::json::value(*est.walk_in)
                                                               : boost::json::value(nullptr)}});
}

void QueueService::PublishCounterState(const Counter& c, const std::string& counts) {
  const std::string topic = fmt::format("counter/{}/{}", c.location_id, c.name);
  std::optional<TicketView> ticket;
  if (c.ticket_id) ticket = TicketView{.ticket = tickets_.at(*c.ticket_id)};
  hub_.Publish(topic, "counter", boost::json::serialize(ToJson(c, ticket, options_.zone)));
  hub_.Publish(topic, "queue", counts);
}

void QueueService::PublishCounter(std::string_view location_id, std::string_view name) {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  const std::string location(location_id);
  const std::string counts = CountsJson(Estimate(location, now));
  auto it = counters_.find({location, std::string(name)});
  if (it != counters_.end()) return PublishCounterState(it->second, counts);
  // Not signed in yet: the queue figures still help the person about to sign in.
  hub_.Publish(fmt::format("counter/{}/{}", location_id, name), "queue", counts);
}

void QueueService::PublishTicket(std::int64_t id) {
  std::lock_guard lock(mu_);
  auto it = tickets_.find(id);
  if (it == tickets_.end()) return;
  const TicketView v = ViewOf(it->second, clock_.Now());
  hub_.Publish(fmt::format("ticket/{}", id), "ticket",
               boost::json::serialize(ToJson(v, options_.zone)));
}

Result<LocationQueue> QueueService::Queue(std::string_view location_id) const {
  if (auto l = FindLocation(location_id); !l) return std::unexpected(l.error());
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  LocationQueue q{.location_id = std::string(location_id)};
  Estimates est = Estimate(q.location_id, now);
  q.waiting = std::move(est.waiting);
  q.walk_in_wait_minutes = est.walk_in;
  q.express_wait_minutes = est.express;
  for (const auto& [id, t] : tickets_) {
    if (t.location_id != location_id) continue;
    if (t.status == TicketStatus::kCalled) q.called.push_back({.ticket = t});
    if (t.status == TicketStatus::kServing) q.serving.push_back({.ticket = t});
  }
  for (const auto& [key, c] : counters_) {
    if (c.location_id == location_id) q.counters.push_back(c);
  }
  return q;
}

Result<std::vector<Counter>> QueueService::Counters(std::string_view location_id) const {
  if (auto l = FindLocation(location_id); !l) return std::unexpected(l.error());
  std::lock_guard lock(mu_);
  std::vector<Counter> out;
  for (const auto& [key, c] : counters_) {
    if (c.location_id == location_id) out.push_back(c);
  }
  return out;
}

Result<std::vector<CallRecord>> QueueService::RecentCalls(std::string_view location_id) const {
  if (auto l = FindLocation(location_id); !l) return std::unexpected(l.error());
  std::lock_guard lock(mu_);
  auto it = calls_.find(std::string(location_id));
  if (it == calls_.end()) return std::vector<CallRecord>{};
  return std::vector<CallRecord>(it->second.rbegin(), it->second.rend());
}

std::vector<NowEntry> QueueService::Now() const {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  const absl::CivilDay today(absl::ToCivilSecond(now, options_.zone));
  std::vector<NowEntry> out;
  for (const Location& l : catalog_->locations) {
    if (!l.InServiceOn(today)) continue;
    NowEntry e{.location = &l, .open_now = OpenAt(l, now)};
    for (const auto& [key, c] : counters_) e.open_counters += Serves(c, l.id) ? 1 : 0;
    const Estimates est = Estimate(l.id, now);
    e.waiting = static_cast<int>(est.waiting.size());
    if (e.open_now) {
      e.walk_in_wait_minutes = est.walk_in;
      e.express_wait_minutes = est.express;
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace amtszeit::queue
