// The city simulator: a discrete-event simulation of the centres as they work — citizens booking
// online and by phone, cancelling and not showing up, walk-ins drawing tickets and being called —
// on a virtual clock, in independent replications run in parallel, summarised per day and centre
// with 95 % confidence intervals. It answers "what happens to lead times and waits if …".
//
//   auto sim = SimulateCity({.catalog = &c, .roster = &r, .holidays = &h, .school = &s,
//                            .demand = &model, .first_day = d, .days = 28});
//   for (const CentreDayEstimate& e : sim->centre_days) ... e.lead_time[0].mean ...
//
// It runs the real rules, not a copy: bookings go through a capacity::CapacityIndex built from the
// catalogue and roster as the booking engine builds it, searched with the query the engine
// prepares (booking window, legal deadline, contingent entitlements from booking/rules.h) and
// occupied with the engine's staff pick; walk-ins are called by queue::PickNext. Only the store
// is left out: nothing is written, which is what makes a year of a city take seconds.
//
// Modelling choices (see city_simulation.cpp for the figures):
//  - Booking requests arrive over the day by channel; a share of citizens searches only the
//    centres of one district (picked by counters), the others the whole city; everyone takes the
//    earliest slot offered. A request that finds nothing in the window is lost (counted).
//  - Appointments are served by the staff member booked, at the booked time; a no-show leaves
//    the time idle, a cancellation returns it to the pool after the rules' cool-down.
//  - Walk-in and express tickets are served by the staff on walk-in and express shifts, each a
//    counter of that mode serving the services their skills allow, never during their break.
//    Tickets still waiting when the last counter closes are turned away (counted, no wait).
//  - Sickness: on top of the roster's absences, each staff member misses each rostered day with
//    probability `sickness_rate`, drawn per replication.
//  - The simulation starts `warmup_days` before `first_day` with an empty diary, so the window
//    measured has bookings made before it; the index covers at most 400 days, so near the end of
//    a year-long run the booking window is cut short at the index's last day.
//  - Lead time is the morning snapshot's figure (monitor/snapshot.cpp): per centre and service,
//    days from today to the first free slot an online citizen finds at 07:00 (registrations with
//    a move-in date of today); no slot in the window counts as max_days_ahead + 1 days.
//
// Replication r draws from its own std::mt19937_64 seeded from (seed, r), so a result depends on
// the seed only, never on the number of threads. Confidence intervals are Student t with R − 1
// degrees of freedom over the replications' values (planning::Summarize).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/booking/rules.h"
#include "amtszeit/capacity/contingent.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/domain/school_holidays.h"
#include "amtszeit/domain/ticket.h"
#include "amtszeit/planning/demand.h"
#include "amtszeit/planning/mmc_simulation.h"
#include "amtszeit/queue/policy.h"

namespace amtszeit::planning {

// Demand of a service (id, or "*" for all) in some months (1..12; empty: all) times a factor.
struct DemandFactor {
  std::string service;
  std::vector<int> months;
  double factor = 1;
};

// REQUIRES: the pointers are non-null and outlive the call; the roster covers
// [first_day - warmup_days, first_day + days + rules.max_days_ahead].
struct CitySimulationOptions {
  const Catalog* catalog = nullptr;
  const Roster* roster = nullptr;
  const HolidayCalendar* holidays = nullptr;
  const SchoolCalendar* school = nullptr;
  const DemandModel* demand = nullptr;  // unused by SimulateCityScripted
  absl::CivilDay first_day;
  int days = 28;  // measured days
  int warmup_days = 21;
  booking::BookingRules rules;
  capacity::ContingentPolicy policy = capacity::ContingentPolicy::HamburgDefault();
  queue::CallingPolicy calling;
  double sickness_rate = 0;                  // extra, per staff member and rostered day
  double demand_multiplier = 1;              // on every kind of demand
  std::vector<DemandFactor> demand_factors;  // on top; factors that match multiply
  double cancel_share = 0.06;
  double no_show_share = 0.05;
  double online_share = 0.70;
  double phone_share = 0.25;  // the rest books at a counter (neither online nor phone rights)
  double local_share = 0.5;   // citizens who search their district's centres only
  // Services whose first free slot is reported per centre and day (the promises' core services
  // and the registration service by default).
  std::vector<std::string> lead_services = {"personalausweis", "reisepass", "anmeldung",
                                            "ummeldung"};
  int replications = 10;  // at least 2
  std::uint64_t seed = 1;
  int threads = 0;  // 0: min(hardware_concurrency, replications), at least 2
  // When set, every replication adds 1 per simulated day (warm-up included), so that another
  // thread can show progress out of replications * (warmup_days + days).
  std::atomic<std::int64_t>* days_done = nullptr;
};

// One replication's figures for one centre and day.
struct CentreDayFigures {
  std::vector<double> lead_time;     // per lead service, days (see above)
  int bookings = 0;                  // made this day for this centre
  int within_14 = 0;                 // of them, for a day at most 14 days ahead
  std::vector<double> walk_in_wait;  // minutes from ticket to call, per called walk-in
  std::vector<double> express_wait;
  double busy_minutes = 0;     // appointments shown + tickets served
  double staffed_minutes = 0;  // appointment time + walk-in and express counter time
  int turned_away = 0;
};

struct CityReplication {
  std::vector<std::string> locations;  // catalogue order
  absl::CivilDay first_day;
  int days = 0;
  std::vector<CentreDayFigures> figures;  // [day * locations + location]
  std::int64_t booking_requests = 0;      // over the measured days
  std::int64_t bookings = 0;
  std::int64_t lost_requests = 0;  // no slot in the window
  std::int64_t visits = 0;         // appointments shown + tickets served, measured days
  std::int64_t events = 0;         // requests, frees, arrivals, calls: warm-up included

