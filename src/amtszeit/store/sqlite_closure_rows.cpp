// Closures of centres for a period as SQLite rows.
#include <fmt/format.h>

#include "amtszeit/store/sqlite_row_helpers.h"
#include "amtszeit/store/sqlite_rows.h"

namespace amtszeit::store::rows {
namespace {

constexpr std::string_view kClosureColumns = "id, location_id, first_day, last_day, reason";

Result<CentreClosure> CentreClosureRow(const Statement& st) {
  auto first = DayColumn(st, 2);
  auto last = DayColumn(st, 3);
  if (!first || !last) return Fail(ErrorCode::kDataLoss, "bad closure row");
  return CentreClosure{.id = st.Int(0),
                       .location_id = st.Text(1),
                       .first = *first,
                       .last = *last,
                       .reason = st.Text(4)};
}

}  // namespace

Result<std::int64_t> PutCentreClosure(SqliteDb& db, const CentreClosure& c) {
  AMTSZEIT_PREPARE(
      st, db,
      "INSERT OR REPLACE INTO centre_closures(id, location_id, first_day, last_day, reason) "
      "VALUES (?,?,?,?,?)");
  if (c.id != 0) {
    st->Bind(1, c.id);
  } else {
    st->BindNull(1);
  }
  AMTSZEIT_RUN(st->Bind(2, c.location_id)
                   .Bind(3, FormatDay(c.first))
                   .Bind(4, FormatDay(c.last))
                   .Bind(5, c.reason)
                   .Run());
  return c.id != 0 ? c.id : db.LastInsertId();
}

Result<std::optional<CentreClosure>> LoadCentreClosure(SqliteDb& db, std::int64_t id) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("SELECT {} FROM centre_closures WHERE id = ?", kClosureColumns));
  st->Bind(1, id);
  std::optional<CentreClosure> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto closure = CentreClosureRow(*st);
    if (!closure) return std::unexpected(closure.error());
    out = std::move(*closure);
    return {};
  }));
  return out;
}

Result<std::vector<CentreClosure>> LoadCentreClosures(SqliteDb& db, absl::CivilDay from,
                                                      absl::CivilDay to) {
  AMTSZEIT_PREPARE(
      st, db,
      fmt::format("SELECT {} FROM centre_closures WHERE first_day <= ? AND last_day >= ? "
                  "ORDER BY first_day, id",
                  kClosureColumns));
  st->Bind(1, FormatDay(to)).Bind(2, FormatDay(from));
  std::vector<CentreClosure> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto closure = CentreClosureRow(*st);
    if (!closure) return std::unexpected(closure.error());
    out.push_back(std::move(*closure));
    return {};
  }));
  return out;
}

}  // namespace amtszeit::store::rows
