// Thin RAII wrappers over the SQLite C API: a connection and a prepared statement whose errors
// come back as Result values with SQLite's own message.
//
//   auto db = SqliteDb::Open(path, SQLITE_OPEN_READWRITE);
//   auto st = db->Prepare("SELECT name FROM districts WHERE id = ?");
//   st->Bind(1, "altona");
//   while (*st->Step()) name = st->Text(0);
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "amtszeit/domain/error.h"

namespace amtszeit::store {

// A prepared statement borrowed from its connection's cache: destroying it resets the statement
// and returns it, so hot statements are compiled once per connection, not once per call.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use)
      : db_(db), stmt_(stmt), in_use_(in_use) {}
  Statement(Statement&& o) noexcept
      : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)), in_use_(o.in_use_) {}
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& BindNull(int index);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindOptional(int index, const std::optional<std::string>& text);
  Statement& BindOptional(int index, const std::optional<std::int64_t>& value);

  // true: a row is ready; false: done. Errors name the SQL.
  Result<bool> Step();
  // Runs to completion, ignoring rows, then resets so the statement can be bound and run again.
  Result<void> Run();

  std::string Text(int column) const;
  std::string Blob(int column) const;
  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const { return sqlite3_column_double(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;  // the cache entry's flag; nullptr for an uncached statement
};

// Process-wide SQLite settings (no memory statistics), possible only before SQLite initialises.
// SqliteDb::Open applies them; a program that calls SQLite itself first, as the commit
// benchmark's reference does, calls this before. True when they are in force.
bool ConfigureSqliteProcess();

class SqliteDb {
 public:
  // `vfs`: a registered VFS's name, or nullptr for SQLite's default.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, int flags,
                                                const char* vfs = nullptr);
  ~SqliteDb();

  Result<Statement> Prepare(std::string_view sql);
  Result<void> Exec(std::string_view sql);
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  // The current SQLite error as an Error with our code.
  Error LastError(std::string_view context) const;
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    std::unique_ptr<bool> in_use = std::make_unique<bool>(false);
  };
  sqlite3* db_;
  std::string path_;
  // REQUIRES: the owner serialises use of this connection (the store's mutexes do). Looked up
  // by the statement's text without copying it (every write runs several).
  absl::flat_hash_map<std::string, Cached> cache_;
};

// SQLite result code -> our error code: constraint violations are conflicts, a busy database is
// unavailable, corruption and foreign files are data loss.
ErrorCode CodeOf(int sqlite_result);

}  // namespace amtszeit::store
