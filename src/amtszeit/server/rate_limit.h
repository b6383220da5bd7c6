// Per-client rate limits: one token bucket per client key (its address), so a citizen may burst
// a few requests and then continue at a steady rate while a bot that hammers the API is refused
// with the time until its next request would be allowed.
//
// Memory is bounded: buckets live in shards, each an LRU list; a bucket that has refilled
// completely carries no information and is dropped, and a shard that is full forgets its least
// recently seen client (who then starts with a full bucket again, as any new address would).
//
//   RateLimiter search({.burst = 20, .per_second = 2}, clock);
//   if (auto d = search.Take(client); !d.allowed) return TooMany(RetryAfterSeconds(d.retry_after));
#pragma once

#include <array>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/time/time.h"
#include "amtszeit/domain/clock.h"

namespace amtszeit::server {

struct RateLimit {
  double burst = 0;       // requests a client may make at once; 0 = no limit
  double per_second = 0;  // the steady rate after the burst; 0 = no limit

  bool enabled() const { return burst >= 1 && per_second > 0; }
};

struct Admission {
  bool allowed = true;
  absl::Duration retry_after;  // when refused: until the next token
};

// Whole seconds for a Retry-After header: rounded up, at least 1 (0 would invite a retry loop).
int RetryAfterSeconds(absl::Duration wait);

// Thread-safe; a call locks one shard briefly.
class RateLimiter {
 public:
  // `max_keys` bounds the buckets kept over all shards.
  RateLimiter(RateLimit limit, const Clock& clock, std::size_t max_keys = 100'000);

  // Takes one token from `key`'s bucket. Always allowed when the limit is disabled.
  Admission Take(std::string_view key);

  // Tokens `key` has used and not yet got back (0 to burst); takes none.
  double Used(std::string_view key) const;

  // Buckets currently kept (for tests and metrics).
  std::size_t size() const;
  const RateLimit& limit() const { return limit_; }

 private:
  static constexpr std::size_t kShards = 16;
  struct Bucket {
    std::string key;
    double tokens = 0;
    absl::Time updated;
  };
  struct Shard {
    mutable std::mutex mu;
    std::list<Bucket> lru;  // most recently used first
    std::unordered_map<std::string_view, std::list<Bucket>::iterator> index;  // keys from `lru`
  };

  // REQUIRES: shard.mu held.
  void Evict(Shard& shard, absl::Time now);

  const RateLimit limit_;
  const Clock& clock_;
  const std::size_t per_shard_;
  const absl::Duration refill_time_;  // from empty to full: an older bucket is full
  std::array<Shard, kShards> shards_;
};

}  // namespace amtszeit::server
