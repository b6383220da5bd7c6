// The city simulator at full scale: a whole Hamburg year (every centre, the demo roster and the
// demand profile) in 10 replications on the machine's threads, timed by the wall clock, as a
// planner would wait for it, and by the CPU time of all threads, which a busy machine does not
// inflate. Reports the visits simulated per replication and the events per second beside them.
#include <benchmark/benchmark.h>

#include <bit>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "amtszeit/dataset/dataset.h"
#include "amtszeit/planning/city_simulation.h"
#include "amtszeit/planning/demand.h"
#include "bench_support.h"

namespace amtszeit::bench {
namespace {

constexpr int kWarmup = 21;

// AMTSZEIT_BENCH_DAYS shortens the horizon for profiling; the figure quoted is the whole year.
int Days() {
  const char* text = std::getenv("AMTSZEIT_BENCH_DAYS");
  const int days = text == nullptr ? 0 : std::atoi(text);
  return days > 0 ? days : 365;
}
const absl::CivilDay kFirst(2026, 1, 1);

// CPU seconds of every thread of the process (the replications run on worker threads).
double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// FNV-1a over the bits of every figure: a faster simulator must print the same digest for the
// same seed and horizon, which the rounded fingerprint counter alone would not prove.
struct Digest {
  std::uint64_t h = 1469598103934665603ULL;
  void Add(double x) {
    h ^= std::bit_cast<std::uint64_t>(x);
    h *= 1099511628211ULL;
  }
  void Add(const planning::Estimate& e) {
    Add(e.mean);
    Add(e.ci95);
  }
};

std::uint64_t DigestOf(const planning::CitySimulationResult& sim) {
  Digest d;
  for (const planning::CentreDayEstimate& e : sim.centre_days) {
    for (const planning::Estimate& lead : e.lead_time) d.Add(lead);
    for (const planning::Estimate* x :
         {&e.within_14_share, &e.walk_in_mean, &e.walk_in_p90, &e.walk_in_p95, &e.express_mean,
          &e.express_p90, &e.express_p95, &e.utilisation, &e.bookings, &e.walk_ins}) {
      d.Add(*x);
    }
  }
  for (const planning::CentreEstimate& c : sim.centres) {
    for (const planning::Estimate* x : {&c.lead_time, &c.lead_time_max, &c.within_14_share,
                                        &c.walk_in_p90, &c.express_p95, &c.utilisation}) {
      d.Add(*x);
    }
  }
  d.Add(sim.visits);
  d.Add(sim.bookings);
  d.Add(sim.lost_requests);
  d.Add(static_cast<double>(sim.events));
  return d.h;
}

void BM_CityYear(benchmark::State& state) {
  auto data = dataset::LoadDataset(DataDir());
  if (!data) {
    state.SkipWithError(data.error().message.c_str());
    return;
  }
  const HolidayCalendar holidays(2025, 2027);
  const SchoolCalendar school(data->school_holidays);
  const int days = Days();
  const int roster_days = kWarmup + days + 92;
  const Roster roster = dataset::GenerateRoster(data->catalog, data->staffing, kFirst - kWarmup,
                                                roster_days, 1, holidays);
  const planning::DemandModel demand = planning::DemandModel::FromProfile(data->catalog, holidays);
  const planning::CitySimulationOptions options{.catalog = &data->catalog,
                                                .roster = &roster,
                                                .holidays = &holidays,
                                                .school = &school,
                                                .demand = &demand,
                                                .first_day = kFirst,
                                                .days = days,
                                                .warmup_days = kWarmup,
                                                .replications = 10,
                                                .seed = 1,
                                                .threads = static_cast<int>(state.range(0))};
  double seconds = 0;
  double cpu_seconds = 0;
  double visits = 0;
  double events = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = ProcessCpuSeconds();
    auto sim = planning::SimulateCity(options);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    cpu_seconds = ProcessCpuSeconds() - cpu_start;
    if (!sim) {
      state.SkipWithError(sim.error().message.c_str());
      return;
    }
    visits = sim->visits.mean;
    events = static_cast<double>(sim->events);
    state.counters["events"] = events;
    state.counters["bookings/rep"] = sim->bookings.mean;
    state.counters["lost/rep"] = sim->lost_requests.mean;
    // A fingerprint of the figures, to see that a faster simulator computes the same ones.
    double fingerprint = 0;
    for (const planning::CentreDayEstimate& e : sim->centre_days) {
      for (const planning::Estimate& lead : e.lead_time) fingerprint += lead.mean;
      if (std::isfinite(e.walk_in_p90.mean)) fingerprint += e.walk_in_p90.mean;
      if (std::isfinite(e.utilisation.mean)) fingerprint += e.utilisation.mean;
    }
    state.counters["fingerprint"] = fingerprint;
    std::printf("city simulation, %d days: fingerprint %.4f digest %016" PRIx64 "\n", days,
                fingerprint, DigestOf(*sim));
  }
  state.counters["wall_s"] = seconds;
  state.counters["cpu_s"] = cpu_seconds;
  state.counters["events/s"] = events / seconds;
  state.counters["visits/rep"] = visits;
  if (days == 365) {
    Report("city year, 10 replications: wall s vs 10 s target", seconds, 10.0, seconds / 10.0);
    // CPU time does not grow when other work shares the machine: the target for 2 cores.
    Report("city year, 10 replications: CPU s vs 18 s", cpu_seconds, 18.0, cpu_seconds / 18.0);
    // Events per wall second against events per CPU second: the ratio is the threads' speed-up.
    Report("city year: events/s (wall) vs events/s per CPU", events / seconds, events / cpu_seconds,
           cpu_seconds / seconds);
  }
}
BENCHMARK(BM_CityYear)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
}  // namespace amtszeit::bench

BENCHMARK_MAIN();
