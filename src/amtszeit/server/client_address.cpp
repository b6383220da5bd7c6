#include "amtszeit/server/client_address.h"

#include <boost/asio/ip/address.hpp>

namespace amtszeit::server {

namespace {

namespace ip = boost::asio::ip;

std::optional<ip::address> ParseAddress(std::string_view text) {
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return ip::address(ip::make_address_v4(ip::v4_mapped, a.to_v6()));
  }
  return a;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& addresses) {
  TrustedProxies out;
  for (const std::string& a : addresses) {
    auto parsed = ParseAddress(a);
    if (!parsed) {
      return Fail(ErrorCode::kInvalidArgument, "trusted proxy '{}' is not an IP address", a);
    }
    out.addresses_.insert(parsed->to_string());
  }
  return out;
}

bool TrustedProxies::Contains(std::string_view address) const {
  if (addresses_.empty()) return false;
  auto parsed = ParseAddress(address);
  return parsed && addresses_.contains(parsed->to_string());
}

std::string ClientKey(std::string_view address) {
  auto a = ParseAddress(address);
  if (!a) return std::string(address);
  if (a->is_v4()) return a->to_string();
  auto bytes = a->to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return ip::address_v6(bytes).to_string() + "/64";
}

Origin ResolveOrigin(std::string_view peer, std::optional<std::string_view> forwarded_for,
                     std::optional<std::string_view> forwarded_proto,
                     const TrustedProxies& proxies) {
  Origin o{.client = ClientKey(peer)};
  if (!proxies.Contains(peer)) return o;
  if (forwarded_for) {
    const auto comma = forwarded_for->rfind(',');
    const std::string_view last =
        Trim(comma == std::string_view::npos ? *forwarded_for : forwarded_for->substr(comma + 1));
    // A hop that is no address is the proxy's mistake; counting it against the proxy is safe.
    if (ParseAddress(last)) o.client = ClientKey(last);
  }
  o.https = forwarded_proto && Trim(*forwarded_proto) == "https";
  return o;
}

}  // namespace amtszeit::server
