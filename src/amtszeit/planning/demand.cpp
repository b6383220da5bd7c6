#include "amtszeit/planning/demand.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "amtszeit/dataset/demand_profile.h"

namespace amtszeit::planning {

namespace profile = dataset::profile;

namespace {

constexpr std::size_t Kind(DemandKind k) { return static_cast<std::size_t>(k); }

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

// Counter-days of each location on `day`: counters × the day's scale (0 when closed).
std::vector<double> LocationCounterDays(const Catalog& catalog, absl::CivilDay day,
                                        const HolidayCalendar& holidays) {
  std::vector<double> out;
  out.reserve(catalog.locations.size());
  for (const Location& l : catalog.locations) {
    const int open = OpenMinutesOn(l, day, holidays);
    out.push_back(open > 0 ? l.counters * profile::DayScale(open) : 0.0);
  }
  return out;
}

}  // namespace

int OpenMinutesOn(const Location& location, absl::CivilDay day, const HolidayCalendar& holidays) {
  if (!location.InServiceOn(day)) return 0;
  int minutes = 0;
  for (const TimeRange& r : location.hours.OpenOn(day, holidays)) minutes += r.Minutes();
  return minutes;
}

std::array<double, kTicksPerDay> ArrivalProfile::TickShares(
    const std::vector<TimeRange>& open) const {
  std::array<double, kTicksPerDay> shares{};
  if (open.empty()) return shares;
  const int first = open.front().begin;
  const int last = std::max(first, open.back().end - kiosk_closes_before);  // exclusive
  const double centre = first + peak_after_open;
  const double spread = std::max(1, peak_spread);
  // The peak's mass inside [first, last): the draws outside it are drawn again.
  const double peak_mass =
      NormalCdf((last - centre) / spread) - NormalCdf((first - centre) / spread);
  double total = 0;
  for (const TimeRange& r : open) {
    for (int t = r.begin / kTickMinutes; t * kTickMinutes < r.end; ++t) {
      const int lo = std::max(t * kTickMinutes, std::max(r.begin, first));
      const int hi = std::min((t + 1) * kTickMinutes, std::min(r.end, last));
      if (hi <= lo) continue;
      const double even = static_cast<double>(hi - lo) / (last - first);
      const double peak =
          peak_mass > 0
              ? (NormalCdf((hi - centre) / spread) - NormalCdf((lo - centre) / spread)) / peak_mass
              : 0;
      shares[t] += peak_share * peak + (1 - peak_share) * even;
    }
  }
  for (double s : shares) total += s;
  if (total > 0) {
    for (double& s : shares) s /= total;
  }
  return shares;
}

DemandModel DemandModel::FromProfile(const Catalog& catalog, const HolidayCalendar& holidays) {
  DemandModel m;
  m.catalog_ = &catalog;
  m.holidays_ = &holidays;
  const std::vector<double> visit = profile::ServiceShares(catalog, profile::Mix::kVisit);
  const std::vector<double> express = profile::ServiceShares(catalog, profile::Mix::kExpressTicket);
  const std::size_t n = catalog.services.size();
  for (std::size_t i = 0; i < n; ++i) {
    m.base_[Kind(DemandKind::kBooking)].push_back(profile::kAppointmentsPerCounter * visit[i]);
    m.base_[Kind(DemandKind::kWalkIn)].push_back(profile::kWalkInsPerCounter * visit[i]);
    m.base_[Kind(DemandKind::kExpress)].push_back(profile::kExpressPerCounter * express[i]);
  }
  for (int k = 0; k < kDemandKinds; ++k) {
    m.factors_[k].resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      Factors& f = m.factors_[k][i];
      const DemandKind kind = static_cast<DemandKind>(k);
      f.weekday = kind == DemandKind::kBooking  ? profile::kBookingsByWeekday
                  : kind == DemandKind::kWalkIn ? profile::kWalkInsByWeekday
                                                : std::array<double, 7>{1, 1, 1, 1, 1, 1, 1};
      f.month.fill(1.0);
      if (catalog.services[i].priority == PriorityRule::kPassportBeforeSummer) {
        f.month = profile::kPassportByMonth;
      }
    }
  }
  for (const Service& s : catalog.services) {
    m.month_end_.push_back(profile::GroupOf(s) == profile::ServiceGroup::kRegistration);
  }
  m.arrivals_ = {.peak_share = profile::kMorningPeakShare,
                 .peak_after_open = profile::kPeakCentreMinutes,
                 .peak_spread = profile::kPeakSpreadMinutes,
                 .kiosk_closes_before = profile::kKioskClosesBefore};
  return m;
}

