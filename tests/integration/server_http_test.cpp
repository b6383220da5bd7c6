// The real server over HTTP: catalogue endpoints, errors as problem+json, limits, keep-alive,
// static files, concurrency and graceful shutdown.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <fstream>
#include <thread>
#include <vector>

#include "support/http_client.h"
#include "support/server_process.h"

namespace amtszeit::testing {
namespace {

class ServerHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    std::ofstream(server_->web_root() / "index.html") << "<!doctype html><title>amtszeit</title>";
    std::ofstream(server_->web_root() / "app.js") << "console.log('hi')";
    ASSERT_TRUE(server_->Start());
  }
  static void TearDownTestSuite() {
    if (server_->running()) {
      EXPECT_EQ(server_->Stop(SIGTERM), 0);
    }
    delete server_;
  }
  static std::uint16_t port() { return server_->port(); }
  static ServerProcess* server_;
};
ServerProcess* ServerHttp::server_ = nullptr;

void ExpectProblem(const HttpResponse& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/problem+json");
  auto json = r.Json();
  ASSERT_TRUE(json.is_object()) << r.body;
  EXPECT_EQ(json.at("status").as_int64(), status);
  EXPECT_TRUE(json.as_object().contains("title"));
  EXPECT_TRUE(json.as_object().contains("detail"));
}

