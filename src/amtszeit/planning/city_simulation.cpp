#include "amtszeit/planning/city_simulation.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

#include "amtszeit/planning/city_replication.h"
#include "amtszeit/planning/city_setup.h"

namespace amtszeit::planning {

namespace {

using city::kNaN;

std::uint64_t Mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

std::uint64_t ReplicationSeed(std::uint64_t seed, int replication) {
  return Mix(Mix(seed) ^ (static_cast<std::uint64_t>(replication) * 0xD1B54A32D192ED03ULL));
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return kNaN;
  std::ranges::sort(values);
  // Nearest rank: the smallest value with at least p of the values at or below it.
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

double Mean(const std::vector<double>& values) {
  if (values.empty()) return kNaN;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// Summarize over the replications that have the figure.
Estimate SummarizeFinite(const std::vector<double>& samples) {
  std::vector<double> finite;
  for (double x : samples) {
    if (std::isfinite(x)) finite.push_back(x);
  }
  if (finite.empty()) return {kNaN, std::numeric_limits<double>::infinity()};
  return Summarize(finite);
}

}  // namespace

Result<CityReplication> SimulateCityReplication(const CitySimulationOptions& options,
                                                int replication) {
  auto setup = city::Prepare(options);
  if (!setup) return std::unexpected(setup.error());
  if (options.demand == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "simulation without a demand model");
  }
  city::Replication r(*setup, ReplicationSeed(options.seed, replication), true);
  return r.Run(nullptr);
}

Result<CityReplication> SimulateCityScripted(const CitySimulationOptions& options,
                                             const CityScript& script) {
  auto setup = city::Prepare(options);
  if (!setup) return std::unexpected(setup.error());
  for (const ScriptedBooking& b : script.bookings) {
    if (b.services.size() != 1 || options.catalog->FindService(b.services[0]) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "a scripted booking names one known service");
    }
  }
  city::Replication r(*setup, 0, false);
  return r.Run(&script);
}

Result<CitySimulationResult> SimulateCity(const CitySimulationOptions& options) {
  auto setup = city::Prepare(options);
  if (!setup) return std::unexpected(setup.error());
  if (options.demand == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "simulation without a demand model");
  }
  if (options.replications < 2) {
    return Fail(ErrorCode::kInvalidArgument, "at least 2 replications: an interval needs two");
  }
  const int replications = options.replications;
  int threads = options.threads;
  if (threads <= 0) {
    threads = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  }
  threads = std::min(threads, replications);

  // Workers take replications by index and write only their own slot, so which thread ran which
  // replication cannot change the result.
  std::vector<Result<CityReplication>> runs(replications, Fail(ErrorCode::kInternal, "not run"));
  std::atomic<int> next{0};
  auto work = [&] {
    for (int r; (r = next.fetch_add(1)) < replications;) {
      city::Replication rep(*setup, ReplicationSeed(options.seed, r), true);
      runs[r] = rep.Run(nullptr);
    }
  };
  {
    std::vector<std::jthread> pool;
    for (int i = 0; i < threads; ++i) pool.emplace_back(work);
  }
  for (const auto& r : runs) {
    if (!r) return std::unexpected(r.error());
  }

