#include "amtszeit/store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <span>
#include <sstream>
#include <thread>

#include "amtszeit/store/migrations.h"
#include "amtszeit/store/store.h"
#include "amtszeit/store/store_samples.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::store {
namespace {

namespace fs = std::filesystem;
using absl::CivilDay;

using conformance::WriteSample;
using testing::TempDir;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

int CountRows(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, ("SELECT count(*) FROM " + table).c_str(), -1, &st, nullptr);
  sqlite3_step(st);
  const int n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

TEST(SqliteStore, MigrationsAreRecordedOnceAndFilesAreMarked) {
  TempDir dir;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(OpenStore(dir.File("m.db")));
  EXPECT_EQ(CountRows(dir.File("m.db"), "schema_migrations"),
            static_cast<int>(SqliteMigrations().size()));
}

TEST(SqliteStore, RefusesAGarbageFileWithoutTouchingIt) {
  TempDir dir;
  const std::string path = dir.File("garbage.db");
  WriteAll(path, std::string(8192, 'x'));
  auto store = OpenStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(store.error().message.find("not modified"), std::string::npos);
  EXPECT_EQ(ReadAll(path), std::string(8192, 'x'));
}

TEST(SqliteStore, RefusesAnotherProgramsDatabaseWithoutTouchingIt) {
  TempDir dir;
  const std::string path = dir.File("other.db");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE songs(title TEXT); INSERT INTO songs VALUES ('x');", nullptr,
               nullptr, nullptr);
  sqlite3_close(db);
  const std::string before = ReadAll(path);
  auto store = OpenStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(store.error().message.find("another program"), std::string::npos);
  EXPECT_EQ(ReadAll(path), before);
}

TEST(SqliteStore, RefusesANewerSchemaWithoutTouchingTheFile) {
  TempDir dir;
  const std::string path = dir.File("newer.db");
  { ASSERT_TRUE(OpenStore(path)); }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA user_version = 99;", nullptr, nullptr,
               nullptr);
  sqlite3_close(db);
  const std::string before = ReadAll(path);
  const auto mtime = fs::last_write_time(path);
  auto store = OpenStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(store.error().message.find("schema version 99"), std::string::npos);
  EXPECT_EQ(ReadAll(path), before);
  EXPECT_EQ(fs::last_write_time(path), mtime);
}

TEST(SqliteStore, TruncatedDatabaseIsAnErrorNotACrash) {
  TempDir dir;
  const std::string path = dir.File("cut.db");
  {
    auto store = OpenStore(path);
    ASSERT_TRUE(WriteSample(**store));
  }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;", nullptr, nullptr,
               nullptr);
  sqlite3_close(db);
  const std::string bytes = ReadAll(path);
  WriteAll(path, bytes.substr(0, bytes.size() / 2));
  auto store = OpenStore(path);
  if (store) {
    EXPECT_FALSE((*store)->ReadCatalog()) << "reading a half file must fail";
  } else {
    EXPECT_EQ(store.error().code, ErrorCode::kDataLoss);
  }
}

// The log is copied back and written over from its start once it holds
// kWalFramesBeforeCheckpoint frames: it grows past SQLite's default of 1,000 frames but no
// further, and nothing committed is lost on the way.
TEST(SqliteStore, TheLogIsCheckpointedAtItsFrameLimitAndStaysThatLong) {
  TempDir dir;
  const std::string path = dir.File("log.db");
  constexpr int kCommits = 12000;  // two frames or so each: several checkpoints
  {
    auto store = OpenStore(path);
    ASSERT_TRUE(store) << store.error().message;
    for (int i = 0; i < kCommits; ++i) {
      const WriteFn put = [i](WriteTx& tx) {
        return tx.PutDistrict({"d" + std::to_string(i), "District " + std::to_string(i)});
      };
      auto results = (*store)->CommitGroup(std::span(&put, 1));
      ASSERT_TRUE(results && results->front()) << i;
    }
    ASSERT_TRUE((*store)->SyncCommitted());
    constexpr std::uintmax_t kHeader = 32;
    constexpr std::uintmax_t kFrame = 24 + 4096;  // frame header and page
    const std::uintmax_t frames = (fs::file_size(path + "-wal") - kHeader) / kFrame;
    EXPECT_GT(frames, 1100u) << "SQLite's default limit";
    EXPECT_LE(frames, static_cast<std::uintmax_t>(SqliteStore::kWalFramesBeforeCheckpoint + 20));
  }
  EXPECT_EQ(CountRows(path, "districts"), kCommits);
}

TEST(SqliteStore, MissingDirectoryOrFileIsAClearError) {
  TempDir dir;
  auto store = OpenStore(dir.File("nope/x.db"));
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kNotFound);
  auto missing = OpenStore(dir.File("x.db"), {.create_if_missing = false});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir.File("x.db")));
}

}  // namespace
}  // namespace amtszeit::store
