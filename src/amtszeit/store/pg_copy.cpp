#include "amtszeit/store/pg_copy.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "absl/strings/escaping.h"
#include "amtszeit/store/pg_db.h"
#include "amtszeit/store/sqlite_db.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store {

namespace {

constexpr std::string_view kNull = "\x01null";

// One row's values as text, the same on both sides: integers in decimal, doubles in their
// shortest exact form (PostgreSQL 15 prints float8 that way), NULL as a marker.
// Hashed with FNV-1a, over the values, each followed by a separator byte text cannot contain.
std::uint64_t RowHash(const std::vector<std::string>& values) {
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;
  };
  for (const std::string& v : values) {
    for (const char c : v) mix(static_cast<unsigned char>(c));
    mix(0);
  }
  return h;
}

struct Table {
  std::string name;
  std::vector<std::string> columns;
  std::set<std::string> binary;  // bytea in PostgreSQL: values travel hex-encoded
};

Result<std::vector<Table>> SqliteTables(SqliteDb& db) {
  std::vector<Table> tables;
  {
    // Creation order, so referenced tables come first.
    auto st = db.Prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name <> 'schema_migrations' ORDER BY rowid");
    if (!st) return std::unexpected(st.error());
    while (true) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      tables.push_back({st->Text(0), {}});
    }
  }
  for (Table& t : tables) {
    auto st =
        db.Prepare(fmt::format("SELECT name FROM pragma_table_info('{}') ORDER BY cid", t.name));
    if (!st) return std::unexpected(st.error());
    while (true) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      t.columns.push_back(st->Text(0));
    }
  }
  return tables;
}

std::string SqliteValue(sqlite3_stmt* st, int column) {
  switch (sqlite3_column_type(st, column)) {
    case SQLITE_NULL:
      return std::string(kNull);
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_column_int64(st, column));
    case SQLITE_FLOAT:
      return fmt::format("{}", sqlite3_column_double(st, column));
    case SQLITE_BLOB: {
      const auto* data = static_cast<const char*>(sqlite3_column_blob(st, column));
      return absl::BytesToHexString(
          absl::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(st, column))));
    }
    default: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, column));
      return std::string(text, sqlite3_column_bytes(st, column));
    }
  }
}

// Column name -> PostgreSQL data type.
Result<std::map<std::string, std::string>> PgColumns(PgDb& db, const std::string& table) {
  auto st = db.Prepare(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = "
      "current_schema() AND table_name = ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, table);
  std::map<std::string, std::string> out;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.emplace(st->Text(0), st->Text(1));
  }
  return out;
}

// Count and checksum of a PostgreSQL table over `columns`, doubles normalised like SQLite's.
Result<CopiedTable> PgSummary(PgDb& db, const Table& t) {
  std::vector<std::string> select;
  for (const std::string& c : t.columns) {
    select.push_back(t.binary.contains(c) ? fmt::format("encode({}, 'hex')", c)
                                          : fmt::format("{}::text", c));
  }
  auto st = db.Prepare(fmt::format("SELECT {} FROM {}", fmt::join(select, ", "), t.name));
  if (!st) return std::unexpected(st.error());
  CopiedTable out{.name = t.name};
  std::vector<std::string> values(t.columns.size());
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const int c = static_cast<int>(i);
      values[i] = st->IsNull(c) ? std::string(kNull) : st->Text(c);
    }
    ++out.rows;
    out.checksum += RowHash(values);
  }
  return out;
}

}  // namespace

