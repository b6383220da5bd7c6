#include "amtszeit/store/pg_db.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

namespace amtszeit::store {

ErrorCode CodeOfSqlState(std::string_view s) {
  if (s.starts_with("23")) return ErrorCode::kConflict;
  if (s.starts_with("08") || s.starts_with("40") || s.starts_with("53") || s.starts_with("57") ||
      s == "55P03") {
    return ErrorCode::kUnavailable;
  }
  if (s.starts_with("XX")) return ErrorCode::kDataLoss;
  return ErrorCode::kInternal;
}

std::string NumberPlaceholders(std::string_view sql, int* params) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  int highest = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    int n = 0;
    std::size_t j = i + 1;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
    if (j == i + 1) n = ++next;
    i = j - 1;
    highest = std::max(highest, n);
    out += fmt::format("${}", n);
  }
  *params = highest;
  return out;
}

PgStatement::PgStatement(PgDb* db, const std::string* name, const std::string* sql, int params)
    : db_(db), name_(name), sql_(sql), values_(params) {}

PgStatement::PgStatement(PgStatement&& o) noexcept
    : db_(o.db_),
      name_(o.name_),
      sql_(o.sql_),
      values_(std::move(o.values_)),
      result_(std::exchange(o.result_, nullptr)),
      row_(o.row_),
      changes_(o.changes_) {}

PgStatement::~PgStatement() { Clear(); }

void PgStatement::Clear() {
  if (result_ != nullptr) PQclear(result_);
  result_ = nullptr;
  row_ = -1;
}

PgStatement& PgStatement::Bind(int index, std::string_view text) {
  Clear();
  values_.at(index - 1) = std::string(text);
  return *this;
}

PgStatement& PgStatement::Bind(int index, std::int64_t value) {
  Clear();
  values_.at(index - 1) = std::to_string(value);
  return *this;
}

PgStatement& PgStatement::Bind(int index, double value) {
  Clear();
  values_.at(index - 1) = fmt::format("{}", value);  // shortest text that reads back exactly
  return *this;
}

PgStatement& PgStatement::BindNull(int index) {
  Clear();
  values_.at(index - 1).reset();
  return *this;
}

PgStatement& PgStatement::BindOptional(int index, const std::optional<std::string>& text) {
  return text ? Bind(index, std::string_view(*text)) : BindNull(index);
}

PgStatement& PgStatement::BindOptional(int index, const std::optional<std::int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Result<void> PgStatement::Execute() {
  std::vector<const char*> values(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) {
    values[i] = values_[i] ? values_[i]->c_str() : nullptr;
  }
  result_ = PQexecPrepared(db_->conn_, name_->c_str(), static_cast<int>(values.size()),
                           values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = PQresultStatus(result_);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    Error e = db_->ErrorOf(result_, *sql_);
    Clear();
    return std::unexpected(e);
  }
  const char* tuples = PQcmdTuples(result_);
  changes_ = (tuples != nullptr && *tuples != 0) ? std::strtoll(tuples, nullptr, 10) : 0;
  db_->changes_ = changes_;
  db_->total_changes_ += changes_;
  row_ = -1;
  return {};
}

Result<bool> PgStatement::Step() {
  if (result_ == nullptr) {
    if (auto ok = Execute(); !ok) return std::unexpected(ok.error());
  }
  ++row_;
  return row_ < PQntuples(result_);
}

Result<void> PgStatement::Run() {
  Clear();
  auto ok = Execute();
  Clear();
  return ok;
}

std::string PgStatement::Text(int column) const {
  return std::string(PQgetvalue(result_, row_, column),
                     static_cast<std::size_t>(PQgetlength(result_, row_, column)));
}

std::int64_t PgStatement::Int(int column) const {
  const char* text = PQgetvalue(result_, row_, column);
  std::int64_t value = 0;
  std::from_chars(text, text + PQgetlength(result_, row_, column), value);
  return value;
}

double PgStatement::Double(int column) const {
  return std::strtod(PQgetvalue(result_, row_, column), nullptr);
}

bool PgStatement::IsNull(int column) const { return PQgetisnull(result_, row_, column) != 0; }

namespace {
// Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
void IgnoreNotice(void*, const char*) {}
}  // namespace

Result<std::unique_ptr<PgDb>> PgDb::Connect(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr) return Fail(ErrorCode::kUnavailable, "cannot allocate a connection");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    return Fail(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: {}", message);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return std::unique_ptr<PgDb>(new PgDb(conn));
}

PgDb::~PgDb() { PQfinish(conn_); }

Result<PgStatement> PgDb::Prepare(std::string_view sql) {
  auto [it, inserted] = prepared_.try_emplace(std::string(sql));
  Prepared& p = it->second;
  if (inserted) {
    p.sql = NumberPlaceholders(sql, &p.params);
    p.name = fmt::format("a{}", prepared_.size());
    PGresult* r = PQprepare(conn_, p.name.c_str(), p.sql.c_str(), 0, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      Error e = ErrorOf(r, p.sql);
      PQclear(r);
      prepared_.erase(it);
      return std::unexpected(e);
    }
    PQclear(r);
  }
  return PgStatement(this, &p.name, &p.sql, p.params);
}

Result<void> PgDb::Exec(std::string_view sql) {
  const std::string text(sql);
  PGresult* r = PQexec(conn_, text.c_str());
  const ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error e = ErrorOf(r, sql);
    PQclear(r);
    return std::unexpected(e);
  }
  PQclear(r);
  ++total_changes_;
  return {};
}

Error PgDb::ErrorOf(const PGresult* result, std::string_view context) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (state != nullptr) last_sqlstate_ = state;
  std::string message = result ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  const ErrorCode code =
      state != nullptr
          ? CodeOfSqlState(state)
          : (PQstatus(conn_) != CONNECTION_OK ? ErrorCode::kUnavailable : ErrorCode::kInternal);
  return Error{code, fmt::format("{} (in: {})", message, context.substr(0, 120))};
}

}  // namespace amtszeit::store
