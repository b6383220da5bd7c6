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

}  // namespace
}  // namespace amtszeit::store
