#include "amtszeit/planning/erlang.h"

#include <gtest/gtest.h>

#include <cmath>

namespace amtszeit::planning {
namespace {

// M/M/1 at ρ = 0.5: an arriving customer finds the server busy half the time, and
// Wq = ρ/(μ − λ) = 0.5/(2 − 1) = 1/μ with μ = 2, λ = 1.
TEST(Erlang, SingleServerAtHalfLoad) {
  auto q = AnalyseMmc({.arrival_rate = 1, .service_rate = 2, .servers = 1});
  ASSERT_TRUE(q) << q.error().message;
  EXPECT_DOUBLE_EQ(q->utilisation, 0.5);
  EXPECT_DOUBLE_EQ(q->p_wait, 0.5);
  EXPECT_DOUBLE_EQ(q->mean_wait, 0.5);  // 1/μ
  EXPECT_DOUBLE_EQ(q->mean_queue, 0.5);
  EXPECT_DOUBLE_EQ(q->mean_in_system, 1.0);  // ρ/(1 − ρ)
  EXPECT_DOUBLE_EQ(WaitExceedsProbability(*q, 0.0), 0.5);
  EXPECT_DOUBLE_EQ(WaitExceedsProbability(*q, 1.0), 0.5 * std::exp(-1.0));
}

// By hand from C = [a^c/c! · c/(c − a)] / [Σ_{k<c} a^k/k! + a^c/c! · c/(c − a)]:
// M/M/2 with a = 1: (1/2 · 2) / (1 + 1 + 1) = 1/3, Wq = C/(2 − 1) = 1/3 = Lq (the textbook M/M/2
// at ρ = 0.5). M/M/3 with a = 2: (8/6 · 3) / (1 + 2 + 2 + 4) = 4/9.
TEST(Erlang, SmallMultiServerCasesByHand) {
  auto two = AnalyseMmc({.arrival_rate = 1, .service_rate = 1, .servers = 2});
  ASSERT_TRUE(two);
  EXPECT_NEAR(two->p_wait, 1.0 / 3, 1e-15);
  EXPECT_NEAR(two->mean_wait, 1.0 / 3, 1e-15);
  EXPECT_NEAR(two->mean_queue, 1.0 / 3, 1e-15);
  auto three = AnalyseMmc({.arrival_rate = 2, .service_rate = 1, .servers = 3});
  ASSERT_TRUE(three);
  EXPECT_NEAR(three->p_wait, 4.0 / 9, 1e-15);
  EXPECT_NEAR(three->mean_wait, 4.0 / 9, 1e-15);
}

// M/M/10 at a = 9 Erlangs (ρ = 0.9): C = 43046721/64370707 = 0.668731524… exactly (rational
// arithmetic on the formula above), the value the simulator's benchmark model must reproduce.
// Time scale: μ = 0.5 per minute doubles every time, Wq = C/(cμ − λ) = C/0.5.
TEST(Erlang, TenServersAtNinetyPercent) {
  auto q = AnalyseMmc({.arrival_rate = 4.5, .service_rate = 0.5, .servers = 10});
  ASSERT_TRUE(q);
  EXPECT_NEAR(q->p_wait, 43046721.0 / 64370707.0, 1e-14);
  EXPECT_NEAR(q->mean_wait, 2 * 43046721.0 / 64370707.0, 1e-13);
  EXPECT_NEAR(q->mean_queue, 4.5 * q->mean_wait, 1e-13);
}

// Published Erlang B tables (1 % grade of service): 5 lines carry 1.36 E, 10 lines 4.46 E,
// 30 lines 20.34 E; the tables round the load, so the blocking is 1 % to three digits.
TEST(Erlang, ErlangBMatchesPublishedTables) {
  EXPECT_NEAR(ErlangB(5, 1.36), 0.01, 5e-5);
  EXPECT_NEAR(ErlangB(10, 4.46), 0.01, 5e-5);
  EXPECT_NEAR(ErlangB(30, 20.34), 0.01, 5e-5);
  EXPECT_DOUBLE_EQ(ErlangB(0, 3.0), 1.0);
}

// The recursion against the factorial sum evaluated in long double, where that still fits: 30
// servers is where naive double code (30! ≈ 2.7e32 times a^30) starts to lose digits.
TEST(Erlang, RecursionAgreesWithDirectSumAtThirtyServers) {
  const int c = 30;
  const long double a = 27;
  long double term = 1, sum = 0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const long double top = term * c / (c - a);  // term = a^c/c! now
  const double direct = static_cast<double>(top / (sum + top));
  EXPECT_NEAR(ErlangC(c, 27.0), direct, 1e-12);
  EXPECT_NEAR(direct, 0.4714083699, 1e-9);
}

TEST(Erlang, StaysFiniteForThousandsOfServers) {
  auto q = AnalyseMmc({.arrival_rate = 4950, .service_rate = 1, .servers = 5000});
  ASSERT_TRUE(q);
  EXPECT_TRUE(std::isfinite(q->p_wait));
  EXPECT_GT(q->p_wait, 0.0);
  EXPECT_LT(q->p_wait, 1.0);
  // More desks at the same load: the chance of waiting can only fall.
  EXPECT_LT(ErlangC(5100, 4950.0), q->p_wait);
}

TEST(Erlang, RefusesModelsWithoutSteadyState) {
  auto full = AnalyseMmc({.arrival_rate = 10, .service_rate = 1, .servers = 10});
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(full.error().message.find("below 1"), std::string::npos);
  EXPECT_FALSE(AnalyseMmc({.arrival_rate = 11, .service_rate = 1, .servers = 10}));
  EXPECT_FALSE(AnalyseMmc({.arrival_rate = 1, .service_rate = 1, .servers = 0}));
  EXPECT_FALSE(AnalyseMmc({.arrival_rate = 0, .service_rate = 1, .servers = 1}));
  EXPECT_FALSE(AnalyseMmc({.arrival_rate = 1, .service_rate = -1, .servers = 3}));
  EXPECT_FALSE(AnalyseMmc({.arrival_rate = NAN, .service_rate = 1, .servers = 3}));
  EXPECT_FALSE(AnalyseMmc({.arrival_rate = 1, .service_rate = INFINITY, .servers = 3}));
}

}  // namespace
}  // namespace amtszeit::planning
