#include "amtszeit/queue/service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "amtszeit/booking/secrets.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/queue/json.h"
#include "amtszeit/queue/service_internal.h"
#include "amtszeit/secrets/secrets.h"

namespace amtszeit::queue {

namespace {

EventKind AppointmentEventKind(AppointmentStatus status) {
  switch (status) {
    case AppointmentStatus::kCheckedIn:
      return EventKind::kCheckedIn;
    case AppointmentStatus::kCalled:
      return EventKind::kCalled;
    case AppointmentStatus::kServed:
      return EventKind::kServed;
    default:
      return EventKind::kNoShow;
  }
}

}  // namespace

TicketEvent EventFor(const Ticket& t, TicketEventKind kind, absl::Time at) {
  return {.ticket_id = t.id,
          .location_id = t.location_id,
          .kind = kind,
          .at = at,
          .queue = t.queue,
          .counter = t.counter,
          .service_ids = t.service_ids};
}

QueueService::QueueService(store::Store& store, const Clock& clock, CatalogView catalog,
                           const HolidayCalendar& holidays, live::Hub& hub, QueueOptions options)
    : store_(store),
      clock_(clock),
      catalog_(std::move(catalog)),
      holidays_(holidays),
      hub_(hub),
      options_(std::move(options)) {}

Result<std::unique_ptr<QueueService>> QueueService::Open(store::Store& store, const Clock& clock,
                                                         CatalogView catalog,
                                                         const HolidayCalendar& holidays,
                                                         live::Hub& hub, QueueOptions options) {
  std::unique_ptr<QueueService> q(
      new QueueService(store, clock, std::move(catalog), holidays, hub, std::move(options)));
  std::lock_guard lock(q->mu_);
  if (auto ok = q->Load(clock.Now()); !ok) return std::unexpected(ok.error());
  return q;
}

Result<void> QueueService::Load(absl::Time now) {
  day_ = absl::CivilDay(absl::ToCivilSecond(now, options_.zone));
  tickets_.clear();
  numbers_.clear();
  calls_.clear();
  auto tickets = store_.ReadTickets(day_);
  if (!tickets) return std::unexpected(tickets.error());
  for (Ticket& t : *tickets) {
    auto& n = numbers_[{t.location_id, t.queue}];
    n = std::max(n, t.number);
    if (t.called_at && !t.counter.empty()) {
      calls_[t.location_id].push_back({t.id, TicketLabel(t), t.counter, *t.called_at});
    }
    tickets_.emplace(t.id, std::move(t));
  }
  for (auto& [location, calls] : calls_) {
    std::ranges::sort(calls, {}, &CallRecord::at);
    while (calls.size() > options_.display_calls) calls.pop_front();
  }
  auto counters = store_.ReadCounters();
  if (!counters) return std::unexpected(counters.error());
  counters_.clear();
  for (Counter& c : *counters) counters_[{c.location_id, c.name}] = std::move(c);
  return LoadRoster(day_);
}

Result<void> QueueService::LoadRoster(absl::CivilDay day) {
  auto roster = store_.ReadRoster(day, day);
  if (!roster) return std::unexpected(roster.error());
  walk_in_shifts_.clear();
  closed_today_.clear();
  for (const CentreClosure& c : roster->closures) {
    if (c.first <= day && day <= c.last) closed_today_[c.location_id] = c.reason;
  }
  for (const Shift& s : roster->shifts) {
    if (s.day != day) continue;
    if (s.mode != ShiftMode::kWalkIn && s.mode != ShiftMode::kExpress) continue;
    const bool absent = std::ranges::any_of(roster->absences, [&](const Absence& a) {
      return a.staff_id == s.staff_id && a.Covers(day);
    });
    if (!absent) walk_in_shifts_[s.location_id].emplace_back(s.time.begin, s.time.end);
  }
  return {};
}

void QueueService::RollOver(absl::Time now) {
  const absl::CivilDay today(absl::ToCivilSecond(now, options_.zone));
  if (today == day_) return;
  // Tickets do not outlive their day: whoever still waits was sent home when the centre closed.
  Change change;
  for (auto& [id, t] : tickets_) {
    if (t.day >= today || IsFinal(t.status)) continue;
    Ticket ended = t;
    ended.status = TicketStatus::kCancelled;
    ended.finished_at = now;
    change.events.push_back(EventFor(ended, TicketEventKind::kCancelled, now));
    change.update.push_back(std::move(ended));
  }
  for (auto& [key, c] : counters_) {
    if (c.state == CounterState::kClosed && !c.ticket_id) continue;
    Counter closed = c;
    closed.state = CounterState::kClosed;
    closed.ticket_id.reset();
    closed.updated_at = now;
    change.counters.push_back(std::move(closed));
  }
  if (auto ok = Commit(change); !ok) {
    spdlog::error("queue: closing {} failed: {}", FormatDay(day_), ok.error().message);
    return;  // try again on the next tick
  }
  hub_.Forget("ticket/");
  if (auto ok = Load(now); !ok) spdlog::error("queue: reload failed: {}", ok.error().message);
}

Result<void> QueueService::Commit(Change& change) {
  std::optional<Appointment> appointment;
  std::optional<store::QueueRows> stored;  // the queue as another node left it
  std::optional<store::QueueRows> newer;   // ditto, when the change did not depend on it
  auto written = store_.Write([&](store::WriteTx& tx) -> Result<void> {
    stored.reset();  // the store may run this function again (a retried group)
    newer.reset();
    if (!change.location.empty()) {
      auto rows = tx.LockQueue(change.location, day_);
      if (!rows) return std::unexpected(rows.error());
      if (*rows) {
        // Deciding again only when another node touched what this change rests on: a node
        // that re-decided after every foreign change would starve while the other node's
        // counters keep calling (each retry finds yet another change).
        if (!Unaffected(change, **rows)) {
          stored = std::move(**rows);
          return Fail(ErrorCode::kConflict, "the queue at {} changed on another node",
                      change.location);
        }
        newer = std::move(**rows);
      }
    }
    if (change.appointment) {
      auto found = tx.FindAppointmentByCode(change.appointment->first);
      if (!found) return std::unexpected(found.error());
      const AppointmentStatus to = change.appointment->second;
      if (*found && IsAllowedTransition((*found)->status, to)) {
        appointment = std::move(**found);
        appointment->status = to;
        appointment->updated_at = clock_.Now();
        if (auto ok = tx.UpdateAppointment(*appointment); !ok) return ok;
        auto e = tx.AppendEvent(EventOf(*appointment, AppointmentEventKind(to), clock_.Now()));
        if (!e) return std::unexpected(e.error());
      } else if (change.appointment_required) {
        return Fail(ErrorCode::kConflict, "the appointment {} cannot be {} now",
                    change.appointment->first, ToString(to));
      }
    }
    if (change.insert) {
      auto id = tx.InsertTicket(*change.insert);
      if (!id) return std::unexpected(id.error());
      change.insert->id = *id;
    }
    for (const Ticket& t : change.update) {
      if (auto ok = tx.UpdateTicket(t); !ok) return ok;
    }
    for (const Counter& c : change.counters) {
      if (auto ok = tx.PutCounter(c); !ok) return ok;
    }
    for (TicketEvent& e : change.events) {
      if (e.ticket_id == 0 && change.insert) e.ticket_id = change.insert->id;
      if (auto id = tx.AppendTicketEvent(e); !id) return std::unexpected(id.error());
    }
    return {};
  });
  if (!written) {
    if (stored) {
      Absorb(change.location, *stored, clock_.Now());
      queue_was_stale = true;
    }
    return written;
  }
  // Absorb itself finds out whether another node changed anything (mostly nothing did).
  if (newer) Absorb(change.location, *newer, clock_.Now());
  if (change.insert) {
    auto& n = numbers_[{change.insert->location_id, change.insert->queue}];
    n = std::max(n, change.insert->number);
    tickets_[change.insert->id] = *change.insert;
  }
  for (const Ticket& t : change.update) tickets_[t.id] = t;
  for (const Counter& c : change.counters) counters_[{c.location_id, c.name}] = c;
  if (change.call) PushCall(tickets_[change.call->ticket_id].location_id, *change.call);
  return {};
}

void QueueService::PushCall(const std::string& location_id, const CallRecord& call) {
  auto& calls = calls_[location_id];
  calls.push_back(call);
  while (calls.size() > options_.display_calls) calls.pop_front();
  hub_.Publish("display/" + location_id, "call",
               boost::json::serialize(ToJson(call, options_.zone)));
}

Result<const Location*> QueueService::FindLocation(std::string_view id) const {
  const Location* l = catalog_->FindLocation(id);
  if (!l) return Fail(ErrorCode::kNotFound, "no location '{}'", id);
  return l;
}

Result<std::vector<std::string>> QueueService::CheckServices(
    const std::vector<std::string>& ids) const {
  if (ids.empty()) return Fail(ErrorCode::kInvalidArgument, "name at least one service");
  if (ids.size() > 5) return Fail(ErrorCode::kInvalidArgument, "at most 5 services per ticket");
  std::vector<std::string> out;
  for (const std::string& id : ids) {
    const Service* s = catalog_->FindService(id);
    if (!s) return Fail(ErrorCode::kNotFound, "no service '{}'", id);
    if (!s->needs_presence) {
      return Fail(ErrorCode::kPreconditionFailed, "'{}' needs no visit: it is done online at {}",
                  s->name_de, s->online_url);
    }
    if (std::ranges::find(out, id) == out.end()) out.push_back(id);
  }
  return out;
}

void QueueService::RosterChanged() {
  std::lock_guard lock(mu_);
  if (auto ok = LoadRoster(day_); !ok) {
    spdlog::error("queue: rereading the roster failed: {}", ok.error().message);
  }
}

bool QueueService::OpenAt(const Location& location, absl::Time now) const {
  if (closed_today_.contains(location.id)) return false;
  const absl::CivilMinute local(absl::ToCivilSecond(now, options_.zone));
  const int minute = local.hour() * 60 + local.minute();
  for (const TimeRange& r : location.hours.OpenOn(absl::CivilDay(local), holidays_)) {
    if (r.begin <= minute && minute < r.end) return true;
  }
  return false;
}

Result<int> QueueService::NextNumber(const std::string& location_id, QueueClass queue) {
  auto it = numbers_.find({location_id, queue});
  if (it != numbers_.end()) return it->second + 1;
  auto max = store_.ReadTickets(day_);  // cold start of a queue: trust the store
  if (!max) return std::unexpected(max.error());
  int n = 0;
  for (const Ticket& t : *max) {
    if (t.location_id == location_id && t.queue == queue) n = std::max(n, t.number);
  }
  numbers_[{location_id, queue}] = n;
  return n + 1;
}

Result<Issued> QueueService::Issue(const IssueRequest& request) {
  return DecideAgainWhenStale([&] { return IssueOnce(request); });
}

Result<Issued> QueueService::CheckIn(std::string_view location_id, std::string_view code) {
  return DecideAgainWhenStale([&] { return CheckInOnce(location_id, code); });
}

Result<TicketView> QueueService::Cancel(std::int64_t id, std::string_view token) {
  return DecideAgainWhenStale([&] { return CancelOnce(id, token); });
}

Result<Issued> QueueService::IssueOnce(const IssueRequest& request) {
  auto location = FindLocation(request.location_id);
  if (!location) return std::unexpected(location.error());
  auto services = CheckServices(request.service_ids);
  if (!services) return std::unexpected(services.error());
  if (request.source == TicketSource::kCheckIn) {
    return Fail(ErrorCode::kInvalidArgument, "check-in tickets come from POST .../checkins");
  }
  const bool express = std::ranges::all_of(
      *services, [&](const std::string& id) { return catalog_->FindService(id)->express; });
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  RollOver(now);
  if (!(*location)->InServiceOn(day_)) {
    return Fail(ErrorCode::kPreconditionFailed, "{} is not in service today", (*location)->name);
  }
  if (auto closed = closed_today_.find(request.location_id); closed != closed_today_.end()) {
    return Fail(ErrorCode::kPreconditionFailed, "{} is closed today ({})", (*location)->name,
                closed->second);
  }
  if (request.source == TicketSource::kWeb && !OpenAt(**location, now)) {
    // A virtual ticket drawn from home must not queue a person before the doors open.
    return Fail(ErrorCode::kPreconditionFailed,
                "{} is closed now; virtual tickets are issued "
                "while it is open",
                (*location)->name);
  }
  const QueueClass queue = express ? QueueClass::kExpress : QueueClass::kWalkIn;
  auto number = NextNumber(request.location_id, queue);
  if (!number) return std::unexpected(number.error());
  Issued issued;
  issued.token = secrets::NewToken();
  Change change;
  change.location = request.location_id;
  change.insert = Ticket{.location_id = request.location_id,
                         .day = day_,
                         .queue = queue,
                         .number = *number,
                         .service_ids = *services,
                         .priority = request.priority,
                         .source = request.source,
                         .status = TicketStatus::kWaiting,
                         .issued_at = now,
                         .queued_at = now,
                         .token_hash = secrets::LinkTokenHash(issued.token)};
  change.events.push_back(EventFor(*change.insert, TicketEventKind::kIssued, now));
  if (auto ok = Commit(change); !ok) return std::unexpected(ok.error());
  PublishLocation(request.location_id, now);
  issued.view = ViewOf(*change.insert, now);
  return issued;
}

Result<Issued> QueueService::CheckInOnce(std::string_view location_id, std::string_view code) {
  auto location = FindLocation(location_id);
  if (!location) return std::unexpected(location.error());
  const std::string normal = booking::NormaliseCode(code);
  auto found = store_.FindAppointmentByCode(normal);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "no appointment with the code '{}'", code);
  const Appointment& a = **found;
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  RollOver(now);
  if (a.location_id != location_id) {
    const Location* there = catalog_->FindLocation(a.location_id);
    return Fail(ErrorCode::kPreconditionFailed, "this appointment is at {}",
                there ? there->name : a.location_id);
  }
  if (a.day != day_) {
    return Fail(ErrorCode::kPreconditionFailed, "this appointment is on {}, not today",
                FormatDay(a.day));
  }
  if (a.status == AppointmentStatus::kCheckedIn) {
    for (const auto& [id, t] : tickets_) {
      if (t.appointment_code == a.code && !IsFinal(t.status)) {
        return Fail(ErrorCode::kConflict, "already checked in as {}", TicketLabel(t));
      }
    }
  }
  if (a.status != AppointmentStatus::kConfirmed) {
    return Fail(ErrorCode::kConflict, "an appointment that is {} cannot be checked in",
                ToString(a.status));
  }
  if (now > a.start + options_.policy.no_show_after) {
    return Fail(ErrorCode::kPreconditionFailed,
                "the appointment began at {} and has lapsed; please draw a walk-in ticket",
                FormatInstant(a.start, options_.zone).substr(11, 5));
  }
  auto number = NextNumber(a.location_id, QueueClass::kAppointment);
  if (!number) return std::unexpected(number.error());
  Issued issued;
  issued.token = secrets::NewToken();
  Change change;
  change.location = a.location_id;
  change.insert = Ticket{.location_id = a.location_id,
                         .day = day_,
                         .queue = QueueClass::kAppointment,
                         .number = *number,
                         .service_ids = a.service_ids,
                         .source = TicketSource::kCheckIn,
                         .status = TicketStatus::kWaiting,
                         .issued_at = now,
                         .queued_at = now,
                         .due_at = a.start,
                         .appointment_code = a.code,
                         .token_hash = secrets::LinkTokenHash(issued.token)};
  change.events.push_back(EventFor(*change.insert, TicketEventKind::kIssued, now));
  change.appointment = {a.code, AppointmentStatus::kCheckedIn};
  change.appointment_required = true;
  if (auto ok = Commit(change); !ok) return std::unexpected(ok.error());
  PublishLocation(a.location_id, now);
  issued.view = ViewOf(*change.insert, now);
  return issued;
}

