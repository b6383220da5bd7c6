#include "amtszeit/server/rate_limit.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace amtszeit::server {

int RetryAfterSeconds(absl::Duration wait) {
  const double seconds = std::ceil(absl::ToDoubleSeconds(wait));
  return std::max(1, static_cast<int>(std::min(seconds, 86400.0)));
}

RateLimiter::RateLimiter(RateLimit limit, const Clock& clock, std::size_t max_keys)
    : limit_(limit),
      clock_(clock),
      per_shard_(std::max<std::size_t>(1, max_keys / kShards)),
      refill_time_(limit.enabled() ? absl::Seconds(limit.burst / limit.per_second)
                                   : absl::ZeroDuration()) {}

Admission RateLimiter::Take(std::string_view key) {
  if (!limit_.enabled()) return {};
  const absl::Time now = clock_.Now();
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mu);
  auto found = shard.index.find(key);
  if (found == shard.index.end()) {
    shard.lru.push_front(Bucket{.key = std::string(key), .tokens = limit_.burst, .updated = now});
    shard.index.emplace(shard.lru.front().key, shard.lru.begin());
  } else {
    shard.lru.splice(shard.lru.begin(), shard.lru, found->second);
  }
  Bucket& b = shard.lru.front();
  // A clock stepped back refills nothing rather than draining the bucket.
  const double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - b.updated));
  b.tokens = std::min(limit_.burst, b.tokens + elapsed * limit_.per_second);
  b.updated = now;
  Admission a;
  if (b.tokens >= 1) {
    b.tokens -= 1;
  } else {
    a.allowed = false;
    a.retry_after = absl::Seconds((1 - b.tokens) / limit_.per_second);
  }
  Evict(shard, now);
  return a;
}

double RateLimiter::Used(std::string_view key) const {
  if (!limit_.enabled()) return 0;
  const absl::Time now = clock_.Now();
  const Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mu);
  auto found = shard.index.find(key);
  if (found == shard.index.end()) return 0;
  const Bucket& b = *found->second;
  const double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - b.updated));
  return std::max(0.0,
                  limit_.burst - std::min(limit_.burst, b.tokens + elapsed * limit_.per_second));
}

void RateLimiter::Evict(Shard& shard, absl::Time now) {
  // The list is ordered by last use, so once the oldest bucket is not yet full, none is.
  while (shard.lru.size() > 1) {
    const Bucket& oldest = shard.lru.back();
    if (shard.lru.size() <= per_shard_ && now - oldest.updated < refill_time_) break;
    shard.index.erase(oldest.key);
    shard.lru.pop_back();
  }
}

std::size_t RateLimiter::size() const {
  std::size_t n = 0;
  for (const Shard& s : shards_) {
    std::lock_guard lock(s.mu);
    n += s.lru.size();
  }
  return n;
}

}  // namespace amtszeit::server
