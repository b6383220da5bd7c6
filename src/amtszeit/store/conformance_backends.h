// Test support for the Store conformance suite (header only, test binaries only): each backend
// gives a test a fresh, empty database of its kind, a URL for OpenStore (the same database on
// every call, so a test can reopen it or open it twice like two server nodes) and raw SQL access
// for checks beneath the Store interface.
//
// SQLite always runs. PostgreSQL runs when AMTSZEIT_TEST_PG_URL names a server (CTest starts one
// with scripts/start-postgres); every test then gets a schema of its own, dropped afterwards.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "amtszeit/store/migrations.h"
#include "amtszeit/store/pg_db.h"
#include "amtszeit/store/pg_migrations.h"
#include "amtszeit/store/store.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::store::conformance {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string Url() const = 0;
  // The schema version a new database of this kind reaches.
  virtual int LatestVersion() const = 0;
  virtual std::size_t MigrationCount() const = 0;
  // Runs SQL on the database directly, beside any open store.
  virtual Result<void> Exec(const std::string& sql) = 0;
  // The first column of the first row of `sql` as an integer.
  virtual Result<std::int64_t> QueryInt(const std::string& sql) = 0;
};

class SqliteBackend final : public Backend {
 public:
  std::string Url() const override { return "sqlite:" + dir_.File("store.db"); }
  int LatestVersion() const override { return LatestSchemaVersion(); }
  std::size_t MigrationCount() const override { return SqliteMigrations().size(); }
  Result<void> Exec(const std::string& sql) override {
    sqlite3* db = Open();
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    if (rc != SQLITE_OK) return Fail(ErrorCode::kConflict, "{}", message);
    return {};
  }
  Result<std::int64_t> QueryInt(const std::string& sql) override {
    sqlite3* db = Open();
    sqlite3_stmt* st = nullptr;
    std::optional<std::int64_t> value;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      value = sqlite3_column_int64(st, 0);
    }
    std::string message = sqlite3_errmsg(db);
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (!value) return Fail(ErrorCode::kInternal, "{}", message);
    return *value;
  }

 private:
  sqlite3* Open() const {
    sqlite3* db = nullptr;
    sqlite3_open_v2(dir_.File("store.db").c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(db, 5000);
    return db;
  }
  amtszeit::testing::TempDir dir_;
};

class PgBackend final : public Backend {
 public:
  explicit PgBackend(std::string server) : server_(std::move(server)) {
    static std::atomic<int> next = 0;
    schema_ = "conformance_" + std::to_string(getpid()) + "_" + std::to_string(++next);
    auto admin = PgDb::Connect(server_);
    if (!admin) {
      ADD_FAILURE() << "AMTSZEIT_TEST_PG_URL is set but unusable: " << admin.error().message;
      return;
    }
    auto ok =
        (*admin)->Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
    if (!ok) ADD_FAILURE() << ok.error().message;
  }
  ~PgBackend() override {
    raw_.reset();
    if (auto admin = PgDb::Connect(server_)) {
      (void)(*admin)->Exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    }
  }
  // The schema first, public after it for the btree_gist operator classes.
  std::string Url() const override {
    return server_ + (server_.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema_ + "%2Cpublic";
  }
  int LatestVersion() const override { return PgMigrations().back().version; }
  std::size_t MigrationCount() const override { return PgMigrations().size(); }
  Result<void> Exec(const std::string& sql) override {
    auto db = Raw();
    if (!db) return std::unexpected(db.error());
    return (*db)->Exec(sql);
  }
  Result<std::int64_t> QueryInt(const std::string& sql) override {
    auto db = Raw();
    if (!db) return std::unexpected(db.error());
    auto st = (*db)->Prepare(sql);
    if (!st) return std::unexpected(st.error());
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kNotFound, "no row");
    return st->Int(0);
  }

 private:
  Result<PgDb*> Raw() {
    if (!raw_) {
      auto db = PgDb::Connect(Url());
      if (!db) return std::unexpected(db.error());
      raw_ = std::move(*db);
    }
    return raw_.get();
  }
  std::string server_;
  std::string schema_;
  std::unique_ptr<PgDb> raw_;
};

struct BackendKind {
  std::string name;
  std::function<std::unique_ptr<Backend>()> make;
};

// Names the backend in test output instead of dumping the struct's bytes.
inline void PrintTo(const BackendKind& kind, std::ostream* out) { *out << kind.name; }

inline std::vector<BackendKind> BackendKinds() {
  std::vector<BackendKind> kinds = {
      {"sqlite", [] { return std::unique_ptr<Backend>(new SqliteBackend()); }}};
  if (const char* url = std::getenv("AMTSZEIT_TEST_PG_URL"); url != nullptr && *url != 0) {
    kinds.push_back({"postgresql", [server = std::string(url)] {
                       return std::unique_ptr<Backend>(new PgBackend(server));
                     }});
  }
  return kinds;
}

}  // namespace amtszeit::store::conformance
