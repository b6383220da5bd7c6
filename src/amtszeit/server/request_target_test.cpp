#include "amtszeit/server/request_target.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace amtszeit::server {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

Request Parsed(std::string_view target) {
  Request r;
  auto ok = ParseTarget(target, r);
  EXPECT_TRUE(ok) << target << ": " << (ok ? "" : ok.error().message);
  return r;
}

TEST(RequestTarget, DecodesThePathAndTheQueryInOrder) {
  const Request r = Parsed("/api/v1/locations/kz%2Daltona/days?services=a,b&x&to=&from=2026-12-01");
  EXPECT_EQ(r.path, "/api/v1/locations/kz-altona/days");
  EXPECT_EQ(r.query, (Query{{"services", "a,b"}, {"x", ""}, {"to", ""}, {"from", "2026-12-01"}}));
  EXPECT_EQ(Parsed("/api/v1/appointments/K7M2-Q9XD.ics?token=a%2Bb+c").query,
            (Query{{"token", "a+b c"}}))
      << "'+' is a space in a query, %2B a plus";
}

TEST(RequestTarget, KeepsATrailingSlashAndTheRoot) {
  EXPECT_EQ(Parsed("/").path, "/");
  EXPECT_EQ(Parsed("/counter/").path, "/counter/");
  EXPECT_EQ(Parsed("/counter").path, "/counter");
}

TEST(RequestTarget, RefusesWhatIsNotAnOriginFormOrHidesSlashesOrNuls) {
  for (std::string_view bad :
       {"", "api/v1/slots", "http://example.org/", "/a%2Fb", "/a%00b", "/a b", "/%zz"}) {
    Request r;
    auto parsed = ParseTarget(bad, r);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace amtszeit::server
