// Thin wrappers over libpq shaped like sqlite_db.h (Prepare, Bind, Step, Text, Int), so a table's
// PostgreSQL mapping (pg_*_rows.cpp) reads like its SQLite twin. SQL is written with '?' (or
// '?N') placeholders and rewritten to '$n' once, when first prepared; statements are prepared
// once per connection. Values travel as text; errors keep PostgreSQL's message and map by SQLSTATE.
//
//   auto db = PgDb::Connect("postgresql://postgres@127.0.0.1:5432/postgres");
//   auto st = (*db)->Prepare("SELECT name FROM districts WHERE id = ?");
//   st->Bind(1, "altona");
//   while (*st->Step()) name = st->Text(0);
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "amtszeit/domain/error.h"

namespace amtszeit::store {

class PgDb;

class PgStatement {
 public:
  PgStatement(PgDb* db, const std::string* name, const std::string* sql, int params);
  PgStatement(PgStatement&& o) noexcept;
  PgStatement& operator=(PgStatement&&) = delete;
  ~PgStatement();

  PgStatement& Bind(int index, std::string_view text);
  PgStatement& Bind(int index, std::int64_t value);
  PgStatement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  PgStatement& Bind(int index, double value);
  PgStatement& BindNull(int index);
  PgStatement& BindOptional(int index, const std::optional<std::string>& text);
  PgStatement& BindOptional(int index, const std::optional<std::int64_t>& value);

  // Runs the statement on the first call; true while a row is ready. Errors name the SQL.
  Result<bool> Step();
  // Runs to completion, then allows binding and running again.
  Result<void> Run();
  // Rows the last run inserted, updated or deleted.
  std::int64_t Changes() const { return changes_; }

  std::string Text(int column) const;
  std::int64_t Int(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;

 private:
  Result<void> Execute();
  void Clear();

  PgDb* db_;
  const std::string* name_;
  const std::string* sql_;
  std::vector<std::optional<std::string>> values_;
  PGresult* result_ = nullptr;
  int row_ = -1;
  std::int64_t changes_ = 0;
};

class PgDb {
 public:
  static Result<std::unique_ptr<PgDb>> Connect(const std::string& url);
  ~PgDb();

  Result<PgStatement> Prepare(std::string_view sql);
  // Runs one or more statements without parameters.
  Result<void> Exec(std::string_view sql);
  // Rows the last PgStatement run on this connection changed.
  std::int64_t Changes() const { return changes_; }
  // Rows every PgStatement run on this connection changed, plus one for every Exec (which does
  // not count its rows): unchanged across a call, the call changed nothing.
  std::int64_t TotalChanges() const { return total_changes_; }
  PGconn* raw() const { return conn_; }
  bool Broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  // Whether the last error since ClearSqlState() was a deadlock or serialization failure
  // (SQLSTATE 40xxx): the transaction may simply be tried again.
  bool Retryable() const { return last_sqlstate_.starts_with("40"); }
  void ClearSqlState() { last_sqlstate_.clear(); }
  // The error of a failed result (or of the connection when there is none).
  Error ErrorOf(const PGresult* result, std::string_view context) const;

 private:
  friend class PgStatement;
  explicit PgDb(PGconn* conn) : conn_(conn) {}
  struct Prepared {
    std::string name;
    std::string sql;
    int params = 0;
  };
  PGconn* conn_;
  std::int64_t changes_ = 0;
  std::int64_t total_changes_ = 0;
  mutable std::string last_sqlstate_;
  // REQUIRES: the owner serialises use of this connection (the store's pool does).
  std::unordered_map<std::string, Prepared> prepared_;
};

// SQLSTATE -> our error code: integrity violations (23xxx: unique, exclusion, foreign key, check,
// and the triggers' 23xxx) are conflicts; connection trouble, serialization failures and
// deadlocks are unavailable; data corruption is data loss.
ErrorCode CodeOfSqlState(std::string_view sqlstate);

// '?' -> '$1', '$2', ...; '?N' -> '$N'; quoted text is left alone. Sets *params to the highest
// number used.
std::string NumberPlaceholders(std::string_view sql, int* params);

}  // namespace amtszeit::store
