#include "amtszeit/capacity/tick_set.h"

#include <gtest/gtest.h>

#include <random>

namespace amtszeit::capacity {
namespace {

TEST(TickSet, RangeOfMinutesCoversItsTicks) {
  TickSet s = TickSet::Of({8 * 60, 9 * 60});  // 08:00-09:00
  EXPECT_EQ(s.Count(), 12);
  EXPECT_TRUE(s.Test(96));
  EXPECT_TRUE(s.Test(107));
  EXPECT_FALSE(s.Test(108));
  EXPECT_EQ(s.First(), 96);
  EXPECT_TRUE(s.ContainsRange(96, 108));
  EXPECT_FALSE(s.ContainsRange(95, 108));
}

TEST(TickSet, RangesAcrossWordBoundaries) {
  TickSet s;
  s.SetRange(60, 200);
  EXPECT_EQ(s.Count(), 140);
  s.ClearRange(63, 129);
  EXPECT_EQ(s.Count(), 140 - 66);
  EXPECT_TRUE(s.Test(62));
  EXPECT_FALSE(s.Test(63));
  EXPECT_TRUE(s.Test(129));
  EXPECT_EQ(s.First(63), 129);
}

TEST(TickSet, FirstBeyondLastIsEmpty) {
  TickSet s;
  s.Set(287);
  EXPECT_EQ(s.First(), 287);
  EXPECT_EQ(s.First(288), std::nullopt);
  EXPECT_EQ(TickSet().First(), std::nullopt);
}

// RunStarts must agree with the obvious definition on random sets and every k.
TEST(TickSet, RunStartsMatchesBruteForce) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    TickSet s;
    const int density = 1 + round % 9;
    for (int t = 0; t < kTicksPerDay; ++t) {
      if (rng() % 10 < static_cast<unsigned>(density)) s.Set(t);
    }
    for (int k = 1; k <= 40; ++k) {
      TickSet starts = s.RunStarts(k);
      for (int t = 0; t < TickSet::kBits; ++t) {
        bool expected = t + k <= kTicksPerDay;
        for (int j = 0; expected && j < k; ++j) expected = s.Test(t + j);
        ASSERT_EQ(starts.Test(t), expected) << "round " << round << " k " << k << " t " << t;
      }
    }
  }
}

// FirstRun is the search shortcut for RunStarts(k).First(from) below a bound: same answers.
TEST(TickSet, FirstRunMatchesRunStarts) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 300; ++round) {
    TickSet s;
    const int density = 1 + round % 9;
    for (int t = 0; t < kTicksPerDay; ++t) {
      if (rng() % 10 < static_cast<unsigned>(density)) s.Set(t);
    }
    if (round % 10 == 0) s.SetRange(0, kTicksPerDay);  // runs that reach the end of the day
    for (int k = 1; k <= 40; ++k) {
      const TickSet starts = s.RunStarts(k);
      for (int from : {0, 1, 63, 64, 65, 100, 200, 287, 288}) {
        const int before = static_cast<int>(rng() % (TickSet::kBits + 1));
        std::optional<int> expected = starts.First(from);
        if (expected && *expected >= before) expected.reset();
        ASSERT_EQ(s.FirstRun(k, from, before), expected)
            << "round " << round << " k " << k << " from " << from << " before " << before;
        ASSERT_EQ(s.FirstRun(k, from), starts.First(from));
      }
    }
  }
}

TEST(TickSet, ForEachVisitsInOrder) {
  TickSet s;
  s.Set(3);
  s.Set(64);
  s.Set(200);
  std::vector<int> seen;
  s.ForEach([&](int t) { seen.push_back(t); });
  EXPECT_EQ(seen, (std::vector<int>{3, 64, 200}));
}

}  // namespace
}  // namespace amtszeit::capacity
