#include "amtszeit/domain/validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "amtszeit/domain/civil_time.h"

namespace amtszeit {

namespace {

// Back-office work needs no open doors, but nobody works the night.
constexpr TimeRange kBackOfficeWindow{6 * 60, 22 * 60};

template <typename T>
using ById = std::unordered_map<std::string_view, const T*>;

using SkillSet = std::unordered_set<std::string_view>;

template <typename... Args>
std::unexpected<Error> Invalid(fmt::format_string<Args...> format, Args&&... args) {
  return Fail(ErrorCode::kInvalidArgument, fmt::format(format, std::forward<Args>(args)...));
}

std::string JoinRanges(const std::vector<TimeRange>& ranges) {
  std::string out;
  for (const TimeRange& r : ranges) {
    if (!out.empty()) out += ", ";
    out += FormatTimeRange(r);
  }
  return out;
}

std::string Describe(const Shift& s) {
  return fmt::format("shift {} of {} on {} ({})", s.id, s.staff_id, FormatDay(s.day),
                     FormatTimeRange(s.time));
}

std::string Describe(const Absence& a) {
  return fmt::format("absence {} of {} ({} to {})", a.id, a.staff_id, FormatDay(a.first),
                     FormatDay(a.last));
}

bool OnGrid(const TimeRange& r) { return IsOnGrid(r.begin) && IsOnGrid(r.end); }

// ---- catalogue ----

// Every id non-empty and unique within its list; fills `index`.
template <typename T>
Result<void> IndexIds(const std::vector<T>& items, std::string_view kind, ById<T>* index) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const T& item = items[i];
    if (item.id.empty()) return Invalid("{} #{} has no id", kind, i + 1);
    if (!index->emplace(item.id, &item).second) {
      return Invalid("{} '{}' is listed twice", kind, item.id);
    }
  }
  return {};
}

Result<void> CheckLocation(const Location& l, const ById<District>& districts) {
  if (l.name.empty()) return Invalid("location '{}' has no name", l.id);
  if (!districts.contains(l.district_id)) {
    return Invalid("location '{}': unknown district '{}'", l.id, l.district_id);
  }
  // Written to be false for NaN as well.
  if (!(l.geo.lat >= -90 && l.geo.lat <= 90 && l.geo.lon >= -180 && l.geo.lon <= 180)) {
    return Invalid("location '{}': coordinates ({}, {}) are not on Earth", l.id, l.geo.lat,
                   l.geo.lon);
  }
  if (l.valid_from && l.valid_to && *l.valid_to < *l.valid_from) {
    return Invalid("location '{}': valid_from {} is after valid_to {}", l.id,
                   FormatDay(*l.valid_from), FormatDay(*l.valid_to));
  }
  if (l.counters < 0) return Invalid("location '{}': counters {} is negative", l.id, l.counters);
  if (auto ok = ValidateOpeningHours(l.hours); !ok) {
    return std::unexpected(WithContext(ok.error(), fmt::format("location '{}'", l.id)));
  }
  return {};
}

Result<void> CheckService(const Service& s) {
  if (s.name_de.empty()) return Invalid("service '{}' has no German name", s.id);
  if (s.duration_minutes <= 0 || s.duration_minutes % kTickMinutes != 0) {
    return Invalid("service '{}': duration {} is not a positive multiple of {} minutes", s.id,
                   s.duration_minutes, kTickMinutes);
  }
  if (s.duration_minutes > kMinutesPerDay) {
    return Invalid("service '{}': duration {} is longer than a day", s.id, s.duration_minutes);
  }
  if (s.needs_presence && s.skill.empty()) {
    return Invalid("service '{}': needs a visit but names no skill staff must have", s.id);
  }
  if (!s.needs_presence && s.online_url.empty()) {
    return Invalid("service '{}': needs no visit but has no online_url", s.id);
  }
  if (s.legal_deadline_days && *s.legal_deadline_days <= 0) {
    return Invalid("service '{}': legal_deadline_days {} is not positive", s.id,
                   *s.legal_deadline_days);
  }
  return {};
}

SkillSet ServiceSkills(const Catalog& catalog) {
  SkillSet skills;
  for (const Service& s : catalog.services) {
    if (!s.skill.empty()) skills.insert(s.skill);
  }
  return skills;
}

