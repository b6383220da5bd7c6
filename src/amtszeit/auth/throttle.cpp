#include "amtszeit/auth/throttle.h"

#include <algorithm>

namespace amtszeit::auth {

std::optional<absl::Duration> LoginThrottle::Blocked(const std::vector<std::string>& keys) {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  std::optional<absl::Duration> longest;
  for (const auto& key : keys) {
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.blocked_until <= now) continue;
    const absl::Duration wait = it->second.blocked_until - now;
    if (!longest || wait > *longest) longest = wait;
  }
  return longest;
}

void LoginThrottle::Failed(const std::vector<std::string>& keys) {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  if (entries_.size() >= options_.max_keys) Prune(now);
  for (const auto& key : keys) {
    Entry& e = entries_[key];
    if (e.failures > 0 && now - e.last_failure > options_.forget_after) e = Entry{};
    ++e.failures;
    e.last_failure = now;
    const int over = e.failures - options_.free_failures;
    if (over <= 0) continue;
    absl::Duration wait = options_.first_wait;
    for (int i = 1; i < over && wait < options_.max_wait; ++i) wait *= 2;
    e.blocked_until = now + std::min(wait, options_.max_wait);
  }
}

void LoginThrottle::Succeeded(const std::vector<std::string>& keys) {
  std::lock_guard lock(mu_);
  for (const auto& key : keys) entries_.erase(key);
}

void LoginThrottle::Prune(absl::Time now) {
  std::erase_if(entries_, [&](const auto& kv) {
    return now - kv.second.last_failure > options_.forget_after && kv.second.blocked_until <= now;
  });
  // Still full (a flood of distinct keys): drop the oldest half rather than grow without bound.
  if (entries_.size() >= options_.max_keys) {
    std::vector<std::pair<absl::Time, std::string>> by_age;
    for (const auto& [k, e] : entries_) by_age.emplace_back(e.last_failure, k);
    std::ranges::sort(by_age);
    for (std::size_t i = 0; i < by_age.size() / 2; ++i) entries_.erase(by_age[i].second);
  }
}

}  // namespace amtszeit::auth
