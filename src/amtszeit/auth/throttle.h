// Login throttling: after a few failed attempts for one user name or from one client address,
// every further attempt — even with the right password — waits an exponentially growing time.
// The counters live in the store, so every node behind the proxy applies the same back-off and a
// restart forgets nothing: an attacker gains no fresh guesses by spreading them over nodes or by
// waiting for a deployment. That costs one small write per failed guess (successes write only
// when there was something to forget), which is also why failures are throttled in the first
// place.
//
//   LoginThrottle throttle(store, clock);
//   auto wait = throttle.Blocked({"user:k.meyer", "addr:10.0.0.7"});  // Result<optional<...>>
//   if (wait && *wait) answer 429 (**wait)
//   throttle.Failed(keys) / throttle.Succeeded(keys)
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/staff_account.h"
#include "amtszeit/store/store.h"

namespace amtszeit::auth {

struct ThrottleOptions {
  int free_failures = 5;                         // failures before any back-off
  absl::Duration first_wait = absl::Seconds(2);  // doubled with every further failure
  absl::Duration max_wait = absl::Minutes(15);
  absl::Duration forget_after = absl::Hours(1);   // a key quiet this long starts afresh
  absl::Duration prune_every = absl::Minutes(1);  // how often quiet keys are deleted
};

// The back-off rule: the state of a key after one more failure at `now`.
LoginFailure NextFailure(std::optional<LoginFailure> previous, std::string key, absl::Time now,
                         const ThrottleOptions& options);

class LoginThrottle {
 public:
  LoginThrottle(store::Store& store, const Clock& clock, ThrottleOptions options = {})
      : store_(store), clock_(clock), options_(options) {}

  // How long the longest-blocked key still has to wait; nullopt when none is blocked.
  Result<std::optional<absl::Duration>> Blocked(const std::vector<std::string>& keys);
  Result<void> Failed(const std::vector<std::string>& keys);
  Result<void> Succeeded(const std::vector<std::string>& keys);

 private:
  store::Store& store_;
  const Clock& clock_;
  ThrottleOptions options_;
  std::atomic<std::int64_t> last_prune_us_{0};
};

}  // namespace amtszeit::auth
