#include "amtszeit/queue/estimate.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

namespace amtszeit::queue {

std::vector<absl::Duration> ListSchedule(absl::Time now, std::span<const absl::Time> desks_free_at,
                                         std::span<const absl::Duration> service) {
  std::vector<absl::Duration> waits;
  if (desks_free_at.empty()) return waits;
  std::priority_queue<absl::Time, std::vector<absl::Time>, std::greater<>> free;
  for (absl::Time t : desks_free_at) free.push(std::max(t, now));
  waits.reserve(service.size());
  for (absl::Duration s : service) {
    const absl::Time start = free.top();
    free.pop();
    waits.push_back(start - now);
    free.push(start + s);
  }
  return waits;
}

int WholeMinutes(absl::Duration wait) {
  if (wait <= absl::ZeroDuration()) return 0;
  return static_cast<int>(std::ceil(absl::ToDoubleMinutes(wait) - 1e-9));
}

}  // namespace amtszeit::queue
