// KPIs from stored events: each promise per centre, district and city, per day, week or month.
// Pure: the caller reads events and snapshots from the store; nothing here is recomputed from
// today's state, so history stays what it was.
//
//   KpiInput in{.catalog = c, .zone = z, .events = ev, .tickets = tk, .slots = s, .windows = w};
//   auto rows = ComputeKpis(in, promises, Period::kMonth, {2026, 11, 1}, {2026, 11, 30},
//                           {Scope::City(), Scope::District("altona")});
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/appointment.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/steering_records.h"
#include "amtszeit/domain/ticket.h"
#include "amtszeit/monitor/promises.h"

namespace amtszeit::monitor {

enum class Period { kDay, kWeek, kMonth };
std::string_view ToString(Period period);
Result<Period> ParsePeriod(std::string_view text);
// The first day of the period that contains `day` (weeks start on Monday).
absl::CivilDay PeriodStart(Period period, absl::CivilDay day);
absl::CivilDay NextPeriod(Period period, absl::CivilDay start);

struct Scope {
  enum class Kind { kCity, kDistrict, kLocation };
  Kind kind = Kind::kCity;
  std::string id;

  static Scope City() { return {}; }
  static Scope District(std::string id) { return {Kind::kDistrict, std::move(id)}; }
  static Scope Location(std::string id) { return {Kind::kLocation, std::move(id)}; }
  std::string Key() const;  // "city", "district:altona", "location:kz-altona"
  friend bool operator==(const Scope&, const Scope&) = default;
};
// "city", "district:ID" or "location:ID", checked against the catalogue.
Result<Scope> ParseScope(std::string_view text, const Catalog& catalog);

struct KpiInput {
  const Catalog& catalog;
  absl::TimeZone zone;
  std::span<const AppointmentEvent> events;
  std::span<const TicketEvent> tickets;
  std::span<const SlotSnapshot> slots;
  std::span<const WindowSnapshot> windows;
};

struct KpiRow {
  absl::CivilDay period_start;
  Scope scope;
  std::string promise;
  std::optional<double> value;  // nullopt: nothing to measure in that period
  int samples = 0;              // bookings, tickets, centre-days ... behind the value
  Light light = Light::kNone;
};

// One row per period start in [from, to], scope and promise, in that order.
std::vector<KpiRow> ComputeKpis(const KpiInput& in, const PromiseSet& promises, Period period,
                                absl::CivilDay from, absl::CivilDay to,
                                std::span<const Scope> scopes);

// One row per scope and promise over the days [first, end): a rolling window such as the
// control room's "last 60 days" (period_start = first).
std::vector<KpiRow> ComputeRange(const KpiInput& in, const PromiseSet& promises,
                                 absl::CivilDay first, absl::CivilDay end,
                                 std::span<const Scope> scopes);

// Nearest-rank percentile (p in (0, 100]) of unsorted values; nullopt when empty.
std::optional<double> Percentile(std::vector<double> values, double p);

}  // namespace amtszeit::monitor
