#include "amtszeit/server/rate_limit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "amtszeit/testing/manual_clock.h"

namespace amtszeit::server {
namespace {

using amtszeit::testing::StartClock;

TEST(RateLimiter, AllowsTheBurstThenRefusesWithTheWaitForTheNextToken) {
  ManualClock clock = StartClock();
  RateLimiter limiter({.burst = 3, .per_second = 0.5}, clock);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take("198.51.100.7").allowed) << i;
  const Admission refused = limiter.Take("198.51.100.7");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, absl::Seconds(2)) << "one token per 2 s";
  EXPECT_EQ(RetryAfterSeconds(refused.retry_after), 2);
}

TEST(RateLimiter, UsedCountsTheTokensNotYetRefilledWithoutTakingOne) {
  ManualClock clock = StartClock();
  RateLimiter limiter({.burst = 5, .per_second = 0.5}, clock);
  EXPECT_EQ(limiter.Used("a"), 0) << "a newcomer";
  for (int i = 0; i < 3; ++i) limiter.Take("a");
  EXPECT_DOUBLE_EQ(limiter.Used("a"), 3);
  EXPECT_DOUBLE_EQ(limiter.Used("a"), 3) << "looking takes nothing";
  clock.Advance(absl::Seconds(4));
  EXPECT_DOUBLE_EQ(limiter.Used("a"), 1);
  clock.Advance(absl::Minutes(1));
  EXPECT_EQ(limiter.Used("a"), 0);
  RateLimiter off({}, clock);
  off.Take("a");
  EXPECT_EQ(off.Used("a"), 0);
}

TEST(RateLimiter, RefillsAtTheRateUpToTheBurst) {
  ManualClock clock = StartClock();
  RateLimiter limiter({.burst = 2, .per_second = 1}, clock);
  EXPECT_TRUE(limiter.Take("a").allowed);
  EXPECT_TRUE(limiter.Take("a").allowed);
  EXPECT_FALSE(limiter.Take("a").allowed);
  clock.Advance(absl::Milliseconds(400));
  const Admission early = limiter.Take("a");
  EXPECT_FALSE(early.allowed);
  EXPECT_EQ(early.retry_after, absl::Milliseconds(600));
  EXPECT_EQ(RetryAfterSeconds(early.retry_after), 1) << "rounded up";
  clock.Advance(absl::Milliseconds(600));
  EXPECT_TRUE(limiter.Take("a").allowed);
  EXPECT_FALSE(limiter.Take("a").allowed);
  clock.Advance(absl::Hours(1));
  EXPECT_TRUE(limiter.Take("a").allowed);
  EXPECT_TRUE(limiter.Take("a").allowed);
  EXPECT_FALSE(limiter.Take("a").allowed) << "a long pause refills no more than the burst";
}

TEST(RateLimiter, RefusalsDoNotPostponeTheNextToken) {
  ManualClock clock = StartClock();
  RateLimiter limiter({.burst = 1, .per_second = 0.1}, clock);
  EXPECT_TRUE(limiter.Take("a").allowed);
  for (int i = 0; i < 50; ++i) EXPECT_FALSE(limiter.Take("a").allowed);
  clock.Advance(absl::Seconds(10));
  EXPECT_TRUE(limiter.Take("a").allowed);
}

TEST(RateLimiter, RetryAfterIsWholeSecondsAndAtLeastOne) {
  EXPECT_EQ(RetryAfterSeconds(absl::Milliseconds(1)), 1);
  EXPECT_EQ(RetryAfterSeconds(absl::ZeroDuration()), 1);
  EXPECT_EQ(RetryAfterSeconds(absl::Milliseconds(1001)), 2);
  EXPECT_EQ(RetryAfterSeconds(absl::Seconds(15)), 15);
}

TEST(RateLimiter, KeysHaveTheirOwnBuckets) {
  ManualClock clock = StartClock();
  RateLimiter limiter({.burst = 1, .per_second = 1}, clock);
  EXPECT_TRUE(limiter.Take("203.0.113.1").allowed);
  EXPECT_FALSE(limiter.Take("203.0.113.1").allowed);
  EXPECT_TRUE(limiter.Take("203.0.113.2").allowed) << "another client is not slowed down";
}

TEST(RateLimiter, DisabledLimitAllowsEverythingAndKeepsNothing) {
  ManualClock clock = StartClock();
  RateLimiter limiter({.burst = 0, .per_second = 5}, clock);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.Take("a").allowed);
  EXPECT_EQ(limiter.size(), 0u);
}

TEST(RateLimiter, ForgetsBucketsThatHaveRefilled) {
  ManualClock clock = StartClock();
  RateLimiter limiter({.burst = 4, .per_second = 2}, clock);  // empty to full in 2 s
  for (int i = 0; i < 100; ++i) limiter.Take("10.0.0." + std::to_string(i));
  EXPECT_EQ(limiter.size(), 100u);
  clock.Advance(absl::Seconds(3));
  // Each call drops the idle buckets of the shard it touches; so many new clients touch all.
  for (int i = 0; i < 1000; ++i) limiter.Take("fresh-" + std::to_string(i));
  EXPECT_EQ(limiter.size(), 1000u) << "the 100 idle clients are gone";
  // A forgotten client starts with a full bucket: exactly what it would have had.
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(limiter.Take("10.0.0.1").allowed);
  EXPECT_FALSE(limiter.Take("10.0.0.1").allowed);
}

TEST(RateLimiter, AFloodFromManyAddressesStaysWithinTheBound) {
  ManualClock clock = StartClock();
  RateLimiter limiter({.burst = 20, .per_second = 2}, clock, /*max_keys=*/1600);
  for (int i = 0; i < 100'000; ++i) {
    limiter.Take("2001:db8::" + std::to_string(i));
    if (i % 1000 == 0) clock.Advance(absl::Milliseconds(1));
  }
  EXPECT_LE(limiter.size(), 1600u);
  EXPECT_GE(limiter.size(), 1000u) << "recent clients are kept";
}

TEST(RateLimiter, ManyThreadsNeverGetMoreThanTheBurst) {
  ManualClock clock = StartClock();
  RateLimiter limiter({.burst = 50, .per_second = 0.001}, clock);
  std::atomic<int> allowed = 0;
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        if (limiter.Take("bot").allowed) ++allowed;
        limiter.Take("other-" + std::to_string(t * 1000 + i));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), 50);
}

}  // namespace
}  // namespace amtszeit::server
