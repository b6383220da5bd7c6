#include "amtszeit/store/pg_outbox_rows.h"

#include "amtszeit/store/pg_row_helpers.h"

namespace amtszeit::store::pg {

namespace {

constexpr std::string_view kColumns =
    "id, appointment_id, kind, channel, recipient, language, status, due_us, attempts, "
    "next_attempt_us, sent_us, last_error, created_us";

Result<OutboxMessage> MessageRow(const PgStatement& st) {
  OutboxMessage m;
  m.id = st.Int(0);
  m.appointment_id = st.Int(1);
  auto kind = EnumColumn<MessageKind>(st, 2, ParseMessageKind);
  auto channel = EnumColumn<MessageChannel>(st, 3, ParseMessageChannel);
  auto status = EnumColumn<MessageStatus>(st, 6, ParseMessageStatus);
  if (!kind || !channel || !status) {
    return Fail(ErrorCode::kDataLoss, "outbox message {}: bad enum", m.id);
  }
  m.kind = *kind;
  m.channel = *channel;
  m.status = *status;
  m.recipient = st.Text(4);
  m.language = st.Text(5);
  m.due_at = FromMicros(st.Int(7));
  m.attempts = static_cast<int>(st.Int(8));
  m.next_attempt_at = FromMicros(st.Int(9));
  if (!st.IsNull(10)) m.sent_at = FromMicros(st.Int(10));
  m.last_error = st.Text(11);
  m.created_at = FromMicros(st.Int(12));
  return m;
}

Result<std::vector<OutboxMessage>> Collect(PgStatement& st) {
  std::vector<OutboxMessage> out;
  AMTSZEIT_RUN(ForEachRow(st, [&]() -> Result<void> {
    auto m = MessageRow(st);
    if (!m) return std::unexpected(m.error());
    out.push_back(std::move(*m));
    return {};
  }));
  return out;
}

std::optional<std::int64_t> SentMicros(const OutboxMessage& m) {
  if (!m.sent_at) return std::nullopt;
  return Micros(*m.sent_at);
}

}  // namespace

Result<std::int64_t> InsertOutboxMessage(PgDb& db, const OutboxMessage& m) {
  AMTSZEIT_PREPARE(
      st, db,
      fmt::format(
          "INSERT INTO outbox({}) VALUES (DEFAULT,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id, false",
          kColumns));
  st->Bind(1, m.appointment_id).Bind(2, ToString(m.kind)).Bind(3, ToString(m.channel));
  st->Bind(4, m.recipient).Bind(5, m.language).Bind(6, ToString(m.status));
  st->Bind(7, Micros(m.due_at)).Bind(8, m.attempts).Bind(9, Micros(m.next_attempt_at));
  st->BindOptional(10, SentMicros(m)).Bind(11, m.last_error).Bind(12, Micros(m.created_at));
  return UpsertedId(db, *st, "outbox", 0);
}

Result<void> UpdateOutboxMessage(PgDb& db, const OutboxMessage& m) {
  AMTSZEIT_PREPARE(st, db,
                   "UPDATE outbox SET status = ?, recipient = ?, due_us = ?, attempts = ?, "
                   "next_attempt_us = ?, sent_us = ?, last_error = ? "
                   "WHERE id = ? AND status = 'pending'");
  st->Bind(1, ToString(m.status)).Bind(2, m.recipient).Bind(3, Micros(m.due_at));
  st->Bind(4, m.attempts).Bind(5, Micros(m.next_attempt_at)).BindOptional(6, SentMicros(m));
  st->Bind(7, m.last_error).Bind(8, m.id);
  AMTSZEIT_RUN(st->Run());
  if (st->Changes() != 1) {
    return Fail(ErrorCode::kConflict, "outbox message {} is no longer pending", m.id);
  }
  return {};
}

Result<std::vector<OutboxMessage>> LoadPendingMessagesOf(PgDb& db, std::int64_t appointment_id) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("SELECT {} FROM outbox WHERE appointment_id = ? AND "
                               "status = 'pending' ORDER BY id",
                               kColumns));
  st->Bind(1, appointment_id);
  return Collect(*st);
}

Result<std::vector<OutboxMessage>> LoadMessagesOf(PgDb& db, std::int64_t appointment_id) {
  AMTSZEIT_PREPARE(
      st, db, fmt::format("SELECT {} FROM outbox WHERE appointment_id = ? ORDER BY id", kColumns));
  st->Bind(1, appointment_id);
  return Collect(*st);
}

Result<std::vector<OutboxMessage>> LoadDueMessages(PgDb& db, MessageChannel channel, absl::Time now,
                                                   int limit) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("SELECT {} FROM outbox WHERE status = 'pending' AND channel = ? "
                               "AND next_attempt_us <= ? ORDER BY next_attempt_us, id LIMIT ?",
                               kColumns));
  st->Bind(1, ToString(channel)).Bind(2, Micros(now)).Bind(3, limit);
  return Collect(*st);
}

Result<void> PutOutboxSecret(PgDb& db, std::int64_t appointment_id, std::string_view sealed) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO outbox_secrets(appointment_id, sealed) VALUES (?, ?) "
                   "ON CONFLICT(appointment_id) DO UPDATE SET sealed = excluded.sealed");
  return st->Bind(1, appointment_id).Bind(2, sealed).Run();
}

Result<std::optional<std::string>> LoadOutboxSecret(PgDb& db, std::int64_t appointment_id) {
  AMTSZEIT_PREPARE(st, db, "SELECT sealed FROM outbox_secrets WHERE appointment_id = ?");
  st->Bind(1, appointment_id);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->Text(0));
}

Result<void> DeleteOutboxSecret(PgDb& db, std::int64_t appointment_id) {
  AMTSZEIT_PREPARE(st, db, "DELETE FROM outbox_secrets WHERE appointment_id = ?");
  return st->Bind(1, appointment_id).Run();
}

}  // namespace amtszeit::store::pg
