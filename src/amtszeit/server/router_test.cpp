#include "amtszeit/server/router.h"

#include <gtest/gtest.h>

#include "amtszeit/server/static_files.h"

namespace amtszeit::server {
namespace {

Response Echo(const Request& r) {
  std::string out;
  for (const auto& [k, v] : r.params) out.append(k).append("=").append(v).append(";");
  return Response{.body = out};
}

TEST(Router, MatchesParamsAndPrefersTheMostSpecificRoute) {
  Router router;
  router.Add("GET", "/api/v1/appointments/{code}", Access::Public(), Echo);
  router.Add("GET", "/api/v1/appointments/{code}.ics", Access::Public(),
             [](const Request& r) { return Response{.body = "ics:" + r.Param("code")}; });
  router.Add("GET", "/api/v1/locations/{id}/days", Access::Public(), Echo);
  Request a{.method = "GET", .path = "/api/v1/appointments/AB12-CD34"};
  EXPECT_EQ(router.Dispatch(a).body, "code=AB12-CD34;");
  Request b{.method = "GET", .path = "/api/v1/appointments/AB12-CD34.ics"};
  EXPECT_EQ(router.Dispatch(b).body, "ics:AB12-CD34");
  Request c{.method = "GET", .path = "/api/v1/locations/kz-a/days"};
  EXPECT_EQ(router.Dispatch(c).body, "id=kz-a;");
}

TEST(Router, UnknownPathIs404AndWrongMethod405WithAllow) {
  Router router;
  router.Add("GET", "/api/v1/x", Access::Public(), Echo);
  router.Add("POST", "/api/v1/x", Access::Public(), Echo);
  Request missing{.method = "GET", .path = "/api/v1/y"};
  EXPECT_EQ(router.Dispatch(missing).status, 404);
  Request wrong{.method = "DELETE", .path = "/api/v1/x"};
  Response r = router.Dispatch(wrong);
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "GET, POST");
  EXPECT_EQ(r.content_type, "application/problem+json");
}

TEST(Http, ErrorCodesMapToStatuses) {
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kPreconditionFailed), 422);
  EXPECT_EQ(StatusFor(ErrorCode::kTooManyRequests), 429);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(StatusFor(ErrorCode::kDataLoss), 500);
}

TEST(Http, QueryHelpersParseOrExplain) {
  Request r{.query = {{"from", "2026-12-01"}, {"bad", "2026-13-01"}, {"flag", "yes"}}};
  EXPECT_EQ(*r.RequiredDay("from"), absl::CivilDay(2026, 12, 1));
  EXPECT_FALSE(r.RequiredDay("bad"));
  EXPECT_FALSE(r.RequiredDay("missing"));
  EXPECT_FALSE(r.OptionalDay("missing")->has_value());
  EXPECT_FALSE(r.OptionalBool("flag"));
}

TEST(StaticFiles, RefusesPathsThatLeaveTheRoot) {
  EXPECT_TRUE(IsSafeRelativePath("/assets/app.js"));
  EXPECT_FALSE(IsSafeRelativePath("/../etc/passwd"));
  EXPECT_FALSE(IsSafeRelativePath("/assets/../../x"));
  EXPECT_FALSE(IsSafeRelativePath("/a\\b"));
}

}  // namespace
}  // namespace amtszeit::server
