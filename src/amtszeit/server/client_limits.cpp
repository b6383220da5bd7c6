#include "amtszeit/server/client_limits.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cmath>

namespace amtszeit::server {

ClientLimits::ClientLimits(const ClientLimitOptions& options, const Clock& clock)
    : search_(options.search, clock, options.max_clients),
      holds_(options.holds, clock, options.max_clients),
      open_holds_(options.max_open_holds, clock) {}

std::optional<Response> ClientLimits::Search(const std::string& client) {
  const Admission a = search_.Take(client);
  if (a.allowed) return std::nullopt;
  const int wait = RetryAfterSeconds(a.retry_after);
  return TooManyRequests(
      fmt::format("too many searches from your address; try again in {} s", wait), wait);
}

std::optional<Response> ClientLimits::Hold(const std::string& client) {
  const Admission a = holds_.Take(client);
  if (a.allowed) return std::nullopt;
  const int wait = RetryAfterSeconds(a.retry_after);
  return TooManyRequests(
      fmt::format("too many reservations from your address; try again in {} s", wait), wait);
}

std::optional<Response> ClientLimits::ReserveHold(const std::string& client) {
  const OpenHolds::Reservation r = open_holds_.Reserve(client);
  if (r.allowed) return std::nullopt;
  const int wait = RetryAfterSeconds(r.retry_after);
  return TooManyRequests(
      fmt::format("you already hold {} unconfirmed slots; confirm one of them or wait until one "
                  "expires (in {} s)",
                  open_holds_.max_per_client(), wait),
      wait);
}

int ClientLimits::HoldPressure(const std::string& client) const {
  return open_holds_.Count(client) + static_cast<int>(std::lround(holds_.Used(client)));
}

Response TooManyRequests(std::string_view detail, int retry_after_seconds) {
  Response r = Problem(429, detail, {{"retry_after", retry_after_seconds}});
  r.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return r;
}

}  // namespace amtszeit::server
