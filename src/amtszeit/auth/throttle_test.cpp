#include "amtszeit/auth/throttle.h"

#include <gtest/gtest.h>

#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::auth {
namespace {

class LoginThrottleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenStore(dir_.File("t.db"));
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
  }
  std::optional<absl::Duration> Blocked(LoginThrottle& t, const std::vector<std::string>& keys) {
    auto wait = t.Blocked(keys);
    EXPECT_TRUE(wait) << wait.error().message;
    return wait ? *wait : std::nullopt;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  ManualClock clock{absl::FromUnixSeconds(1'800'000'000)};
};

TEST_F(LoginThrottleTest, BacksOffExponentiallyAfterTheFreeFailures) {
  LoginThrottle throttle(
      *store_, clock,
      {.free_failures = 3, .first_wait = absl::Seconds(2), .max_wait = absl::Seconds(30)});
  const std::vector<std::string> keys = {"user:a", "addr:1"};
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(Blocked(throttle, keys));
    ASSERT_TRUE(throttle.Failed(keys));
  }
  EXPECT_FALSE(Blocked(throttle, keys)) << "three failures are free";
  ASSERT_TRUE(throttle.Failed(keys));  // 4th: 2 s
  EXPECT_EQ(Blocked(throttle, keys), absl::Seconds(2));
  clock.Advance(absl::Seconds(2));
  EXPECT_FALSE(Blocked(throttle, keys));
  ASSERT_TRUE(throttle.Failed(keys));  // 5th: 4 s
  EXPECT_EQ(Blocked(throttle, keys), absl::Seconds(4));
  clock.Advance(absl::Seconds(4));
  ASSERT_TRUE(throttle.Failed(keys));  // 6th: 8 s
  EXPECT_EQ(Blocked(throttle, keys), absl::Seconds(8));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(throttle.Failed(keys));
  EXPECT_EQ(Blocked(throttle, keys), absl::Seconds(30)) << "capped";
}

TEST_F(LoginThrottleTest, KeysAreIndependentAndSuccessForgets) {
  LoginThrottle throttle(*store_, clock, {.free_failures = 1});
  ASSERT_TRUE(throttle.Failed({"user:a", "addr:1"}));
  ASSERT_TRUE(throttle.Failed({"user:a", "addr:2"}));
  EXPECT_TRUE(Blocked(throttle, {"user:a"})) << "the name failed twice";
  EXPECT_FALSE(Blocked(throttle, {"user:b", "addr:1"})) << "each address failed once";
  EXPECT_TRUE(Blocked(throttle, {"user:b", "addr:1", "user:a"}));
  ASSERT_TRUE(throttle.Succeeded({"user:a"}));
  EXPECT_FALSE(Blocked(throttle, {"user:a"}));
}

TEST_F(LoginThrottleTest, QuietKeysStartAfresh) {
  LoginThrottle throttle(*store_, clock, {.free_failures = 1, .forget_after = absl::Minutes(10)});
  ASSERT_TRUE(throttle.Failed({"user:a"}));
  clock.Advance(absl::Minutes(11));
  ASSERT_TRUE(throttle.Failed({"user:a"}));
  EXPECT_FALSE(Blocked(throttle, {"user:a"}));
}

// Two throttles on one database: two nodes, or one node before and after a restart.
TEST_F(LoginThrottleTest, CountsAreSharedThroughTheStore) {
  const ThrottleOptions options{.free_failures = 2, .first_wait = absl::Seconds(5)};
  {
    LoginThrottle before_restart(*store_, clock, options);
    ASSERT_TRUE(before_restart.Failed({"user:a"}));
    ASSERT_TRUE(before_restart.Failed({"user:a"}));
  }
  LoginThrottle node_a(*store_, clock, options);
  LoginThrottle node_b(*store_, clock, options);
  EXPECT_FALSE(Blocked(node_a, {"user:a"}));
  ASSERT_TRUE(node_b.Failed({"user:a"}));  // the third failure, counted on another node
  EXPECT_EQ(Blocked(node_a, {"user:a"}), absl::Seconds(5));
  ASSERT_TRUE(node_a.Succeeded({"user:a"}));
  EXPECT_FALSE(Blocked(node_b, {"user:a"}));
}

TEST_F(LoginThrottleTest, QuietKeysAreDeleted) {
  LoginThrottle throttle(*store_, clock, {.forget_after = absl::Minutes(10)});
  ASSERT_TRUE(throttle.Failed({"user:old"}));
  clock.Advance(absl::Minutes(11));
  ASSERT_TRUE(throttle.Failed({"user:new"}));
  EXPECT_FALSE(*store_->ReadLoginFailure("user:old"));
  EXPECT_TRUE(*store_->ReadLoginFailure("user:new"));
}

}  // namespace
}  // namespace amtszeit::auth