Result<TicketView> QueueService::Get(std::int64_t id, std::string_view token) const {
  std::lock_guard lock(mu_);
  auto it = tickets_.find(id);
  if (it == tickets_.end() || !secrets::LinkTokenMatches(token, it->second.token_hash)) {
    return Fail(ErrorCode::kNotFound, "no ticket with this number and token (tickets last a day)");
  }
  return ViewOf(it->second, clock_.Now());
}

Result<TicketView> QueueService::CancelOnce(std::int64_t id, std::string_view token) {
  std::lock_guard lock(mu_);
  auto it = tickets_.find(id);
  if (it == tickets_.end() || !secrets::LinkTokenMatches(token, it->second.token_hash)) {
    return Fail(ErrorCode::kNotFound, "no ticket with this number and token (tickets last a day)");
  }
  const absl::Time now = clock_.Now();
  if (it->second.status == TicketStatus::kCancelled) return ViewOf(it->second, now);
  if (it->second.status != TicketStatus::kWaiting) {
    return Fail(ErrorCode::kConflict, "a ticket that is {} cannot be cancelled",
                ToString(it->second.status));
  }
  Change change;
  Ticket t = it->second;
  change.location = t.location_id;
  t.status = TicketStatus::kCancelled;
  t.finished_at = now;
  change.events.push_back(EventFor(t, TicketEventKind::kCancelled, now));
  change.update.push_back(t);
  if (!t.appointment_code.empty()) {
    // The appointment was checked in; a cancelled ticket means the person left.
    change.appointment = {t.appointment_code, AppointmentStatus::kNoShow};
  }
  if (auto ok = Commit(change); !ok) return std::unexpected(ok.error());
  PublishLocation(t.location_id, now);
  return ViewOf(t, now);
}

void QueueService::Tick() {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  RollOver(now);
  if (now - last_no_show_sweep_ < absl::Minutes(1)) return;
  last_no_show_sweep_ = now;
  auto appointments = store_.ReadAppointmentsOn(day_);
  if (!appointments) {
    spdlog::warn("queue: no-show sweep: {}", appointments.error().message);
    return;
  }
  for (const Appointment& a : *appointments) {
    if (a.status != AppointmentStatus::kConfirmed) continue;
    if (now <= a.start + options_.policy.no_show_after) continue;
    Change change;
    change.appointment = {a.code, AppointmentStatus::kNoShow};
    if (auto ok = Commit(change); !ok) {
      spdlog::warn("queue: marking {} as no-show: {}", a.code, ok.error().message);
    }
  }
}

}  // namespace amtszeit::queue
