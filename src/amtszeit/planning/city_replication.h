// One replication of the city simulation (internal): its own capacity index, random stream,
// cancellations waiting to be released and figures. Run drives the days; the booking side is in
// city_booking.cpp, the random draws in city_draws.cpp and the counters in city_counters.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "amtszeit/capacity/capacity_index.h"
#include "amtszeit/planning/city_setup.h"

namespace amtszeit::planning::city {

using capacity::CapacityIndex;
using capacity::SlotQuery;

class Replication {
 public:
  Replication(const Setup& setup, std::uint64_t seed, bool random)
      : s_(setup), o_(*setup.options), rng_(seed), random_(random) {}

  Result<CityReplication> Run(const CityScript* script);

 private:
  Result<void> BuildIndex();

  // Sick on top of the roster (whose absences Prepare has taken out already).
  bool Absent(const std::string& staff, absl::CivilDay day) const;

  void Bucket(const CityScript& script);

  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  int UniformInt(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  long Poisson(double mean);

  std::vector<Request> DrawRequests(absl::CivilDay day);
  std::int16_t PickDistrict();
  void ReleaseUntil(std::int64_t minute);

  // The query the booking engine prepares for this request (BookingEngine::Prepare), or nullopt
  // when the rules refuse it.
  std::optional<SlotQuery> Query(const Service& svc, Channel channel, absl::CivilDay day,
                                 int minute, std::optional<absl::CivilDay> move_in,
                                 std::optional<absl::CivilDay> travel) const;
  void Book(absl::CivilDay day, int d, const Request& r, bool measured);

  CentreDayFigures& Figures(absl::CivilDay day, std::int32_t location);

  // monitor::TakeSnapshot's question, asked of this index.
  void Snapshot(absl::CivilDay day);

  std::vector<Arrival> DrawArrivals(int d, std::int32_t l);
  std::vector<Desk> Desks(int d, absl::CivilDay day, std::int32_t l) const;
  // One centre's walk-in and express queue through a day, called by the real policy.
  void Counters(absl::CivilDay day, int d, std::int32_t l, std::vector<Arrival>& arrivals,
                bool measured);
  const Setup& s_;
  const CitySimulationOptions& o_;
  std::mt19937_64 rng_;
  bool random_;
  std::optional<CapacityIndex> index_;
  absl::flat_hash_set<std::pair<std::string, std::int64_t>> sick_;
  std::vector<double> appointment_busy_;  // [index day * locations + location], minutes shown
  std::priority_queue<Release, std::vector<Release>, std::greater<>> releases_;
  absl::flat_hash_map<HintKey, Hint> hints_;
  std::uint64_t epoch_ = 0;
  std::vector<std::vector<Request>> script_requests_;
  std::vector<std::vector<Arrival>> script_tickets_;
  CityReplication out_;
};

}  // namespace amtszeit::planning::city