// ---- roster ----

Result<void> CheckStaff(const Staff& staff, const Catalog& catalog, const SkillSet& skills) {
  if (staff.id.empty()) return Invalid("staff member '{}' has no id", staff.display_name);
  if (catalog.FindDistrict(staff.home_district_id) == nullptr) {
    return Invalid("staff '{}': unknown home district '{}'", staff.id, staff.home_district_id);
  }
  if (!staff.home_location_id.empty() && catalog.FindLocation(staff.home_location_id) == nullptr) {
    return Invalid("staff '{}': unknown home location '{}'", staff.id, staff.home_location_id);
  }
  for (const std::string& skill : staff.skills) {
    if (!skills.contains(skill)) {
      return Invalid("staff '{}': skill '{}' is needed by no service", staff.id, skill);
    }
  }
  if (!(staff.fte > 0 && staff.fte <= 1)) {
    return Invalid("staff '{}': fte {} is not in (0, 1]", staff.id, staff.fte);
  }
  return {};
}

// The checks of one shift that need no other shift.
Result<void> CheckShiftAlone(const Shift& shift, const Location& location,
                             const HolidayCalendar& holidays) {
  if (!OnGrid(shift.time)) {
    return Invalid("{} is not on the {}-minute grid between 00:00 and 24:00", Describe(shift),
                   kTickMinutes);
  }
  if (shift.time.Empty()) return Invalid("{} does not end after it begins", Describe(shift));
  if (shift.break_time) {
    const TimeRange& b = *shift.break_time;
    if (!OnGrid(b) || b.Empty() || !shift.time.Contains(b)) {
      return Invalid("{} has a break {} that is not a range on the grid inside the shift",
                     Describe(shift), FormatTimeRange(b));
    }
  }
  if (!location.InServiceOn(shift.day)) {
    return Invalid("{} is at {}, which is not in service that day (status {})", Describe(shift),
                   location.id, ToString(location.status));
  }
  if (shift.mode == ShiftMode::kBackOffice) {
    if (!kBackOfficeWindow.Contains(shift.time)) {
      return Invalid("{} is back-office work outside {}", Describe(shift),
                     FormatTimeRange(kBackOfficeWindow));
    }
    return {};
  }
  const std::vector<TimeRange> open = location.hours.OpenOn(shift.day, holidays);
  if (open.empty()) {
    return Invalid("{} falls on a day {} is closed", Describe(shift), location.id);
  }
  const auto overlapping = std::find_if(open.begin(), open.end(),
                                        [&](const TimeRange& r) { return r.Overlaps(shift.time); });
  if (overlapping == open.end()) {
    return Invalid("{} lies outside the hours {} is open ({})", Describe(shift), location.id,
                   JoinRanges(open));
  }
  if (overlapping->Contains(shift.time)) return {};
  if (shift.time.begin < overlapping->begin) {
    return Invalid("{} starts before {} opens ({})", Describe(shift), location.id,
                   JoinRanges(open));
  }
  return Invalid("{} ends after {} closes ({})", Describe(shift), location.id, JoinRanges(open));
}

std::unexpected<Error> OverlapError(const Shift& a, const Shift& b) {
  return Invalid("shifts {} and {} of {} overlap on {}", std::min(a.id, b.id), std::max(a.id, b.id),
                 a.staff_id, FormatDay(a.day));
}

Result<void> CheckAbsence(const Absence& absence, bool staff_known) {
  if (!staff_known) return Invalid("{} names an unknown staff member", Describe(absence));
  if (absence.last < absence.first) return Invalid("{} ends before it starts", Describe(absence));
  return {};
}

// Sorting by (staff, day, begin) puts every possible overlap next to the stretch before it,
// which keeps the whole-roster check O(n log n); the demo roster has tens of thousands of shifts.
Result<void> CheckNoOverlaps(const std::vector<Shift>& shifts) {
  std::vector<const Shift*> order;
  order.reserve(shifts.size());
  for (const Shift& s : shifts) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](const Shift* a, const Shift* b) {
    return std::tie(a->staff_id, a->day, a->time.begin, a->id) <
           std::tie(b->staff_id, b->day, b->time.begin, b->id);
  });
  const Shift* reach = nullptr;  // the shift ending latest in the current staff-day so far
  for (const Shift* s : order) {
    const bool same_group =
        reach != nullptr && reach->staff_id == s->staff_id && reach->day == s->day;
    if (same_group && s->time.begin < reach->time.end) return OverlapError(*reach, *s);
    if (!same_group || s->time.end > reach->time.end) reach = s;
  }
  return {};
}

}  // namespace

