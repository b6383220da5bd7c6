// The city simulator's shared preparation (internal): what the catalogue, roster and demand model
// say, resolved to indexes once and read by every replication, and the records a replication
// moves through its day.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/capacity/capacity_index.h"
#include "amtszeit/capacity/skills.h"
#include "amtszeit/planning/city_simulation.h"

namespace amtszeit::planning::city {

constexpr int kMinutesPerDayI = kMinutesPerDay;
constexpr int kSnapshotMinute = 7 * 60;  // the morning snapshot, after the window's release
constexpr int kWithinDays = 14;          // the promise
// When citizens book (estimates): online from 06:00 to 23:30, phone and counter in office hours.
constexpr int kOnlineFrom = 6 * 60;
constexpr int kOnlineTo = 23 * 60 + 30;
constexpr int kOfficeFrom = 8 * 60;
constexpr int kOfficeTo = 18 * 60;
constexpr int kMoveInDaysBack = 6;    // registrations book 0..6 days after moving in
constexpr double kTravelShare = 0.3;  // passport applicants with a booked journey
constexpr int kTravelMinDays = 14;    // ... that far ahead
constexpr int kTravelMaxDays = 84;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline int Ticks(int minutes) { return (minutes + kTickMinutes - 1) / kTickMinutes; }

// The policy's clock: minutes of the simulated day from an arbitrary origin (only differences
// matter to it).
inline absl::Time At(double minute) { return absl::UnixEpoch() + absl::Seconds(minute * 60); }

struct Request {
  int minute = 0;
  std::int16_t service = 0;
  Channel channel = Channel::kOnline;
  std::int16_t district = -1;  // -1: all centres
  std::optional<absl::CivilDay> move_in;
  std::optional<absl::CivilDay> travel;
  ScriptedBooking::Fate fate = ScriptedBooking::Fate::kShow;
  double cancel_at = 0;  // kCancel: share of the time to the appointment, or minutes (script)
  bool cancel_in_minutes = false;
  std::vector<std::int32_t> locations;  // scripted: explicit centres
};

struct Arrival {
  double minute = 0;
  std::int16_t service = 0;
  QueueClass queue = QueueClass::kWalkIn;
  double work = 0;  // minutes at the counter
  PriorityReason priority = PriorityReason::kNone;
};

// A walk-in or express desk for a day: its shift minus its break.
struct Desk {
  std::int32_t staff = 0;
  CounterMode mode = CounterMode::kWalkIn;
  int begin = 0;
  int end = 0;
  int break_begin = 0;
  int break_end = 0;                         // == break_begin when none
  std::span<const std::string> service_ids;  // the setup's list; empty: everything
};

// A walk-in or express shift and its staff member's position in the roster (-1: not in it).
struct DeskShift {
  const Shift* shift = nullptr;
  std::int32_t staff = -1;
};

// Time freed by a cancellation, after the cool-down.
struct Release {
  std::int64_t at = 0;  // minutes since the simulation's first day
  std::int32_t location = 0;
  absl::CivilDay day;
  std::int32_t staff = 0;
  int first = 0;
  int end = 0;
  friend bool operator>(const Release& a, const Release& b) { return a.at > b.at; }
};

// The last search of a kind of request found nothing before `day` with the index as it was in
// `epoch`; bookings only take time away, so until time is freed or a day passes (contingents
// release, the window moves), the next search of that kind may start there.
struct Hint {
  std::uint64_t epoch = 0;
  absl::CivilDay day;
};
using HintKey = std::tuple<capacity::SkillMask, int, unsigned, std::int64_t, int>;

// Shared by all replications: what the catalogue and roster say, resolved to indexes.
struct Setup {
  const CitySimulationOptions* options = nullptr;
  const Catalog* catalog = nullptr;
  absl::CivilDay start;  // first simulated day (warm-up included)
  int sim_days = 0;
  int index_days = 0;
  std::vector<absl::CivilDay> calendar;     // [index day]: start + d, looked up instead of summed
  std::vector<std::int32_t> lead_services;  // catalogue indexes
  std::vector<std::vector<std::int32_t>> district_locations;
  std::vector<double> district_weights;
  std::vector<std::vector<std::string>> staff_services;  // per staff: what their skills allow
  std::vector<std::vector<DeskShift>> desk_shifts;       // [day * locations + location]
  // Expected demand, the same in every replication: [day][service] booking requests and
  // [(day * locations + location) * 2 + kind][service] tickets (walk-in, express).
  std::vector<std::vector<double>> bookings;
  std::vector<std::vector<double>> tickets;
  std::vector<std::vector<double>> arrival_cdf;  // [day * locations + location], by tick
  // The index of the roster as it is, built once and copied by every replication that draws no
  // sickness (building it is far slower than copying it).
  std::optional<capacity::CapacityIndex> roster_index;
};

Result<Setup> Prepare(const CitySimulationOptions& o);

}  // namespace amtszeit::planning::city
