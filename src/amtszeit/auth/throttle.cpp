#include "amtszeit/auth/throttle.h"

#include <algorithm>

namespace amtszeit::auth {

LoginFailure NextFailure(std::optional<LoginFailure> previous, std::string key, absl::Time now,
                         const ThrottleOptions& options) {
  LoginFailure f = previous.value_or(LoginFailure{});
  if (f.failures > 0 && now - f.last_failure > options.forget_after) f = LoginFailure{};
  f.key = std::move(key);
  ++f.failures;
  f.last_failure = now;
  const int over = f.failures - options.free_failures;
  if (over > 0) {
    absl::Duration wait = options.first_wait;
    for (int i = 1; i < over && wait < options.max_wait; ++i) wait *= 2;
    f.blocked_until = now + std::min(wait, options.max_wait);
  }
  return f;
}

Result<std::optional<absl::Duration>> LoginThrottle::Blocked(const std::vector<std::string>& keys) {
  const absl::Time now = clock_.Now();
  std::optional<absl::Duration> longest;
  for (const auto& key : keys) {
    auto f = store_.ReadLoginFailure(key);
    if (!f) return std::unexpected(f.error());
    if (!*f || (*f)->blocked_until <= now) continue;
    const absl::Duration wait = (*f)->blocked_until - now;
    if (!longest || wait > *longest) longest = wait;
  }
  return longest;
}

Result<void> LoginThrottle::Failed(const std::vector<std::string>& keys) {
  const absl::Time now = clock_.Now();
  // Quiet keys are deleted now and then, so a flood of made-up names does not grow the table
  // without bound; the other nodes do the same, which is harmless.
  const std::int64_t now_us = absl::ToUnixMicros(now);
  std::int64_t last = last_prune_us_.load();
  const bool prune = now_us - last >= absl::ToInt64Microseconds(options_.prune_every) &&
                     last_prune_us_.compare_exchange_strong(last, now_us);
  // Read and written in one transaction, so two nodes counting the same key lose no failure.
  return store_.Write([&](store::WriteTx& tx) -> Result<void> {
    if (prune) {
      if (auto ok = tx.DeleteLoginFailuresBefore(now - options_.forget_after); !ok) return ok;
    }
    for (const auto& key : keys) {
      auto previous = tx.FindLoginFailure(key);
      if (!previous) return std::unexpected(previous.error());
      if (auto ok = tx.PutLoginFailure(NextFailure(*previous, key, now, options_)); !ok) {
        return ok;
      }
    }
    return {};
  });
}

Result<void> LoginThrottle::Succeeded(const std::vector<std::string>& keys) {
  bool any = false;
  for (const auto& key : keys) {
    auto f = store_.ReadLoginFailure(key);
    if (!f) return std::unexpected(f.error());
    any = any || f->has_value();
  }
  if (!any) return {};  // the usual sign-in: nothing to forget, no write
  return store_.Write([&](store::WriteTx& tx) -> Result<void> {
    for (const auto& key : keys) {
      if (auto ok = tx.DeleteLoginFailure(key); !ok) return ok;
    }
    return {};
  });
}

}  // namespace amtszeit::auth
