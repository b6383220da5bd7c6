// Tickets, ticket events and counters as PostgreSQL rows.
#include "absl/strings/str_join.h"
#include "amtszeit/store/pg_row_helpers.h"
#include "amtszeit/store/pg_rows.h"

namespace amtszeit::store::pg {

namespace {

constexpr std::string_view kTicketColumns =
    "id, location_id, day, queue, number, services, priority, source, status, issued_us, "
    "queued_us, due_us, called_us, started_us, finished_us, counter, appointment_code, "
    "token_hash, recalls, transferred_from";

std::optional<std::int64_t> MicrosOrNull(const std::optional<absl::Time>& t) {
  if (!t) return std::nullopt;
  return Micros(*t);
}

std::optional<absl::Time> OptionalTime(const PgStatement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  return FromMicros(st.Int(column));
}

void BindTicket(PgStatement& st, const Ticket& t) {
  st.Bind(1, t.location_id).Bind(2, FormatDay(t.day)).Bind(3, ToString(t.queue));
  st.Bind(4, t.number).Bind(5, absl::StrJoin(t.service_ids, ",")).Bind(6, ToString(t.priority));
  st.Bind(7, ToString(t.source)).Bind(8, ToString(t.status)).Bind(9, Micros(t.issued_at));
  st.Bind(10, Micros(t.queued_at)).BindOptional(11, MicrosOrNull(t.due_at));
  st.BindOptional(12, MicrosOrNull(t.called_at)).BindOptional(13, MicrosOrNull(t.started_at));
  st.BindOptional(14, MicrosOrNull(t.finished_at)).Bind(15, t.counter);
  st.Bind(16, t.appointment_code).Bind(17, t.token_hash).Bind(18, t.recalls);
  st.BindOptional(19, t.transferred_from);
}

Result<Ticket> TicketRow(const PgStatement& st) {
  Ticket t;
  t.id = st.Int(0);
  t.location_id = st.Text(1);
  auto day = DayColumn(st, 2);
  auto queue = EnumColumn<QueueClass>(st, 3, ParseQueueClass);
  auto priority = EnumColumn<PriorityReason>(st, 6, ParsePriorityReason);
  auto source = EnumColumn<TicketSource>(st, 7, ParseTicketSource);
  auto status = EnumColumn<TicketStatus>(st, 8, ParseTicketStatus);
  if (!day || !queue || !priority || !source || !status) {
    return Fail(ErrorCode::kDataLoss, "ticket {}: bad stored value", t.id);
  }
  t.day = *day;
  t.queue = *queue;
  t.number = static_cast<int>(st.Int(4));
  t.service_ids = SplitIds(st.Text(5));
  t.priority = *priority;
  t.source = *source;
  t.status = *status;
  t.issued_at = FromMicros(st.Int(9));
  t.queued_at = FromMicros(st.Int(10));
  t.due_at = OptionalTime(st, 11);
  t.called_at = OptionalTime(st, 12);
  t.started_at = OptionalTime(st, 13);
  t.finished_at = OptionalTime(st, 14);
  t.counter = st.Text(15);
  t.appointment_code = st.Text(16);
  t.token_hash = st.Text(17);
  t.recalls = static_cast<int>(st.Int(18));
  if (!st.IsNull(19)) t.transferred_from = st.Int(19);
  return t;
}

Result<std::vector<Ticket>> LoadTicketsWhere(PgDb& db, std::string_view where,
                                             const std::string& value,
                                             std::string_view second = {}) {
  AMTSZEIT_PREPARE(
      st, db, fmt::format("SELECT {} FROM tickets WHERE {} ORDER BY id", kTicketColumns, where));
  st->Bind(1, value);
  if (!second.empty()) st->Bind(2, second);
  std::vector<Ticket> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto t = TicketRow(*st);
    if (!t) return std::unexpected(t.error());
    out.push_back(std::move(*t));
    return {};
  }));
  return out;
}

}  // namespace

Result<std::int64_t> InsertTicket(PgDb& db, const Ticket& t) {
  AMTSZEIT_PREPARE(
      st, db,
      fmt::format("INSERT INTO tickets({}) VALUES "
                  "(DEFAULT,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id, false",
                  kTicketColumns));
  BindTicket(*st, t);
  return UpsertedId(db, *st, "tickets", 0);
}

Result<void> UpdateTicket(PgDb& db, const Ticket& t) {
  AMTSZEIT_PREPARE(st, db,
                   "UPDATE tickets SET location_id=?, day=?, queue=?, number=?, services=?, "
                   "priority=?, source=?, status=?, issued_us=?, queued_us=?, due_us=?, "
                   "called_us=?, started_us=?, finished_us=?, counter=?, appointment_code=?, "
                   "token_hash=?, recalls=?, transferred_from=? WHERE id=?");
  BindTicket(*st, t);
  st->Bind(20, t.id);
  AMTSZEIT_RUN(st->Run());
  if (st->Changes() != 1) {
    return Fail(ErrorCode::kNotFound, "ticket {} does not exist", t.id);
  }
  return {};
}

Result<std::optional<Ticket>> LoadTicket(PgDb& db, std::int64_t id) {
  auto found = LoadTicketsWhere(db, "id = ?", std::to_string(id));
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::nullopt;
  return std::move(found->front());
}

