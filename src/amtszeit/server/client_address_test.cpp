#include "amtszeit/server/client_address.h"

#include <gtest/gtest.h>

namespace amtszeit::server {
namespace {

TEST(ClientAddress, WithoutATrustedProxyThePeerIsTheClientWhateverTheHeadersSay) {
  const TrustedProxies none;
  const Origin o = ResolveOrigin("192.0.2.10", "198.51.100.7", "https", none);
  EXPECT_EQ(o.client, "192.0.2.10");
  EXPECT_FALSE(o.https);
}

TEST(ClientAddress, BehindATrustedProxyTheLastForwardedHopIsTheClient) {
  auto proxies = TrustedProxies::Parse({"127.0.0.1", "::1"});
  ASSERT_TRUE(proxies);
  // The first hops are whatever the client wrote; only the proxy's own hop is believed.
  Origin o = ResolveOrigin("127.0.0.1", "10.9.9.9, 1.2.3.4 ,198.51.100.7", std::nullopt, *proxies);
  EXPECT_EQ(o.client, "198.51.100.7");
  EXPECT_FALSE(o.https);
  o = ResolveOrigin("::1", "203.0.113.5", "https", *proxies);
  EXPECT_EQ(o.client, "203.0.113.5");
  EXPECT_TRUE(o.https);
  o = ResolveOrigin("127.0.0.1", std::nullopt, "http", *proxies);
  EXPECT_EQ(o.client, "127.0.0.1");
  EXPECT_FALSE(o.https);
}

TEST(ClientAddress, AHopThatIsNoAddressCountsAgainstTheProxy) {
  auto proxies = TrustedProxies::Parse({"127.0.0.1"});
  ASSERT_TRUE(proxies);
  EXPECT_EQ(ResolveOrigin("127.0.0.1", "unknown", std::nullopt, *proxies).client, "127.0.0.1");
  EXPECT_EQ(ResolveOrigin("127.0.0.1", "", std::nullopt, *proxies).client, "127.0.0.1");
}

TEST(ClientAddress, IPv6ClientsAreKeyedByTheirSlash64) {
  EXPECT_EQ(ClientKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientKey("2001:db8:1:2:bbbb::7"), ClientKey("2001:db8:1:2:aaaa::1"));
  EXPECT_NE(ClientKey("2001:db8:1:3::1"), ClientKey("2001:db8:1:2::1"));
  EXPECT_EQ(ClientKey("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(ClientKey("192.0.2.1"), "192.0.2.1");
}

TEST(ClientAddress, AMappedPeerMatchesItsTrustedIPv4Address) {
  auto proxies = TrustedProxies::Parse({"127.0.0.1"});
  ASSERT_TRUE(proxies);
  EXPECT_TRUE(proxies->Contains("::ffff:127.0.0.1"));
  EXPECT_FALSE(proxies->Contains("127.0.0.2"));
}

TEST(ClientAddress, TrustedProxiesMustBeAddresses) {
  EXPECT_FALSE(TrustedProxies::Parse({"proxy.example.org"}));
  EXPECT_FALSE(TrustedProxies::Parse({"10.0.0.0/8"}));
  EXPECT_TRUE(TrustedProxies::Parse({}));
}

}  // namespace
}  // namespace amtszeit::server
