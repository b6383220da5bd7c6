// Login throttling: after a few failed attempts for one user name or from one client address,
// every further attempt — even with the right password — waits an exponentially growing time.
// In memory, per server process: a restart forgets, which costs an attacker nothing they could
// not get by waiting, and keeps the database free of a write per failed guess.
//
//   LoginThrottle throttle(clock);
//   if (auto wait = throttle.Blocked({"user:k.meyer", "addr:10.0.0.7"})) answer 429 (*wait)
//   throttle.Failed(keys) / throttle.Succeeded(keys)
#pragma once

#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/clock.h"

namespace amtszeit::auth {

struct ThrottleOptions {
  int free_failures = 5;                         // failures before any back-off
  absl::Duration first_wait = absl::Seconds(2);  // doubled with every further failure
  absl::Duration max_wait = absl::Minutes(15);
  absl::Duration forget_after = absl::Hours(1);  // a key quiet this long starts afresh
  std::size_t max_keys = 100000;                 // memory bound; the oldest keys go first
};

class LoginThrottle {
 public:
  explicit LoginThrottle(const Clock& clock, ThrottleOptions options = {})
      : clock_(clock), options_(options) {}

  // How long the longest-blocked key still has to wait; nullopt when none is blocked.
  std::optional<absl::Duration> Blocked(const std::vector<std::string>& keys);
  void Failed(const std::vector<std::string>& keys);
  void Succeeded(const std::vector<std::string>& keys);

 private:
  struct Entry {
    int failures = 0;
    absl::Time last_failure;
    absl::Time blocked_until;
  };
  void Prune(absl::Time now);  // REQUIRES: mu_ held

  const Clock& clock_;
  ThrottleOptions options_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
};

}  // namespace amtszeit::auth
