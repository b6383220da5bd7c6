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

TEST(SqliteOutbox, MessagesRoundTripAndOnlyPendingOnesChange) {
  TempDir dir;
  auto store = OpenStore(dir.File("o.db"));
  ASSERT_TRUE(store);
  const absl::Time t = absl::FromUnixSeconds(1'800'000'000);
  OutboxMessage m{.appointment_id = 42,
                  .kind = MessageKind::kReminder,
                  .channel = MessageChannel::kSms,
                  .recipient = "+491701234567",
                  .language = "en",
                  .due_at = t,
                  .next_attempt_at = t,
                  .created_at = t - absl::Hours(1)};
  auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.InsertOutboxMessage(m);
    if (!id) return std::unexpected(id.error());
    m.id = *id;
    return tx.PutOutboxSecret(42, "sealed");
  });
  ASSERT_TRUE(ok) << ok.error().message;
  auto all = (*store)->ReadMessagesOf(42);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front(), m);
  EXPECT_TRUE((*store)->ReadDueMessages(MessageChannel::kSms, t - absl::Seconds(1), 10)->empty());
  EXPECT_TRUE((*store)->ReadDueMessages(MessageChannel::kEmail, t, 10)->empty());
  EXPECT_EQ((*store)->ReadDueMessages(MessageChannel::kSms, t, 10)->size(), 1u);

  m.status = MessageStatus::kSent;
  m.sent_at = t;
  m.attempts = 1;
  m.recipient.clear();
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) { return tx.UpdateOutboxMessage(m); }));
  EXPECT_EQ((*store)->ReadMessagesOf(42)->front(), m);
  auto again = (*store)->Write([&](WriteTx& tx) { return tx.UpdateOutboxMessage(m); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_TRUE((*store)->ReadDueMessages(MessageChannel::kSms, t, 10)->empty());

  std::optional<std::string> sealed;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto s = tx.FindOutboxSecret(42);
    if (!s) return std::unexpected(s.error());
    sealed = *s;
    return tx.DeleteOutboxSecret(42);
  }));
  EXPECT_EQ(sealed, "sealed");
}

}  // namespace
}  // namespace amtszeit::store
