#include "amtszeit/planning/mmc_simulation.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>
#include <random>
#include <system_error>
#include <thread>
#include <utility>

namespace amtszeit::planning {
namespace {

// The servers' free times as a binary min-heap. Under FCFS the customer at the head of the line
// takes whichever server frees first (the Kiefer–Wolfowitz recursion), so a customer's arrival,
// service start and departure cost one replace-top here instead of three trips through a general
// event list.
class FreeTimes {
 public:
  explicit FreeTimes(int servers) : heap_(servers, 0.0) {}

  double earliest() const { return heap_[0]; }

  void ReplaceEarliest(double t) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap_[child + 1] < heap_[child]) ++child;
      if (heap_[child] >= t) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = t;
  }

  // ∫ from `from` to ∞ of the number of busy servers. No customer arrives after `from` in the
  // cases this is asked for, so a server's remaining assignments run back to back until its free
  // time and it is busy exactly until then.
  double BusyTimeAfter(double from) const {
    double sum = 0;
    for (double f : heap_) sum += std::max(0.0, f - from);
    return sum;
  }

 private:
  std::vector<double> heap_;
};

// Service starts of the customers still waiting at the clock. Under FCFS starts never decrease,
// so the waiting customers are always a suffix of the arrivals and a FIFO holds them in order.
class WaitingLine {
 public:
  void AdvanceTo(double clock) {
    while (!starts_.empty() && starts_.front() <= clock) starts_.pop_front();
  }
  void Push(double start) { starts_.push_back(start); }
  // ∫ from `clock` to ∞ of the number waiting, when nobody arrives after `clock`.
  double WaitingTimeAfter(double clock) const {
    double sum = 0;
    for (double s : starts_) sum += s - clock;
    return sum;
  }

 private:
  std::deque<double> starts_;
};

// One replication. `next(interarrival, service)` supplies each customer's times. Time averages
// are over [t0, t1], the first and last measured arrivals: the measured customers' own waits and
// services, plus what the warm-up customers still had ahead of them at t0, minus what anybody
// still had ahead of them at t1 (the tail beyond the window).
template <typename Next>
ReplicationResult RunReplication(int servers, std::int64_t warmup, std::int64_t measured,
                                 std::span<const double> thresholds, Next&& next) {
  FreeTimes free(servers);
  WaitingLine line;
  std::vector<std::int64_t> exceeded(thresholds.size(), 0);
  double clock = 0, t0 = 0;
  double wait_sum = 0, service_sum = 0, head_waiting = 0, head_busy = 0;
  std::int64_t waited = 0;
  const std::int64_t total = warmup + measured;
  for (std::int64_t i = 0; i < total; ++i) {
    double interarrival = 0, service = 0;
    next(interarrival, service);
    clock += interarrival;  // the arrival event
    line.AdvanceTo(clock);
    if (i == warmup) {
      t0 = clock;
      head_waiting = line.WaitingTimeAfter(t0);
      head_busy = free.BusyTimeAfter(t0);
    }
    const double start = std::max(clock, free.earliest());  // the service-start event
    free.ReplaceEarliest(start + service);                  // the departure event
    const double wait = start - clock;
    if (wait > 0) line.Push(start);
    if (i < warmup) continue;
    wait_sum += wait;
    service_sum += service;
    if (wait > 0) {
      ++waited;
      for (std::size_t k = 0; k < thresholds.size(); ++k) exceeded[k] += wait > thresholds[k];
    }
  }
  const double t1 = clock;
  const double window = t1 - t0;
  const double n = static_cast<double>(measured);

  ReplicationResult r;
  r.mean_wait = wait_sum / n;
  r.p_wait = static_cast<double>(waited) / n;
  for (std::int64_t e : exceeded) r.p_wait_exceeds.push_back(static_cast<double>(e) / n);
  if (window > 0) {
    const double waiting = wait_sum + head_waiting - line.WaitingTimeAfter(t1);
    const double busy = service_sum + head_busy - free.BusyTimeAfter(t1);
    r.mean_queue = waiting / window;
    r.mean_in_system = (waiting + busy) / window;
    r.arrival_rate = (n - 1) / window;
  }
  r.events = 3 * total;
  return r;
}

