// The back office's workload from online cases, in minutes, for capacity planning: what is open
// now (each case weighs its service's handling time) and what comes in per day on average.
//
//   Workload w = ComputeWorkload(cases, forms, now, zone, /*inflow_days=*/28);
//   w.open_minutes;              // backlog to work off
//   w.inflow_minutes_per_day;    // back-office minutes to plan per day
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/online_case.h"
#include "amtszeit/domain/online_form.h"

namespace amtszeit::cases {

struct Workload {
  struct Day {
    absl::CivilDay day;
    int cases = 0;
    int minutes = 0;
  };
  int open_cases = 0;  // received, in progress or waiting for the citizen
  int open_minutes = 0;
  std::map<std::string, int> open_minutes_by_service;
  std::vector<Day> open_by_received_day;  // the backlog by day of receipt, oldest first
  int inflow_days = 0;
  int inflow_cases = 0;               // received in the last inflow_days days (before today)
  double inflow_minutes_per_day = 0;  // their handling minutes / inflow_days
  std::map<std::string, double> inflow_minutes_per_day_by_service;
};

// `cases` may hold any cases; those of services without a form weigh nothing. Inflow counts the
// full days [today - inflow_days, today) in `zone`.
Workload ComputeWorkload(const std::vector<OnlineCase>& cases, const std::vector<OnlineForm>& forms,
                         absl::Time now, absl::TimeZone zone, int inflow_days);

}  // namespace amtszeit::cases
