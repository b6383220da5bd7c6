// The batching VFS against SQLite itself: a connection through it writes each commit's log
// frames in one call, a connection through the default VFS reads every commit the moment it
// returned, and a transaction larger than one write's limit still commits whole.
#include "amtszeit/store/sqlite_wal_batching.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "amtszeit/store/sqlite_db.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::store {
namespace {

class Connection {
 public:
  Connection(const std::string& file, const char* vfs) {
    ConfigureSqliteProcess();
    EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs),
              SQLITE_OK);
  }
  ~Connection() { sqlite3_close(db_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void Exec(const std::string& sql) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << sql << ": " << (error ? error : "");
    sqlite3_free(error);
  }
  std::string Text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(st, 0);
      out = text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

class WalBatching : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(WalBatchingVfs(), nullptr);
    writer_.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    writer_.Exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  }
  amtszeit::testing::TempDir dir_;
  std::string file_ = dir_.File("batching.db");
  Connection writer_{file_, WalBatchingVfs()};
};

TEST_F(WalBatching, EachCommitReachesTheLogInOneWrite) {
  constexpr int kCommits = 50;
  const std::uint64_t before = WalBatchingWrites();
  for (int i = 0; i < kCommits; ++i) {
    // Four pages or so per commit.
    writer_.Exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) "
        "INSERT INTO t(v) SELECT hex(randomblob(400)) FROM n");
  }
  const std::uint64_t writes = WalBatchingWrites() - before;
  // SQLite's default VFS would take two writes per page; here one per commit, and one more when
  // the log restarts after a checkpoint (its header).
  EXPECT_GE(writes, static_cast<std::uint64_t>(kCommits));
  EXPECT_LE(writes, static_cast<std::uint64_t>(kCommits) + 2);
}

TEST_F(WalBatching, AnotherConnectionReadsEveryCommitAsSoonAsItReturned) {
  Connection reader(file_, nullptr);
  for (int i = 1; i <= 30; ++i) {
    writer_.Exec("INSERT INTO t(v) VALUES ('" + std::to_string(i) + "')");
    EXPECT_EQ(reader.Text("SELECT count(*) || ':' || max(v + 0) FROM t"),
              std::to_string(i) + ":" + std::to_string(i));
  }
}

TEST_F(WalBatching, ATransactionLargerThanOneWriteCommitsWhole) {
  // 3 MB in one transaction: past the 128 KiB a single write of the default VFS may carry, and
  // past the page cache, so SQLite spills frames before the commit.
  writer_.Exec("PRAGMA cache_size = 50");
  writer_.Exec("BEGIN");
  writer_.Exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) "
      "INSERT INTO t(v) SELECT printf('%04d', i) || hex(randomblob(1000)) FROM n");
  writer_.Exec("COMMIT");
  const std::string summary =
      "SELECT count(*) || ':' || sum(length(v)) || ':' || "
      "(SELECT substr(v, 1, 40) FROM t WHERE id = 777) FROM t";
  const std::string written = writer_.Text(summary);
  EXPECT_EQ(written.substr(0, 13), "1500:3006000:");
  Connection reader(file_, nullptr);
  EXPECT_EQ(reader.Text(summary), written);
  EXPECT_EQ(reader.Text("PRAGMA integrity_check"), "ok");
}

// Commits of 1 to 80 pages: the held frames reach the write limit at every position within a
// frame, the commit frame's own header and page among them.
TEST_F(WalBatching, EveryCommitSizeReachesTheReaderWhole) {
  Connection reader(file_, nullptr);
  int rows = 0;
  for (int pages = 1; pages <= 80; ++pages) {
    // A row of 3,000 bytes fills most of a 4 KB page.
    writer_.Exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                 std::to_string(pages) + ") INSERT INTO t(v) SELECT hex(randomblob(1500)) FROM n");
    rows += pages;
    ASSERT_EQ(reader.Text("SELECT count(*) || ':' || sum(length(v)) FROM t"),
              std::to_string(rows) + ":" + std::to_string(rows * 3000))
        << "after a commit of " << pages << " rows";
  }
  EXPECT_EQ(reader.Text("PRAGMA integrity_check"), "ok");
}

// What a crash right after COMMIT returned leaves: the database and log files as they are (no
// shared-memory index), from which SQLite recovers by the frames' checksums. The transaction
// spills pages and changes them again, so SQLite rewrites frames and their checksums in place
// before the commit: those writes, too, must be in the file when COMMIT returns.
TEST_F(WalBatching, TheFilesRecoverEveryCommitAsSoonAsItReturned) {
  writer_.Exec("PRAGMA cache_size = 10");
  writer_.Exec("BEGIN");
  writer_.Exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
      "INSERT INTO t(v) SELECT hex(randomblob(500)) FROM n");
  writer_.Exec("UPDATE t SET v = 'x' || substr(v, 2)");
  writer_.Exec("INSERT INTO t(v) VALUES ('last')");
  writer_.Exec("COMMIT");
  const std::string summary =
      "SELECT count(*) || ':' || sum(v LIKE 'x%') || ':' || max(id) || ':' || "
      "(SELECT v FROM t WHERE id = 401) FROM t";
  ASSERT_EQ(writer_.Text(summary), "401:400:401:last");
  const std::string copy = dir_.File("copy.db");
  std::filesystem::copy_file(file_, copy);
  std::filesystem::copy_file(file_ + "-wal", copy + "-wal");
  Connection recovered(copy, nullptr);
  EXPECT_EQ(recovered.Text(summary), "401:400:401:last");
  EXPECT_EQ(recovered.Text("PRAGMA integrity_check"), "ok");
}

TEST_F(WalBatching, ARolledBackTransactionLeavesNoTrace) {
  writer_.Exec("INSERT INTO t(v) VALUES ('kept')");
  writer_.Exec("PRAGMA cache_size = 10");
  writer_.Exec("BEGIN");
  writer_.Exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
      "INSERT INTO t(v) SELECT hex(randomblob(1000)) FROM n");
  writer_.Exec("ROLLBACK");
  writer_.Exec("INSERT INTO t(v) VALUES ('after')");
  Connection reader(file_, nullptr);
  EXPECT_EQ(reader.Text("SELECT group_concat(v, ',') FROM t"), "kept,after");
  EXPECT_EQ(reader.Text("PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace amtszeit::store
