// Dataset: a city's data folder (data/hamburg/*.json) read into domain values and validated, and
// the demo roster generated from its staffing plan.
//
//   auto hamburg = dataset::LoadDataset("data/hamburg");       // Result<Dataset>
//   if (!hamburg) return std::unexpected(hamburg.error());     // "services.json: services[4]..."
//   Roster roster = dataset::GenerateRoster(hamburg->catalog, hamburg->staffing,
//                                           today, 120, /*seed=*/1, holidays);
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/online_form.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/domain/school_holidays.h"

namespace amtszeit::dataset {

// How many people work where, what they can do and how their days look (staffing.json). The
// figures are planning assumptions, not published data.
struct StaffingPlan {
  struct LocationStaff {
    std::string location_id;
    int staff = 0;  // head count, part-timers included
  };
  struct SkillShare {
    std::string skill;
    double share = 0;  // of staff who have it, on top of the basic skills
  };
  struct ModeShare {
    ShiftMode mode = ShiftMode::kAppointments;
    double share = 0;  // of the shifts of a centre's day
  };
  struct PartTime {
    double fte = 1;
    double share = 0;  // of staff with this contract
  };
  // A shift as the centres plan it, e.g. "early" 07:00-15:30 with a break 11:00-11:30.
  struct ShiftPattern {
    std::string name;
    TimeRange time;
    std::optional<TimeRange> break_time;
    std::array<bool, 7> weekdays = {true, true, true, true, true, true, true};  // Monday first

    int WorkMinutes() const { return time.Minutes() - (break_time ? break_time->Minutes() : 0); }
  };

  std::vector<LocationStaff> locations;
  std::vector<std::string> basic_skills;  // everyone has these
  std::vector<SkillShare> extra_skills;
  std::vector<ModeShare> modes;     // shares add up to 1
  std::vector<PartTime> part_time;  // shares add up to at most 1; the rest work full time
  // Full-time staff work patterns of more than six hours, part-timers and Saturdays the shorter
  // ones; which fit a day depends on the centre's opening hours that day.
  std::vector<ShiftPattern> shift_patterns;
  double full_time_hours_per_week = 40;
  // At least this many people stay on duty at a centre on an open weekday: vacations and sick
  // days that would leave fewer are not planned (in reality, staff would be moved in).
  int min_on_duty = 3;
  double saturday_share = 0.25;     // of a Saturday centre's staff working each Saturday
  double sickness_rate = 0.08;      // share of working days lost to sickness
  int vacation_days_per_year = 30;  // working days
};

struct Dataset {
  Catalog catalog;
  std::vector<SchoolHoliday> school_holidays;
  StaffingPlan staffing;
  std::vector<OnlineForm> online_forms;  // online_services.json, when the city has one
};

inline constexpr std::string_view kOnlineFormsFile = "online_services.json";

// Reads districts.json, locations.json, services.json, school_holidays.json, staffing.json and
// (when present) online_services.json,
// each an object with one list (or, for staffing.json, the plan's fields) and an optional
// "_meta" object documenting sources and estimates. Decoding is strict and everything is
// validated; the error names the file and the JSON path ("services.json: services[4].
// duration_minutes: expected a whole number"). A missing folder or file is kNotFound, bad
// content kInvalidArgument.
Result<Dataset> LoadDataset(const std::filesystem::path& dir);

// Checks a staffing plan against the catalogue: known, not closed locations; skills some service
// needs; shares in range; patterns on the grid with a break of at least 30 minutes when more
// than six hours are worked (Arbeitszeitgesetz §4). LoadDataset calls it.
Result<void> ValidateStaffingPlan(const StaffingPlan& plan, const Catalog& catalog);

// A deterministic roster for [first_day, first_day + days): staff "st-0001"... per the plan with
// a home centre, skills and a contract; on each day a centre is in service and open, shifts from
// the plan's patterns that lie inside its opening hours, staggered so that every open weekday
// has appointment capacity before 9:00, after 17:00 and across lunch (12:00-14:00, no break),
// Saturday shifts where a centre opens on Saturdays (with a weekday off that week), weekly hours
// near the contract; one vacation block per person in proportion to the period and short sick
// spells, on whose days that person has no shifts. The same inputs give the same roster; another
// seed gives another one. No global state.
// REQUIRES: ValidateStaffingPlan(plan, catalog) succeeded; days >= 0.
Roster GenerateRoster(const Catalog& catalog, const StaffingPlan& plan, absl::CivilDay first_day,
                      int days, std::uint64_t seed, const HolidayCalendar& holidays);

}  // namespace amtszeit::dataset
