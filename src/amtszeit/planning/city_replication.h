// One replication of the city simulation (internal): its own capacity index, random stream,
// cancellations waiting to be released and figures. Run drives the days; the booking side is in
// city_booking.cpp, the random draws in city_draws.cpp and the counters in city_counters.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <queue>
#include <random>
#include <span>
#include <string>
#include <tuple>
#include <utility>
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

  // The earliest slot for q at these centres (q.locations is not read; the lists are the
  // setup's, so a request copies none), as Search answers with limit 1, no `near` and no
  // windows, cached per centre-day; see city_search.cpp. Claims and frees must call Changed for
  // the centre-day they change.
  std::optional<capacity::Slot> FirstSlot(const SlotQuery& q,
                                          std::span<const std::int32_t> locations);
  int FirstStart(const SlotQuery& q, int kind, unsigned blocked, std::int32_t location, int d,
                 absl::CivilDay day);
  int Kind(capacity::SkillMask required, int ticks, unsigned blocked);
  // Claimed [first, end) for a staff member, or (staff -1) freed time on a centre-day.
  void Changed(std::int32_t location, absl::CivilDay day, std::int32_t staff, int first, int end);

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
  std::vector<std::optional<int>> service_minutes_;  // [service]: booking::TotalDuration alone
  std::vector<capacity::SkillMask> service_skills_;  // [service]: the skills it requires
  absl::flat_hash_set<std::pair<std::string, std::int64_t>> sick_;
  std::vector<double> appointment_busy_;  // [index day * locations + location], minutes shown
  std::priority_queue<Release, std::vector<Release>, std::greater<>> releases_;
  absl::flat_hash_map<HintKey, Hint> hints_;
  std::uint64_t epoch_ = 0;
  // The first-slot cache: per kind of request (skills, duration, blocked contingents), centre
  // and day, the first start tick, checked against the centre-day's changes since. An answer
  // depends on nothing else (the day's contingent release is in the kind), so it holds from one
  // simulated day to the next.
  using SearchKind = std::tuple<capacity::SkillMask, int, unsigned>;
  static constexpr int kUnknown = -2;
  static constexpr int kNone = -1;
  struct CachedStart {
    std::uint32_t seen = 0;  // changes of the centre-day taken into account
    int tick = kUnknown;
    std::array<std::int32_t, 2> offered_by = {-1, -1};  // staff who can take `tick` (-1: unknown)
  };
  struct Change {
    std::int32_t staff = -1;  // -1: time freed
    std::int16_t first = 0;
    std::int16_t end = 0;
  };
  // nullopt when `cached` still holds after the centre-day's changes since, else the tick before
  // which nothing starts now.
  static std::optional<int> Recheck(CachedStart& cached, int ticks, const std::vector<Change>& log);
  absl::flat_hash_map<SearchKind, int> kinds_;
  std::vector<std::vector<CachedStart>> starts_;  // [kind][index day * locations + location]
  std::vector<std::vector<Change>> changes_;      // [index day * locations + location]
  std::vector<std::int32_t> all_locations_;
  std::vector<std::pair<int, std::uint32_t>> order_;  // a day's requests: (minute, position)
  std::vector<Ticket> waiting_;                       // Counters' queue storage
  std::vector<std::size_t> waiting_arrival_;
  std::vector<std::vector<Request>> script_requests_;
  std::vector<std::vector<Arrival>> script_tickets_;
  CityReplication out_;
};

}  // namespace amtszeit::planning::city
