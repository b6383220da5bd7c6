// The city's service promises as data: what is measured, its threshold and direction, and how a
// value becomes a traffic light. Thresholds are settings ("promise.<id>.threshold"), so a city
// can tighten them without a release.
//
//   auto promises = LoadPromises(store);              // defaults overridden by settings
//   Light l = promises->Find("walk_in_wait_p90")->LightOf(34.0);   // kRed: more than 30 min
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/store/store.h"

namespace amtszeit::monitor {

enum class Light { kNone, kGreen, kAmber, kRed };
std::string_view ToString(Light light);

enum class Direction { kAtMost, kAtLeast, kInformative };

struct Promise {
  std::string id;  // "lead_time_days"
  std::string name_de;
  std::string name_en;
  std::string unit;  // "Tage", "min", "%"
  Direction direction = Direction::kAtMost;
  double threshold = 0;
  std::optional<double> target;  // the better figure the plan aims at (lead time 10 days)
  double amber_margin = 0.1;     // a miss within this share of the threshold is amber, not red

  Light LightOf(std::optional<double> value) const;
  friend bool operator==(const Promise&, const Promise&) = default;
};

struct PromiseSet {
  std::vector<Promise> promises;
  // Services whose first free slot is the centre's lead-time figure (the daily bread of a centre).
  std::vector<std::string> core_services = {"personalausweis", "reisepass", "anmeldung"};
  std::string registration_service = "ummeldung";  // bookable within its legal 14 days
  int horizon_days = 90;                           // "nothing free" counts as this many days

  const Promise* Find(std::string_view id) const;
};

// Hamburg's promises (Senate plan for the customer centres): lead time <= 14 days (target 10),
// registration bookable within 14 days, slots before 9 / after 17 / over lunch every weekday,
// hours at least 8-18, walk-in p90 <= 30 min, express p95 <= 5 min, no-shows, online share.
PromiseSet DefaultPromises();
Result<PromiseSet> LoadPromises(store::Store& store);
// Stores a new threshold, audited as a steering action in the same transaction; kNotFound for an
// unknown promise, kInvalidArgument for a bad value.
struct ThresholdChange {
  std::string_view id;
  double threshold = 0;
  std::string_view actor;
  std::string_view reason;
  absl::Time at;
};
Result<Promise> SetThreshold(store::Store& store, const ThresholdChange& change);

}  // namespace amtszeit::monitor
