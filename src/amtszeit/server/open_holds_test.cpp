#include "amtszeit/server/open_holds.h"

#include <gtest/gtest.h>

#include "amtszeit/testing/manual_clock.h"

namespace amtszeit::server {
namespace {

using amtszeit::testing::StartClock;

// Reserves and commits a hold expiring `ttl` from now.
bool HoldFor(OpenHolds& open, ManualClock& clock, const std::string& client,
             const std::string& code, absl::Duration ttl = absl::Minutes(10)) {
  if (!open.Reserve(client).allowed) return false;
  open.Commit(client, code, clock.Now() + ttl);
  return true;
}

TEST(OpenHolds, RefusesTheFourthUnconfirmedHoldUntilTheEarliestExpires) {
  ManualClock clock = StartClock();
  OpenHolds open(3, clock);
  EXPECT_TRUE(HoldFor(open, clock, "c", "H1", absl::Minutes(10)));
  clock.Advance(absl::Minutes(1));
  EXPECT_TRUE(HoldFor(open, clock, "c", "H2", absl::Minutes(10)));
  EXPECT_TRUE(HoldFor(open, clock, "c", "H3", absl::Minutes(10)));
  const auto refused = open.Reserve("c");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, absl::Minutes(9)) << "H1 expires first";
  EXPECT_TRUE(HoldFor(open, clock, "other", "H9")) << "another client is not affected";
  clock.Advance(absl::Minutes(9));
  EXPECT_TRUE(HoldFor(open, clock, "c", "H4")) << "H1 has expired";
  EXPECT_FALSE(open.Reserve("c").allowed);
}

TEST(OpenHolds, AConfirmedOrCancelledHoldFreesItsPlace) {
  ManualClock clock = StartClock();
  OpenHolds open(2, clock);
  EXPECT_TRUE(HoldFor(open, clock, "c", "H1"));
  EXPECT_TRUE(HoldFor(open, clock, "c", "H2"));
  EXPECT_FALSE(open.Reserve("c").allowed);
  open.Release("H1");
  EXPECT_TRUE(HoldFor(open, clock, "c", "H3"));
  open.Release("H2");
  open.Release("H3");
  open.Release("unknown");
  EXPECT_EQ(open.clients(), 0u) << "nothing is kept for a client without open holds";
}

TEST(OpenHolds, ConcurrentReservationsCannotOvershoot) {
  ManualClock clock = StartClock();
  OpenHolds open(3, clock);
  // Three requests in flight at once, none answered yet: the fourth must wait.
  EXPECT_TRUE(open.Reserve("c").allowed);
  EXPECT_TRUE(open.Reserve("c").allowed);
  EXPECT_TRUE(open.Reserve("c").allowed);
  const auto refused = open.Reserve("c");
  EXPECT_FALSE(refused.allowed);
  EXPECT_GE(refused.retry_after, absl::Seconds(1));
  open.Abort("c");  // e.g. the slot was taken (409)
  EXPECT_TRUE(open.Reserve("c").allowed);
}

TEST(OpenHolds, AReplayedHoldIsCountedOnce) {
  ManualClock clock = StartClock();
  OpenHolds open(2, clock);
  EXPECT_TRUE(HoldFor(open, clock, "c", "H1"));
  EXPECT_TRUE(open.Reserve("c").allowed);
  open.Commit("c", "H1", clock.Now() + absl::Minutes(10));
  EXPECT_TRUE(open.Reserve("c").allowed) << "H1 counts once, so a second hold fits";
}

TEST(OpenHolds, ExpiredHoldsOfClientsThatNeverReturnAreSweptAway) {
  ManualClock clock = StartClock();
  OpenHolds open(3, clock);
  for (int i = 0; i < 500; ++i) {
    const std::string id = std::to_string(i);
    EXPECT_TRUE(HoldFor(open, clock, "client-" + id, "H" + id));
  }
  EXPECT_EQ(open.clients(), 500u);
  clock.Advance(absl::Minutes(11));
  EXPECT_TRUE(HoldFor(open, clock, "late", "L1"));
  EXPECT_EQ(open.clients(), 1u);
}

TEST(OpenHolds, ZeroMeansNoCap) {
  ManualClock clock = StartClock();
  OpenHolds open(0, clock);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(HoldFor(open, clock, "c", "H" + std::to_string(i)));
  EXPECT_EQ(open.clients(), 0u);
}

TEST(OpenHolds, CountsAClientsUnexpiredHoldsAndReservations) {
  ManualClock clock = StartClock();
  OpenHolds open(3, clock);
  EXPECT_EQ(open.Count("c"), 0);
  EXPECT_TRUE(HoldFor(open, clock, "c", "H1", absl::Minutes(2)));
  EXPECT_TRUE(HoldFor(open, clock, "c", "H2", absl::Minutes(10)));
  EXPECT_TRUE(open.Reserve("c").allowed);
  EXPECT_EQ(open.Count("c"), 3);
  open.Abort("c");
  clock.Advance(absl::Minutes(2));
  EXPECT_EQ(open.Count("c"), 1) << "H1 has expired";
  open.Release("H2");
  EXPECT_EQ(open.Count("c"), 0);
  EXPECT_EQ(OpenHolds(0, clock).Count("c"), 0);
}

}  // namespace
}  // namespace amtszeit::server
