// Counter actions: sign in, call next, recall, start, finish, no-show, transfer, pause, close.
#include <algorithm>

#include "amtszeit/queue/service.h"
#include "amtszeit/queue/service_internal.h"

namespace amtszeit::queue {

namespace {

bool ValidCounterName(std::string_view name) {
  if (name.empty() || name.size() > 16) return false;
  return std::ranges::all_of(name, [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

}  // namespace

Result<Counter> QueueService::CurrentCounter(std::string_view location_id, std::string_view name,
                                             absl::Time now) {
  RollOver(now);
  auto it = counters_.find({std::string(location_id), std::string(name)});
  if (it == counters_.end()) {
    return Fail(ErrorCode::kNotFound, "counter {} is not signed in at {}", name, location_id);
  }
  return it->second;
}

Result<CounterResult> QueueService::OpenCounter(std::string_view location_id, std::string_view name,
                                                const CounterSettings& settings) {
  return DecideAgainWhenStale([&] { return OpenCounterOnce(location_id, name, settings); });
}

Result<CounterResult> QueueService::CallNext(std::string_view location_id, std::string_view name) {
  return DecideAgainWhenStale([&] { return CallNextOnce(location_id, name); });
}

Result<CounterResult> QueueService::Act(std::string_view location_id, std::string_view name,
                                        CounterAction action) {
  return DecideAgainWhenStale([&] { return ActOnce(location_id, name, action); });
}

Result<CounterResult> QueueService::Transfer(std::string_view location_id, std::string_view name,
                                             const std::vector<std::string>& service_ids) {
  return DecideAgainWhenStale([&] { return TransferOnce(location_id, name, service_ids); });
}

Result<CounterResult> QueueService::OpenCounterOnce(std::string_view location_id,
                                                    std::string_view name,
                                                    const CounterSettings& settings) {
  auto location = FindLocation(location_id);
  if (!location) return std::unexpected(location.error());
  if (!ValidCounterName(name)) {
    return Fail(ErrorCode::kInvalidArgument,
                "a counter's name is 1 to 16 letters, digits or '-', as on its sign");
  }
  if (settings.staff.size() > 80) {
    return Fail(ErrorCode::kInvalidArgument, "staff name longer than 80 characters");
  }
  std::vector<std::string> services;
  if (!settings.service_ids.empty()) {
    for (const std::string& id : settings.service_ids) {
      if (!catalog_->FindService(id)) return Fail(ErrorCode::kNotFound, "no service '{}'", id);
    }
    services = settings.service_ids;
  }
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  RollOver(now);
  Counter c{.location_id = std::string(location_id), .name = std::string(name)};
  if (auto it = counters_.find({c.location_id, c.name}); it != counters_.end()) c = it->second;
  c.mode = settings.mode;
  c.state = CounterState::kOpen;
  c.staff = settings.staff;
  c.service_ids = std::move(services);
  c.updated_at = now;
  Change change;
  change.location = c.location_id;
  change.counters.push_back(c);
  if (auto ok = Commit(change); !ok) return std::unexpected(ok.error());
  PublishLocation(c.location_id, now);
  CounterResult result{.counter = c};
  if (c.ticket_id) result.ticket = ViewOf(tickets_.at(*c.ticket_id), now);
  return result;
}

Result<CounterResult> QueueService::CallNextOnce(std::string_view location_id,
                                                 std::string_view name) {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  auto current = CurrentCounter(location_id, name, now);
  if (!current) return std::unexpected(current.error());
  Counter c = std::move(*current);
  if (c.state != CounterState::kOpen) {
    return Fail(ErrorCode::kConflict, "counter {} is {}; open it first", c.name, ToString(c.state));
  }
  if (c.ticket_id) {
    return Fail(ErrorCode::kConflict, "counter {} still has {}: finish it or mark a no-show",
                c.name, TicketLabel(tickets_.at(*c.ticket_id)));
  }
  std::vector<Ticket> waiting;
  for (const auto& [id, t] : tickets_) {
    if (t.location_id == location_id && t.status == TicketStatus::kWaiting) waiting.push_back(t);
  }
  const CounterView view{.mode = c.mode, .service_ids = c.service_ids};
  auto pick = PickNext(waiting, view, options_.policy, now);
  if (!pick) return Fail(ErrorCode::kNotFound, "nobody is waiting whom counter {} serves", c.name);
  Ticket t = waiting[*pick];
  t.status = TicketStatus::kCalled;
  t.called_at = now;
  t.counter = c.name;
  c.ticket_id = t.id;
  c.updated_at = now;
  Change change;
  change.location = c.location_id;
  change.events.push_back(EventFor(t, TicketEventKind::kCalled, now));
  change.update.push_back(t);
  change.counters.push_back(c);
  change.call = CallRecord{t.id, TicketLabel(t), c.name, now};
  if (!t.appointment_code.empty())
    change.appointment = {t.appointment_code, AppointmentStatus::kCalled};
  if (auto ok = Commit(change); !ok) return std::unexpected(ok.error());
  PublishLocation(c.location_id, now);
  return CounterResult{.counter = c, .ticket = ViewOf(t, now)};
}

Result<CounterResult> QueueService::ActOnce(std::string_view location_id, std::string_view name,
                                            CounterAction action) {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  auto current = CurrentCounter(location_id, name, now);
  if (!current) return std::unexpected(current.error());
  Counter c = std::move(*current);
  std::optional<Ticket> t;
  if (c.ticket_id) t = tickets_.at(*c.ticket_id);
  Change change;
  change.location = c.location_id;
  auto need_ticket = [&](std::initializer_list<TicketStatus> allowed) -> Result<void> {
    if (!t) return Fail(ErrorCode::kConflict, "counter {} has no ticket; call one first", c.name);
    if (std::ranges::find(allowed, t->status) == allowed.end()) {
      return Fail(ErrorCode::kConflict, "{} is {}", TicketLabel(*t), ToString(t->status));
    }
    return {};
  };
  auto end_ticket = [&](TicketStatus status, TicketEventKind kind) {
    t->status = status;
    t->finished_at = now;
    change.events.push_back(EventFor(*t, kind, now));
    c.ticket_id.reset();
  };
  switch (action) {
    case CounterAction::kRecall: {
      if (auto ok = need_ticket({TicketStatus::kCalled}); !ok) return std::unexpected(ok.error());
      if (t->recalls >= options_.policy.max_recalls) {
        return Fail(ErrorCode::kConflict, "{} was called {} times; mark it as a no-show",
                    TicketLabel(*t), t->recalls + 1);
      }
      ++t->recalls;
      change.events.push_back(EventFor(*t, TicketEventKind::kRecalled, now));
      change.call = CallRecord{t->id, TicketLabel(*t), c.name, now};
      break;
    }
    case CounterAction::kStart:
      if (auto ok = need_ticket({TicketStatus::kCalled}); !ok) return std::unexpected(ok.error());
      t->status = TicketStatus::kServing;
      t->started_at = now;
      change.events.push_back(EventFor(*t, TicketEventKind::kStarted, now));
      break;
    case CounterAction::kFinish: {
      auto ok = need_ticket({TicketStatus::kCalled, TicketStatus::kServing});
      if (!ok) return std::unexpected(ok.error());
      if (!t->started_at) t->started_at = t->called_at;
      end_ticket(TicketStatus::kServed, TicketEventKind::kServed);
      if (!t->appointment_code.empty()) {
        change.appointment = {t->appointment_code, AppointmentStatus::kServed};
      }
      break;
    }
    case CounterAction::kNoShow:
      if (auto ok = need_ticket({TicketStatus::kCalled}); !ok) return std::unexpected(ok.error());
      end_ticket(TicketStatus::kNoShow, TicketEventKind::kNoShow);
      if (!t->appointment_code.empty()) {
        change.appointment = {t->appointment_code, AppointmentStatus::kNoShow};
      }
      break;
    case CounterAction::kPause:
      if (c.state != CounterState::kOpen) {
        return Fail(ErrorCode::kConflict, "counter {} is {}", c.name, ToString(c.state));
      }
      if (t) return Fail(ErrorCode::kConflict, "finish {} before pausing", TicketLabel(*t));
      c.state = CounterState::kPaused;
      break;
    case CounterAction::kResume:
      if (c.state != CounterState::kPaused) {
        return Fail(ErrorCode::kConflict, "counter {} is {}, not paused", c.name,
                    ToString(c.state));
      }
      c.state = CounterState::kOpen;
      break;
    case CounterAction::kClose:
      if (t && t->status == TicketStatus::kServing) {
        return Fail(ErrorCode::kConflict, "finish {} before closing", TicketLabel(*t));
      }
      if (t) {  // called but not yet come: back to the queue, keeping its place by issue time
        t->status = TicketStatus::kWaiting;
        t->called_at.reset();
        t->counter.clear();
        change.events.push_back(EventFor(*t, TicketEventKind::kReturned, now));
        if (!t->appointment_code.empty()) {
          change.appointment = {t->appointment_code, AppointmentStatus::kCheckedIn};
        }
        c.ticket_id.reset();
      }
      c.state = CounterState::kClosed;
      c.staff.clear();
      break;
  }
  c.updated_at = now;
  if (t) change.update.push_back(*t);
  change.counters.push_back(c);
  if (auto ok = Commit(change); !ok) return std::unexpected(ok.error());
  if (t && t->status == TicketStatus::kServed && t->started_at) {
    const double planned = absl::ToDoubleMinutes(Expected(*t)) / pace_[t->location_id].value();
    if (planned > 0) {
      pace_[t->location_id].Add(absl::ToDoubleMinutes(now - *t->started_at) / planned);
    }
  }
  PublishLocation(c.location_id, now);
  CounterResult result{.counter = c};
  if (t) result.ticket = ViewOf(tickets_.at(t->id), now);
  return result;
}

Result<CounterResult> QueueService::TransferOnce(std::string_view location_id,
                                                 std::string_view name,
                                                 const std::vector<std::string>& service_ids) {
  auto services = CheckServices(service_ids);
  if (!services) return std::unexpected(services.error());
  const bool express = std::ranges::all_of(
      *services, [&](const std::string& id) { return catalog_->FindService(id)->express; });
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  auto current = CurrentCounter(location_id, name, now);
  if (!current) return std::unexpected(current.error());
  Counter c = std::move(*current);
  if (!c.ticket_id) return Fail(ErrorCode::kConflict, "counter {} has no ticket", c.name);
  Ticket old = tickets_.at(*c.ticket_id);
  const QueueClass queue = express ? QueueClass::kExpress : QueueClass::kWalkIn;
  auto number = NextNumber(old.location_id, queue);
  if (!number) return std::unexpected(number.error());
  Change change;
  change.location = c.location_id;
  old.status = TicketStatus::kTransferred;
  old.finished_at = now;
  change.events.push_back(EventFor(old, TicketEventKind::kTransferred, now));
  change.update.push_back(old);
  Ticket moved = old;
  moved.id = 0;
  moved.queue = queue;
  moved.number = *number;
  moved.service_ids = *services;
  moved.status = TicketStatus::kWaiting;
  moved.queued_at = now;  // issued_at stays: waiting time keeps counting from the first ticket
  moved.due_at.reset();
  moved.called_at.reset();
  moved.started_at.reset();
  moved.finished_at.reset();
  moved.counter.clear();
  moved.recalls = 0;
  moved.transferred_from = old.id;
  change.insert = moved;
  change.events.push_back(EventFor(moved, TicketEventKind::kIssued, now));
  c.ticket_id.reset();
  c.updated_at = now;
  change.counters.push_back(c);
  if (auto ok = Commit(change); !ok) return std::unexpected(ok.error());
  PublishLocation(c.location_id, now);
  return CounterResult{.counter = c, .ticket = ViewOf(*change.insert, now)};
}

}  // namespace amtszeit::queue
