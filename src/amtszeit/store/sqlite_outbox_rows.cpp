#include "amtszeit/store/sqlite_outbox_rows.h"

#include <sqlite3.h>

#include "amtszeit/store/sqlite_row_helpers.h"

namespace amtszeit::store::rows {

namespace {

constexpr std::string_view kOutboxColumns =
    "id, subject_kind, subject_id, kind, channel, recipient, language, status, due_us, "
    "attempts, next_attempt_us, sent_us, last_error, created_us";

Result<OutboxMessage> MessageRow(const Statement& st) {
  OutboxMessage m;
  m.id = st.Int(0);
  auto subject = EnumColumn<SubjectKind>(st, 1, ParseSubjectKind);
  m.subject.id = st.Int(2);
  auto kind = EnumColumn<MessageKind>(st, 3, ParseMessageKind);
  auto channel = EnumColumn<MessageChannel>(st, 4, ParseMessageChannel);
  auto status = EnumColumn<MessageStatus>(st, 7, ParseMessageStatus);
  if (!subject || !kind || !channel || !status) {
    return Fail(ErrorCode::kDataLoss, "outbox message {}: bad enum", m.id);
  }
  m.subject.kind = *subject;
  m.kind = *kind;
  m.channel = *channel;
  m.status = *status;
  m.recipient = st.Text(5);
  m.language = st.Text(6);
  m.due_at = FromMicros(st.Int(8));
  m.attempts = static_cast<int>(st.Int(9));
  m.next_attempt_at = FromMicros(st.Int(10));
  if (!st.IsNull(11)) m.sent_at = FromMicros(st.Int(11));
  m.last_error = st.Text(12);
  m.created_at = FromMicros(st.Int(13));
  return m;
}

Result<std::vector<OutboxMessage>> CollectOutbox(Statement& st) {
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

Result<std::int64_t> InsertOutboxMessage(SqliteDb& db, const OutboxMessage& m) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("INSERT INTO outbox({}) VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                               kOutboxColumns));
  st->Bind(1, ToString(m.subject.kind)).Bind(2, m.subject.id);
  st->Bind(3, ToString(m.kind)).Bind(4, ToString(m.channel));
  st->Bind(5, m.recipient).Bind(6, m.language).Bind(7, ToString(m.status));
  st->Bind(8, Micros(m.due_at)).Bind(9, m.attempts).Bind(10, Micros(m.next_attempt_at));
  st->BindOptional(11, SentMicros(m)).Bind(12, m.last_error).Bind(13, Micros(m.created_at));
  AMTSZEIT_RUN(st->Run());
  return db.LastInsertId();
}

Result<void> UpdateOutboxMessage(SqliteDb& db, const OutboxMessage& m) {
  AMTSZEIT_PREPARE(st, db,
                   "UPDATE outbox SET status = ?, recipient = ?, due_us = ?, attempts = ?, "
                   "next_attempt_us = ?, sent_us = ?, last_error = ? "
                   "WHERE id = ? AND status = 'pending'");
  st->Bind(1, ToString(m.status)).Bind(2, m.recipient).Bind(3, Micros(m.due_at));
  st->Bind(4, m.attempts).Bind(5, Micros(m.next_attempt_at)).BindOptional(6, SentMicros(m));
  st->Bind(7, m.last_error).Bind(8, m.id);
  AMTSZEIT_RUN(st->Run());
  if (sqlite3_changes(db.raw()) != 1) {
    return Fail(ErrorCode::kConflict, "outbox message {} is no longer pending", m.id);
  }
  return {};
}

Result<std::vector<OutboxMessage>> LoadPendingMessagesOf(SqliteDb& db,
                                                         const MessageSubject& subject) {
  AMTSZEIT_PREPARE(
      st, db,
      fmt::format("SELECT {} FROM outbox WHERE subject_kind = ? AND subject_id = ? AND "
                  "status = 'pending' ORDER BY id",
                  kOutboxColumns));
  st->Bind(1, ToString(subject.kind)).Bind(2, subject.id);
  return CollectOutbox(*st);
}

Result<std::vector<OutboxMessage>> LoadMessagesOf(SqliteDb& db, const MessageSubject& subject) {
  AMTSZEIT_PREPARE(
      st, db,
      fmt::format("SELECT {} FROM outbox WHERE subject_kind = ? AND subject_id = ? ORDER BY id",
                  kOutboxColumns));
  st->Bind(1, ToString(subject.kind)).Bind(2, subject.id);
  return CollectOutbox(*st);
}

Result<std::vector<OutboxMessage>> LoadDueMessages(SqliteDb& db, MessageChannel channel,
                                                   absl::Time now, int limit) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("SELECT {} FROM outbox WHERE status = 'pending' AND channel = ? "
                               "AND next_attempt_us <= ? ORDER BY next_attempt_us, id LIMIT ?",
                               kOutboxColumns));
  st->Bind(1, ToString(channel)).Bind(2, Micros(now)).Bind(3, limit);
  return CollectOutbox(*st);
}

Result<void> PutOutboxSecret(SqliteDb& db, const MessageSubject& subject, std::string_view sealed) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO outbox_secrets(subject_kind, subject_id, sealed) VALUES (?, ?, ?) "
                   "ON CONFLICT(subject_kind, subject_id) DO UPDATE SET sealed = excluded.sealed");
  return st->Bind(1, ToString(subject.kind)).Bind(2, subject.id).Bind(3, sealed).Run();
}

Result<std::optional<std::string>> LoadOutboxSecret(SqliteDb& db, const MessageSubject& subject) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT sealed FROM outbox_secrets WHERE subject_kind = ? AND subject_id = ?");
  st->Bind(1, ToString(subject.kind)).Bind(2, subject.id);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->Text(0));
}

Result<void> DeleteOutboxSecret(SqliteDb& db, const MessageSubject& subject) {
  AMTSZEIT_PREPARE(st, db, "DELETE FROM outbox_secrets WHERE subject_kind = ? AND subject_id = ?");
  return st->Bind(1, ToString(subject.kind)).Bind(2, subject.id).Run();
}

}  // namespace amtszeit::store::rows
