#include "amtszeit/monitor/kpis.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/enum_names.h"

namespace amtszeit::monitor {

namespace {

constexpr internal::EnumNames<Period, 3> kPeriods{{
    {Period::kDay, "day"},
    {Period::kWeek, "week"},
    {Period::kMonth, "month"},
}};

std::optional<double> Mean(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

std::optional<double> Share(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return 100.0 * part / whole;
}

struct Measured {
  std::optional<double> value;
  int samples = 0;
};

// Everything one (period, scope) cell needs, filtered once.
class Cell {
 public:
  Cell(const KpiInput& in, const PromiseSet& promises, const Scope& scope, absl::CivilDay first,
       absl::CivilDay end)
      : in_(in), promises_(promises), scope_(scope), first_(first), end_(end) {}

  Measured Of(std::string_view promise) const {
    if (promise == "lead_time_days") return LeadTime();
    if (promise == "first_free_days") return FirstFree();
    if (promise == "registration_days") return Registration();
    if (promise == "extended_hours_pct") return ExtendedHours();
    if (promise == "opening_hours_pct") return OpeningHours();
    if (promise == "walk_in_wait_p90") return Wait(QueueClass::kWalkIn, 90);
    if (promise == "express_wait_p95") return Wait(QueueClass::kExpress, 95);
    if (promise == "no_show_pct") return NoShows();
    if (promise == "online_share_pct") return ChannelShare(Channel::kOnline);
    if (promise == "phone_share_pct") return ChannelShare(Channel::kPhone);
    return {};
  }

 private:
  bool InPeriod(absl::CivilDay day) const { return first_ <= day && day < end_; }
  bool InPeriod(absl::Time t) const { return InPeriod(absl::CivilDay(ToCivilMinute(t, in_.zone))); }
  bool InScope(std::string_view location) const { return scope_.Contains(in_.catalog, location); }

  // Official figure: days from booking to the booked start, over the bookings made in the period.
  Measured LeadTime() const {
    std::vector<double> days;
    for (const AppointmentEvent& e : in_.events) {
      if (e.kind != EventKind::kConfirmed || !InScope(e.location_id) || !InPeriod(e.booked_at)) {
        continue;
      }
      const absl::Time start = ToInstant(e.day, e.start_minute, in_.zone);
      days.push_back(absl::ToDoubleHours(start - e.booked_at) / 24.0);
    }
    return {Mean(days), static_cast<int>(days.size())};
  }

  // Per centre and morning the worst core service (what the slowest citizen meets), averaged.
  Measured FirstFree() const {
    std::map<std::pair<absl::CivilDay, std::string>, int> worst;
    for (const SlotSnapshot& s : in_.slots) {
      if (!InPeriod(s.taken_on) || !InScope(s.location_id) ||
          std::ranges::find(promises_.core_services, s.service_id) ==
              promises_.core_services.end()) {
        continue;
      }
      const int days = s.days_to_first_free.value_or(promises_.horizon_days);
      auto [it, inserted] = worst.try_emplace({s.taken_on, s.location_id}, days);
      if (!inserted) it->second = std::max(it->second, days);
    }
    std::vector<double> values;
    for (const auto& [key, days] : worst) values.push_back(days);
    return {Mean(values), static_cast<int>(values.size())};
  }

  // A citizen may register at any centre: per morning the earliest anywhere in scope.
  Measured Registration() const {
    std::map<absl::CivilDay, int> best;
    for (const SlotSnapshot& s : in_.slots) {
      if (s.service_id != promises_.registration_service || !InPeriod(s.taken_on) ||
          !InScope(s.location_id)) {
        continue;
      }
      const int days = s.days_to_first_free.value_or(promises_.horizon_days);
      auto [it, inserted] = best.try_emplace(s.taken_on, days);
      if (!inserted) it->second = std::min(it->second, days);
    }
    std::vector<double> values;
    for (const auto& [day, days] : best) values.push_back(days);
    return {Mean(values), static_cast<int>(values.size())};
  }

  Measured ExtendedHours() const {
    int covered = 0;
    int wanted = 0;
    for (const WindowSnapshot& w : in_.windows) {
      if (!InPeriod(w.taken_on) || !InScope(w.location_id)) continue;
      covered += w.early + w.late + w.lunch;
      wanted += 3 * w.weekdays;
    }
    return {Share(covered, wanted), wanted / 3};
  }

  // From the published weekly hours: Monday to Friday open without a gap from 8 to 18.
  Measured OpeningHours() const {
    int covered = 0;
    int weekdays = 0;
    for (const Location& l : in_.catalog.locations) {
      if (l.status == LocationStatus::kClosed || !InScope(l.id)) continue;
      for (int d = 0; d < 5; ++d) {
        ++weekdays;
        int reach = 8 * 60;
        for (const TimeRange& r : l.hours.weekly[d]) {
          if (r.begin <= reach && r.end > reach) reach = r.end;
        }
        if (reach >= 18 * 60) ++covered;
      }
    }
    return {Share(covered, weekdays), weekdays};
  }

  // Minutes from drawing a ticket to its first call, over the tickets issued in the period.
  Measured Wait(QueueClass queue, double percentile) const {
    std::map<std::int64_t, absl::Time> issued;
    std::map<std::int64_t, absl::Time> called;
    for (const TicketEvent& e : in_.tickets) {
      if (e.kind == TicketEventKind::kIssued) {
        if (e.queue == queue && InScope(e.location_id) && InPeriod(e.at)) {
          issued.try_emplace(e.ticket_id, e.at);
        }
      } else if (e.kind == TicketEventKind::kCalled) {
        called.try_emplace(e.ticket_id, e.at);
      }
    }
    std::vector<double> waits;
    for (const auto& [id, at] : issued) {
      if (auto c = called.find(id); c != called.end()) {
        waits.push_back(absl::ToDoubleMinutes(c->second - at));
      }
    }
    return {Percentile(waits, percentile), static_cast<int>(waits.size())};
  }

  // No-shows among the appointments whose citizen was expected, by the appointment's day.
  Measured NoShows() const {
    int no_shows = 0;
    int expected = 0;
    for (const AppointmentEvent& e : in_.events) {
      if ((e.kind != EventKind::kNoShow && e.kind != EventKind::kCheckedIn) ||
          !InScope(e.location_id) || !InPeriod(e.day)) {
        continue;
      }
      ++expected;
      if (e.kind == EventKind::kNoShow) ++no_shows;
    }
    return {Share(no_shows, expected), expected};
  }

  Measured ChannelShare(Channel channel) const {
    int part = 0;
    int all = 0;
    for (const AppointmentEvent& e : in_.events) {
      if (e.kind != EventKind::kConfirmed || !InScope(e.location_id) || !InPeriod(e.booked_at)) {
        continue;
      }
      ++all;
      if (e.channel == channel) ++part;
    }
    return {Share(part, all), all};
  }

  const KpiInput& in_;
  const PromiseSet& promises_;
  const Scope& scope_;
  absl::CivilDay first_;
  absl::CivilDay end_;
};

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

bool Scope::Contains(const Catalog& catalog, std::string_view location_id) const {
  switch (kind) {
    case Kind::kCity:
      return true;
    case Kind::kLocation:
      return location_id == id;
    case Kind::kDistrict: {
      const ::amtszeit::Location* l = catalog.FindLocation(location_id);
      return l != nullptr && l->district_id == id;
    }
  }
  return false;
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
  std::vector<KpiRow> rows;
  for (const Scope& scope : scopes) {
    const Cell cell(in, promises, scope, first, end);
    for (const Promise& p : promises.promises) {
      const Measured m = cell.Of(p.id);
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

std::vector<KpiRow> ComputeKpis(const KpiInput& in, const PromiseSet& promises, Period period,
                                absl::CivilDay from, absl::CivilDay to,
                                std::span<const Scope> scopes) {
  std::vector<KpiRow> rows;
  for (absl::CivilDay start = PeriodStart(period, from); start <= to;
       start = NextPeriod(period, start)) {
    auto cell = ComputeRange(in, promises, start, NextPeriod(period, start), scopes);
    rows.insert(rows.end(), std::make_move_iterator(cell.begin()),
                std::make_move_iterator(cell.end()));
  }
  return rows;
}

}  // namespace amtszeit::monitor
