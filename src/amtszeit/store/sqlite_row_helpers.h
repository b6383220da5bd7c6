// Internal to store/: the small conversions every table mapping needs (days as text, instants
// as unix microseconds, id lists as comma-separated text, enums checked on the way out).
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/store/id_list.h"
#include "amtszeit/store/sqlite_db.h"

namespace amtszeit::store::rows {

#define AMTSZEIT_PREPARE(var, db, sql) \
  auto var = (db).Prepare(sql);        \
  if (!var) return std::unexpected(var.error())

#define AMTSZEIT_RUN(expr)                      \
  if (auto run_result = (expr); !run_result) {  \
    return std::unexpected(run_result.error()); \
  }

inline std::optional<std::string> DayOrNull(const std::optional<absl::CivilDay>& d) {
  if (!d) return std::nullopt;
  return FormatDay(*d);
}

inline Result<absl::CivilDay> DayColumn(const Statement& st, int column) {
  auto day = ParseDay(st.Text(column));
  if (!day) return Fail(ErrorCode::kDataLoss, "stored day '{}' is not a date", st.Text(column));
  return *day;
}

inline Result<std::optional<absl::CivilDay>> OptionalDayColumn(const Statement& st, int column) {
  if (st.IsNull(column)) return std::optional<absl::CivilDay>();
  auto day = DayColumn(st, column);
  if (!day) return std::unexpected(day.error());
  return std::optional<absl::CivilDay>(*day);
}

// Calls `f` for each row; `f` may return void or Result<void> (an error stops the loop).
template <typename F>
Result<void> ForEachRow(Statement& st, F&& f) {
  while (true) {
    auto row = st.Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
    if constexpr (std::is_void_v<std::invoke_result_t<F>>) {
      f();
    } else if (auto ok = f(); !ok) {
      return ok;
    }
  }
}

inline std::int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
inline absl::Time FromMicros(std::int64_t us) { return absl::FromUnixMicros(us); }

using store::SplitIds;

template <typename T, typename Parse>
Result<T> EnumColumn(const Statement& st, int column, Parse parse) {
  auto value = parse(st.Text(column));
  if (!value) return Fail(ErrorCode::kDataLoss, "stored value: {}", value.error().message);
  return *value;
}

}  // namespace amtszeit::store::rows