// Exponential variates by inversion of 53 random bits: the same numbers from a seed on every
// standard library, where std::exponential_distribution's algorithm is implementation-defined.
// 1 − u is exact for these u, so log (half the cost of log1p here) loses nothing.
double StandardExponential(std::mt19937_64& rng) {
  const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;  // [0, 1)
  return -std::log(1.0 - u);
}

ReplicationResult RunSeeded(const MmcSimulationOptions& options, std::int64_t warmup,
                            std::span<const double> thresholds, int replication) {
  std::mt19937_64 rng(options.seed + static_cast<std::uint64_t>(replication));
  double mean_interarrival = 1 / options.model.arrival_rate;
  double mean_service = 1 / options.model.service_rate;
  if (options.service_time_units) {  // the same uniforms on a clock ticking in 1/μ
    mean_interarrival = options.model.service_rate / options.model.arrival_rate;
    mean_service = 1;
  }
  // Drawn a block at a time: the logarithms of a block are independent and overlap in the CPU,
  // where one per step would wait behind the queue's data-dependent branches. The order of draws
  // (interarrival, then service, customer by customer) is the same either way.
  constexpr std::size_t kBlock = 256;
  std::array<double, 2 * kBlock> draws;
  std::size_t used = draws.size();
  return RunReplication(options.model.servers, warmup, options.customers, thresholds,
                        [&](double& interarrival, double& service) {
                          if (used == draws.size()) {
                            for (double& d : draws) d = StandardExponential(rng);
                            used = 0;
                          }
                          interarrival = mean_interarrival * draws[used];
                          service = mean_service * draws[used + 1];
                          used += 2;
                        });
}

Result<> ValidateOptions(const MmcSimulationOptions& o) {
  if (auto ok = ValidateMmc(o.model); !ok) return ok;
  constexpr int kMaxServers = 1'000'000;  // each replication keeps every server's free time
  if (o.model.servers > kMaxServers) {
    return Fail(ErrorCode::kInvalidArgument, "at most {} servers, got {}", kMaxServers,
                o.model.servers);
  }
  if (o.replications < 2 || o.replications > 100'000) {
    return Fail(ErrorCode::kInvalidArgument,
                "replications must be between 2 and 100000 (a confidence interval needs two), got "
                "{}",
                o.replications);
  }
  constexpr std::int64_t kMaxCustomers = 1'000'000'000'000;  // keeps 3 × total in range
  if (o.customers < 2 || o.customers > kMaxCustomers) {
    return Fail(ErrorCode::kInvalidArgument,
                "customers per replication must be between 2 and {}, got {}", kMaxCustomers,
                o.customers);
  }
  if (o.warmup_customers < -1 || o.warmup_customers > kMaxCustomers) {
    return Fail(ErrorCode::kInvalidArgument, "warm-up customers must be between 0 and {}, got {}",
                kMaxCustomers, o.warmup_customers);
  }
  if (o.threads < 0) {
    return Fail(ErrorCode::kInvalidArgument, "threads must not be negative, got {}", o.threads);
  }
  for (double t : o.wait_thresholds) {
    if (!std::isfinite(t)) return Fail(ErrorCode::kInvalidArgument, "wait threshold {}", t);
  }
  return {};
}

Estimate Across(const std::vector<ReplicationResult>& runs,
                double (*get)(const ReplicationResult&)) {
  std::vector<double> samples;
  samples.reserve(runs.size());
  for (const ReplicationResult& r : runs) samples.push_back(get(r));
  return Summarize(samples);
}

}  // namespace

