#include "amtszeit/store/sqlite_db.h"

namespace amtszeit::store {

ErrorCode CodeOf(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return ErrorCode::kConflict;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      return ErrorCode::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::kDataLoss;
    default:
      return ErrorCode::kInternal;
  }
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::BindOptional(int index, const std::optional<std::string>& text) {
  return text ? Bind(index, std::string_view(*text)) : BindNull(index);
}

Statement& Statement::BindOptional(int index, const std::optional<std::int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Fail(CodeOf(sqlite3_extended_errcode(db_)), "{} (in: {})", sqlite3_errmsg(db_),
              sqlite3_sql(stmt_));
}

Result<void> Statement::Run() {
  Result<void> result;
  while (true) {
    auto row = Step();
    if (!row) {
      result = std::unexpected(row.error());
      break;
    }
    if (!*row) break;
  }
  // Ready to bind and run again.
  sqlite3_reset(stmt_);
  return result;
}

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string(text, sqlite3_column_bytes(stmt_, column)) : std::string();
}

std::string Statement::Blob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return data ? std::string(data, sqlite3_column_bytes(stmt_, column)) : std::string();
}

bool ConfigureSqliteProcess() {
  // SQLite's memory statistics take a process-wide mutex on every allocation and free, dozens
  // per statement (a seventh of the writer thread's time in commit_bench); nothing here reads
  // them. Once SQLite has initialised, sqlite3_config refuses (SQLITE_MISUSE) and the statistics
  // stay on: slower, not wrong.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  return configured;
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, int flags,
                                                 const char* vfs) {
  ConfigureSqliteProcess();
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Fail(CodeOf(rc), "cannot open {}: {}", path, message);
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<SqliteDb>(new SqliteDb(db, path));
}

SqliteDb::~SqliteDb() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

Result<Statement> SqliteDb::Prepare(std::string_view sql) {
  auto it = cache_.find(absl::string_view(sql.data(), sql.size()));
  const bool inserted = it == cache_.end();
  if (inserted) it = cache_.try_emplace(std::string(sql)).first;
  Cached& cached = it->second;
  if (!inserted && !*cached.in_use) {
    *cached.in_use = true;
    return Statement(db_, cached.stmt, cached.in_use.get());
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    if (inserted) cache_.erase(it);
    return std::unexpected(LastError(sql));
  }
  if (inserted) {
    cached.stmt = stmt;
    *cached.in_use = true;
    return Statement(db_, stmt, cached.in_use.get());
  }
  return Statement(db_, stmt, nullptr);  // the cached one is busy (nested use): a private copy
}

Result<void> SqliteDb::Exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    Error e{CodeOf(rc), message ? message : sqlite3_errstr(rc)};
    sqlite3_free(message);
    return std::unexpected(e);
  }
  return {};
}

Error SqliteDb::LastError(std::string_view context) const {
  return Error{CodeOf(sqlite3_extended_errcode(db_)),
               fmt::format("{} (in: {})", sqlite3_errmsg(db_), context.substr(0, 120))};
}

}  // namespace amtszeit::store