double DemandModel::Base(DemandKind kind, int service) const { return base_[Kind(kind)][service]; }

double DemandModel::WeekdayFactor(DemandKind kind, int service, int weekday) const {
  return factors_[Kind(kind)][service].weekday[weekday];
}

double DemandModel::MonthFactor(DemandKind kind, int service, int month) const {
  return factors_[Kind(kind)][service].month[month - 1];
}

double DemandModel::MonthEndFactor(int service, absl::CivilDay day) const {
  if (!month_end_[service]) return 1.0;
  const absl::CivilDay next_month_first(absl::CivilMonth(day) + 1);
  const bool end = next_month_first - day <= profile::kMonthEndDaysBefore;
  const bool start = day.day() <= profile::kMonthEndDaysAfter;
  return end || start ? profile::kMonthEnd : profile::kMonthMiddle;
}

double DemandModel::CityCounterDays(absl::CivilDay day) const {
  const absl::CivilDay monday = day - WeekdayIndex(day);
  double week = 0;
  for (int k = 0; k < 7; ++k) {
    for (double cd : LocationCounterDays(*catalog_, monday + k, *holidays_)) week += cd;
  }
  return week / 7;
}

double DemandModel::Expected(DemandKind kind, int service, absl::CivilDay day,
                             const std::vector<double>& counter_days) const {
  const Factors& f = factors_[Kind(kind)][service];
  const double factor = f.weekday[WeekdayIndex(day)] * f.month[day.month() - 1];
  if (kind == DemandKind::kBooking) return base_[Kind(kind)][service] * factor * counter_days[0];
  double total = 0;
  for (double cd : counter_days) total += cd;
  return base_[Kind(kind)][service] * factor * total;
}

double DemandModel::PerCounterDay(DemandKind kind, int service, absl::CivilDay day) const {
  return Expected(kind, service, day, {1.0}) * MonthEndFactor(service, day);
}

double DemandModel::Bookings(int service, absl::CivilDay day) const {
  return Expected(DemandKind::kBooking, service, day, {CityCounterDays(day)}) *
         MonthEndFactor(service, day);
}

double DemandModel::Tickets(DemandKind kind, int service, const Location& location,
                            absl::CivilDay day) const {
  const int open = OpenMinutesOn(location, day, *holidays_);
  if (open <= 0 || kind == DemandKind::kBooking) return 0;
  return Expected(kind, service, day, {location.counters * profile::DayScale(open)}) *
         MonthEndFactor(service, day);
}

