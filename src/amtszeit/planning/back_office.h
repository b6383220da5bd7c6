// The back office's share of demand: online cases need staff minutes too. They are worked by a
// pool of their own, the staff rostered in `back_office` mode (10 % of shifts in the Hamburg
// plan), who serve no counter; so the city simulator's counters are not touched by them, and the
// question planning answers is whether that pool keeps up with the open cases and their inflow.
//
// A fluid model, day by day and in expected values: the backlog at the start (the open cases'
// handling minutes), plus each day's inflow (the recent average per calendar day, per service,
// times the scenario's demand factors for it), minus what the pool can work that day (its
// shifts less breaks, absences, closed centres and the scenario's extra sickness). Cases arrive
// on every day, the pool works on its rostered days.
//
//   auto forecast = ForecastBackOffice({.catalog = &c, .roster = &r, .start = today,
//                                       .first = from, .last = to, .open_minutes = 1200,
//                                       .inflow_minutes_per_day = {{"fuehrungszeugnis", 90}}});
//   forecast.backlog_end_minutes;  // what is left on the horizon's last evening
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/planning/city_simulation.h"

namespace amtszeit::planning {

// REQUIRES: catalog and roster non-null; the roster covers [start, last] (the scenario's
// closings and sick staff applied).
struct BackOfficeInputs {
  const Catalog* catalog = nullptr;
  const Roster* roster = nullptr;
  absl::CivilDay start;        // the day the backlog is known (today); after `first`: `first`
  absl::CivilDay first, last;  // the days reported
  double open_minutes = 0;
  std::map<std::string, double> inflow_minutes_per_day;  // by service id
  std::vector<DemandFactor> demand_factors;
  double sickness_rate = 0;
};

struct BackOfficeDay {
  absl::CivilDay day;
  double capacity_minutes = 0;
  double inflow_minutes = 0;
  double worked_minutes = 0;
  double backlog_minutes = 0;  // open in the evening
};

struct BackOfficeForecast {
  std::vector<BackOfficeDay> days;   // first..last
  double backlog_start_minutes = 0;  // on the morning of `first`
  double backlog_end_minutes = 0;
  double capacity_minutes = 0;  // sums over first..last
  double inflow_minutes = 0;
  double worked_minutes = 0;
  double utilisation = 0;  // worked / capacity; 0 without capacity
};

BackOfficeForecast ForecastBackOffice(const BackOfficeInputs& inputs);

// The day from which a scenario's back-office forecast runs: today's backlog is carried forward
// (from `today`) to a scenario that starts within a year; further ahead it stands for the backlog
// on the scenario's first day (`first`), because a year of inflow and work would wash it out.
absl::CivilDay BackOfficeForecastStart(absl::CivilDay today, absl::CivilDay first);

// {"backlog_start_minutes", "backlog_end_minutes", "capacity_minutes", "inflow_minutes",
//  "worked_minutes", "utilisation", "daily": {"backlog_minutes": [...], "capacity_minutes": [...],
//  "inflow_minutes": [...]}} with one entry per reported day.
boost::json::value BackOfficeToJson(const BackOfficeForecast& forecast);

}  // namespace amtszeit::planning
