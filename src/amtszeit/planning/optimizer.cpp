#include "amtszeit/planning/optimizer.h"

#include <coin/Cbc_C_Interface.h>
#include <fmt/core.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/planning/scenario.h"

namespace amtszeit::planning {

namespace {

constexpr double kShortPenaltyPerHour = 1000;
constexpr double kKmPerMove = 10;  // 10 km of travel weigh as much as one more move
constexpr int kWindowStride = 7;
constexpr int kCandidatesPerWeek = 40;  // per centre short of staff: the nearest qualified staff

struct ModelDeleter {
  void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};

// Appointment minutes per [centre][day] and per staff-day (centre of the shift).
struct Capacity {
  std::vector<std::vector<double>> centre_day;
  // The same before absences: what the centre usually offers, its seat in the city's demand.
  std::vector<std::vector<double>> usual;
  // staff index -> day -> (centre, minutes)
  std::vector<std::vector<std::pair<int, double>>> staff_day;
};

Capacity CapacityOf(const ProposalOptions& o, int days) {
  const auto& locations = o.catalog->locations;
  Capacity cap;
  cap.centre_day.assign(locations.size(), std::vector<double>(days, 0));
  cap.usual.assign(locations.size(), std::vector<double>(days, 0));
  cap.staff_day.assign(o.roster->staff.size(), std::vector<std::pair<int, double>>(days, {-1, 0}));
  absl::flat_hash_map<std::string_view, int> staff_index, location_index;
  for (std::size_t i = 0; i < o.roster->staff.size(); ++i) staff_index[o.roster->staff[i].id] = i;
  for (std::size_t i = 0; i < locations.size(); ++i) location_index[locations[i].id] = i;
  absl::flat_hash_map<std::string_view, std::vector<const Absence*>> absent;
  for (const Absence& a : o.roster->absences) absent[a.staff_id].push_back(&a);
  for (const Shift& sh : o.roster->shifts) {
    if (sh.mode != ShiftMode::kAppointments || sh.day < o.first || sh.day > o.last) continue;
    auto s = staff_index.find(sh.staff_id);
    auto l = location_index.find(sh.location_id);
    if (s == staff_index.end() || l == location_index.end()) continue;
    if (!locations[l->second].InServiceOn(sh.day) || o.roster->Closed(sh.location_id, sh.day)) {
      continue;
    }
    double minutes = sh.time.Minutes();
    if (sh.break_time) minutes -= sh.break_time->Minutes();
    const int d = static_cast<int>(sh.day - o.first);
    cap.usual[l->second][d] += minutes;
    if (std::ranges::any_of(absent[sh.staff_id],
                            [&](const Absence* a) { return a->Covers(sh.day); })) {
      continue;
    }
    // The scenario's extra sickness, in expectation as the simulator draws it per staff-day.
    minutes *= 1 - o.sickness_rate;
    cap.centre_day[l->second][d] += minutes;
    cap.staff_day[s->second][d] = {static_cast<int>(l->second), minutes};
  }
  return cap;
}

// Expected appointment minutes asked of each centre per day, from the demand model as the city
// simulator draws it: the city's booking requests times the scenario's factors, each holding its
// service's time unless cancelled (cancelled time returns to the pool). Citizens take the earliest
// free slot, so in the simulator the centres book out alike relative to what they offer: each
// week's requests are shared by the centres as their usual appointment time that week (before
// absences). A centre whose staff are off sick keeps its share and shows the gap; one that lends
// staff keeps its share too, and is short only when it lends more than its slack.
std::vector<std::vector<double>> DemandOf(const ProposalOptions& o, int days, const Capacity& cap) {
  const CitySimulationOptions simulator;  // its share of cancellations
  const std::size_t nl = o.catalog->locations.size();
  std::vector<std::vector<double>> out(nl, std::vector<double>(days, 0));
  for (int week = 0; week * 7 < days; ++week) {
    const int end = std::min(days, week * 7 + 7);
    std::vector<double> usual(nl, 0);
    double city = 0;
    for (std::size_t l = 0; l < nl; ++l) {
      for (int d = week * 7; d < end; ++d) usual[l] += cap.usual[l][d];
      city += usual[l];
    }
    if (city <= 0) continue;
    for (int d = week * 7; d < end; ++d) {
      const absl::CivilDay day = o.first + d;
      double minutes = 0;
      for (int k = 0; k < o.demand->service_count(); ++k) {
        const Service& service = o.catalog->services[k];
        minutes += DemandFactorOf(o.demand_factors, service.id, day.month()) *
                   o.demand->Bookings(k, day) * service.duration_minutes;
      }
      minutes *= o.demand_margin * (1 - simulator.cancel_share);
      for (std::size_t l = 0; l < nl; ++l) out[l][d] = minutes * usual[l] / city;
    }
  }
  return out;
}

double WindowSum(const std::vector<double>& v, int from, int length) {
  double sum = 0;
  for (int d = from; d < from + length && d < static_cast<int>(v.size()); ++d) sum += v[d];
  return sum;
}

std::vector<CentreShortage> Shortages(const ProposalOptions& o,
                                      const std::vector<std::vector<double>>& capacity,
                                      const std::vector<std::vector<double>>& demand, int days) {
  std::vector<CentreShortage> out;
  const int window = std::min(o.window_days, days);
  for (std::size_t l = 0; l < capacity.size(); ++l) {
    double worst = 0;
    for (int w = 0; w + window <= days; ++w) {
      worst = std::max(worst, WindowSum(demand[l], w, window) - WindowSum(capacity[l], w, window));
    }
    if (worst > 1e-6) out.push_back({o.catalog->locations[l].id, worst / 60});
  }
  return out;
}

}  // namespace

Result<Proposal> ProposeStaffMoves(const ProposalOptions& o) {
  if (o.catalog == nullptr || o.roster == nullptr || o.holidays == nullptr || o.demand == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "optimizer without catalogue, roster or demand");
  }
  if (o.last < o.first || o.last - o.first > 400) {
    return Fail(ErrorCode::kInvalidArgument, "the optimizer's horizon is 1 to 400 days");
  }
  if (o.window_days < 1 || !(o.time_limit_seconds > 0)) {
    return Fail(ErrorCode::kInvalidArgument, "window and time limit must be positive");
  }
  const int days = static_cast<int>(o.last - o.first) + 1;
  const int window = std::min(o.window_days, days);
  const auto& locations = o.catalog->locations;
  const std::size_t nl = locations.size();
  const Capacity cap = CapacityOf(o, days);
  const auto demand = DemandOf(o, days, cap);
  Proposal proposal;
  proposal.before = Shortages(o, cap.centre_day, demand, days);
  if (proposal.before.empty()) {
    proposal.optimal = true;
    return proposal;
  }
  std::vector<bool> short_centre(nl, false);
  for (const CentreShortage& s : proposal.before) {
    for (std::size_t l = 0; l < nl; ++l) {
      if (locations[l].id == s.location_id) short_centre[l] = true;
    }
  }
  std::vector<std::string> core_skills;
  for (const std::string& id : o.core_services) {
    if (const Service* s = o.catalog->FindService(id)) core_skills.push_back(s->skill);
  }

