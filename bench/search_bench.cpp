// In-process search over all Hamburg centres and the whole booking window (90 days): the bitset
// index against a tick-by-tick scan of the same staff-days (the reference), same queries, same run.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

#include "bench_support.h"

namespace amtszeit::bench {
namespace {

struct Fixture {
  ManualClock clock{absl::FromCivil(absl::CivilSecond(2026, 12, 1, 8, 0, 0), Berlin())};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<booking::BookingEngine> engine;
  std::vector<std::vector<std::string>> service_sets;

  Fixture() {
    store = HamburgStore(BenchDir() + "/search-bench.db", absl::CivilDay(2026, 12, 1));
    auto e = booking::BookingEngine::Open(*store, clock, {.zone = Berlin()});
    if (!e) std::abort();
    engine = std::move(*e);
    for (const Service& s : engine->catalog().services) {
      if (s.needs_presence && !s.legal_deadline_days) service_sets.push_back({s.id});
    }
    // A few two-service visits, as families book them.
    const auto n = service_sets.size();
    for (std::size_t i = 0; i + 1 < n; i += 3) {
      service_sets.push_back({service_sets[i][0], service_sets[i + 1][0]});
    }
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

booking::SearchRequest Query(std::mt19937& rng) {
  const auto& sets = F().service_sets;
  booking::SearchRequest r;
  r.service_ids = sets[rng() % sets.size()];
  r.limit = 20;
  switch (rng() % 4) {
    case 0:
      r.windows = capacity::kWindowEarly;
      break;
    case 1:
      r.windows = capacity::kWindowLate;
      break;
    default:
      break;
  }
  return r;
}

void BM_SearchAllCentres90Days(benchmark::State& state) {
  std::mt19937 rng(1);
  for (auto _ : state) {
    auto answer = F().engine->Search(Query(rng));
    benchmark::DoNotOptimize(answer);
  }
}
BENCHMARK(BM_SearchAllCentres90Days)->Repetitions(5)->ReportAggregatesOnly(true);

// Worst case: a service set nobody can serve forces a scan of all 90 days.
void BM_SearchNothingFree90Days(benchmark::State& state) {
  booking::SearchRequest r;
  r.service_ids = F().service_sets[0];
  r.windows = capacity::kWindowSaturday | capacity::kWindowEarly;
  r.limit = 200;
  for (auto _ : state) {
    auto answer = F().engine->Search(r);
    benchmark::DoNotOptimize(answer);
  }
}
BENCHMARK(BM_SearchNothingFree90Days);

double MedianMicros(const std::function<void()>& f, int n) {
  std::vector<double> t;
  for (int i = 0; i < n; ++i) {
    const absl::Time start = absl::Now();
    f();
    t.push_back(absl::ToDoubleMicroseconds(absl::Now() - start));
  }
  std::ranges::sort(t);
  return t[t.size() / 2];
}

// The reference: the same answer found by testing every tick of every staff-day.
void CompareWithScan() {
  std::mt19937 rng(2);
  std::vector<booking::SearchRequest> queries;
  for (int i = 0; i < 200; ++i) queries.push_back(Query(rng));
  std::size_t q = 0;
  const double fast =
      MedianMicros([&] { (void)F().engine->Search(queries[q++ % queries.size()]); }, 2000);
  q = 0;
  const double scan = MedianMicros(
      [&] {
        (void)F().engine->Search(queries[q++ % queries.size()],
                                 booking::BookingEngine::Method::kScan);
      },
      200);
  Report("search median us (all centres, 90 days) vs scan", fast, scan, scan / fast);
  Report("search median us vs target 50 us", fast, 50.0, 50.0 / fast);
}

}  // namespace
}  // namespace amtszeit::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  amtszeit::bench::CompareWithScan();
  benchmark::Shutdown();
  return 0;
}
