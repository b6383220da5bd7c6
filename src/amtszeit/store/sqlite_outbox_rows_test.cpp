#include <gtest/gtest.h>
#include <sqlite3.h>

#include "amtszeit/store/store.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::store {
namespace {

using testing::TempDir;

int Query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  int value = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    value = sqlite3_column_int(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return value;
}

// A file made by a build that had migration 7 (closures) but not yet 6 (the outbox): the gap is
// filled when a newer build opens it, and the version stays.
TEST(SqliteOutbox, AMigrationBelowTheFilesVersionIsStillApplied) {
  TempDir dir;
  const std::string path = dir.File("gap.db");
  { ASSERT_TRUE(OpenStore(path)); }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TABLE outbox; DROP TABLE outbox_secrets; "
                         "ALTER TABLE appointments DROP COLUMN contact_language; "
                         "DELETE FROM schema_migrations WHERE version = 6;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const int version = Query(path, "PRAGMA user_version");
  ASSERT_GE(version, 7);
  auto store = OpenStore(path);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(Query(path, "SELECT count(*) FROM schema_migrations WHERE version = 6"), 1);
  EXPECT_EQ(Query(path, "SELECT count(*) FROM outbox"), 0);
  EXPECT_EQ(Query(path, "PRAGMA user_version"), version);
}

// Migration 15 moves the outbox from appointments to subjects: rows written before it are about
// appointments and keep every value, their sealed tokens too.
TEST(SqliteOutbox, MessagesWrittenBeforeSubjectsExistedBecomeAppointmentMessages) {
  TempDir dir;
  const std::string path = dir.File("before15.db");
  { ASSERT_TRUE(OpenStore(path)); }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  // The tables as migration 9 left them, with one message and its token.
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TABLE outbox; DROP TABLE outbox_secrets; "
                         "CREATE TABLE outbox (id INTEGER PRIMARY KEY, appointment_id INTEGER NOT "
                         "NULL, kind TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL "
                         "DEFAULT '', language TEXT NOT NULL DEFAULT 'de', status TEXT NOT NULL "
                         "DEFAULT 'pending', due_us INTEGER NOT NULL, attempts INTEGER NOT NULL "
                         "DEFAULT 0, next_attempt_us INTEGER NOT NULL, sent_us INTEGER, last_error "
                         "TEXT NOT NULL DEFAULT '', created_us INTEGER NOT NULL); "
                         "CREATE TABLE outbox_secrets (appointment_id INTEGER PRIMARY KEY, sealed "
                         "TEXT NOT NULL); "
                         "INSERT INTO outbox VALUES (5, 42, 'offer', 'sms', '+491701234567', 'en', "
                         "'pending', 1000, 2, 3000, NULL, 'busy', 900); "
                         "INSERT INTO outbox_secrets VALUES (42, 'sealed-42'); "
                         "DELETE FROM schema_migrations WHERE version = 15;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenStore(path);
  ASSERT_TRUE(store) << store.error().message;
  auto messages = (*store)->ReadMessagesOf(AppointmentSubject(42));
  ASSERT_TRUE(messages) << messages.error().message;
  ASSERT_EQ(messages->size(), 1u);
  const OutboxMessage& m = messages->front();
  EXPECT_EQ(m.id, 5);
  EXPECT_EQ(m.subject, AppointmentSubject(42));
  EXPECT_EQ(m.kind, MessageKind::kOffer);
  EXPECT_EQ(m.channel, MessageChannel::kSms);
  EXPECT_EQ(m.recipient, "+491701234567");
  EXPECT_EQ(m.attempts, 2);
  EXPECT_EQ(m.last_error, "busy");
  EXPECT_TRUE((*store)->ReadMessagesOf(CaseSubject(42))->empty());
  std::optional<std::string> sealed;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto s = tx.FindOutboxSecret(AppointmentSubject(42));
    if (!s) return std::unexpected(s.error());
    sealed = *s;
    return {};
  }));
  EXPECT_EQ(sealed, "sealed-42");
}

}  // namespace
}  // namespace amtszeit::store