TEST_F(ServerHttp, HealthNamesStoreAndSchema) {
  HttpClient c(port());
  auto r = c.Get("/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json().at("status"), "ok");
  EXPECT_EQ(r.Json().at("store"), "sqlite");
  EXPECT_GE(r.Json().at("schema_version").as_int64(), 1);
}

TEST_F(ServerHttp, ListsTheHamburgCentres) {
  HttpClient c(port());
  auto r = c.Get("/api/v1/locations");
  ASSERT_EQ(r.status, 200);
  const auto& locations = r.Json().at("locations").as_array();
  EXPECT_GE(locations.size(), 18u);
  bool caffamacherreihe = false;
  for (const auto& l : locations) caffamacherreihe |= l.at("id") == "kz-caffamacherreihe";
  EXPECT_TRUE(caffamacherreihe);
  auto wandsbek = c.Get("/api/v1/locations?district=wandsbek&status=active");
  ASSERT_EQ(wandsbek.status, 200);
  for (const auto& l : wandsbek.Json().at("locations").as_array()) {
    EXPECT_EQ(l.at("district_id"), "wandsbek");
  }
  EXPECT_EQ(c.Get("/api/v1/districts").Json().at("districts").as_array().size(), 7u);
  auto online = c.Get("/api/v1/services?needs_presence=false");
  for (const auto& s : online.Json().at("services").as_array()) {
    EXPECT_FALSE(s.at("needs_presence").as_bool());
  }
  ExpectProblem(c.Get("/api/v1/locations/kz-nowhere"), 404);
  ExpectProblem(c.Get("/api/v1/locations?district=atlantis"), 400);
}

TEST_F(ServerHttp, OpeningHoursShowHolidaysAndSaturdays) {
  HttpClient c(port());
  auto r =
      c.Get("/api/v1/locations/kz-caffamacherreihe/opening-hours?from=2026-12-24&to=2026-12-28");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& days = r.Json().at("days").as_array();
  ASSERT_EQ(days.size(), 5u);
  EXPECT_TRUE(days[0].at("open").as_array().empty());  // Heiligabend, closed by exception
  EXPECT_EQ(days[1].at("holiday"), "1. Weihnachtstag");
  EXPECT_TRUE(days[1].at("open").as_array().empty());
  EXPECT_TRUE(days[2].at("open").as_array().empty());  // 2. Weihnachtstag
  EXPECT_TRUE(days[3].at("open").as_array().empty());  // Sunday
  EXPECT_EQ(days[4].at("open").as_array()[0].at("from"), "07:00");
  auto saturday =
      c.Get("/api/v1/locations/kz-caffamacherreihe/opening-hours?from=2026-12-05&to=2026-12-05");
  EXPECT_EQ(saturday.Json().at("days").as_array()[0].at("open").as_array()[0].at("from"), "09:00");
}

TEST_F(ServerHttp, BadDatesAreProblems) {
  HttpClient c(port());
  const std::string base = "/api/v1/locations/kz-harburg/opening-hours";
  ExpectProblem(c.Get(base + "?from=2026-02-30&to=2026-03-01"), 400);
  ExpectProblem(c.Get(base + "?from=2026-03-02&to=2026-03-01"), 400);
  ExpectProblem(c.Get(base + "?from=2026-01-01&to=2028-01-01"), 400);
  ExpectProblem(c.Get(base + "?from=2026-01-01"), 400);
  ExpectProblem(c.Get("/api/v1/slots?services=personalausweis&from=tomorrow"), 400);
}

TEST_F(ServerHttp, UnknownRoutesAndWrongMethods) {
  HttpClient c(port());
  ExpectProblem(c.Get("/api/v1/nothing"), 404);
  auto r = c.Request("DELETE", "/api/v1/locations");
  ExpectProblem(r, 405);
  EXPECT_EQ(r.headers.at("allow"), "GET");
  ExpectProblem(c.PostJson("/api/v1/holds", "{not json"), 400);
  ExpectProblem(c.PostJson("/api/v1/holds", R"({"services":["reisepass"],"colour":"red"})"), 400);
}

TEST_F(ServerHttp, MalformedRequestsGet4xxAndTheServerStaysUp) {
  EXPECT_EQ(RawStatus(RawExchange(port(), "GARBAGE\r\n\r\n")), 400);
  EXPECT_EQ(RawStatus(RawExchange(port(), "GET /api/v1/health HTTP/9.9\r\n\r\n")), 400);
  const std::string huge_header =
      "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
  EXPECT_EQ(RawStatus(RawExchange(port(), huge_header)), 431);
  const std::string huge_body =
      "POST /api/v1/holds HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nContent-Length: 2000000\r\n\r\n" +
      std::string(2000000, ' ');
  EXPECT_EQ(RawStatus(RawExchange(port(), huge_body)), 413);
  EXPECT_EQ(
      RawStatus(RawExchange(port(), "GET /%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
      400);
  HttpClient c(port());
  EXPECT_EQ(c.Get("/api/v1/health").status, 200);
}

TEST_F(ServerHttp, KeepsConnectionsAlive) {
  HttpClient c(port());
  for (int i = 0; i < 20; ++i) ASSERT_EQ(c.Get("/api/v1/health").status, 200);
  EXPECT_EQ(c.connections(), 1);
}

TEST_F(ServerHttp, ServesStaticFilesAndRefusesTraversal) {
  HttpClient c(port());
  auto index = c.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("amtszeit"), std::string::npos);
  EXPECT_EQ(c.Get("/app.js").headers.at("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(c.Get("/termin/K7M2-Q9XD").status, 200) << "app routes load the app";
  EXPECT_EQ(c.Get("/missing.js").status, 404);
  EXPECT_NE(RawStatus(RawExchange(
                port(), "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
            200);
  EXPECT_NE(RawStatus(RawExchange(
                port(),
                "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
            200);
  auto head = c.Request("HEAD", "/api/v1/health");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
}

// The security headers go on every answer: pages, files, API results and every kind of error,
// including those written before a request was routed.
TEST_F(ServerHttp, SecurityHeadersAreOnEveryAnswer) {
  HttpClient c(port());
  const std::vector<std::pair<std::string, HttpResponse>> answers = {
      {"page", c.Get("/")},
      {"file", c.Get("/app.js")},
      {"missing file", c.Get("/missing.js")},
      {"api", c.Get("/api/v1/health")},
      {"api 404", c.Get("/api/v1/nothing")},
      {"api 405", c.Request("DELETE", "/api/v1/health")},
      {"page 405", c.Request("POST", "/", "{}")},
      {"api 400", c.PostJson("/api/v1/holds", "{not json")},
  };
  for (const auto& [what, r] : answers) {
    ASSERT_TRUE(r.headers.contains("content-security-policy")) << what;
    EXPECT_NE(r.headers.at("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos)
        << what;
    EXPECT_EQ(r.headers.at("content-security-policy").find("unsafe-inline"), std::string::npos)
        << what;
    EXPECT_EQ(r.headers.count("x-content-type-options"), 1u) << what;
    EXPECT_FALSE(r.headers.contains("strict-transport-security")) << what << ": plain HTTP";
  }
  const std::string huge_header =
      "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
  const std::string raw = RawExchange(port(), huge_header);
  EXPECT_EQ(RawStatus(raw), 431);
  EXPECT_NE(raw.find("Content-Security-Policy: default-src 'self'"), std::string::npos) << raw;
}

TEST_F(ServerHttp, FiftyConcurrentClientsGetCorrectAnswers) {
  std::atomic<int> ok = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      HttpClient c(port());
      for (int j = 0; j < 5; ++j) {
        auto r = (i + j) % 2 ? c.Get("/api/v1/services/reisepass")
                             : c.Get("/api/v1/slots?services=personalausweis&limit=5");
        if (r.status == 200 && r.Json().is_object()) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 250);
}

TEST(ServerLifecycle, SigtermExitsCleanlyWhileAClientIsConnected) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  // A slow client that sent half a request and waits.
  std::thread slow([&] { RawExchange(server.port(), "GET /api/v1/health HTTP/1.1\r\n", 4000); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  slow.join();
}

TEST(ServerLifecycle, RefusesToServeAMissingDatabase) {
  EXPECT_NE(RunAmtszeit({"serve", "--db", "/nonexistent-dir/x.db", "--port", "0"}), 0);
  EXPECT_NE(RunAmtszeit({"holidays", "--year", "1800"}), 0);
  EXPECT_NE(RunAmtszeit({"serve", "--port", "notaport"}), 0);
  EXPECT_EQ(RunAmtszeit({"holidays", "--year", "2026", "--json"}), 0);
}

}  // namespace
}  // namespace amtszeit::testing
