#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <ranges>
#include <vector>

#include "amtszeit/dataset/dataset.h"

namespace amtszeit::dataset {

namespace {

using Pattern = StaffingPlan::ShiftPattern;

constexpr int kSixHours = 360;
constexpr TimeRange kLunchHours{12 * 60, 14 * 60};
constexpr int kEarlyBefore = 9 * 60;
constexpr int kLateAfter = 17 * 60;

double Uniform(std::mt19937_64& rng) {
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

// An integer in [0, n); n > 0. Not std::uniform_int_distribution: its output is not specified
// across standard libraries, and the demo roster should be the same everywhere.
int Below(std::mt19937_64& rng, int n) {
  return static_cast<int>(rng() % static_cast<unsigned>(n));
}

double PickFte(const StaffingPlan& plan, std::mt19937_64& rng) {
  double x = Uniform(rng);
  for (const auto& p : plan.part_time) {
    if (x < p.share) return p.fte;
    x -= p.share;
  }
  return 1.0;
}

bool IsLong(const Pattern& p) { return p.WorkMinutes() > kSixHours; }

struct Member {
  std::size_t index;  // into Roster::staff
  int person;         // number within the centre, staggers days off and rotas
  bool full_time;     // works the long patterns
  int days_per_week;  // weekdays worked in a week without Saturday duty
};

struct Team {
  const Location* location;
  std::vector<Member> members;
  int saturday_crew;  // people on each Saturday the centre opens
};

// What citizens must find at every centre on an open weekday (when the hours allow it).
enum Need { kEarly, kLate, kLunch, kNeedCount };

bool Meets(const Shift& s, Need need) {
  switch (need) {
    case kEarly:
      return s.time.begin < kEarlyBefore;
    case kLate:
      return s.time.end > kLateAfter;
    case kLunch:
      return s.time.Contains(kLunchHours) && !(s.break_time && s.break_time->Overlaps(kLunchHours));
    case kNeedCount:
      break;
  }
  return false;
}

bool Possible(const TimeRange& window, Need need) {
  switch (need) {
    case kEarly:
      return window.begin < kEarlyBefore;
    case kLate:
      return window.end > kLateAfter;
    case kLunch:
      return window.Contains(kLunchHours);
    case kNeedCount:
      break;
  }
  return false;
}

bool Covered(const std::vector<Shift>& shifts, Need need) {
  return std::ranges::any_of(
      shifts, [&](const Shift& s) { return s.mode == ShiftMode::kAppointments && Meets(s, need); });
}

ShiftMode ModeAt(const StaffingPlan& plan, int k, int n, int day) {
  const double f = (((k + day) % n) + 0.5) / n;
  double cumulative = 0;
  for (const auto& m : plan.modes) {
    cumulative += m.share;
    if (f < cumulative) return m.mode;
  }
  return ShiftMode::kAppointments;
}

void Apply(const Pattern& p, Shift& s) {
  s.time = p.time;
  s.break_time = p.break_time;
}

class Generator {
 public:
  Generator(const Catalog& catalog, const StaffingPlan& plan, absl::CivilDay first_day, int days,
            std::uint64_t seed, const HolidayCalendar& holidays)
      : catalog_(catalog),
        plan_(plan),
        first_day_(first_day),
        days_(std::max(days, 0)),
        holidays_(holidays),
        rng_(seed),
        week_start_(first_day - WeekdayIndex(first_day)) {}

  Roster Run() {
    MakeStaff();
    ComputeOpenWindows();
    ComputeBaseDuty();
    PlanVacations();
    PlanSickness();
    MakeShifts();
    return std::move(roster_);
  }

 private:
  int Week(int d) const { return static_cast<int>((first_day_ + d - week_start_) / 7); }

  double AverageWorkMinutes(bool long_patterns) const {
    double sum = 0;
    int n = 0;
    for (const Pattern& p : plan_.shift_patterns) {
      if (IsLong(p) == long_patterns) {
        sum += p.WorkMinutes();
        ++n;
      }
    }
    return n > 0 ? sum / n : 480;
  }

  void MakeStaff() {
    const double long_minutes = AverageWorkMinutes(true);
    const double short_minutes = AverageWorkMinutes(false);
    const double week_minutes = plan_.full_time_hours_per_week * 60;
    int number = 0;
    for (const auto& ls : plan_.locations) {
      const Location* location = catalog_.FindLocation(ls.location_id);
      if (location == nullptr) continue;
      Team team{location, {}, 0};
      for (int i = 0; i < ls.staff; ++i) {
        Staff s;
        s.id = fmt::format("st-{:04d}", ++number);
        s.display_name = fmt::format("Mitarbeitende {:04d}", number);
        s.home_district_id = location->district_id;
        s.home_location_id = location->id;
        s.skills = plan_.basic_skills;
        for (const auto& extra : plan_.extra_skills) {
          // The first two of each team can do everything, so each centre offers every service.
          if (i < 2 || Uniform(rng_) < extra.share) s.skills.push_back(extra.skill);
        }
        s.fte = PickFte(plan_, rng_);
        const bool full_time = s.fte >= 0.9;
        const double per_day = full_time ? long_minutes : short_minutes;
        const int days = static_cast<int>(std::lround(s.fte * week_minutes / per_day));
        team.members.push_back({roster_.staff.size(), i, full_time, std::clamp(days, 1, 5)});
        roster_.staff.push_back(std::move(s));
      }
      team.saturday_crew = std::max(
          1, static_cast<int>(std::lround(plan_.saturday_share * static_cast<double>(ls.staff))));
      teams_.push_back(std::move(team));
    }
  }

  // The widest open range of each centre on each day (shifts stay inside it), if open.
  void ComputeOpenWindows() {
    windows_.assign(teams_.size(), std::vector<std::optional<TimeRange>>(days_));
    for (std::size_t t = 0; t < teams_.size(); ++t) {
      const Location& l = *teams_[t].location;
      for (int d = 0; d < days_; ++d) {
        const absl::CivilDay day = first_day_ + d;
        if (!l.InServiceOn(day)) continue;
        const std::vector<TimeRange> open = l.hours.OpenOn(day, holidays_);
        if (open.empty()) continue;
        windows_[t][d] = *std::ranges::max_element(
            open, [](const TimeRange& a, const TimeRange& b) { return a.Minutes() < b.Minutes(); });
      }
    }
  }

  bool OnSaturdayCrew(const Team& team, const Member& m, int week) const {
    const int n = static_cast<int>(team.members.size());
    return (m.person + week * team.saturday_crew) % n < team.saturday_crew;
  }

  // Whether the centre opens on the Saturday or Sunday of `week` within the period.
  bool WeekendOpen(std::size_t t, int week) const {
    for (int d = 0; d < days_; ++d) {
      if (Week(d) == week && WeekdayIndex(first_day_ + d) >= 5 && windows_[t][d]) return true;
    }
    return false;
  }

  // Who would work when nobody is away: contracts, staggered days off, Saturday rota with a
  // weekday off in the same week.
  void ComputeBaseDuty() {
    base_.assign(roster_.staff.size(), std::vector<char>(days_, 0));
    on_duty_.assign(teams_.size(), std::vector<int>(days_, 0));
    for (std::size_t t = 0; t < teams_.size(); ++t) {
      const Team& team = teams_[t];
      std::vector<char> weekend_open;
      for (int w = 0; w <= Week(std::max(days_ - 1, 0)); ++w) {
        weekend_open.push_back(WeekendOpen(t, w));
      }
      for (const Member& m : team.members) {
        for (int d = 0; d < days_; ++d) {
          if (!windows_[t][d]) continue;
          const int weekday = WeekdayIndex(first_day_ + d);
          const int week = Week(d);
          const bool crew = weekend_open[week] && OnSaturdayCrew(team, m, week);
          bool works;
          if (weekday >= 5) {
            works = crew;
          } else {
            works = WorksWeekday(m, weekday, week);
            if (crew && weekday == CompensationDay(m, week)) works = false;
          }
          if (works) {
            base_[m.index][d] = 1;
            ++on_duty_[t][d];
          }
        }
      }
    }
  }

  static bool WorksWeekday(const Member& m, int weekday, int week) {
    const int off_days = 5 - m.days_per_week;
    const int first_off = (m.person + week) % 5;
    return (weekday - first_off + 5) % 5 >= off_days;
  }

  // The weekday a Saturday worker takes off that week: the first one they would work, starting
  // from a day that depends on the person so that the team is not thinned on one day.
  static int CompensationDay(const Member& m, int week) {
    for (int i = 0; i < 5; ++i) {
      const int weekday = (m.person + i) % 5;
      if (WorksWeekday(m, weekday, week)) return weekday;
    }
    return -1;
  }

  // Whether `m` may be away on days [d0, d0 + length) without leaving the centre short.
  bool CanBeAway(std::size_t t, const Member& m, int d0, int length) const {
    for (int d = d0; d < std::min(d0 + length, days_); ++d) {
      if (away_[m.index][d]) return false;
      if (!base_[m.index][d] || WeekdayIndex(first_day_ + d) >= 5) continue;
      if (on_duty_[t][d] - 1 < plan_.min_on_duty) return false;
    }
    return true;
  }

  void MarkAway(std::size_t t, const Member& m, int d0, int length, AbsenceKind kind,
                std::string note) {
    const int end = std::min(d0 + length, days_);
    for (int d = d0; d < end; ++d) {
      away_[m.index][d] = 1;
      if (base_[m.index][d]) --on_duty_[t][d];
    }
    roster_.absences.push_back({.id = static_cast<std::int64_t>(roster_.absences.size()) + 1,
                                .staff_id = roster_.staff[m.index].id,
                                .first = first_day_ + d0,
                                .last = first_day_ + (end - 1),
                                .kind = kind,
                                .note = std::move(note)});
  }

  // One block of whole weeks (Monday to Friday) per person, in proportion to the period.
  void PlanVacations() {
    away_.assign(roster_.staff.size(), std::vector<char>(days_, 0));
    const double working_days = plan_.vacation_days_per_year * days_ / 365.0;
    const int weeks = static_cast<int>(std::lround(working_days / 5));
    if (weeks < 1) return;
    const int length = weeks * 7 - 2;
    std::vector<int> mondays;
    for (int d = 0; d + length <= days_; ++d) {
      if (WeekdayIndex(first_day_ + d) == 0) mondays.push_back(d);
    }
    if (mondays.empty()) return;
    for (std::size_t t = 0; t < teams_.size(); ++t) {
      for (const Member& m : teams_[t].members) {
        const int first = Below(rng_, static_cast<int>(mondays.size()));
        // Another week when the drawn one would leave the centre short.
        for (std::size_t i = 0; i < mondays.size(); ++i) {
          const int d0 = mondays[(first + i) % mondays.size()];
          if (CanBeAway(t, m, d0, length)) {
            MarkAway(t, m, d0, length, AbsenceKind::kVacation, "Urlaub (Demo)");
            break;
          }
        }
      }
    }
  }

  // Short spells starting on working days; they average two days, so starting one with
  // probability rate / 2 loses about `rate` of the working days.
  void PlanSickness() {
    for (std::size_t t = 0; t < teams_.size(); ++t) {
      for (const Member& m : teams_[t].members) {
        for (int d = 0; d < days_; ++d) {
          if (!base_[m.index][d] || away_[m.index][d]) continue;
          if (Uniform(rng_) >= plan_.sickness_rate / 2) continue;
          const int length = 1 + Below(rng_, 3);
          if (CanBeAway(t, m, d, length)) {
            MarkAway(t, m, d, length, AbsenceKind::kSick, "krank (Demo)");
            d += length;
          }
        }
      }
    }
  }

  // Patterns of the wanted length class that apply on `weekday` and fit the window, split into
  // those lying in its first and its second half.
  void Candidates(bool long_patterns, int weekday, const TimeRange& window,
                  std::vector<const Pattern*>& early, std::vector<const Pattern*>& late) const {
    early.clear();
    late.clear();
    const int middle = window.begin + window.end;
    for (const Pattern& p : plan_.shift_patterns) {
      if (IsLong(p) != long_patterns || !p.weekdays[weekday] || !window.Contains(p.time)) continue;
      (p.time.begin + p.time.end < middle ? early : late).push_back(&p);
    }
  }

  // A shift for one person: a pattern of their class on the wanted side of the day, else of the
  // other side or class, else the first or last six open hours.
  Shift ShiftFor(const Member& m, const Location& l, int d, const TimeRange& window,
                 bool early_side) const {
    const int weekday = WeekdayIndex(first_day_ + d);
    Shift s{.staff_id = roster_.staff[m.index].id, .location_id = l.id, .day = first_day_ + d};
    std::vector<const Pattern*> early;
    std::vector<const Pattern*> late;
    for (bool long_patterns : {m.full_time, !m.full_time}) {
      Candidates(long_patterns, weekday, window, early, late);
      const auto& preferred = early_side ? early : late;
      const auto& other = early_side ? late : early;
      const auto& pick = preferred.empty() ? other : preferred;
      if (!pick.empty()) {
        Apply(*pick[(m.person + Week(d)) % pick.size()], s);
        return s;
      }
    }
    const int length = std::min(window.Minutes(), kSixHours);
    s.time = early_side ? TimeRange{window.begin, window.begin + length}
                        : TimeRange{window.end - length, window.end};
    return s;
  }

  // Makes sure citizens can book early, late and over lunch: first by turning a fitting shift
  // into an appointment shift, else by giving someone a pattern that fits, without undoing what
  // is already covered.
  void CoverNeeds(std::vector<Shift>& shifts, const TimeRange& window, int weekday) const {
    for (int n = 0; n < kNeedCount; ++n) {
      const Need need = static_cast<Need>(n);
      if (!Possible(window, need) || Covered(shifts, need)) continue;
      auto fitting = std::ranges::find_if(shifts, [&](const Shift& s) { return Meets(s, need); });
      if (fitting != shifts.end()) {
        fitting->mode = ShiftMode::kAppointments;
        continue;
      }
      bool done = false;
      for (auto s = shifts.rbegin(); s != shifts.rend() && !done; ++s) {
        for (const Pattern& p : plan_.shift_patterns) {
          if (!p.weekdays[weekday] || !window.Contains(p.time)) continue;
          Shift changed = *s;
          Apply(p, changed);
          changed.mode = ShiftMode::kAppointments;
          if (!Meets(changed, need)) continue;
          std::vector<Shift> trial = shifts;
          trial[shifts.rend() - s - 1] = changed;
          const bool keeps = std::ranges::all_of(std::views::iota(0, n), [&](int earlier) {
            const Need e = static_cast<Need>(earlier);
            return !Possible(window, e) || !Covered(shifts, e) || Covered(trial, e);
          });
          if (keeps) {
            *s = changed;
            done = true;
            break;
          }
        }
      }
    }
  }

  void MakeShifts() {
    for (std::size_t t = 0; t < teams_.size(); ++t) {
      const Team& team = teams_[t];
      for (int d = 0; d < days_; ++d) {
        if (!windows_[t][d]) continue;
        const TimeRange window = *windows_[t][d];
        std::vector<const Member*> full;
        std::vector<const Member*> part;
        for (const Member& m : team.members) {
          if (base_[m.index][d] && !away_[m.index][d]) (m.full_time ? full : part).push_back(&m);
        }
        std::vector<Shift> today;
        // Early and late alternate within each group, and who starts early rotates by day.
        for (const auto* group : {&full, &part}) {
          for (std::size_t k = 0; k < group->size(); ++k) {
            const bool early = (k + static_cast<std::size_t>(d)) % 2 == 0;
            today.push_back(ShiftFor(*(*group)[k], *team.location, d, window, early));
          }
        }
        const int n = static_cast<int>(today.size());
        for (int k = 0; k < n; ++k) today[k].mode = ModeAt(plan_, k, n, d);
        const int weekday = WeekdayIndex(first_day_ + d);
        if (weekday < 5) CoverNeeds(today, window, weekday);
        for (Shift& s : today) {
          s.id = static_cast<std::int64_t>(roster_.shifts.size()) + 1;
          roster_.shifts.push_back(std::move(s));
        }
      }
    }
  }

  const Catalog& catalog_;
  const StaffingPlan& plan_;
  const absl::CivilDay first_day_;
  const int days_;
  const HolidayCalendar& holidays_;
  std::mt19937_64 rng_;
  const absl::CivilDay week_start_;  // Monday of the first day's week

  Roster roster_;
  std::vector<Team> teams_;
  std::vector<std::vector<std::optional<TimeRange>>> windows_;  // [team][day]
  std::vector<std::vector<char>> base_;                         // [staff][day]
  std::vector<std::vector<char>> away_;                         // [staff][day]
  std::vector<std::vector<int>> on_duty_;                       // [team][day], minus absences
};

}  // namespace

Roster GenerateRoster(const Catalog& catalog, const StaffingPlan& plan, absl::CivilDay first_day,
                      int days, std::uint64_t seed, const HolidayCalendar& holidays) {
  return Generator(catalog, plan, first_day, days, seed, holidays).Run();
}

}  // namespace amtszeit::dataset
