// A discrete-event simulation of the M/M/c queue (FCFS) on a virtual clock, in independent
// replications run in parallel, summarised as means with 95 % confidence intervals. It is the
// check on the simulator's machinery: its answers must agree with Erlang C (erlang.h) before the
// same machinery is trusted with queues no formula covers.
//
//   auto sim = SimulateMmc({.model = {.arrival_rate = 9, .service_rate = 1, .servers = 10},
//                           .replications = 20, .customers = 200'000, .seed = 1});
//   if (sim) fmt::print("Wq = {:.3f} ± {:.3f}\n", sim->mean_wait.mean, sim->mean_wait.ci95);
//
// Replication r draws from its own std::mt19937_64 seeded with seed + r, so a result depends on
// the seed only, never on the number of threads. The time between events is skipped, not waited.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "amtszeit/domain/error.h"
#include "amtszeit/planning/erlang.h"

namespace amtszeit::planning {

struct MmcSimulationOptions {
  MmcModel model;
  int replications = 20;                // at least 2: a confidence interval needs two
  std::int64_t customers = 100'000;     // measured customers per replication
  std::int64_t warmup_customers = -1;   // simulated first and discarded; −1: customers / 10
  std::uint64_t seed = 1;               // replication r uses seed + r
  int threads = 0;                      // 0: min(hardware_concurrency, replications)
  std::vector<double> wait_thresholds;  // estimate P(W > t) for each t
  // Times in units of the mean service time 1/μ (waits, thresholds, the arrival rate per 1/μ)
  // instead of the unit the rates are per.
  bool service_time_units = false;
};

// One replication, over the measured customers. Time averages are over the window from the
// first measured customer's arrival to the last one's.
struct ReplicationResult {
  double mean_wait = 0;                // mean time in queue
  double p_wait = 0;                   // fraction who waited at all
  std::vector<double> p_wait_exceeds;  // fraction who waited longer than each threshold
  double mean_queue = 0;               // time-average number waiting, Lq
  double mean_in_system = 0;           // time-average number waiting or in service, L
  double arrival_rate = 0;             // arrivals observed per time unit
  std::int64_t events = 0;             // arrivals + service starts + departures, warm-up included
};

// A mean across replications and the half-width of its 95 % confidence interval.
struct Estimate {
  double mean = 0;
  double ci95 = 0;
};

struct MmcSimulationResult {
  Estimate mean_wait;
  Estimate p_wait;
  std::vector<Estimate> p_wait_exceeds;  // one per threshold
  Estimate mean_queue;
  Estimate mean_in_system;
  Estimate arrival_rate;
  std::int64_t events = 0;  // over all replications
  std::vector<ReplicationResult> replications;
};

Result<MmcSimulationResult> SimulateMmc(const MmcSimulationOptions& options);

// The warm-up the options ask for, resolving the default −1 to customers / 10.
std::int64_t WarmupCustomers(const MmcSimulationOptions& options);

// The test hook: one replication on given interarrival and service times (customer i arrives
// interarrival[i] after customer i − 1, the first interarrival[0] after time 0), in the model's
// time unit. The first warmup_customers are simulated but not measured.
Result<ReplicationResult> SimulateMmcScripted(int servers, std::span<const double> interarrival,
                                              std::span<const double> service,
                                              std::int64_t warmup_customers,
                                              std::span<const double> wait_thresholds);

// The 0.975 quantile of Student's t with `dof` degrees of freedom (tabulated to 30, a
// Cornish–Fisher expansion beyond). REQUIRES: dof ≥ 1.
double StudentT975(int dof);

// Mean and 95 % half-width t(R−1) · s/√R of R samples; with fewer than two the half-width is
// infinite, as nothing is known about the spread.
Estimate Summarize(std::span<const double> samples);

}  // namespace amtszeit::planning
