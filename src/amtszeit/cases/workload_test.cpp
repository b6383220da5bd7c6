#include "amtszeit/cases/workload.h"

#include <gtest/gtest.h>

#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::cases {
namespace {

using testing::Berlin;

absl::Time At(int month, int day, int hour) {
  return absl::FromCivil(absl::CivilSecond(2026, month, day, hour, 0, 0), Berlin());
}

OnlineCase Case(std::string service, CaseStatus status, absl::Time created) {
  return OnlineCase{.service_id = std::move(service), .status = status, .created_at = created};
}

TEST(Workload, WeighsOpenCasesByHandlingTimeAndAveragesTheInflow) {
  const std::vector<OnlineForm> forms = {
      {.service_id = "meldebescheinigung", .handling_minutes = 10},
      {.service_id = "fuehrungszeugnis", .handling_minutes = 12}};
  const absl::Time now = At(12, 3, 10);
  const std::vector<OnlineCase> cases = {
      Case("meldebescheinigung", CaseStatus::kReceived, At(12, 1, 9)),
      Case("meldebescheinigung", CaseStatus::kInProgress, At(12, 1, 23)),  // still Dec 1 in Berlin
      Case("fuehrungszeugnis", CaseStatus::kWaitingForCitizen, At(12, 2, 8)),
      Case("fuehrungszeugnis", CaseStatus::kDone, At(12, 2, 9)),        // closed: inflow only
      Case("meldebescheinigung", CaseStatus::kReceived, At(12, 3, 9)),  // today: open, no inflow
      Case("meldebescheinigung", CaseStatus::kRejected, At(11, 1, 9)),  // long ago and closed
      Case("unbekannt", CaseStatus::kReceived, At(12, 2, 9)),           // no form: weighs nothing
  };
  const Workload w = ComputeWorkload(cases, forms, now, Berlin(), 7);

  EXPECT_EQ(w.open_cases, 5);
  EXPECT_EQ(w.open_minutes, 10 + 10 + 12 + 10 + 0);
  EXPECT_EQ(w.open_minutes_by_service.at("meldebescheinigung"), 30);
  EXPECT_EQ(w.open_minutes_by_service.at("fuehrungszeugnis"), 12);
  ASSERT_EQ(w.open_by_received_day.size(), 3u);
  EXPECT_EQ(w.open_by_received_day[0].day, absl::CivilDay(2026, 12, 1));
  EXPECT_EQ(w.open_by_received_day[0].cases, 2);
  EXPECT_EQ(w.open_by_received_day[0].minutes, 20);
  EXPECT_EQ(w.open_by_received_day[1].minutes, 12);  // Dec 2: 12 + 0
  EXPECT_EQ(w.open_by_received_day[2].day, absl::CivilDay(2026, 12, 3));

  // Inflow over Nov 26 .. Dec 2: the two of Dec 1, the three of Dec 2.
  EXPECT_EQ(w.inflow_days, 7);
  EXPECT_EQ(w.inflow_cases, 5);
  EXPECT_DOUBLE_EQ(w.inflow_minutes_per_day, (10 + 10 + 12 + 12 + 0) / 7.0);
  // By service, for planning's demand factors.
  EXPECT_DOUBLE_EQ(w.inflow_minutes_per_day_by_service.at("meldebescheinigung"), 20 / 7.0);
  EXPECT_DOUBLE_EQ(w.inflow_minutes_per_day_by_service.at("fuehrungszeugnis"), 24 / 7.0);
}

TEST(Workload, IsZeroWithoutCases) {
  const Workload w = ComputeWorkload({}, {}, At(12, 3, 10), Berlin(), 28);
  EXPECT_EQ(w.open_cases, 0);
  EXPECT_EQ(w.open_minutes, 0);
  EXPECT_TRUE(w.open_by_received_day.empty());
  EXPECT_DOUBLE_EQ(w.inflow_minutes_per_day, 0);
}

}  // namespace
}  // namespace amtszeit::cases