Result<std::vector<Ticket>> LoadTickets(PgDb& db, absl::CivilDay from) {
  return LoadTicketsWhere(db, "day >= ?", FormatDay(from));
}

Result<int> MaxTicketNumber(PgDb& db, std::string_view location_id, absl::CivilDay day,
                            QueueClass queue) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT COALESCE(MAX(number), 0) FROM tickets "
                   "WHERE location_id = ? AND day = ? AND queue = ?");
  st->Bind(1, location_id).Bind(2, FormatDay(day)).Bind(3, ToString(queue));
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  return static_cast<int>(st->Int(0));
}

Result<std::int64_t> AppendTicketEvent(PgDb& db, const TicketEvent& e) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO ticket_events(ticket_id, location_id, kind, at_us, queue, counter, "
                   "services) VALUES (?,?,?,?,?,?,?) RETURNING id, false");
  st->Bind(1, e.ticket_id).Bind(2, e.location_id).Bind(3, ToString(e.kind)).Bind(4, Micros(e.at));
  st->Bind(5, ToString(e.queue)).Bind(6, e.counter).Bind(7, absl::StrJoin(e.service_ids, ","));
  return UpsertedId(db, *st, "ticket_events", 0);
}

Result<std::vector<TicketEvent>> LoadTicketEvents(PgDb& db, const EventRange& range) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("SELECT id, ticket_id, location_id, kind, at_us, queue, counter, "
                               "services FROM ticket_events WHERE {}",
                               range.Where()));
  range.BindTo(*st);
  std::vector<TicketEvent> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto kind = EnumColumn<TicketEventKind>(*st, 3, ParseTicketEventKind);
    auto queue = EnumColumn<QueueClass>(*st, 5, ParseQueueClass);
    if (!kind || !queue) return Fail(ErrorCode::kDataLoss, "bad ticket event row");
    out.push_back({.id = st->Int(0),
                   .ticket_id = st->Int(1),
                   .location_id = st->Text(2),
                   .kind = *kind,
                   .at = FromMicros(st->Int(4)),
                   .queue = *queue,
                   .counter = st->Text(6),
                   .service_ids = SplitIds(st->Text(7))});
    return {};
  }));
  return out;
}

Result<void> PutCounter(PgDb& db, const Counter& c) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO counters(location_id, name, mode, state, staff, services, "
                   "ticket_id, updated_us) VALUES (?,?,?,?,?,?,?,?) "
                   "ON CONFLICT(location_id, name) DO UPDATE SET mode = excluded.mode, "
                   "state = excluded.state, staff = excluded.staff, "
                   "services = excluded.services, ticket_id = excluded.ticket_id, "
                   "updated_us = excluded.updated_us");
  st->Bind(1, c.location_id).Bind(2, c.name).Bind(3, ToString(c.mode)).Bind(4, ToString(c.state));
  st->Bind(5, c.staff).Bind(6, absl::StrJoin(c.service_ids, ",")).BindOptional(7, c.ticket_id);
  st->Bind(8, Micros(c.updated_at));
  return st->Run();
}

namespace {

Result<std::vector<Counter>> LoadCountersWhere(PgDb& db, std::string_view where,
                                               std::string_view value) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("SELECT location_id, name, mode, state, staff, services, "
                               "ticket_id, updated_us FROM counters WHERE {} "
                               "ORDER BY location_id, name",
                               where));
  if (!value.empty()) st->Bind(1, value);
  std::vector<Counter> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto mode = EnumColumn<CounterMode>(*st, 2, ParseCounterMode);
    auto state = EnumColumn<CounterState>(*st, 3, ParseCounterState);
    if (!mode || !state) return Fail(ErrorCode::kDataLoss, "bad counter row");
    Counter c{.location_id = st->Text(0),
              .name = st->Text(1),
              .mode = *mode,
              .state = *state,
              .staff = st->Text(4),
              .service_ids = SplitIds(st->Text(5)),
              .updated_at = FromMicros(st->Int(7))};
    if (!st->IsNull(6)) c.ticket_id = st->Int(6);
    out.push_back(std::move(c));
    return {};
  }));
  return out;
}

// Advisory locks of queues live in a key space of their own (the first key), apart from the
// migrations' lock.
constexpr int kQueueLockSpace = 8;

}  // namespace

Result<std::vector<Counter>> LoadCounters(PgDb& db) { return LoadCountersWhere(db, "true", {}); }

Result<QueueRows> LockAndLoadQueue(PgDb& db, std::string_view location_id, absl::CivilDay day) {
  AMTSZEIT_PREPARE(lock, db,
                   fmt::format("SELECT pg_advisory_xact_lock({}, hashtext(?))", kQueueLockSpace));
  lock->Bind(1, location_id);
  AMTSZEIT_RUN(lock->Run());
  QueueRows rows;
  auto tickets =
      LoadTicketsWhere(db, "location_id = ? AND day = ?", std::string(location_id), FormatDay(day));
  if (!tickets) return std::unexpected(tickets.error());
  rows.tickets = std::move(*tickets);
  auto counters = LoadCountersWhere(db, "location_id = ?", location_id);
  if (!counters) return std::unexpected(counters.error());
  rows.counters = std::move(*counters);
  return rows;
}

}  // namespace amtszeit::store::pg