  CitySimulationResult out;
  out.lead_services = options.lead_services;
  const std::size_t nl = options.catalog->locations.size();
  const std::size_t nk = options.lead_services.size();
  std::vector<double> samples(replications);
  auto across = [&](auto figure) {
    for (int r = 0; r < replications; ++r) samples[r] = figure(*runs[r]);
    return SummarizeFinite(samples);
  };
  for (int d = 0; d < options.days; ++d) {
    const absl::CivilDay day = options.first_day + d;
    for (std::size_t l = 0; l < nl; ++l) {
      const Location& loc = options.catalog->locations[l];
      if (!loc.InServiceOn(day)) continue;
      const auto li = static_cast<int>(l);
      CentreDayEstimate e{.day = day, .location_id = loc.id};
      for (std::size_t k = 0; k < nk; ++k) {
        e.lead_time.push_back(
            across([&](const CityReplication& r) { return r.at(d, li).lead_time[k]; }));
      }
      e.within_14_share = across([&](const CityReplication& r) {
        const CentreDayFigures& f = r.at(d, li);
        return f.bookings > 0 ? static_cast<double>(f.within_14) / f.bookings : kNaN;
      });
      e.walk_in_mean =
          across([&](const CityReplication& r) { return Mean(r.at(d, li).walk_in_wait); });
      e.walk_in_p90 = across(
          [&](const CityReplication& r) { return Percentile(r.at(d, li).walk_in_wait, 0.9); });
      e.walk_in_p95 = across(
          [&](const CityReplication& r) { return Percentile(r.at(d, li).walk_in_wait, 0.95); });
      e.express_mean =
          across([&](const CityReplication& r) { return Mean(r.at(d, li).express_wait); });
      e.express_p90 = across(
          [&](const CityReplication& r) { return Percentile(r.at(d, li).express_wait, 0.9); });
      e.express_p95 = across(
          [&](const CityReplication& r) { return Percentile(r.at(d, li).express_wait, 0.95); });
      e.utilisation = across([&](const CityReplication& r) {
        const CentreDayFigures& f = r.at(d, li);
        return f.staffed_minutes > 0 ? f.busy_minutes / f.staffed_minutes : kNaN;
      });
      e.bookings = across([&](const CityReplication& r) { return 1.0 * r.at(d, li).bookings; });
      e.walk_ins = across([&](const CityReplication& r) {
        const CentreDayFigures& f = r.at(d, li);
        return 1.0 * static_cast<double>(f.walk_in_wait.size() + f.express_wait.size());
      });
      out.centre_days.push_back(std::move(e));
    }
  }
  for (std::size_t l = 0; l < nl; ++l) {
    const Location& loc = options.catalog->locations[l];
    std::vector<int> open_days;
    for (int d = 0; d < options.days; ++d) {
      if (loc.InServiceOn(options.first_day + d)) open_days.push_back(d);
    }
    if (open_days.empty()) continue;
    const auto li = static_cast<int>(l);
    CentreEstimate c{.location_id = loc.id};
    auto lead = [&](const CityReplication& r, bool worst) {
      double sum = 0, max = 0;
      int n = 0;
      for (int d : open_days) {
        const std::vector<double>& days = r.at(d, li).lead_time;
        double day_sum = 0, day_max = 0;
        int m = 0;
        for (double x : days) {
          if (!std::isfinite(x)) continue;
          day_sum += x;
          day_max = std::max(day_max, x);
          ++m;
        }
        if (m == 0) continue;
        sum += day_sum / m;
        max = std::max(max, day_max);
        ++n;
      }
      return n == 0 ? kNaN : worst ? max : sum / n;
    };
    c.lead_time = across([&](const CityReplication& r) { return lead(r, false); });
    c.lead_time_max = across([&](const CityReplication& r) { return lead(r, true); });
    c.within_14_share = across([&](const CityReplication& r) {
      int within = 0, all = 0;
      for (int d : open_days) {
        within += r.at(d, li).within_14;
        all += r.at(d, li).bookings;
      }
      return all > 0 ? static_cast<double>(within) / all : kNaN;
    });
    auto waits = [&](const CityReplication& r, bool express, double p) {
      std::vector<double> all;
      for (int d : open_days) {
        const CentreDayFigures& f = r.at(d, li);
        const auto& w = express ? f.express_wait : f.walk_in_wait;
        all.insert(all.end(), w.begin(), w.end());
      }
      return Percentile(std::move(all), p);
    };
    c.walk_in_p90 = across([&](const CityReplication& r) { return waits(r, false, 0.9); });
    c.express_p95 = across([&](const CityReplication& r) { return waits(r, true, 0.95); });
    c.utilisation = across([&](const CityReplication& r) {
      double busy = 0, staffed = 0;
      for (int d : open_days) {
        busy += r.at(d, li).busy_minutes;
        staffed += r.at(d, li).staffed_minutes;
      }
      return staffed > 0 ? busy / staffed : kNaN;
    });
    out.centres.push_back(std::move(c));
  }
  out.visits = across([](const CityReplication& r) { return 1.0 * r.visits; });
  out.bookings = across([](const CityReplication& r) { return 1.0 * r.bookings; });
  out.lost_requests = across([](const CityReplication& r) { return 1.0 * r.lost_requests; });
  for (const auto& r : runs) out.events += r->events;
  return out;
}

}  // namespace amtszeit::planning