// Who a request comes from, for per-client limits, and whether it reached the site over TLS.
//
// The client is the peer address of the connection. Behind a reverse proxy every peer is the
// proxy, so for peers configured as trusted proxies the last X-Forwarded-For hop (the address
// the proxy itself saw) is taken instead; earlier hops are whatever the client wrote and are
// never believed. IPv6 clients are keyed by their /64, the block one subscriber gets, so that
// rotating addresses within it does not buy new limits.
//
//   auto proxies = TrustedProxies::Parse({"127.0.0.1"});
//   Origin o = ResolveOrigin("127.0.0.1", "198.51.100.7", "https", *proxies);
//   // o.client == "198.51.100.7", o.https == true
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "amtszeit/domain/error.h"

namespace amtszeit::server {

class TrustedProxies {
 public:
  // Each entry an IPv4 or IPv6 address; anything else is refused.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& addresses);
  bool Contains(std::string_view address) const;
  bool empty() const { return addresses_.empty(); }

 private:
  std::set<std::string, std::less<>> addresses_;  // canonical text
};

struct Origin {
  std::string client;  // the key limits count against
  bool https = false;  // a trusted proxy says the request arrived over TLS
};

Origin ResolveOrigin(std::string_view peer, std::optional<std::string_view> forwarded_for,
                     std::optional<std::string_view> forwarded_proto,
                     const TrustedProxies& proxies);

// The limit key of an address: IPv4 (also IPv4-mapped IPv6) as is, IPv6 as its /64 prefix.
// Text that is no address is returned unchanged.
std::string ClientKey(std::string_view address);

}  // namespace amtszeit::server
