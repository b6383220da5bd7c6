#include "amtszeit/capacity/capacity_index.h"

#include <algorithm>
#include <cmath>
#include <queue>

namespace amtszeit::capacity {

namespace {

constexpr int kBlockTicks = 6;  // contingents hold 30-minute blocks
constexpr double kGoldenStep = 0.6180339887498949;
constexpr int kMaxIndexDays = 400;

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// A stable phase in [0, 1) per staff member and day, so held blocks differ between people/days.
double Phase(std::int32_t staff, absl::CivilDay day) {
  const auto ordinal = static_cast<std::uint64_t>(day - absl::CivilDay(1970, 1, 1));
  const std::uint64_t h = SplitMix64((static_cast<std::uint64_t>(staff) << 32) ^ ordinal);
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

void AssignHeld(StaffDay& sd, absl::CivilDay day, bool priority_active,
                const ContingentPolicy& policy) {
  const double phase = Phase(sd.staff, day);
  int block_number = 0;
  for (int first = 0; first < kTicksPerDay; first += kBlockTicks) {
    TickSet block;
    block.SetRange(first, std::min(first + kBlockTicks, kTicksPerDay));
    block &= sd.available;
    if (block.Empty()) continue;
    double x = phase + kGoldenStep * block_number++;
    x -= std::floor(x);
    double lo = 0;
    for (const ContingentRule& rule : policy.rules) {
      if (rule.kind == ContingentKind::kPriorityPassport && !priority_active) continue;
      if (x >= lo && x < lo + rule.share) {
        sd.held[static_cast<std::size_t>(rule.kind)] |= block;
        break;
      }
      lo += rule.share;
    }
  }
}

TickSet OpenTicks(const Location& location, absl::CivilDay day, const HolidayCalendar& holidays) {
  TickSet open;
  for (const TimeRange& r : location.hours.OpenOn(day, holidays)) open |= TickSet::Of(r);
  return open;
}

// Length of the run of `set` that contains [first, end).
int RunLength(const TickSet& set, int first, int end) {
  int lo = first;
  while (lo > 0 && set.Test(lo - 1)) --lo;
  int hi = end;
  while (hi < kTicksPerDay && set.Test(hi)) ++hi;
  return hi - lo;
}

const std::vector<StaffDay> kNoStaffDays;

}  // namespace

Result<CapacityIndex> CapacityIndex::Build(const Inputs& in) {
  if (auto ok = ValidateContingentPolicy(in.policy); !ok) return std::unexpected(ok.error());
  if (in.days <= 0 || in.days > kMaxIndexDays) {
    return Fail(ErrorCode::kInvalidArgument, "capacity index of {} days; 1 to {} allowed", in.days,
                kMaxIndexDays);
  }
  auto skills = SkillIndex::FromCatalog(in.catalog);
  if (!skills) return std::unexpected(skills.error());

  CapacityIndex ix;
  ix.skills_ = std::move(*skills);
  ix.policy_ = in.policy;
  ix.first_day_ = in.first_day;
  ix.last_day_ = in.first_day + (in.days - 1);
  ix.locations_ = in.catalog.locations;
  for (std::size_t i = 0; i < ix.locations_.size(); ++i) {
    ix.location_by_id_[ix.locations_[i].id] = static_cast<std::int32_t>(i);
  }
  std::vector<SkillMask> staff_skills;
  for (std::size_t i = 0; i < in.roster.staff.size(); ++i) {
    const Staff& s = in.roster.staff[i];
    ix.staff_ids_.push_back(s.id);
    ix.staff_by_id_[s.id] = static_cast<std::int32_t>(i);
    staff_skills.push_back(ix.skills_.MaskOf(s.skills));
  }
  std::vector<std::vector<const Absence*>> absences(in.roster.staff.size());
  for (const Absence& a : in.roster.absences) {
    if (auto s = ix.StaffIndex(a.staff_id)) absences[*s].push_back(&a);
  }

  ix.days_.assign(in.days, std::vector<std::vector<StaffDay>>(ix.locations_.size()));
  ix.priority_days_.assign(in.days, false);
  for (int d = 0; d < in.days; ++d) {
    const absl::CivilDay day = in.first_day + d;
    if (auto summer = in.school.Summer(day.year())) {
      ix.priority_days_[d] =
          day < summer->first && day >= summer->first - 7 * in.policy.priority_weeks_before_summer;
    }
  }

  for (const Shift& shift : in.roster.shifts) {
    if (shift.mode != ShiftMode::kAppointments || !ix.Covers(shift.day)) continue;
    auto loc = ix.LocationIndex(shift.location_id);
    auto staff = ix.StaffIndex(shift.staff_id);
    if (!loc || !staff) continue;
    const Location& location = ix.locations_[*loc];
    if (!location.InServiceOn(shift.day) || in.roster.Closed(location.id, shift.day)) continue;
    const bool absent = std::ranges::any_of(absences[*staff],
                                            [&](const Absence* a) { return a->Covers(shift.day); });
    if (absent) continue;
    TickSet ticks = TickSet::Of(shift.time);
    if (!shift.extra_opening) ticks &= OpenTicks(location, shift.day, in.holidays);
    if (shift.break_time) ticks = ticks.Minus(TickSet::Of(*shift.break_time));
    auto& staff_days = ix.days_[shift.day - in.first_day][*loc];
    auto it = std::ranges::find(staff_days, *staff, &StaffDay::staff);
    if (it == staff_days.end()) {
      staff_days.push_back({.staff = *staff, .skills = staff_skills[*staff]});
      it = staff_days.end() - 1;
    }
    it->available |= ticks;
  }

  for (int d = 0; d < in.days; ++d) {
    for (auto& staff_days : ix.days_[d]) {
      std::ranges::sort(staff_days, {}, &StaffDay::staff);
      for (StaffDay& sd : staff_days) {
        AssignHeld(sd, in.first_day + d, ix.priority_days_[d], ix.policy_);
      }
    }
  }
  return ix;
}

std::optional<std::int32_t> CapacityIndex::LocationIndex(std::string_view id) const {
  auto it = location_by_id_.find(absl::string_view(id.data(), id.size()));
  if (it == location_by_id_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::int32_t> CapacityIndex::StaffIndex(std::string_view id) const {
  auto it = staff_by_id_.find(absl::string_view(id.data(), id.size()));
  if (it == staff_by_id_.end()) return std::nullopt;
  return it->second;
}

const std::vector<StaffDay>& CapacityIndex::StaffDays(std::int32_t location,
                                                      absl::CivilDay day) const {
  if (!Covers(day) || location < 0 || location >= location_count()) return kNoStaffDays;
  return days_[day - first_day_][location];
}

StaffDay* CapacityIndex::FindStaffDay(std::int32_t location, absl::CivilDay day,
                                      std::int32_t staff) {
  if (!Covers(day) || location < 0 || location >= location_count()) return nullptr;
  auto& staff_days = days_[day - first_day_][location];
  auto it = std::ranges::find(staff_days, staff, &StaffDay::staff);
  return it == staff_days.end() ? nullptr : &*it;
}

unsigned CapacityIndex::BlockedKinds(absl::CivilDay day, const Entitlement& ent,
                                     absl::CivilDay today) const {
  unsigned blocked = 0;
  const auto ahead = day - today;  // once: civil-day arithmetic is not free on the search path
  for (const ContingentRule& rule : policy_.rules) {
    const bool released = ahead <= rule.release_days;
    if (!released && !ent.May(rule.kind, day)) blocked |= 1U << static_cast<unsigned>(rule.kind);
  }
  return blocked;
}

TickSet CapacityIndex::Usable(const StaffDay& sd, absl::CivilDay /*day*/,
                              unsigned blocked_kinds) const {
  TickSet usable = sd.available.Minus(sd.booked);
  for (unsigned k = 0; k < kContingentKinds; ++k) {
    if (blocked_kinds & (1U << k)) usable = usable.Minus(sd.held[k]);
  }
  return usable;
}

TickSet CapacityIndex::LocationStarts(const SlotQuery& q, std::int32_t location, absl::CivilDay day,
                                      unsigned blocked_kinds) const {
  TickSet starts;
  if (!locations_[location].InServiceOn(day)) return starts;
  for (const StaffDay& sd : days_[day - first_day_][location]) {
    if ((sd.skills & q.required) != q.required) continue;
    starts |= Usable(sd, day, blocked_kinds).RunStarts(q.ticks);
  }
  starts &= WindowStarts(q.windows, day);
  if (day == q.from && q.min_start_tick_on_from > 0) {
    starts.ClearRange(0, std::min(q.min_start_tick_on_from, kTicksPerDay));
  }
  return starts;
}

int CapacityIndex::CountStarts(const SlotQuery& q, std::int32_t location,
                               absl::CivilDay day) const {
  if (!Covers(day) || day < q.from || day > q.to) return 0;
  return LocationStarts(q, location, day, BlockedKinds(day, q.entitlement, q.today)).Count();
}

std::optional<int> CapacityIndex::FirstStart(const SlotQuery& q, std::int32_t location,
                                             absl::CivilDay day) const {
  if (!Covers(day)) return std::nullopt;
  return FirstStart(q, location, day, BlockedKinds(day, q.entitlement, q.today));
}

std::optional<int> CapacityIndex::FirstStart(const SlotQuery& q, std::int32_t location,
                                             absl::CivilDay day, unsigned blocked_kinds,
                                             int not_before,
                                             std::array<std::int32_t, 2>* offered_by) const {
  if (offered_by != nullptr) *offered_by = {-1, -1};
  if (q.ticks <= 0 || q.ticks > kTicksPerDay || !Covers(day) || day < q.from || day > q.to) {
    return std::nullopt;
  }
  if (q.windows != 0) {
    return LocationStarts(q, location, day, blocked_kinds).First(std::max(not_before, 0));
  }
  if (!locations_[location].InServiceOn(day)) return std::nullopt;
  // LocationStarts(...).First() without building the union: the earliest run of each qualified
  // staff member, each search bounded by the best start so far (plus one, to see a second
  // staff member offering the same start).
  int from = std::max(not_before, 0);
  if (day == q.from) from = std::max(from, std::min(q.min_start_tick_on_from, kTicksPerDay));
  int best = TickSet::kBits;
  std::array<std::int32_t, 2> by = {-1, -1};
  for (const StaffDay& sd : days_[day - first_day_][location]) {
    if ((sd.skills & q.required) != q.required) continue;
    const std::optional<int> t = Usable(sd, day, blocked_kinds).FirstRun(q.ticks, from, best + 1);
    if (!t) continue;
    if (*t < best) {
      best = *t;
      by = {sd.staff, -1};
    } else if (by[1] < 0) {
      by[1] = sd.staff;
    }
  }
  if (best == TickSet::kBits) return std::nullopt;
  if (offered_by != nullptr) *offered_by = by;
  return best;
}

std::vector<Slot> CapacityIndex::Search(const SlotQuery& q) const {
  std::vector<Slot> out;
  if (q.limit <= 0 || q.ticks <= 0 || q.ticks > kTicksPerDay) return out;
  std::vector<std::int32_t> locations = q.locations;
  if (locations.empty()) {
    for (std::int32_t i = 0; i < location_count(); ++i) locations.push_back(i);
  }
  std::vector<double> distance(locations_.size(), 0.0);
  if (q.near) {
    for (std::int32_t loc : locations) distance[loc] = DistanceKm(*q.near, locations_[loc].geo);
  }
  // Order within a day: start, then distance, then location number.
  auto before = [&](std::int32_t tick_a, std::int32_t loc_a, std::int32_t tick_b,
                    std::int32_t loc_b) {
    if (tick_a != tick_b) return tick_a < tick_b;
    if (distance[loc_a] != distance[loc_b]) return distance[loc_a] < distance[loc_b];
    return loc_a < loc_b;
  };

  absl::CivilDay from = std::max(q.from, first_day_);
  if (q.after) from = std::max(from, q.after->day);
  const absl::CivilDay to = std::min(q.to, last_day());
  std::vector<TickSet> starts(locations.size());
  for (absl::CivilDay day = from; day <= to; ++day) {
    const unsigned blocked = BlockedKinds(day, q.entitlement, q.today);
    // Merge the locations' start sets in order; a heap of each location's next start.
    using Head = std::pair<std::int32_t, std::int32_t>;  // (tick, position in `locations`)
    auto later = [&](const Head& a, const Head& b) {
      return before(b.first, locations[b.second], a.first, locations[a.second]);
    };
    std::priority_queue<Head, std::vector<Head>, decltype(later)> heads(later);
    for (std::size_t i = 0; i < locations.size(); ++i) {
      starts[i] = LocationStarts(q, locations[i], day, blocked);
      if (auto t = starts[i].First()) heads.push({*t, static_cast<std::int32_t>(i)});
    }
    while (!heads.empty()) {
      auto [tick, i] = heads.top();
      heads.pop();
      if (auto next = starts[i].First(tick + 1)) heads.push({*next, i});
      const std::int32_t loc = locations[i];
      if (q.after && day == q.after->day &&
          !before(q.after->start_tick, q.after->location, tick, loc)) {
        continue;
      }
      Slot slot{.location = loc, .day = day, .start_tick = tick, .end_tick = tick + q.ticks};
      if (q.near) slot.distance_km = distance[loc];
      out.push_back(slot);
      if (static_cast<int>(out.size()) >= q.limit) return out;
    }
  }
  return out;
}

std::optional<std::int32_t> CapacityIndex::PickStaff(std::int32_t location, absl::CivilDay day,
                                                     int first, int ticks, SkillMask required,
                                                     const Entitlement& ent,
                                                     absl::CivilDay today) const {
  if (first < 0 || ticks <= 0 || first + ticks > kTicksPerDay) return std::nullopt;
  const unsigned blocked = BlockedKinds(day, ent, today);
  std::optional<std::int32_t> best;
  int best_run = kTicksPerDay + 1;
  for (const StaffDay& sd : StaffDays(location, day)) {
    if ((sd.skills & required) != required) continue;
    const TickSet usable = Usable(sd, day, blocked);
    if (!usable.ContainsRange(first, first + ticks)) continue;
    // Tightest fit keeps long free runs intact for long appointments.
    const int run = RunLength(usable, first, first + ticks);
    if (run < best_run) {
      best_run = run;
      best = sd.staff;
    }
  }
  return best;
}

bool CapacityIndex::Claim(std::int32_t location, absl::CivilDay day, std::int32_t staff, int first,
                          int end) {
  StaffDay* sd = FindStaffDay(location, day, staff);
  if (sd == nullptr || first < 0 || end > kTicksPerDay || first >= end) return false;
  if (!sd->available.Minus(sd->booked).ContainsRange(first, end)) return false;
  sd->booked.SetRange(first, end);
  return true;
}

void CapacityIndex::Free(std::int32_t location, absl::CivilDay day, std::int32_t staff, int first,
                         int end) {
  StaffDay* sd = FindStaffDay(location, day, staff);
  if (sd == nullptr || first < 0 || end > kTicksPerDay || first >= end) return;
  sd->booked.ClearRange(first, end);
}

void CapacityIndex::ForceBook(std::int32_t location, absl::CivilDay day, std::int32_t staff,
                              int first, int end) {
  if (!Covers(day) || location < 0 || location >= location_count() || first < 0 ||
      end > kTicksPerDay || first >= end) {
    return;
  }
  StaffDay* sd = FindStaffDay(location, day, staff);
  if (sd == nullptr) {
    auto& staff_days = days_[day - first_day_][location];
    staff_days.push_back({.staff = staff});
    std::ranges::sort(staff_days, {}, &StaffDay::staff);
    sd = FindStaffDay(location, day, staff);
  }
  sd->booked.SetRange(first, end);
}

void PrintTo(const Slot& slot, std::ostream* os) {
  *os << "{loc " << slot.location << " " << FormatDay(slot.day) << " "
      << FormatClock(slot.start_tick * kTickMinutes) << "-"
      << FormatClock(slot.end_tick * kTickMinutes);
  if (slot.distance_km) *os << " " << *slot.distance_km << " km";
  *os << "}";
}

Result<unsigned> ParseWindows(std::string_view text) {
  unsigned windows = 0;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view word = text.substr(0, comma);
    if (word == "early") {
      windows |= kWindowEarly;
    } else if (word == "late") {
      windows |= kWindowLate;
    } else if (word == "lunch") {
      windows |= kWindowLunch;
    } else if (word == "saturday") {
      windows |= kWindowSaturday;
    } else {
      return Fail(ErrorCode::kInvalidArgument, "unknown window '{}' (early, late, lunch, saturday)",
                  word);
    }
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return windows;
}

TickSet WindowStarts(unsigned windows, absl::CivilDay day) {
  if (windows == 0) return TickSet::All();
  TickSet starts;
  if (windows & kWindowEarly) starts |= TickSet::Of({0, 9 * 60});
  if (windows & kWindowLate) starts |= TickSet::Of({17 * 60, kMinutesPerDay});
  if (windows & kWindowLunch) starts |= TickSet::Of({12 * 60, 14 * 60});
  if ((windows & kWindowSaturday) && absl::GetWeekday(day) == absl::Weekday::saturday) {
    starts = TickSet::All();
  }
  return starts;
}

}  // namespace amtszeit::capacity
