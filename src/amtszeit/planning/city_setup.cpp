#include "amtszeit/planning/city_setup.h"

#include <algorithm>
#include <array>

#include "absl/container/flat_hash_map.h"
#include "amtszeit/dataset/demand_profile.h"

namespace amtszeit::planning::city {

Result<Setup> Prepare(const CitySimulationOptions& o) {
  if (o.catalog == nullptr || o.roster == nullptr || o.holidays == nullptr || o.school == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "simulation without catalogue, roster or calendars");
  }
  if (o.days < 1 || o.warmup_days < 0) {
    return Fail(ErrorCode::kInvalidArgument, "simulate at least one day, warm-up not negative");
  }
  if (!(o.sickness_rate >= 0 && o.sickness_rate <= 1) || !(o.cancel_share >= 0) ||
      !(o.no_show_share >= 0) || o.cancel_share + o.no_show_share > 1 || !(o.online_share >= 0) ||
      !(o.phone_share >= 0) || o.online_share + o.phone_share > 1 ||
      !(o.local_share >= 0 && o.local_share <= 1) || !(o.demand_multiplier >= 0)) {
    return Fail(ErrorCode::kInvalidArgument, "a rate or share is outside [0, 1]");
  }
  if (auto ok = booking::ValidateBookingRules(o.rules); !ok) return std::unexpected(ok.error());
  Setup s;
  s.options = &o;
  s.catalog = o.catalog;
  s.start = o.first_day - o.warmup_days;
  s.sim_days = o.warmup_days + o.days;
  s.index_days = std::min(400, s.sim_days + o.rules.max_days_ahead + 1);
  if (s.sim_days > s.index_days) {
    return Fail(ErrorCode::kInvalidArgument, "{} days with warm-up; at most 400 are simulated",
                s.sim_days);
  }
  for (int d = 0; d < s.index_days; ++d) s.calendar.push_back(s.start + d);
  for (const std::string& id : o.lead_services) {
    const Service* svc = o.catalog->FindService(id);
    if (svc == nullptr) return Fail(ErrorCode::kInvalidArgument, "unknown service '{}'", id);
    s.lead_services.push_back(static_cast<std::int32_t>(svc - o.catalog->services.data()));
  }
  const auto& locations = o.catalog->locations;
  for (const District& d : o.catalog->districts) {
    std::vector<std::int32_t> ids;
    double weight = 0;
    for (std::size_t i = 0; i < locations.size(); ++i) {
      if (locations[i].district_id == d.id) {
        ids.push_back(static_cast<std::int32_t>(i));
        weight += locations[i].counters;
      }
    }
    s.district_locations.push_back(std::move(ids));
    s.district_weights.push_back(weight);
  }
  for (const Staff& st : o.roster->staff) {
    std::vector<std::string> can;
    bool all = true;
    for (const Service& svc : o.catalog->services) {
      if (!svc.needs_presence) continue;
      if (st.HasSkill(svc.skill)) {
        can.push_back(svc.id);
      } else {
        all = false;
      }
    }
    s.staff_services.push_back(all ? std::vector<std::string>{} : std::move(can));
  }
  // As CapacityIndex numbers staff: roster order, the last of equal ids.
  absl::flat_hash_map<std::string, std::int32_t> staff_position;
  for (std::size_t i = 0; i < o.roster->staff.size(); ++i) {
    staff_position[o.roster->staff[i].id] = static_cast<std::int32_t>(i);
  }
  absl::flat_hash_map<std::string, std::vector<const Absence*>> absent;
  for (const Absence& a : o.roster->absences) absent[a.staff_id].push_back(&a);
  s.desk_shifts.resize(static_cast<std::size_t>(s.sim_days) * locations.size());
  for (const Shift& sh : o.roster->shifts) {
    if (sh.mode != ShiftMode::kWalkIn && sh.mode != ShiftMode::kExpress) continue;
    const auto d = sh.day - s.start;
    if (d < 0 || d >= s.sim_days) continue;
    const Location* l = o.catalog->FindLocation(sh.location_id);
    if (l == nullptr || !l->InServiceOn(sh.day) || o.roster->Closed(l->id, sh.day)) continue;
    if (std::ranges::any_of(absent[sh.staff_id],
                            [&](const Absence* a) { return a->Covers(sh.day); })) {
      continue;
    }
    const auto staff = staff_position.find(sh.staff_id);
    s.desk_shifts[d * locations.size() + (l - locations.data())].push_back(
        {.shift = &sh, .staff = staff == staff_position.end() ? -1 : staff->second});
  }
  for (const DemandFactor& f : o.demand_factors) {
    if (f.service != "*" && o.catalog->FindService(f.service) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "demand factor for unknown service '{}'", f.service);
    }
    if (!(f.factor >= 0) || std::ranges::any_of(f.months, [](int m) { return m < 1 || m > 12; })) {
      return Fail(ErrorCode::kInvalidArgument, "a demand factor is negative or a month not 1..12");
    }
  }
  if (o.sickness_rate == 0) {
    auto index = capacity::CapacityIndex::Build({.catalog = *o.catalog,
                                                 .roster = *o.roster,
                                                 .holidays = *o.holidays,
                                                 .school = *o.school,
                                                 .policy = o.policy,
                                                 .first_day = s.start,
                                                 .days = s.index_days});
    if (!index) return std::unexpected(index.error());
    s.roster_index.emplace(std::move(*index));
  }
  if (o.demand == nullptr) return s;
  const DemandModel& demand = *o.demand;
  const int ns = demand.service_count();
  // [service][month - 1]: the product of the factors that match, times the overall multiplier.
  std::vector<std::array<double, 12>> factor(ns);
  for (int k = 0; k < ns; ++k) {
    factor[k].fill(o.demand_multiplier);
    for (const DemandFactor& f : o.demand_factors) {
      if (f.service != "*" && f.service != o.catalog->services[k].id) continue;
      for (int m = 1; m <= 12; ++m) {
        if (f.months.empty() || std::ranges::find(f.months, m) != f.months.end()) {
          factor[k][m - 1] *= f.factor;
        }
      }
    }
  }
  s.bookings.resize(s.sim_days);
  s.tickets.resize(static_cast<std::size_t>(s.sim_days) * locations.size() * 2);
  s.arrival_cdf.resize(static_cast<std::size_t>(s.sim_days) * locations.size());
  for (int d = 0; d < s.sim_days; ++d) {
    const absl::CivilDay day = s.start + d;
    const double city = demand.CityCounterDays(day);
    for (int k = 0; k < ns; ++k) {
      s.bookings[d].push_back(factor[k][day.month() - 1] * city *
                              demand.PerCounterDay(DemandKind::kBooking, k, day));
    }
    for (std::size_t l = 0; l < locations.size(); ++l) {
      const Location& loc = locations[l];
      if (!loc.InServiceOn(day)) continue;
      const std::vector<TimeRange> open = loc.hours.OpenOn(day, *o.holidays);
      int minutes = 0;
      for (const TimeRange& r : open) minutes += r.Minutes();
      if (minutes <= 0) continue;
      const double counter_days = loc.counters * dataset::profile::DayScale(minutes);
      for (int kind = 0; kind < 2; ++kind) {
        auto& row = s.tickets[(d * locations.size() + l) * 2 + kind];
        for (int k = 0; k < ns; ++k) {
          row.push_back(
              factor[k][day.month() - 1] * counter_days *
              demand.PerCounterDay(kind == 0 ? DemandKind::kWalkIn : DemandKind::kExpress, k, day));
        }
      }
      const auto shares = demand.arrivals().TickShares(open);
      auto& cdf = s.arrival_cdf[d * locations.size() + l];
      double sum = 0;
      for (double x : shares) cdf.push_back(sum += x);
    }
  }
  return s;
}

}  // namespace amtszeit::planning::city