  std::unique_ptr<Cbc_Model, ModelDeleter> model(Cbc_newModel());
  Cbc_Model* m = model.get();
  Cbc_setLogLevel(m, 0);
  Cbc_setMaximumSeconds(m, o.time_limit_seconds);
  if (o.max_nodes > 0) Cbc_setMaximumNodes(m, o.max_nodes);

  // Variables: moves per (staff, week, destination), then shortfalls per (centre, window).
  struct MoveVar {
    int staff;
    int week;  // days [week * 7, week * 7 + 7) of the horizon
    int from;  // the centre the staff member's shifts that week are at
    int to;
    double km;
    std::vector<std::pair<int, double>> minutes;  // (day, minutes)
  };
  std::vector<MoveVar> vars;
  const int weeks = (days + 6) / 7;
  for (std::size_t s = 0; s < o.roster->staff.size(); ++s) {
    const Staff& st = o.roster->staff[s];
    if (!std::ranges::all_of(core_skills, [&](const std::string& k) { return st.HasSkill(k); })) {
      continue;
    }
    for (int w = 0; w < weeks; ++w) {
      int from = -1;
      std::vector<std::pair<int, double>> minutes;
      for (int d = w * 7; d < std::min(days, w * 7 + 7); ++d) {
        const auto [l, mins] = cap.staff_day[s][d];
        if (l < 0 || mins <= 0) continue;
        if (from >= 0 && l != from) {
          from = -2;  // a week split between centres stays as it is
          break;
        }
        from = l;
        minutes.emplace_back(d, mins);
      }
      if (from < 0 || short_centre[from]) continue;
      for (std::size_t c = 0; c < nl; ++c) {
        if (!short_centre[c]) continue;
        vars.push_back({static_cast<int>(s), w, from, static_cast<int>(c),
                        DistanceKm(locations[from].geo, locations[c].geo), minutes});
      }
    }
  }
  {
    // Only the nearest candidates per centre and week: the far ones would cost more anyway.
    std::map<std::pair<int, int>, std::vector<double>> km;
    for (const MoveVar& v : vars) km[{v.to, v.week}].push_back(v.km);
    std::map<std::pair<int, int>, double> cutoff;
    for (auto& [key, list] : km) {
      std::ranges::sort(list);
      cutoff[key] = list[std::min<std::size_t>(list.size(), kCandidatesPerWeek) - 1];
    }
    std::erase_if(vars, [&](const MoveVar& v) { return v.km > cutoff[{v.to, v.week}]; });
  }
  for (const MoveVar& v : vars) {
    Cbc_addCol(m, "", 0, 1, 1 + v.km / kKmPerMove, 1, 0, nullptr, nullptr);
  }
  const int first_short = static_cast<int>(vars.size());
  // The programme balances every week (the moves' unit) and every 14-day window starting on a
  // week's first day. Windows alone let it bunch help into every other week, which keeps each
  // window's sum but leaves the windows between them short; weeks alone would let a shortfall of
  // one week hide in the next one's slack.
  std::vector<std::pair<int, int>> spans;  // (first day, length)
  for (int w = 0; w < days; w += kWindowStride) spans.emplace_back(w, std::min(7, days - w));
  for (int w = 0; w + window <= days; w += kWindowStride) spans.emplace_back(w, window);
  if (days - window > 0 && (days - window) % kWindowStride != 0) {
    spans.emplace_back(days - window, window);
  }
  const int windows = static_cast<int>(spans.size());
  for (std::size_t c = 0; c < nl; ++c) {
    for (int w = 0; w < windows; ++w) {
      Cbc_addCol(m, "", 0, std::numeric_limits<double>::infinity(), kShortPenaltyPerHour / 60, 0, 0,
                 nullptr, nullptr);
    }
  }
  // One destination per staff-week.
  std::map<std::pair<int, int>, std::vector<int>> per_staff_week;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    per_staff_week[{vars[i].staff, vars[i].week}].push_back(static_cast<int>(i));
  }
  for (const auto& [key, cols] : per_staff_week) {
    std::vector<double> ones(cols.size(), 1.0);
    Cbc_addRow(m, "", static_cast<int>(cols.size()), cols.data(), ones.data(), 'L', 1);
  }
  // Every centre and window: capacity after moves plus shortfall covers demand.
  std::vector<std::vector<std::vector<std::pair<int, double>>>> terms(
      nl, std::vector<std::vector<std::pair<int, double>>>(windows));
  for (std::size_t i = 0; i < vars.size(); ++i) {
    for (const auto& [d, mins] : vars[i].minutes) {
      for (int w = 0; w < windows; ++w) {
        if (d < spans[w].first || d >= spans[w].first + spans[w].second) continue;
        terms[vars[i].to][w].emplace_back(static_cast<int>(i), mins);
        terms[vars[i].from][w].emplace_back(static_cast<int>(i), -mins);
      }
    }
  }
  for (std::size_t c = 0; c < nl; ++c) {
    for (int w = 0; w < windows; ++w) {
      const double need = WindowSum(demand[c], spans[w].first, spans[w].second) -
                          WindowSum(cap.centre_day[c], spans[w].first, spans[w].second);
      std::vector<int> cols;
      std::vector<double> coefs;
      for (const auto& [col, coef] : terms[c][w]) {
        cols.push_back(col);
        coefs.push_back(coef);
      }
      cols.push_back(first_short + static_cast<int>(c) * windows + w);
      coefs.push_back(1.0);
      Cbc_addRow(m, "", static_cast<int>(cols.size()), cols.data(), coefs.data(), 'G', need);
    }
  }
  const int status = Cbc_solve(m);
  if (status != 0 && Cbc_getColSolution(m) == nullptr) {
    return Fail(ErrorCode::kInternal, "the solver stopped without a solution (status {})", status);
  }
  const double* x = Cbc_getColSolution(m);
  if (x == nullptr) return Fail(ErrorCode::kInternal, "the solver found no solution");
  proposal.optimal = Cbc_isProvenOptimal(m) != 0;
  proposal.objective = Cbc_getObjValue(m);

  // Moves, consecutive weeks to the same centre merged.
  std::vector<std::vector<double>> after = cap.centre_day;
  std::map<int, std::vector<const MoveVar*>> chosen;  // by staff
  // Stopped by the time limit, CBC may hand back a fractional point: each staff-week goes to the
  // destination with the largest value, and only when that is above one half.
  std::vector<bool> take(vars.size(), false);
  for (const auto& [key, cols] : per_staff_week) {
    const int best = *std::ranges::max_element(cols, {}, [&](int i) { return x[i]; });
    take[best] = x[best] > 0.5;
  }
  for (std::size_t i = 0; i < vars.size(); ++i) {
    if (!take[i]) continue;
    chosen[vars[i].staff].push_back(&vars[i]);
    for (const auto& [d, mins] : vars[i].minutes) {
      after[vars[i].to][d] += mins;
      after[vars[i].from][d] -= mins;
    }
  }
  for (auto& [s, list] : chosen) {
    std::ranges::sort(list, {}, &MoveVar::week);
    for (const MoveVar* v : list) {
      const absl::CivilDay first = o.first + v->minutes.front().first;
      const absl::CivilDay last = o.first + v->minutes.back().first;
      double minutes = 0;
      for (const auto& [d, mins] : v->minutes) minutes += mins;
      StaffMove* prev = proposal.moves.empty() ? nullptr : &proposal.moves.back();
      if (prev != nullptr && prev->staff_id == o.roster->staff[s].id &&
          prev->to_location_id == locations[v->to].id &&
          prev->from_location_id == locations[v->from].id && first - prev->last <= 7) {
        prev->last = last;
        prev->minutes += minutes;
        continue;
      }
      proposal.moves.push_back({.staff_id = o.roster->staff[s].id,
                                .from_location_id = locations[v->from].id,
                                .to_location_id = locations[v->to].id,
                                .first = first,
                                .last = last,
                                .km = v->km,
                                .minutes = minutes});
    }
  }
  proposal.after = Shortages(o, after, demand, days);
  return proposal;
}

