#include "amtszeit/monitor/kpis.h"

#include <algorithm>
#include <cmath>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/enum_names.h"
#include "amtszeit/monitor/kpi_index.h"

namespace amtszeit::monitor {

namespace {

constexpr internal::EnumNames<Period, 3> kPeriods{{
    {Period::kDay, "day"},
    {Period::kWeek, "week"},
    {Period::kMonth, "month"},
}};

std::vector<KpiRow> RowsOf(const detail::KpiIndex& index, const PromiseSet& promises,
                           absl::CivilDay first, absl::CivilDay end,
                           std::span<const Scope> scopes) {
  std::vector<KpiRow> rows;
  for (const Scope& scope : scopes) {
    for (const Promise& p : promises.promises) {
      const detail::Measured m = index.Of(p.id, scope, first, end);
      rows.push_back({.period_start = first,
                      .scope = scope,
                      .promise = p.id,
                      .value = m.value,
                      .samples = m.samples,
                      .light = p.LightOf(m.value)});
    }
  }
  return rows;
}

}  // namespace

std::string_view ToString(Period period) { return internal::NameOf(kPeriods, period); }

Result<Period> ParsePeriod(std::string_view text) {
  return internal::ValueOf(kPeriods, text, "period");
}

absl::CivilDay PeriodStart(Period period, absl::CivilDay day) {
  switch (period) {
    case Period::kDay:
      return day;
    case Period::kWeek:
      return day - (static_cast<int>(WeekdayIndex(day)));
    case Period::kMonth:
      return absl::CivilDay(absl::CivilMonth(day));
  }
  return day;
}

absl::CivilDay NextPeriod(Period period, absl::CivilDay start) {
  switch (period) {
    case Period::kDay:
      return start + 1;
    case Period::kWeek:
      return start + 7;
    case Period::kMonth:
      return absl::CivilDay(absl::CivilMonth(start) + 1);
  }
  return start + 1;
}

std::string Scope::Key() const {
  switch (kind) {
    case Kind::kCity:
      return "city";
    case Kind::kDistrict:
      return "district:" + id;
    case Kind::kLocation:
      return "location:" + id;
  }
  return "city";
}

Result<Scope> ParseScope(std::string_view text, const Catalog& catalog) {
  if (text.empty() || text == "city") return Scope::City();
  if (text.starts_with("district:")) {
    std::string id(text.substr(9));
    if (catalog.FindDistrict(id) == nullptr)
      return Fail(ErrorCode::kNotFound, "no district '{}'", id);
    return Scope::District(std::move(id));
  }
  if (text.starts_with("location:")) {
    std::string id(text.substr(9));
    if (catalog.FindLocation(id) == nullptr)
      return Fail(ErrorCode::kNotFound, "no centre '{}'", id);
    return Scope::Location(std::move(id));
  }
  return Fail(ErrorCode::kInvalidArgument,
              "scope: 'city', 'district:ID' or 'location:ID', not '{}'", text);
}

std::optional<double> Percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::nullopt;
  std::ranges::sort(values);
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * values.size()));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

std::vector<KpiRow> ComputeRange(const KpiInput& in, const PromiseSet& promises,
                                 absl::CivilDay first, absl::CivilDay end,
                                 std::span<const Scope> scopes) {
  return RowsOf(detail::KpiIndex(in, promises), promises, first, end, scopes);
}

std::vector<KpiRow> ComputeKpis(const KpiInput& in, const PromiseSet& promises, Period period,
                                absl::CivilDay from, absl::CivilDay to,
                                std::span<const Scope> scopes) {
  const detail::KpiIndex index(in, promises);
  std::vector<KpiRow> rows;
  for (absl::CivilDay start = PeriodStart(period, from); start <= to;
       start = NextPeriod(period, start)) {
    auto cell = RowsOf(index, promises, start, NextPeriod(period, start), scopes);
    rows.insert(rows.end(), std::make_move_iterator(cell.begin()),
                std::make_move_iterator(cell.end()));
  }
  return rows;
}

}  // namespace amtszeit::monitor