Result<std::vector<CopiedTable>> CopySqliteToPostgres(const std::string& sqlite_path,
                                                      const std::string& pg_url) {
  // Opening both as stores checks the SQLite file and brings PostgreSQL to the same schema.
  {
    auto source = OpenStore("sqlite:" + sqlite_path, {.create_if_missing = false});
    if (!source) return std::unexpected(source.error());
    auto target = OpenStore(pg_url);
    if (!target) return std::unexpected(target.error());
  }
  auto sqlite = SqliteDb::Open(sqlite_path, SQLITE_OPEN_READONLY);
  if (!sqlite) return std::unexpected(sqlite.error());
  auto pg = PgDb::Connect(pg_url);
  if (!pg) return std::unexpected(pg.error());
  PgDb& db = **pg;
  auto tables = SqliteTables(**sqlite);
  if (!tables) return std::unexpected(tables.error());
  for (Table& t : *tables) {
    auto columns = PgColumns(db, t.name);
    if (!columns) return std::unexpected(columns.error());
    for (const std::string& c : t.columns) {
      auto type = columns->find(c);
      if (type == columns->end()) {
        return Fail(ErrorCode::kPreconditionFailed,
                    "{}.{} has no PostgreSQL counterpart yet; nothing was copied", t.name, c);
      }
      if (type->second == "bytea") t.binary.insert(c);
    }
  }
  if (auto ok = db.Exec("BEGIN"); !ok) return std::unexpected(ok.error());
  auto copy = [&]() -> Result<std::vector<CopiedTable>> {
    std::vector<CopiedTable> copied;
    for (const Table& t : *tables) {
      auto count = db.Prepare(fmt::format("SELECT count(*) FROM {}", t.name));
      if (!count) return std::unexpected(count.error());
      if (auto row = count->Step(); !row || !*row || count->Int(0) != 0) {
        return Fail(ErrorCode::kPreconditionFailed,
                    "{} is not empty in the PostgreSQL database; copy into a new one", t.name);
      }
      std::vector<std::string> marks;
      for (const std::string& c : t.columns) {
        marks.push_back(t.binary.contains(c) ? "decode(?, 'hex')" : "?");
      }
      auto insert = db.Prepare(fmt::format("INSERT INTO {}({}) VALUES ({})", t.name,
                                           fmt::join(t.columns, ", "), fmt::join(marks, ", ")));
      if (!insert) return std::unexpected(insert.error());
      // The raw statement: the value's storage class decides its text (integer, double, text).
      const std::string sql = fmt::format("SELECT {} FROM {}", fmt::join(t.columns, ", "), t.name);
      sqlite3_stmt* raw = nullptr;
      if (sqlite3_prepare_v2((*sqlite)->raw(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
        return std::unexpected((*sqlite)->LastError(sql));
      }
      std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> read(raw, sqlite3_finalize);
      CopiedTable source{.name = t.name};
      std::vector<std::string> values(t.columns.size());
      while (true) {
        const int rc = sqlite3_step(read.get());
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return std::unexpected((*sqlite)->LastError(sql));
        for (std::size_t i = 0; i < values.size(); ++i) {
          values[i] = SqliteValue(read.get(), static_cast<int>(i));
          if (values[i] == kNull) {
            insert->BindNull(static_cast<int>(i) + 1);
          } else {
            insert->Bind(static_cast<int>(i) + 1, std::string_view(values[i]));
          }
        }
        if (auto ok = insert->Run(); !ok) {
          return Fail(ok.error().code, "copying {}: {}", t.name, ok.error().message);
        }
        ++source.rows;
        source.checksum += RowHash(values);
      }
      bool identity = false;
      if (std::find(t.columns.begin(), t.columns.end(), "id") != t.columns.end()) {
        auto serial = db.Prepare("SELECT pg_get_serial_sequence(?, 'id') IS NOT NULL");
        if (!serial) return std::unexpected(serial.error());
        serial->Bind(1, t.name);
        auto row = serial->Step();
        if (!row) return std::unexpected(row.error());
        identity = *row && serial->Text(0) == "t";
      }
      if (identity) {
        // Identity columns continue after the copied ids.
        if (auto ok = db.Exec(
                fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), max(id)) FROM {0} "
                            "HAVING max(id) IS NOT NULL",
                            t.name));
            !ok) {
          return std::unexpected(ok.error());
        }
      }
      auto target = PgSummary(db, t);
      if (!target) return std::unexpected(target.error());
      if (target->rows != source.rows || target->checksum != source.checksum) {
        return Fail(ErrorCode::kDataLoss,
                    "{}: {} rows (checksum {:x}) read, {} rows (checksum {:x}) in PostgreSQL; "
                    "nothing was copied",
                    t.name, source.rows, source.checksum, target->rows, target->checksum);
      }
      copied.push_back(source);
    }
    return copied;
  }();
  if (!copy) {
    (void)db.Exec("ROLLBACK");
    return copy;
  }
  if (auto ok = db.Exec("COMMIT"); !ok) return std::unexpected(ok.error());
  return copy;
}

}  // namespace amtszeit::store