  const CentreDayFigures& at(int day, int location) const {
    return figures[static_cast<std::size_t>(day) * locations.size() + location];
  }
};

struct CentreDayEstimate {
  absl::CivilDay day;
  std::string location_id;
  std::vector<Estimate> lead_time;  // per lead service
  Estimate within_14_share;
  Estimate walk_in_mean, walk_in_p90, walk_in_p95;
  Estimate express_mean, express_p90, express_p95;
  Estimate utilisation;
  Estimate bookings;
  Estimate walk_ins;  // called walk-in and express tickets
};

// One centre over the whole horizon: per replication, the mean over its open days of the mean
// lead time of the lead services, the share of its bookings made within 14 days, the 90th
// percentile of all walk-in waits and the 95th of all express waits (minutes), and busy over
// staffed minutes; then across replications.
struct CentreEstimate {
  std::string location_id;
  Estimate lead_time;
  Estimate lead_time_max;  // the worst day's lead time (max over lead services)
  Estimate within_14_share;
  Estimate walk_in_p90;
  Estimate express_p95;
  Estimate utilisation;
};

struct CitySimulationResult {
  std::vector<std::string> lead_services;
  // Days in order, centres in catalogue order; centres closed all day are left out. A figure no
  // replication had (no express ticket that day) is NaN with an infinite interval.
  std::vector<CentreDayEstimate> centre_days;
  Estimate visits;  // per replication over the measured days
  Estimate bookings;
  Estimate lost_requests;
  std::int64_t events = 0;              // over all replications
  std::vector<CentreEstimate> centres;  // catalogue order; centres open on no measured day left out
};

Result<CitySimulationResult> SimulateCity(const CitySimulationOptions& options);

// The test hook: one replication without randomness. Booking requests and tickets come from the
// script instead of the demand model; no sickness is drawn.
struct ScriptedBooking {
  absl::CivilDay day;  // when the citizen books
  int minute = 0;      // local minute of that day
  std::vector<std::string> services;
  Channel channel = Channel::kOnline;
  std::vector<std::string> locations;  // empty: all
  std::optional<absl::CivilDay> move_in;
  enum class Fate { kShow, kCancel, kNoShow } fate = Fate::kShow;
  int cancel_after_minutes = 0;  // kCancel: minutes after booking
};
struct ScriptedTicket {
  absl::CivilDay day;
  std::string location;
  int minute = 0;
  std::string service;
  QueueClass queue = QueueClass::kWalkIn;
  double service_minutes = 0;
  PriorityReason priority = PriorityReason::kNone;
};
struct CityScript {
  std::vector<ScriptedBooking> bookings;
  std::vector<ScriptedTicket> tickets;
};

Result<CityReplication> SimulateCityScripted(const CitySimulationOptions& options,
                                             const CityScript& script);

// One replication as SimulateCity runs it (for determinism tests).
Result<CityReplication> SimulateCityReplication(const CitySimulationOptions& options,
                                                int replication);

}  // namespace amtszeit::planning
