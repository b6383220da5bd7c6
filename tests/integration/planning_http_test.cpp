// Capacity planning over HTTP: a scenario simulated on the planning worker and polled to its
// result; a staff proposal computed for centres whose staff are off sick and applied once through
// steering; bad scenarios answered with problems.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/staff.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;

class PlanningHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    ASSERT_TRUE(server_->Start());
  }
  static void TearDownTestSuite() {
    server_->Stop(SIGTERM);
    delete server_;
  }
  static ServerProcess* server_;
};
ServerProcess* PlanningHttp::server_ = nullptr;

// Days from today in the demo's zone, as the stored roster covers them.
std::string Day(int offset) {
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(0)) + offset;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(today.year()), today.month(),
                today.day());
  return buf;
}

// Polls a job until it is done or failed (at most three minutes on a busy machine).
json::object Await(HttpClient& c, const std::string& href) {
  for (int i = 0; i < 360; ++i) {
    auto r = c.Get(href);
    EXPECT_EQ(r.status, 200) << r.body;
    json::object job = r.Json().as_object();
    const std::string status(job.at("status").as_string());
    if (status == "done" || status == "failed") return job;
    const double progress = job.at("progress").to_number<double>();
    EXPECT_GE(progress, 0);
    EXPECT_LE(progress, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  ADD_FAILURE() << "the job did not finish";
  return {};
}

TEST_F(PlanningHttp, SimulatesAScenarioOnTheWorkerAndAnswersPerCentre) {
  HttpClient c(server_->port());
  ASSERT_TRUE(SignInAs(c, *server_, "central_control"));
  const std::string scenario = R"({"name": "next week", "from": ")" + Day(7) + R"(", "to": ")" +
                               Day(11) +
                               R"(", "sickness_rate": 0.1,
      "demand": [{"service": "reisepass", "factor": 2}], "replications": 2, "seed": 3})";
  auto posted = c.PostJson("/api/v1/planning/simulations", scenario);
  ASSERT_EQ(posted.status, 202) << posted.body;
  const std::string href(posted.Json().at("href").as_string());
  EXPECT_EQ(posted.headers.at("location"), href);
  json::object job = Await(c, href);
  ASSERT_EQ(job.at("status").as_string(), "done") << json::serialize(job);
  const json::object& result = job.at("result").as_object();
  const json::array& centres = result.at("centres").as_array();
  ASSERT_GT(centres.size(), 10u);
  for (const json::value& v : centres) {
    const json::object& centre = v.as_object();
    const json::value& lead = centre.at("lead_time_days").at("mean");
    ASSERT_TRUE(lead.is_number()) << json::serialize(centre);
    EXPECT_GE(lead.to_number<double>(), 0);
    const json::value& util = centre.at("utilisation").at("mean");
    if (util.is_number()) {
      EXPECT_LE(util.to_number<double>(), 1.5);
    }
  }
  EXPECT_EQ(result.at("daily").at("days").as_array().size(), 5u);
  EXPECT_EQ(result.at("scenario").at("name").as_string(), "next week");
  // No stored history (the test server loads the demo without it): the profile, and it says so.
  EXPECT_EQ(result.at("demand_source").at("kind").as_string(), "profile");
  EXPECT_EQ(result.at("demand_source").at("label").as_string(), "profile (estimate)");
  // The back office's forecast, one entry a day.
  const json::object& office = result.at("back_office").as_object();
  EXPECT_EQ(office.at("daily").at("backlog_minutes").as_array().size(), 5u);
  EXPECT_GT(office.at("capacity_minutes").to_number<double>(), 0);
  EXPECT_GE(office.at("backlog_end_minutes").to_number<double>(), 0);
}