Result<void> ValidateCatalog(const Catalog& catalog) {
  ById<District> districts;
  ById<Location> locations;
  ById<Service> services;
  if (auto ok = IndexIds(catalog.districts, "district", &districts); !ok) return ok;
  if (auto ok = IndexIds(catalog.locations, "location", &locations); !ok) return ok;
  if (auto ok = IndexIds(catalog.services, "service", &services); !ok) return ok;
  for (const District& d : catalog.districts) {
    if (d.name.empty()) return Invalid("district '{}' has no name", d.id);
  }
  for (const Location& l : catalog.locations) {
    if (auto ok = CheckLocation(l, districts); !ok) return ok;
  }
  for (const Service& s : catalog.services) {
    if (auto ok = CheckService(s); !ok) return ok;
  }
  return {};
}

Result<void> ValidateStaff(const Staff& staff, const Catalog& catalog) {
  return CheckStaff(staff, catalog, ServiceSkills(catalog));
}

Result<void> ValidateShift(const Shift& shift, const Catalog& catalog, const Roster& roster,
                           std::span<const Shift> others, const HolidayCalendar& holidays) {
  if (roster.FindStaff(shift.staff_id) == nullptr) {
    return Invalid("{} names an unknown staff member", Describe(shift));
  }
  const Location* location = catalog.FindLocation(shift.location_id);
  if (location == nullptr) {
    return Invalid("{} names an unknown location '{}'", Describe(shift), shift.location_id);
  }
  if (auto ok = CheckShiftAlone(shift, *location, holidays); !ok) return ok;
  for (const Shift& other : others) {
    // `others` may hold the stored version of the shift being edited; id 0 is a shift not yet
    // stored, which is never the same as another.
    if (&other == &shift || (shift.id != 0 && other.id == shift.id)) continue;
    if (other.staff_id == shift.staff_id && other.day == shift.day &&
        other.time.Overlaps(shift.time)) {
      return OverlapError(shift, other);
    }
  }
  return {};
}

Result<void> ValidateAbsence(const Absence& absence, const Roster& roster) {
  return CheckAbsence(absence, roster.FindStaff(absence.staff_id) != nullptr);
}

Result<void> ValidateRoster(const Roster& roster, const Catalog& catalog,
                            const HolidayCalendar& holidays) {
  const SkillSet skills = ServiceSkills(catalog);
  ById<Staff> staff;
  if (auto ok = IndexIds(roster.staff, "staff member", &staff); !ok) return ok;
  for (const Staff& s : roster.staff) {
    if (auto ok = CheckStaff(s, catalog, skills); !ok) return ok;
  }
  ById<Location> locations;
  for (const Location& l : catalog.locations) locations.emplace(l.id, &l);
  std::unordered_set<std::int64_t> shift_ids;
  shift_ids.reserve(roster.shifts.size());
  for (const Shift& shift : roster.shifts) {
    if (!shift_ids.insert(shift.id).second) {
      return Invalid("{}: shift id {} is used twice", Describe(shift), shift.id);
    }
    if (!staff.contains(shift.staff_id)) {
      return Invalid("{} names an unknown staff member", Describe(shift));
    }
    const auto location = locations.find(shift.location_id);
    if (location == locations.end()) {
      return Invalid("{} names an unknown location '{}'", Describe(shift), shift.location_id);
    }
    if (auto ok = CheckShiftAlone(shift, *location->second, holidays); !ok) return ok;
  }
  if (auto ok = CheckNoOverlaps(roster.shifts); !ok) return ok;
  for (const Absence& absence : roster.absences) {
    if (auto ok = CheckAbsence(absence, staff.contains(absence.staff_id)); !ok) return ok;
  }
  return {};
}

}  // namespace amtszeit