Result<DemandModel> DemandModel::Fit(store::Store& store, const Catalog& catalog,
                                     const HolidayCalendar& holidays, absl::TimeZone zone,
                                     const FitOptions& options) {
  if (options.to < options.from) {
    return Fail(ErrorCode::kInvalidArgument, "history from {} to {} is empty",
                FormatDay(options.from), FormatDay(options.to));
  }
  if (!(options.prior_days >= 0)) {
    return Fail(ErrorCode::kInvalidArgument, "prior_days must not be negative");
  }
  DemandModel m = FromProfile(catalog, holidays);
  const absl::Time begin = ToInstant(options.from, 0, zone);
  const absl::Time end = ToInstant(options.to + 1, 0, zone);
  auto appointments = store.ReadEventsBetween(begin, end);
  if (!appointments) return std::unexpected(appointments.error());
  auto tickets = store.ReadTicketEventsBetween(begin, end);
  if (!tickets) return std::unexpected(tickets.error());

  const int days = static_cast<int>(options.to - options.from) + 1;
  const std::size_t n = catalog.services.size();
  // observed[kind][service][day]
  std::array<std::vector<std::vector<double>>, kDemandKinds> observed;
  for (auto& o : observed) o.assign(n, std::vector<double>(days, 0.0));
  auto service_index = [&](const std::vector<std::string>& ids) -> int {
    if (ids.empty()) return -1;
    for (std::size_t i = 0; i < n; ++i) {
      if (catalog.services[i].id == ids.front()) return static_cast<int>(i);
    }
    return -1;
  };
  auto day_index = [&](absl::Time at) {
    return static_cast<int>(absl::CivilDay(absl::ToCivilDay(at, zone)) - options.from);
  };
  for (const AppointmentEvent& e : *appointments) {
    if (e.kind != EventKind::kConfirmed) continue;
    const int s = service_index(e.service_ids);
    const int d = day_index(e.at);
    if (s >= 0 && d >= 0 && d < days) observed[Kind(DemandKind::kBooking)][s][d] += 1;
  }
  for (const TicketEvent& e : *tickets) {
    if (e.kind != TicketEventKind::kIssued || e.queue == QueueClass::kAppointment) continue;
    const DemandKind kind =
        e.queue == QueueClass::kExpress ? DemandKind::kExpress : DemandKind::kWalkIn;
    const int s = service_index(e.service_ids);
    const int d = day_index(e.at);
    if (s >= 0 && d >= 0 && d < days) observed[Kind(kind)][s][d] += 1;
  }

  int first = 0;
  if (options.from_first_event) {
    first = days;
    for (const auto& kind : observed) {
      for (const std::vector<double>& by_day : kind) {
        const auto seen = std::ranges::find_if(by_day, [](double x) { return x > 0; });
        first = std::min(first, static_cast<int>(seen - by_day.begin()));
      }
    }
    if (first == days) return m;  // no history: the profile stands
  }
  m.history_days_ = days - first;

  // Counter-days per day: the city's booking base, and each location's for tickets.
  std::vector<std::vector<double>> city(days);
  std::vector<std::vector<double>> locations(days);
  for (int d = first; d < days; ++d) {
    city[d] = {m.CityCounterDays(options.from + d)};
    locations[d] = LocationCounterDays(catalog, options.from + d, holidays);
  }
  // One correction per cell of the days that fall into it; `cell` maps a day to 0..cells-1.
  auto correct = [&](DemandKind kind, int s, int cells, auto cell, auto apply) {
    std::vector<double> o(cells, 0.0);
    std::vector<double> e(cells, 0.0);
    std::vector<int> count(cells, 0);
    for (int d = first; d < days; ++d) {
      const absl::CivilDay day = options.from + d;
      const int c = cell(day);
      const auto& cd = kind == DemandKind::kBooking ? city[d] : locations[d];
      o[c] += observed[Kind(kind)][s][d];
      e[c] += m.Expected(kind, s, day, cd) * m.MonthEndFactor(s, day);
      ++count[c];
    }
    for (int c = 0; c < cells; ++c) {
      if (count[c] == 0) continue;
      const double alpha = options.prior_days * e[c] / count[c];
      // Nothing expected and nothing seen: the profile stands.
      if (alpha + e[c] <= 0) continue;
      apply(c, (alpha + o[c]) / (alpha + e[c]));
    }
  };
  for (int k = 0; k < kDemandKinds; ++k) {
    const DemandKind kind = static_cast<DemandKind>(k);
    for (std::size_t s = 0; s < n; ++s) {
      Factors& f = m.factors_[k][s];
      const int si = static_cast<int>(s);
      correct(
          kind, si, 7, [](absl::CivilDay day) { return WeekdayIndex(day); },
          [&](int c, double r) { f.weekday[c] *= r; });
      correct(
          kind, si, 12, [](absl::CivilDay day) { return day.month() - 1; },
          [&](int c, double r) { f.month[c] *= r; });
    }
  }
  return m;
}

}  // namespace amtszeit::planning