TEST_F(PlanningHttp, BadScenariosAreProblems) {
  HttpClient c(server_->port());
  ASSERT_TRUE(SignInAs(c, *server_, "central_control"));
  auto post = [&](const std::string& body) {
    return c.PostJson("/api/v1/planning/simulations", body);
  };
  EXPECT_EQ(post(R"({"from": "2026-07-01"})").status, 400);
  EXPECT_EQ(post(R"({"from": "2026-07-01", "to": "2026-06-01"})").status, 400);
  EXPECT_EQ(post(R"({"from": "2026-07-01", "to": "2026-07-02", "sickness_rate": 3})").status, 400);
  EXPECT_EQ(post(R"({"from": "2026-07-01", "to": "2026-07-02", "colour": "red"})").status, 400);
  auto r = post(R"({"from": "2026-07-01", "to": "2026-07-02",
                    "closings": [{"centre": "kz-atlantis", "from": "2026-07-01", "to": "2026-07-01"}]})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("kz-atlantis"), std::string::npos) << r.body;
  EXPECT_EQ(post("{not json").status, 400);
  // Beyond the holiday calendar: refused by the parser, for simulations and proposals alike.
  auto early = post(R"({"from": "1991-01-02", "to": "1991-01-03"})");
  EXPECT_EQ(early.status, 400);
  EXPECT_NE(early.body.find("horizon"), std::string::npos) << early.body;
  EXPECT_EQ(
      c.PostJson("/api/v1/planning/proposals", R"({"from": "2099-12-01", "to": "2099-12-02"})")
          .status,
      400);
  EXPECT_EQ(c.Get("/api/v1/planning/simulations/1-deadbeef").status, 404);
  EXPECT_EQ(c.Get("/api/v1/planning/proposals/1-deadbeef").status, 404);
}

TEST_F(PlanningHttp, ProposalForSickCentresIsAppliedOnceThroughSteering) {
  HttpClient c(server_->port());
  ASSERT_TRUE(SignInAs(c, *server_, "central_control"));
  const std::string scenario = R"({"from": ")" + Day(7) + R"(", "to": ")" + Day(34) +
                               R"(", "sick_staff": [
      {"centre": "kz-harburg", "from": ")" +
                               Day(0) + R"(", "to": ")" + Day(40) + R"(", "share": 1.0},
      {"centre": "kz-wilhelmsburg", "from": ")" +
                               Day(0) + R"(", "to": ")" + Day(40) + R"(", "share": 1.0}]})";
  auto posted = c.PostJson("/api/v1/planning/proposals", scenario);
  ASSERT_EQ(posted.status, 202) << posted.body;
  const std::string href(posted.Json().at("href").as_string());
  json::object job = Await(c, href);
  ASSERT_EQ(job.at("status").as_string(), "done") << json::serialize(job);
  const json::object& proposal = job.at("proposal").as_object();
  EXPECT_FALSE(proposal.at("short_before").as_array().empty());
  EXPECT_EQ(proposal.at("demand_source").as_string(), "profile (estimate)");
  const json::array& moves = proposal.at("moves").as_array();
  ASSERT_FALSE(moves.empty());
  for (const json::value& m : moves) {
    const std::string to(m.at("to_location_id").as_string());
    EXPECT_TRUE(to == "kz-harburg" || to == "kz-wilhelmsburg") << to;
  }
  EXPECT_EQ(c.PostJson(href + "/apply", R"({"actor": "Leitstelle Test"})").status, 400);
  auto applied =
      c.PostJson(href + "/apply", R"({"actor": "Leitstelle Test", "reason": "Krankheitswelle"})");
  ASSERT_EQ(applied.status, 201) << applied.body;
  EXPECT_EQ(applied.Json().at("applied").as_array().size(), moves.size());
  EXPECT_EQ(
      c.PostJson(href + "/apply", R"({"actor": "Leitstelle Test", "reason": "nochmal"})").status,
      409);
  // The moves are in the roster: the first moved staff member's shifts are at the new centre.
  const json::object& first = moves.front().as_object();
  auto roster = c.Get("/api/v1/roster?from=" + std::string(first.at("first").as_string()) +
                      "&to=" + std::string(first.at("last").as_string()) +
                      "&location=" + std::string(first.at("to_location_id").as_string()));
  EXPECT_EQ(roster.status, 200) << roster.body;
  EXPECT_NE(roster.body.find(std::string(first.at("staff_id").as_string())), std::string::npos);
}

}  // namespace
}  // namespace amtszeit::testing
