// Dataset: a city's data folder (data/hamburg/*.json) read into domain values and validated, and
// the demo roster generated from its staffing plan.
//
//   auto hamburg = dataset::LoadDataset("data/hamburg");       // Result<Dataset>
//   Roster roster = dataset::GenerateRoster(hamburg->catalog, hamburg->staffing,
//                                           today, 120, /*seed=*/1, holidays);
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/domain/school_holidays.h"

namespace amtszeit::dataset {

struct StaffingPlan {
  struct LocationStaff {
    std::string location_id;
    int staff = 0;
  };
  struct Share {
    std::string name;  // a skill, or a shift mode
    double share = 0;
  };
  struct PartTime {
    double fte = 1;
    double share = 0;
  };
  std::vector<LocationStaff> locations;
  std::vector<std::string> basic_skills;  // everyone has these
  std::vector<Share> extra_skills;        // share of staff who also have this skill
  std::vector<Share> modes;               // share of shifts per ShiftMode
  std::vector<PartTime> part_time;
  int shift_minutes = 480;
  int break_minutes = 30;
  double saturday_share = 0.25;  // of a Saturday centre's staff working each Saturday
  double sickness_rate = 0.07;   // share of working days lost to sickness
  int vacation_weeks_per_year = 6;
};

struct Dataset {
  Catalog catalog;
  std::vector<SchoolHoliday> school_holidays;
  StaffingPlan staffing;
};

// Reads districts.json, locations.json, services.json, school_holidays.json and staffing.json.
// Errors name the file and the JSON path.
Result<Dataset> LoadDataset(const std::filesystem::path& dir);

// A deterministic roster for [first_day, first_day + days): staff per the plan, early and late
// shifts so every open weekday has capacity before 9, after 17 and over lunch, Saturday shifts
// where a centre opens on Saturdays, vacations and sick days (no shifts on those days). The same
// seed gives the same roster.
Roster GenerateRoster(const Catalog& catalog, const StaffingPlan& plan, absl::CivilDay first_day,
                      int days, std::uint64_t seed, const HolidayCalendar& holidays);

}  // namespace amtszeit::dataset
