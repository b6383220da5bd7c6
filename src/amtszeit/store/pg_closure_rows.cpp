// Closures of centres for a period as PostgreSQL rows.
#include <fmt/format.h>

#include "amtszeit/store/pg_row_helpers.h"
#include "amtszeit/store/pg_rows.h"

namespace amtszeit::store::pg {
namespace {

constexpr std::string_view kClosureColumns = "id, location_id, first_day, last_day, reason";

Result<CentreClosure> CentreClosureRow(const PgStatement& st) {
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

Result<std::int64_t> PutCentreClosure(PgDb& db, const CentreClosure& c) {
  AMTSZEIT_PREPARE(
      st, db,
      fmt::format("INSERT INTO centre_closures(id, location_id, first_day, last_day, reason) "
                  "VALUES ({},?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                  "location_id = excluded.location_id, first_day = excluded.first_day, "
                  "last_day = excluded.last_day, reason = excluded.reason RETURNING id, (xmax = 0)",
                  IdOrNext("centre_closures")));
  if (c.id != 0) {
    st->Bind(1, c.id);
  } else {
    st->BindNull(1);
  }
  st->Bind(2, c.location_id).Bind(3, FormatDay(c.first)).Bind(4, FormatDay(c.last));
  st->Bind(5, c.reason);
  return UpsertedId(db, *st, "centre_closures", c.id);
}

Result<std::optional<CentreClosure>> LoadCentreClosure(PgDb& db, std::int64_t id) {
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

Result<std::vector<CentreClosure>> LoadCentreClosures(PgDb& db, absl::CivilDay from,
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

}  // namespace amtszeit::store::pg
