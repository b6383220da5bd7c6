#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "amtszeit/dataset/dataset.h"

namespace amtszeit::dataset {

namespace {

double Uniform(std::mt19937_64& rng) {
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

double PickFte(const StaffingPlan& plan, std::mt19937_64& rng) {
  double x = Uniform(rng);
  for (const auto& p : plan.part_time) {
    if (x < p.share) return p.fte;
    x -= p.share;
  }
  return 1.0;
}

// Whether a part-timer works on a weekday (0 = Monday): full time every day, 0.75 four days,
// 0.5 about half the days; `person` staggers the days off so a centre is never empty.
bool WorksOn(double fte, int person, int weekday, int week) {
  if (fte >= 0.95) return true;
  if (fte >= 0.7) return weekday != person % 5;
  return (weekday + person + week) % 2 == 0;
}

// The mode of the k-th of n shifts at a centre on a day: modes take their planned shares of each
// day, rotated by day so nobody is always at the express desk.
ShiftMode ModeAt(const StaffingPlan& plan, int k, int n, int day) {
  const double f = (((k + day) % n) + 0.5) / n;
  double cumulative = 0;
  for (const auto& m : plan.modes) {
    cumulative += m.share;
    if (f < cumulative) return *ParseShiftMode(m.name);
  }
  return ShiftMode::kAppointments;
}

struct Window {
  int begin;
  int end;
};

// The day's widest open range; shifts stay inside it.
std::optional<Window> OpenWindow(const std::vector<TimeRange>& open) {
  if (open.empty()) return std::nullopt;
  const TimeRange* widest = &open[0];
  for (const TimeRange& r : open) {
    if (r.Minutes() > widest->Minutes()) widest = &r;
  }
  return Window{widest->begin, widest->end};
}

Shift MakeShift(const StaffingPlan& plan, const Staff& s, const Location& l, absl::CivilDay day,
                Window w, bool early) {
  const int length = std::min(plan.shift_minutes, w.end - w.begin);
  const int begin = early ? w.begin : w.end - length;
  Shift shift{.staff_id = s.id, .location_id = l.id, .day = day, .time = {begin, begin + length}};
  // Working time law: more than six hours needs a break; staggered so lunch stays covered.
  if (length > 360 && plan.break_minutes > 0) {
    const int at = begin + 240;
    shift.break_time = TimeRange{at, at + plan.break_minutes};
  }
  return shift;
}

}  // namespace

Roster GenerateRoster(const Catalog& catalog, const StaffingPlan& plan, absl::CivilDay first_day,
                      int days, std::uint64_t seed, const HolidayCalendar& holidays) {
  std::mt19937_64 rng(seed);
  Roster roster;
  struct Member {
    std::size_t index;
    int person;  // number within the centre
  };
  std::vector<std::pair<const Location*, std::vector<Member>>> teams;
  int number = 0;
  for (const auto& ls : plan.locations) {
    const Location* location = catalog.FindLocation(ls.location_id);
    if (location == nullptr) continue;
    std::vector<Member> team;
    for (int i = 0; i < ls.staff; ++i) {
      Staff s;
      s.id = fmt::format("st-{:04d}", ++number);
      s.display_name = fmt::format("Mitarbeitende {:04d}", number);
      s.home_district_id = location->district_id;
      s.home_location_id = location->id;
      s.skills = plan.basic_skills;
      for (const auto& extra : plan.extra_skills) {
        // The first two of each team cover every skill, so each centre offers every service.
        if (i < 2 || Uniform(rng) < extra.share) s.skills.push_back(extra.name);
      }
      s.fte = PickFte(plan, rng);
      team.push_back({roster.staff.size(), i});
      roster.staff.push_back(std::move(s));
    }
    teams.emplace_back(location, std::move(team));
  }

  // Absences: one vacation block in proportion to the period, and short sick spells.
  std::vector<std::vector<std::pair<absl::CivilDay, absl::CivilDay>>> away(roster.staff.size());
  const int vacation_days = static_cast<int>(plan.vacation_weeks_per_year * 7.0 * days / 365.0);
  for (std::size_t i = 0; i < roster.staff.size(); ++i) {
    if (vacation_days > 0 && days > vacation_days) {
      const absl::CivilDay start =
          first_day + static_cast<int>(rng() % static_cast<std::uint64_t>(days - vacation_days));
      away[i].emplace_back(start, start + (vacation_days - 1));
      roster.absences.push_back({.staff_id = roster.staff[i].id,
                                 .first = start,
                                 .last = start + (vacation_days - 1),
                                 .kind = AbsenceKind::kVacation,
                                 .note = "Urlaub (Demo)"});
    }
    for (int d = 0; d < days; ++d) {
      // Spells average two days, so starting one with rate/2 loses about `rate` of the days.
      if (Uniform(rng) < plan.sickness_rate / 2) {
        const int length = 1 + static_cast<int>(rng() % 3);
        const absl::CivilDay start = first_day + d;
        away[i].emplace_back(start, start + (length - 1));
        roster.absences.push_back({.staff_id = roster.staff[i].id,
                                   .first = start,
                                   .last = start + (length - 1),
                                   .kind = AbsenceKind::kSick,
                                   .note = "krank (Demo)"});
        d += length;
      }
    }
  }
  auto is_away = [&](std::size_t i, absl::CivilDay day) {
    return std::ranges::any_of(away[i],
                               [&](const auto& a) { return a.first <= day && day <= a.second; });
  };

  for (const auto& [location, team] : teams) {
    for (int d = 0; d < days; ++d) {
      const absl::CivilDay day = first_day + d;
      if (!location->InServiceOn(day)) continue;
      auto window = OpenWindow(location->hours.OpenOn(day, holidays));
      if (!window) continue;
      const int weekday = WeekdayIndex(day);
      const int week = d / 7;
      std::vector<const Member*> working;
      for (const Member& m : team) {
        const Staff& s = roster.staff[m.index];
        if (is_away(m.index, day)) continue;
        const bool works =
            weekday < 5 ? WorksOn(s.fte, m.person, weekday, week)
                        : (m.person + week) % team.size() < plan.saturday_share * team.size();
        if (works) working.push_back(&m);
      }
      const int n = static_cast<int>(working.size());
      std::vector<Shift> today;
      for (int k = 0; k < n; ++k) {
        const Member& m = *working[k];
        const bool early = (k + d) % 2 == 0;
        Shift shift = MakeShift(plan, roster.staff[m.index], *location, day, *window, early);
        shift.mode = ModeAt(plan, k, n, d);
        today.push_back(std::move(shift));
      }
      // Citizens must find slots before 9 and after 17 every day: keep one early and one late
      // appointment shift whatever the rotation gave.
      for (bool early : {true, false}) {
        auto is_side = [&](const Shift& s) { return (s.time.begin == window->begin) == early; };
        const bool covered = std::ranges::any_of(today, [&](const Shift& s) {
          return is_side(s) && s.mode == ShiftMode::kAppointments;
        });
        if (covered) continue;
        auto it = std::ranges::find_if(today, is_side);
        if (it != today.end()) it->mode = ShiftMode::kAppointments;
      }
      for (Shift& s : today) {
        s.id = static_cast<std::int64_t>(roster.shifts.size()) + 1;
        roster.shifts.push_back(std::move(s));
      }
    }
  }
  for (std::size_t i = 0; i < roster.absences.size(); ++i) {
    roster.absences[i].id = static_cast<std::int64_t>(i) + 1;
  }
  return roster;
}

}  // namespace amtszeit::dataset