Roster ApplyMoves(Roster roster, const std::vector<StaffMove>& moves) {
  for (const StaffMove& mv : moves) {
    for (Shift& sh : roster.shifts) {
      if (sh.staff_id == mv.staff_id && sh.location_id == mv.from_location_id &&
          sh.day >= mv.first && sh.day <= mv.last) {
        sh.location_id = mv.to_location_id;
      }
    }
  }
  return roster;
}

boost::json::value ProposalToJson(const Proposal& p) {
  namespace json = boost::json;
  json::array moves, before, after;
  for (const StaffMove& m : p.moves) {
    moves.push_back(json::object{{"staff_id", m.staff_id},
                                 {"from_location_id", m.from_location_id},
                                 {"to_location_id", m.to_location_id},
                                 {"first", FormatDay(m.first)},
                                 {"last", FormatDay(m.last)},
                                 {"km", std::round(m.km * 10) / 10},
                                 {"hours", std::round(m.minutes / 6) / 10}});
  }
  for (const CentreShortage& s : p.before) {
    before.push_back(
        json::object{{"centre", s.location_id},
                     {"worst_window_hours", std::round(s.worst_window_hours * 10) / 10}});
  }
  for (const CentreShortage& s : p.after) {
    after.push_back(
        json::object{{"centre", s.location_id},
                     {"worst_window_hours", std::round(s.worst_window_hours * 10) / 10}});
  }
  return json::object{{"moves", std::move(moves)},
                      {"short_before", std::move(before)},
                      {"short_after", std::move(after)},
                      {"optimal", p.optimal},
                      {"objective", std::round(p.objective * 100) / 100}};
}

}  // namespace amtszeit::planning
