// CapacityIndex: who can take an appointment where and when, as bitsets per staff member and day.
//
// Built from the roster (appointment-mode shifts within opening hours, minus breaks and absences)
// for a range of days; bookings then set `booked` ticks. Search answers "location L can start at
// t" for a service set: the union over qualified staff of the k-tick runs of free time they may
// use (open pool, released contingents and the caller's entitlements), earliest first across all
// locations. Pure and single-threaded: the booking module owns it and serialises writers.
//
//   auto index = CapacityIndex::Build({.catalog = c, .roster = r, ...});
//   SlotQuery q{.required = need, .ticks = 6, .from = today + 1, .to = today + 90, .today = today};
//   for (const Slot& s : index->Search(q)) ...
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "amtszeit/capacity/contingent.h"
#include "amtszeit/capacity/skills.h"
#include "amtszeit/capacity/tick_set.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/domain/school_holidays.h"

namespace amtszeit::capacity {

struct StaffDay {
  std::int32_t staff = 0;  // index into the index's staff table
  SkillMask skills = 0;
  TickSet available;  // appointment time
  TickSet booked;     // holds, appointments, and cancelled time still cooling down
  std::array<TickSet, kContingentKinds> held;  // subsets of `available`
};

// Citizens' time-of-day wishes; several combine as "any of".
enum Window : unsigned {
  kWindowEarly = 1,     // starts before 09:00
  kWindowLate = 2,      // starts at or after 17:00
  kWindowLunch = 4,     // starts between 12:00 and 14:00
  kWindowSaturday = 8,  // on a Saturday
};

// The last slot of a page; the next page starts strictly after it.
struct SlotCursor {
  absl::CivilDay day;
  int start_tick = 0;
  std::int32_t location = 0;

  friend bool operator==(const SlotCursor&, const SlotCursor&) = default;
};

struct SlotQuery {
  SkillMask required = 0;
  int ticks = 1;  // duration on the grid
  absl::CivilDay from;
  absl::CivilDay to;                    // inclusive
  int min_start_tick_on_from = 0;       // same-day bookings: not before now + lead time
  std::vector<std::int32_t> locations;  // empty = all
  unsigned windows = 0;                 // Window bits; 0 = any time
  std::optional<GeoPoint> near;
  int limit = 20;
  std::optional<SlotCursor> after;
  Entitlement entitlement;
  absl::CivilDay today;  // for contingent release
};

struct Slot {
  std::int32_t location = 0;
  absl::CivilDay day;
  int start_tick = 0;
  int end_tick = 0;
  std::optional<double> distance_km;

  SlotCursor Cursor() const { return {day, start_tick, location}; }
  friend bool operator==(const Slot&, const Slot&) = default;
};

// For test failure messages.
void PrintTo(const Slot& slot, std::ostream* os);

class CapacityIndex {
 public:
  struct Inputs {
    const Catalog& catalog;
    const Roster& roster;
    const HolidayCalendar& holidays;
    const SchoolCalendar& school;
    ContingentPolicy policy;
    absl::CivilDay first_day;
    int days = 0;
  };

  static Result<CapacityIndex> Build(const Inputs& inputs);

  // Earliest slots first: by day and start, then distance (when `near`), then location order.
  std::vector<Slot> Search(const SlotQuery& query) const;
  // The first start tick a location offers on a day for the query (its locations, limit, cursor
  // and `near` are ignored), or nullopt: Search's answer for one centre-day, without its merging
  // (the simulator asks this millions of times).
  std::optional<int> FirstStart(const SlotQuery& query, std::int32_t location,
                                absl::CivilDay day) const;
  // The same when the caller has BlockedKinds(day, query.entitlement, query.today) at hand and
  // knows that no start comes before `not_before` (a simulator caching earlier answers does).
  // `offered_by` receives two staff members who can take the start found (-1: none or not
  // known), so that the caller can tell whether a later claim leaves that start offered.
  std::optional<int> FirstStart(const SlotQuery& query, std::int32_t location, absl::CivilDay day,
                                unsigned blocked_kinds, int not_before = 0,
                                std::array<std::int32_t, 2>* offered_by = nullptr) const;
  // Number of distinct start ticks a location offers on a day (for a centre-first calendar).
  int CountStarts(const SlotQuery& query, std::int32_t location, absl::CivilDay day) const;