Result<MmcSimulationResult> SimulateMmc(const MmcSimulationOptions& options) {
  if (auto ok = ValidateOptions(options); !ok) return std::unexpected(ok.error());
  const std::int64_t warmup = WarmupCustomers(options);
  const int replications = options.replications;
  int threads = options.threads;
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, replications);

  // Workers take replications by index and write only their own slot, so which thread ran which
  // replication cannot change the result.
  std::vector<ReplicationResult> runs(replications);
  std::atomic<int> next{0};
  auto work = [&] {
    for (int r; (r = next.fetch_add(1)) < replications;) {
      runs[r] = RunSeeded(options, warmup, options.wait_thresholds, r);
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // fewer threads only take longer: the caller's thread works through the rest
    }
  }
  work();
  for (std::thread& t : pool) t.join();

  MmcSimulationResult out;
  out.mean_wait = Across(runs, [](const ReplicationResult& r) { return r.mean_wait; });
  out.p_wait = Across(runs, [](const ReplicationResult& r) { return r.p_wait; });
  for (std::size_t k = 0; k < options.wait_thresholds.size(); ++k) {
    std::vector<double> samples;
    for (const ReplicationResult& r : runs) samples.push_back(r.p_wait_exceeds[k]);
    out.p_wait_exceeds.push_back(Summarize(samples));
  }
  out.mean_queue = Across(runs, [](const ReplicationResult& r) { return r.mean_queue; });
  out.mean_in_system = Across(runs, [](const ReplicationResult& r) { return r.mean_in_system; });
  out.arrival_rate = Across(runs, [](const ReplicationResult& r) { return r.arrival_rate; });
  for (const ReplicationResult& r : runs) out.events += r.events;
  out.replications = std::move(runs);
  return out;
}

std::int64_t WarmupCustomers(const MmcSimulationOptions& options) {
  return options.warmup_customers >= 0 ? options.warmup_customers : options.customers / 10;
}

Result<ReplicationResult> SimulateMmcScripted(int servers, std::span<const double> interarrival,
                                              std::span<const double> service,
                                              std::int64_t warmup_customers,
                                              std::span<const double> wait_thresholds) {
  if (servers < 1) return Fail(ErrorCode::kInvalidArgument, "need at least one server");
  if (interarrival.size() != service.size()) {
    return Fail(ErrorCode::kInvalidArgument, "{} interarrival times but {} service times",
                interarrival.size(), service.size());
  }
  const auto total = static_cast<std::int64_t>(interarrival.size());
  if (warmup_customers < 0 || warmup_customers >= total) {
    return Fail(ErrorCode::kInvalidArgument, "warm-up of {} leaves none of {} customers measured",
                warmup_customers, total);
  }
  auto bad = [](double t) { return !std::isfinite(t) || t < 0; };
  if (std::ranges::any_of(interarrival, bad) || std::ranges::any_of(service, bad)) {
    return Fail(ErrorCode::kInvalidArgument, "times must be finite and not negative");
  }
  std::size_t i = 0;
  return RunReplication(servers, warmup_customers, total - warmup_customers, wait_thresholds,
                        [&](double& a, double& s) {
                          a = interarrival[i];
                          s = service[i];
                          ++i;
                        });
}

double StudentT975(int dof) {
  static constexpr std::array<double, 30> kTable = {
      12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851,
      2.364624252,  2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830,
      2.160368656,  2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040,
      2.093024054,  2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
      2.059538553,  2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456};
  if (dof < 1) return std::numeric_limits<double>::infinity();
  if (dof <= 30) return kTable[dof - 1];
  // Cornish–Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5); beyond 30
  // degrees of freedom it is within 3e-8 of the exact quantile.
  const double z = 1.959963984540054, z2 = z * z, v = dof;
  const double g1 = (z2 + 1) * z / 4;
  const double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

Estimate Summarize(std::span<const double> samples) {
  Estimate e;
  const auto n = samples.size();
  if (n == 0) {
    e.ci95 = std::numeric_limits<double>::infinity();
    return e;
  }
  e.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(n);
  if (n < 2) {
    e.ci95 = std::numeric_limits<double>::infinity();
    return e;
  }
  double squares = 0;
  for (double x : samples) squares += (x - e.mean) * (x - e.mean);
  const double sd = std::sqrt(squares / static_cast<double>(n - 1));
  e.ci95 = StudentT975(static_cast<int>(std::min<std::size_t>(n - 1, 1'000'000))) * sd /
           std::sqrt(static_cast<double>(n));
  return e;
}

}  // namespace amtszeit::planning
