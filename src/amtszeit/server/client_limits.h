// The limits one client (an address; see client_address.h) meets as a citizen: how fast it may
// search, how fast it may hold slots and how many unconfirmed holds it may have at once. The
// defaults let a person click through the booking pages freely and stop a script that sweeps
// the calendar or hoards slots. The call centre's key is exempt: it serves many callers.
//
//   ClientLimits limits({}, clock);
//   if (auto refused = limits.Search(request.client)) return *refused;   // 429 + Retry-After
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "amtszeit/domain/clock.h"
#include "amtszeit/server/http.h"
#include "amtszeit/server/open_holds.h"
#include "amtszeit/server/rate_limit.h"

namespace amtszeit::server {

struct ClientLimitOptions {
  // Slot search and a centre's calendar: a page load is one or two requests.
  RateLimit search{.burst = 20, .per_second = 2};
  // A person holds one slot, maybe a second when the first was taken meanwhile.
  RateLimit holds{.burst = 5, .per_second = 4.0 / 60};
  int max_open_holds = 3;             // unconfirmed holds per client at once; 0 = no cap
  std::size_t max_clients = 100'000;  // buckets kept per limit; the least recent are forgotten
};

class ClientLimits {
 public:
  ClientLimits(const ClientLimitOptions& options, const Clock& clock);

  // A 429 problem with Retry-After when `client` searches or holds too fast.
  std::optional<Response> Search(const std::string& client);
  std::optional<Response> Hold(const std::string& client);
  // Reserves a place among the client's open holds (then Commit or Abort it on open_holds());
  // a 429 when it has max_open_holds unconfirmed ones already.
  std::optional<Response> ReserveHold(const std::string& client);

  // How much the client holds lately: its open holds plus the holds its rate limit has not yet
  // forgiven. 0 for a newcomer; the proof of work on holds grows harder with it.
  int HoldPressure(const std::string& client) const;

  OpenHolds& open_holds() { return open_holds_; }

 private:
  RateLimiter search_;
  RateLimiter holds_;
  OpenHolds open_holds_;
};

// 429 Too Many Requests with `detail`, Retry-After and the same figure as `retry_after` in the
// body.
Response TooManyRequests(std::string_view detail, int retry_after_seconds);

}  // namespace amtszeit::server
