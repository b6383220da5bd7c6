#include "amtszeit/queue/estimate.h"

#include <gtest/gtest.h>

namespace amtszeit::queue {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'780'000'000);

TEST(ListSchedule, HandsEachTicketToTheDeskFreeFirst) {
  std::vector<absl::Time> desks = {kNow + absl::Minutes(4), kNow};
  std::vector<absl::Duration> service(3, absl::Minutes(10));
  auto waits = ListSchedule(kNow, desks, service);
  ASSERT_EQ(waits.size(), 3u);
  EXPECT_EQ(waits[0], absl::ZeroDuration());
  EXPECT_EQ(waits[1], absl::Minutes(4));
  EXPECT_EQ(waits[2], absl::Minutes(10));
}

TEST(ListSchedule, NobodyServingGivesNoEstimate) {
  std::vector<absl::Duration> service(2, absl::Minutes(10));
  EXPECT_TRUE(ListSchedule(kNow, {}, service).empty());
}

// The queueing reference: with c desks that each just started a service of mean s, the k-th in
// line waits (floor(k / c) + 1) · s; averaged over a line of n the estimate grows like n · s / c.
TEST(ListSchedule, AgreesWithTheQueueLengthFormula) {
  for (int c : {1, 2, 5}) {
    std::vector<absl::Time> desks(c, kNow + absl::Minutes(12));
    std::vector<absl::Duration> service(40, absl::Minutes(12));
    auto waits = ListSchedule(kNow, desks, service);
    for (int k = 0; k < 40; ++k) {
      EXPECT_EQ(waits[k], absl::Minutes(12) * (k / c + 1)) << "c=" << c << " k=" << k;
    }
  }
}

TEST(WholeMinutes, RoundsUp) {
  EXPECT_EQ(WholeMinutes(absl::ZeroDuration()), 0);
  EXPECT_EQ(WholeMinutes(absl::Seconds(61)), 2);
  EXPECT_EQ(WholeMinutes(absl::Minutes(7)), 7);
  EXPECT_EQ(WholeMinutes(-absl::Minutes(3)), 0);
}

TEST(RunningMean, MovesTowardsSamples) {
  RunningMean mean(10, 0.5);
  mean.Add(20);
  EXPECT_DOUBLE_EQ(mean.value(), 15);
  mean.Add(20);
  EXPECT_DOUBLE_EQ(mean.value(), 17.5);
}

}  // namespace
}  // namespace amtszeit::queue
