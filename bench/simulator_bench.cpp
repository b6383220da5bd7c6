// The capacity-planning simulator's speed: events per second of the M/M/c replication loop
// (M/M/10 at ρ = 0.9, one thread) against the same model in SimPy 2 (Debian's python3-simpy,
// bench/mmc_simpy.py), which this binary runs itself. An event is an arrival, a service start or
// a departure, counted alike on both sides. Both sides are timed in CPU seconds of the simulating
// thread or process, so that other work on a busy machine slows neither.
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "amtszeit/planning/mmc_simulation.h"
#include "bench_support.h"

namespace amtszeit::bench {
namespace {

const planning::MmcModel kModel{.arrival_rate = 9, .service_rate = 1, .servers = 10};

// Two replications, the fewest SimulateMmc runs (an interval needs two), on the caller's thread
// only, so that the rate is per core.
planning::MmcSimulationOptions OneThread(std::int64_t customers) {
  return {.model = kModel, .replications = 2, .customers = customers, .threads = 1};
}

void BM_MmcSimulatorEvents(benchmark::State& state) {
  std::int64_t events = 0;
  for (auto _ : state) {
    auto sim = planning::SimulateMmc(OneThread(state.range(0)));
    if (!sim) {
      state.SkipWithError(sim.error().message.c_str());
      return;
    }
    events += sim->events;
    benchmark::DoNotOptimize(sim->mean_wait.mean);
  }
  // A rate counter is divided by the CPU time.
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MmcSimulatorEvents)->Arg(100'000)->Unit(benchmark::kMillisecond);

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The median of five runs of 2 × 1.1 million customers.
double OurEventsPerSecond() {
  std::vector<double> rates;
  for (int i = 0; i < 5; ++i) {
    const double start = ThreadCpuSeconds();
    auto sim = planning::SimulateMmc(OneThread(1'000'000));
    const double seconds = ThreadCpuSeconds() - start;
    if (!sim) std::abort();
    rates.push_back(static_cast<double>(sim->events) / seconds);
  }
  std::ranges::sort(rates);
  return rates[rates.size() / 2];
}

// Runs bench/mmc_simpy.py and reads its "events_per_second=…"; nothing when SimPy is missing.
std::optional<double> SimPyEventsPerSecond(std::int64_t customers) {
  const std::string command = "python3 '" AMTSZEIT_SOURCE_DIR "/bench/mmc_simpy.py' --customers " +
                              std::to_string(customers);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  if (pclose(pipe) != 0) return std::nullopt;
  const std::string key = "events_per_second=";
  const auto at = out.find(key);
  if (at == std::string::npos) return std::nullopt;
  try {
    return std::stod(out.substr(at + key.size()));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void CompareWithSimPy() {
  const double ours = OurEventsPerSecond();
  const std::optional<double> simpy = SimPyEventsPerSecond(100'000);
  if (!simpy || *simpy <= 0) {
    std::fprintf(stderr,
                 "simulator_bench: SimPy 2 did not run (apt-get install python3-simpy); "
                 "no comparison row\n");
    return;
  }
  Report("simulator events/s vs SimPy (M/M/10, rho 0.9)", ours, *simpy, ours / *simpy);
}

}  // namespace
}  // namespace amtszeit::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  amtszeit::bench::CompareWithSimPy();
  benchmark::Shutdown();
  return 0;
}
