// The city simulator at full scale: a whole Hamburg year (every centre, the demo roster and the
// demand profile) in 10 replications on the machine's threads, timed by the wall clock, as a
// planner would wait for it. Reports the visits simulated per replication beside the time.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

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
  double visits = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto sim = planning::SimulateCity(options);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!sim) {
      state.SkipWithError(sim.error().message.c_str());
      return;
    }
    visits = sim->visits.mean;
    state.counters["events"] = static_cast<double>(sim->events);
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
  }
  state.counters["wall_s"] = seconds;
  state.counters["visits/rep"] = visits;
  if (days == 365) {
    Report("city year, 10 replications: wall s vs 10 s target", seconds, 10.0, seconds / 10.0);
  }
}
BENCHMARK(BM_CityYear)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
}  // namespace amtszeit::bench

BENCHMARK_MAIN();
