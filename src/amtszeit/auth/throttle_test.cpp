#include "amtszeit/auth/throttle.h"

#include <gtest/gtest.h>

namespace amtszeit::auth {
namespace {

TEST(LoginThrottle, BacksOffExponentiallyAfterTheFreeFailures) {
  ManualClock clock(absl::FromUnixSeconds(1'800'000'000));
  LoginThrottle throttle(
      clock, {.free_failures = 3, .first_wait = absl::Seconds(2), .max_wait = absl::Seconds(30)});
  const std::vector<std::string> keys = {"user:a", "addr:1"};
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(throttle.Blocked(keys));
    throttle.Failed(keys);
  }
  EXPECT_FALSE(throttle.Blocked(keys)) << "three failures are free";
  throttle.Failed(keys);  // 4th: 2 s
  EXPECT_EQ(throttle.Blocked(keys), absl::Seconds(2));
  clock.Advance(absl::Seconds(2));
  EXPECT_FALSE(throttle.Blocked(keys));
  throttle.Failed(keys);  // 5th: 4 s
  EXPECT_EQ(throttle.Blocked(keys), absl::Seconds(4));
  clock.Advance(absl::Seconds(4));
  throttle.Failed(keys);  // 6th: 8 s
  EXPECT_EQ(throttle.Blocked(keys), absl::Seconds(8));
  for (int i = 0; i < 10; ++i) throttle.Failed(keys);
  EXPECT_EQ(throttle.Blocked(keys), absl::Seconds(30)) << "capped";
}

TEST(LoginThrottle, KeysAreIndependentAndSuccessForgets) {
  ManualClock clock(absl::FromUnixSeconds(1'800'000'000));
  LoginThrottle throttle(clock, {.free_failures = 1});
  throttle.Failed({"user:a", "addr:1"});
  throttle.Failed({"user:a", "addr:2"});
  EXPECT_TRUE(throttle.Blocked({"user:a"})) << "the name failed twice";
  EXPECT_FALSE(throttle.Blocked({"user:b", "addr:1"})) << "each address failed once";
  EXPECT_TRUE(throttle.Blocked({"user:b", "addr:1", "user:a"}));
  throttle.Succeeded({"user:a"});
  EXPECT_FALSE(throttle.Blocked({"user:a"}));
}

TEST(LoginThrottle, QuietKeysStartAfresh) {
  ManualClock clock(absl::FromUnixSeconds(1'800'000'000));
  LoginThrottle throttle(clock, {.free_failures = 1, .forget_after = absl::Minutes(10)});
  throttle.Failed({"user:a"});
  clock.Advance(absl::Minutes(11));
  throttle.Failed({"user:a"});
  EXPECT_FALSE(throttle.Blocked({"user:a"}));
}

}  // namespace
}  // namespace amtszeit::auth
