#include "amtszeit/server/open_holds.h"

#include <algorithm>
#include <iterator>

namespace amtszeit::server {

namespace {

// Expired holds are dropped when their client comes back, and all of them this often, so
// clients that never return do not stay in memory.
constexpr absl::Duration kSweepEvery = absl::Minutes(1);

}  // namespace

OpenHolds::OpenHolds(int max_per_client, const Clock& clock)
    : max_(std::max(0, max_per_client)), clock_(clock) {}

void OpenHolds::DropExpired(Client& c, absl::Time now) {
  std::erase_if(c.holds, [&](const Held& h) {
    if (h.expires_at > now) return false;
    client_of_.erase(h.code);
    return true;
  });
}

void OpenHolds::SweepIfDue(absl::Time now) {
  if (now < next_sweep_) return;
  next_sweep_ = now + kSweepEvery;
  for (auto it = clients_.begin(); it != clients_.end();) {
    DropExpired(it->second, now);
    it = it->second.holds.empty() && it->second.reserved == 0 ? clients_.erase(it) : std::next(it);
  }
}

OpenHolds::Reservation OpenHolds::Reserve(const std::string& client) {
  if (max_ == 0) return {};
  const absl::Time now = clock_.Now();
  std::lock_guard lock(mu_);
  SweepIfDue(now);
  Client& c = clients_[client];
  DropExpired(c, now);
  if (c.reserved + static_cast<int>(c.holds.size()) < max_) {
    ++c.reserved;
    return {};
  }
  // Only reservations in flight and no hold yet: they finish within a request, so soon.
  absl::Duration wait = absl::Seconds(1);
  if (!c.holds.empty()) {
    const auto earliest = std::ranges::min_element(c.holds, {}, &Held::expires_at);
    wait = std::max(wait, earliest->expires_at - now);
  }
  return {.allowed = false, .retry_after = wait};
}

void OpenHolds::Commit(const std::string& client, const std::string& code, absl::Time expires_at) {
  if (max_ == 0) return;
  std::lock_guard lock(mu_);
  Client& c = clients_[client];
  c.reserved = std::max(0, c.reserved - 1);
  if (client_of_.emplace(code, client).second) {
    c.holds.push_back(Held{.code = code, .expires_at = expires_at});
  }
}

void OpenHolds::Abort(const std::string& client) {
  if (max_ == 0) return;
  std::lock_guard lock(mu_);
  auto it = clients_.find(client);
  if (it == clients_.end()) return;
  it->second.reserved = std::max(0, it->second.reserved - 1);
  if (it->second.reserved == 0 && it->second.holds.empty()) clients_.erase(it);
}

void OpenHolds::Release(std::string_view code) {
  if (max_ == 0) return;
  std::lock_guard lock(mu_);
  auto owner = client_of_.find(std::string(code));
  if (owner == client_of_.end()) return;
  auto it = clients_.find(owner->second);
  client_of_.erase(owner);
  if (it == clients_.end()) return;
  std::erase_if(it->second.holds, [&](const Held& h) { return h.code == code; });
  if (it->second.reserved == 0 && it->second.holds.empty()) clients_.erase(it);
}

int OpenHolds::Count(const std::string& client) const {
  if (max_ == 0) return 0;
  const absl::Time now = clock_.Now();
  std::lock_guard lock(mu_);
  auto it = clients_.find(client);
  if (it == clients_.end()) return 0;
  const auto open =
      std::ranges::count_if(it->second.holds, [&](const Held& h) { return h.expires_at > now; });
  return it->second.reserved + static_cast<int>(open);
}

std::size_t OpenHolds::clients() const {
  std::lock_guard lock(mu_);
  return clients_.size();
}

}  // namespace amtszeit::server