  // The qualified staff member who may take [first, first+ticks) on that day and whose free run
  // around it is the tightest fit, or nullopt when none can.
  std::optional<std::int32_t> PickStaff(std::int32_t location, absl::CivilDay day, int first,
                                        int ticks, SkillMask required, const Entitlement& ent,
                                        absl::CivilDay today) const;
  // Marks [first, end) booked for a staff member; false (and no change) if any tick is not free.
  bool Claim(std::int32_t location, absl::CivilDay day, std::int32_t staff, int first, int end);
  // Clears [first, end); claiming time the staff member has no shift in is allowed (an
  // appointment kept after a roster change), freeing it is harmless.
  void Free(std::int32_t location, absl::CivilDay day, std::int32_t staff, int first, int end);
  // Marks time booked even when it is outside availability (restoring stored appointments).
  void ForceBook(std::int32_t location, absl::CivilDay day, std::int32_t staff, int first, int end);

  std::optional<std::int32_t> LocationIndex(std::string_view id) const;
  std::optional<std::int32_t> StaffIndex(std::string_view id) const;
  const std::string& LocationId(std::int32_t index) const { return locations_[index].id; }
  const std::string& StaffId(std::int32_t index) const { return staff_ids_[index]; }
  const Location& location(std::int32_t index) const { return locations_[index]; }
  std::int32_t location_count() const { return static_cast<std::int32_t>(locations_.size()); }
  const SkillIndex& skills() const { return skills_; }
  const ContingentPolicy& policy() const { return policy_; }
  absl::CivilDay first_day() const { return first_day_; }
  absl::CivilDay last_day() const { return last_day_; }
  bool Covers(absl::CivilDay day) const { return day >= first_day_ && day <= last_day(); }

  // The contingent kinds (bits of ContingentKind) this entitlement may not use on `day`: the one
  // thing besides skills and duration a search's answer for a day depends on (simulators cache
  // answers by it).
  unsigned BlockedKinds(absl::CivilDay day, const Entitlement& ent, absl::CivilDay today) const;

  // The staff-days of a location on a day (empty when outside the range).
  const std::vector<StaffDay>& StaffDays(std::int32_t location, absl::CivilDay day) const;

 private:
  CapacityIndex() = default;

  StaffDay* FindStaffDay(std::int32_t location, absl::CivilDay day, std::int32_t staff);
  // Ticks a staff member may use on `day` for this entitlement (held kinds not open are removed).
  TickSet Usable(const StaffDay& sd, absl::CivilDay day, unsigned blocked_kinds) const;
  TickSet LocationStarts(const SlotQuery& q, std::int32_t location, absl::CivilDay day,
                         unsigned blocked_kinds) const;

  std::vector<Location> locations_;
  std::vector<std::string> staff_ids_;
  absl::flat_hash_map<std::string, std::int32_t> location_by_id_;
  absl::flat_hash_map<std::string, std::int32_t> staff_by_id_;
  SkillIndex skills_;
  ContingentPolicy policy_;
  absl::CivilDay first_day_;
  absl::CivilDay last_day_;  // kept: Covers is on every search's path, civil-day sums are not free
  std::vector<std::vector<std::vector<StaffDay>>> days_;  // [day][location] -> staff-days
  std::vector<bool> priority_days_;                       // [day]: passport priority active
};

// Window bits from "early,late,lunch,saturday".
Result<unsigned> ParseWindows(std::string_view text);
// The start ticks a set of windows admits on a day (all ticks when windows == 0).
TickSet WindowStarts(unsigned windows, absl::CivilDay day);

}  // namespace amtszeit::capacity
