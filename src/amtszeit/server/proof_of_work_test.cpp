#include "amtszeit/server/proof_of_work.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "amtszeit/testing/manual_clock.h"

namespace amtszeit::server {
namespace {

using amtszeit::testing::StartClock;

ProofOfWork::Key TestKey(unsigned char fill) {
  ProofOfWork::Key key;
  key.fill(fill);
  return key;
}

std::string Solved(const Challenge& c) {
  auto n = SolveChallenge(c.token, c.bits);
  EXPECT_TRUE(n.has_value());
  return c.token + "." + std::to_string(n.value_or(0));
}

// The reason of a refusal, or "ok".
std::string Check(ProofOfWork& pow, const std::string& proof, const std::string& client,
                  int min_bits = 0) {
  auto r = pow.Verify(proof, client, min_bits);
  if (r) return "ok";
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden) << r.error().message;
  return r.error().message;
}

TEST(ProofOfWork, LeadingZeroBitsOfSha256) {
  // SHA-256("") = e3b0c442...: the first byte 0xe3 has no leading zero bit.
  EXPECT_EQ(LeadingZeroBits(""), 0);
  // A solution found for 12 bits has at least 12, and the search takes the first one.
  auto n = SolveChallenge("abc", 12);
  ASSERT_TRUE(n);
  EXPECT_GE(LeadingZeroBits("abc." + std::to_string(*n)), 12);
  for (std::uint64_t i = 0; i < *n; ++i) {
    ASSERT_LT(LeadingZeroBits("abc." + std::to_string(i)), 12) << i;
  }
  EXPECT_FALSE(SolveChallenge("abc", 40, 1000).has_value());
}

TEST(ProofOfWork, ASolvedChallengeIsAcceptedOnceForItsClient) {
  ManualClock clock = StartClock();
  ProofOfWork pow({.base_bits = 8}, clock, TestKey(1));
  const Challenge c = pow.Issue("198.51.100.7", pow.Bits(0));
  EXPECT_EQ(c.bits, 8);
  EXPECT_EQ(c.token.find('.'), std::string::npos);
  EXPECT_EQ(c.expires_at, clock.Now() + absl::Minutes(5));
  const std::string proof = Solved(c);
  EXPECT_NE(Check(pow, proof, "203.0.113.9"), "ok") << "bound to the address it was issued to";
  EXPECT_EQ(Check(pow, proof, "198.51.100.7"), "ok");
  EXPECT_EQ(pow.spent(), 1u);
  EXPECT_NE(Check(pow, proof, "198.51.100.7").find("used already"), std::string::npos);
}

TEST(ProofOfWork, WrongMalformedForgedAndExpiredProofsAreRefused) {
  ManualClock clock = StartClock();
  ProofOfWork pow({.base_bits = 10}, clock, TestKey(2));
  const Challenge c = pow.Issue("c", 10);
  // A counter that does not reach 10 bits.
  std::uint64_t wrong = 0;
  while (LeadingZeroBits(c.token + "." + std::to_string(wrong)) >= 10) ++wrong;
  EXPECT_NE(Check(pow, c.token + "." + std::to_string(wrong), "c").find("does not solve"),
            std::string::npos);
  for (const std::string& bad :
       std::vector<std::string>{"", ".", "x.1", c.token, c.token + ".", c.token + ".-1",
                                c.token + ".1a", c.token + ".123456789012345678901",
                                c.token + "A.1", "." + c.token, c.token + "." + c.token}) {
    EXPECT_NE(Check(pow, bad, "c"), "ok") << bad;
  }
  // Another server's key, or a token with one character changed (its bits raised or lowered).
  ProofOfWork other({.base_bits = 10}, clock, TestKey(3));
  EXPECT_NE(Check(pow, Solved(other.Issue("c", 10)), "c").find("not issued"), std::string::npos);
  std::string altered = c.token;
  altered[14] = altered[14] == 'A' ? 'B' : 'A';
  EXPECT_NE(Check(pow, altered + ".1", "c"), "ok");
  // Solved, but too late.
  const std::string proof = Solved(c);
  clock.Advance(absl::Minutes(5));
  EXPECT_NE(Check(pow, proof, "c").find("expired"), std::string::npos);
  EXPECT_EQ(pow.spent(), 0u) << "refusals spend nothing";
}

TEST(ProofOfWork, AChallengeEasierThanTheClientNowNeedsIsRefused) {
  ManualClock clock = StartClock();
  ProofOfWork pow({.base_bits = 6, .bits_per_hold = 2, .max_bits = 12}, clock, TestKey(4));
  EXPECT_EQ(pow.Bits(0), 6);
  EXPECT_EQ(pow.Bits(2), 10);
  EXPECT_EQ(pow.Bits(100), 12) << "capped";
  EXPECT_EQ(pow.Bits(-5), 6);
  const std::string easy = Solved(pow.Issue("c", pow.Bits(0)));
  EXPECT_NE(Check(pow, easy, "c", pow.Bits(2)).find("easier"), std::string::npos);
  EXPECT_EQ(Check(pow, Solved(pow.Issue("c", pow.Bits(2))), "c", pow.Bits(2)), "ok");
}

TEST(ProofOfWork, AVerifiedSolutionNamesTheNonceTheStoreSpends) {
  ManualClock clock = StartClock();
  ProofOfWork pow({.base_bits = 1}, clock, TestKey(6));
  const Challenge a = pow.Issue("c", 1);
  const Challenge b = pow.Issue("c", 1);
  auto first = pow.Verify(Solved(a), "c", 0);
  auto second = pow.Verify(Solved(b), "c", 0);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->nonce.size(), 32u) << "16 random bytes, hex";
  EXPECT_NE(first->nonce, second->nonce);
  EXPECT_EQ(first->expires_at, a.expires_at);
}

TEST(ProofOfWork, SpentChallengesAreForgottenAfterExpiryAndBoundedInNumber) {
  ManualClock clock = StartClock();
  ProofOfWork pow({.base_bits = 1, .lifetime = absl::Minutes(2), .max_spent = 3}, clock,
                  TestKey(5));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Check(pow, Solved(pow.Issue("c", 1)), "c"), "ok");
  auto full = pow.Verify(Solved(pow.Issue("c", 1)), "c", 0);
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::kUnavailable);
  clock.Advance(absl::Minutes(1));
  EXPECT_EQ(pow.Verify(Solved(pow.Issue("c", 1)), "c", 0).error().code, ErrorCode::kUnavailable);
  clock.Advance(absl::Minutes(1) + absl::Seconds(1));
  EXPECT_EQ(Check(pow, Solved(pow.Issue("c", 1)), "c"), "ok") << "the first three expired";
  EXPECT_EQ(pow.spent(), 1u);
}

TEST(ProofOfWork, OffWhenTheBaseDifficultyIsZero) {
  ManualClock clock = StartClock();
  ProofOfWork pow({.base_bits = 0}, clock);
  EXPECT_FALSE(pow.enabled());
  EXPECT_EQ(pow.Bits(5), 0);
}

}  // namespace
}  // namespace amtszeit::server
