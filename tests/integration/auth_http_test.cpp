// Staff sign-in over HTTP against the real server: the session cookie and its flags, logout,
// accounts disabled on the command line, CSRF refusals, login throttling with Retry-After, the
// audit log, and that guessing an appointment's token answers 404 in the same time as a wrong
// code.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "support/holds.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/staff.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;

// A weekday some weeks ahead (Berlin), for shifts and closures that must lie in the future.
std::string FutureWeekday() {
  absl::TimeZone berlin;
  absl::LoadTimeZone("Europe/Berlin", &berlin);
  absl::CivilDay d = absl::ToCivilDay(absl::Now(), berlin) + 35;
  while (absl::GetWeekday(d) == absl::Weekday::saturday ||
         absl::GetWeekday(d) == absl::Weekday::sunday) {
    ++d;
  }
  return absl::FormatCivilTime(d);
}

std::string Login(const std::string& name, const std::string& password) {
  return json::serialize(json::object{{"name", name}, {"password", password}});
}

std::string ShiftBody(const std::string& staff, const std::string& location) {
  return json::serialize(json::object{{"staff_id", staff},
                                      {"location_id", location},
                                      {"day", FutureWeekday()},
                                      {"time", {{"from", "18:00"}, {"to", "18:30"}}},
                                      {"mode", "back_office"},
                                      {"reason", "test"}});
}

TEST(AuthHttp, SignInSetsAStrictHttpOnlyCookieAndLogoutEndsTheSession) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  ASSERT_TRUE(AddStaff(server, "k.meyer", "centre_manager", "kz-wilhelmsburg"));
  HttpClient c(server.port());
  auto in = c.PostJson("/api/v1/session", Login("k.meyer", kStaffPassword));
  ASSERT_EQ(in.status, 201) << in.body;
  const std::string cookie = in.headers.at("set-cookie");
  EXPECT_TRUE(cookie.starts_with("amtszeit_session=")) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP without a TLS proxy";
  EXPECT_EQ(in.Json().at("user").at("role"), "centre_manager");
  EXPECT_EQ(in.Json().at("user").at("location_id"), "kz-wilhelmsburg");
  const StaffSession s{.cookie = cookie.substr(0, cookie.find(';')),
                       .csrf = std::string(in.Json().at("csrf_token").as_string())};
  EXPECT_EQ(s.csrf.size(), 43u);

  EXPECT_EQ(c.Get("/api/v1/session").status, 401) << "no cookie, no session";
  c.SetDefaultHeaders(s.Headers());
  auto me = c.Get("/api/v1/session");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json().at("user").at("name"), "k.meyer");
  EXPECT_EQ(me.Json().at("csrf_token").as_string(), s.csrf);
  EXPECT_EQ(c.Get("/api/v1/roster?location=kz-wilhelmsburg").status, 200);

  auto out = c.Request("DELETE", "/api/v1/session");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.headers.at("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(c.Get("/api/v1/session").status, 401) << "the old cookie is worthless";
  EXPECT_EQ(c.Get("/api/v1/roster?location=kz-wilhelmsburg").status, 401);
}

TEST(AuthHttp, ACookieIsSecureBehindATlsProxyAndSessionsSurviveARestart) {
  ServerProcess server({.extra_args = {"--trusted-proxy", "127.0.0.1"}});
  ASSERT_TRUE(server.Start());
  ASSERT_TRUE(AddStaff(server, "l.control", "central_control"));
  HttpClient c(server.port());
  auto in = c.PostJson("/api/v1/session", Login("l.control", kStaffPassword),
                       {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-For", "203.0.113.9"}});
  ASSERT_EQ(in.status, 201) << in.body;
  EXPECT_NE(in.headers.at("set-cookie").find("; Secure"), std::string::npos);
  const std::string cookie =
      in.headers.at("set-cookie").substr(0, in.headers.at("set-cookie").find(';'));
  ASSERT_EQ(server.Stop(SIGTERM), 0);
  ASSERT_TRUE(server.Start());
  HttpClient again(server.port());
  EXPECT_EQ(again.Request("GET", "/api/v1/session", "", {{"Cookie", cookie}}).status, 200)
      << "sessions are stored, not kept in memory";
}

TEST(AuthHttp, DisablingAnAccountOrChangingItsPasswordEndsItsSessions) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  ASSERT_TRUE(AddStaff(server, "p.agent", "phone_agent"));
  auto s = SignIn(server.port(), "p.agent");
  ASSERT_TRUE(s);
  HttpClient c(server.port());
  c.SetDefaultHeaders(s->Headers());
  EXPECT_EQ(c.Get("/api/v1/session").status, 200);
  EXPECT_EQ(RunAmtszeit({"user", "passwd", "--db", server.db(), "--name", "p.agent"}, "short"), 1)
      << "weak passwords are refused";
  EXPECT_EQ(c.Get("/api/v1/session").status, 200) << "a refused change ends nothing";
  EXPECT_EQ(
      RunAmtszeit({"user", "passwd", "--db", server.db(), "--name", "p.agent"}, "Speicherstadt-42"),
      0);
  EXPECT_EQ(c.Get("/api/v1/session").status, 401);
  auto again = SignIn(server.port(), "p.agent", "Speicherstadt-42");
  ASSERT_TRUE(again);
  c.SetDefaultHeaders(again->Headers());
  EXPECT_EQ(c.Get("/api/v1/session").status, 200);
  EXPECT_EQ(RunAmtszeit({"user", "disable", "--db", server.db(), "--name", "p.agent"}), 0);
  EXPECT_EQ(c.Get("/api/v1/session").status, 401);
  EXPECT_FALSE(SignIn(server.port(), "p.agent", "Speicherstadt-42"));
  // Weak or empty passwords never make an account; neither do unknown roles or scopes.
  EXPECT_NE(RunAmtszeit(
                {"user", "add", "--db", server.db(), "--name", "x", "--role", "administrator"}, ""),
            0);
  EXPECT_NE(RunAmtszeit({"user", "add", "--db", server.db(), "--name", "y", "--role",
                         "counter_staff", "--location", "kz-nowhere"},
                        kStaffPassword),
            0);
  EXPECT_NE(RunAmtszeit({"user", "add", "--db", server.db(), "--name", "z", "--role", "citizen"},
                        kStaffPassword),
            0);
}

TEST(AuthHttp, StateChangesWithTheCookieNeedTheCsrfTokenAndTheSameOrigin) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  ASSERT_TRUE(SignInAs(c, server, "central_control"));
  auto roster = c.Get("/api/v1/roster?location=kz-wilhelmsburg");
  ASSERT_EQ(roster.status, 200);
  std::string staff;
  for (const auto& s : roster.Json().at("staff").as_array()) {
    if (s.at("home_location_id") == "kz-wilhelmsburg") staff = s.at("id").as_string().c_str();
  }
  ASSERT_FALSE(staff.empty());
  auto session = SignIn(server.port(), "central_control");
  ASSERT_TRUE(session);
  const std::string body = ShiftBody(staff, "kz-wilhelmsburg");
  const std::map<std::string, std::string> json_type = {{"Content-Type", "application/json"}};
  HttpClient raw(server.port());
  auto no_token = raw.Request("POST", "/api/v1/shifts", body,
                              {{"Content-Type", "application/json"}, {"Cookie", session->cookie}});
  EXPECT_EQ(no_token.status, 403) << no_token.body;
  EXPECT_NE(no_token.body.find("X-CSRF-Token"), std::string::npos);
  auto wrong = raw.Request("POST", "/api/v1/shifts", body,
                           {{"Content-Type", "application/json"},
                            {"Cookie", session->cookie},
                            {"X-CSRF-Token", std::string(session->csrf.size(), 'A')}});
  EXPECT_EQ(wrong.status, 403);
  auto cross = raw.Request("POST", "/api/v1/shifts", body,
                           {{"Content-Type", "application/json"},
                            {"Cookie", session->cookie},
                            {"X-CSRF-Token", session->csrf},
                            {"Origin", "https://evil.example"}});
  EXPECT_EQ(cross.status, 403) << "a foreign origin";
  auto ok = raw.Request("POST", "/api/v1/shifts", body,
                        {{"Content-Type", "application/json"},
                         {"Cookie", session->cookie},
                         {"X-CSRF-Token", session->csrf},
                         {"Origin", "http://127.0.0.1"}});
  EXPECT_EQ(ok.status, 201) << ok.body;
  // Reads need no token.
  EXPECT_EQ(
      raw.Request("GET", "/api/v1/steering/actions", "", {{"Cookie", session->cookie}}).status,
      200);
  // On a citizen's route a cookie without the token carries no staff authority: the phone
  // channel stays closed.
  EXPECT_EQ(raw.Request("POST", "/api/v1/holds",
                        R"({"services":["personalausweis"],"location":"kz-wilhelmsburg",)"
                        R"("start":"2026-01-05T09:00:00+01:00","channel":"phone"})",
                        {{"Content-Type", "application/json"}, {"Cookie", session->cookie}})
                .status,
            401);
}

TEST(AuthHttp, FailedSignInsBackOffWithRetryAfterEvenForTheRightPassword) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  ASSERT_TRUE(AddStaff(server, "b.lead", "district_lead", "altona"));
  HttpClient c(server.port());
  for (int i = 0; i < 6; ++i) {
    auto r = c.PostJson("/api/v1/session", Login("b.lead", "wrong-password-" + std::to_string(i)));
    EXPECT_EQ(r.status, 401) << i << r.body;
    EXPECT_FALSE(r.headers.contains("set-cookie"));
  }
  auto blocked = c.PostJson("/api/v1/session", Login("b.lead", kStaffPassword));
  ASSERT_EQ(blocked.status, 429) << blocked.body;
  const int wait = std::stoi(blocked.headers.at("retry-after"));
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 2);
  EXPECT_EQ(c.PostJson("/api/v1/session", Login("someone-else", "x")).status, 429)
      << "the address backs off too";
  // An unknown name costs the same as a known one: both are refused alike.
  std::this_thread::sleep_for(std::chrono::milliseconds(wait * 1000 + 200));
  auto in = c.PostJson("/api/v1/session", Login("b.lead", kStaffPassword));
  EXPECT_EQ(in.status, 201) << in.body;
}

// The failure counts are stored: a restart (or another node) continues the back-off where it
// was, instead of granting a fresh set of free guesses.
TEST(AuthHttp, SignInBackOffSurvivesARestart) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  ASSERT_TRUE(AddStaff(server, "r.start", "district_lead", "altona"));
  {
    HttpClient c(server.port());
    for (int i = 0; i < 6; ++i) {
      EXPECT_EQ(
          c.PostJson("/api/v1/session", Login("r.start", "wrong-" + std::to_string(i))).status,
          401);
    }
  }
  ASSERT_EQ(server.Stop(SIGTERM), 0);
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  // However long the restart took, wait out the 2 s block of the sixth failure...
  for (int i = 0; i < 50; ++i) {
    auto r = c.PostJson("/api/v1/session", Login("r.start", "wrong-again"));
    if (r.status == 401) break;
    ASSERT_EQ(r.status, 429) << r.body << " (still blocked after the restart)";
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  // ...then the seventh failure doubles it: a server that forgot would let this one in.
  auto blocked = c.PostJson("/api/v1/session", Login("r.start", kStaffPassword));
  ASSERT_EQ(blocked.status, 429) << blocked.body;
  const int wait = std::stoi(blocked.headers.at("retry-after"));
  EXPECT_GE(wait, 3);
  EXPECT_LE(wait, 4);
}

TEST(AuthHttp, StaffActionsAreAuditedAndOnlyAdministratorsReadTheLog) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient counter(server.port());
  ASSERT_TRUE(SignInAs(counter, server, "counter_staff"));
  const std::string base = "/api/v1/locations/kz-wilhelmsburg";
  ASSERT_EQ(counter.PostJson(base + "/tickets", R"({"services":["personalausweis"]})").status, 201);
  auto open = counter.Request("PUT", base + "/counters/3", R"({"mode":"walk_in","staff":"T"})",
                              {{"Content-Type", "application/json"}});
  ASSERT_EQ(open.status, 200) << open.body;
  ASSERT_EQ(counter.PostJson(base + "/counters/3/call-next", "").status, 200);
  EXPECT_EQ(counter.Get("/api/v1/audit").status, 403);

  HttpClient central(server.port());
  ASSERT_TRUE(SignInAs(central, server, "central_control"));
  auto closure = central.PostJson(
      "/api/v1/closures",
      json::serialize(json::object{
          {"location_id", "kz-altona"}, {"first", FutureWeekday()}, {"reason", "Rohrbruch"}}));
  ASSERT_EQ(closure.status, 201) << closure.body;

  HttpClient admin(server.port());
  ASSERT_TRUE(SignInAs(admin, server, "administrator"));
  auto log = admin.Get("/api/v1/audit?limit=50");
  ASSERT_EQ(log.status, 200) << log.body;
  const auto& entries = log.Json().at("entries").as_array();
  std::vector<std::string> actions;
  for (const auto& e : entries) actions.push_back(std::string(e.at("action").as_string()));
  EXPECT_NE(std::ranges::find(actions, "POST /api/v1/locations/{id}/counters/{name}/call-next"),
            actions.end());
  EXPECT_NE(std::ranges::find(actions, "PUT /api/v1/locations/{id}/counters/{name}"),
            actions.end());
  EXPECT_NE(std::ranges::find(actions, "POST /api/v1/closures"), actions.end());
  for (const auto& e : entries) {
    if (e.at("action") == "POST /api/v1/closures") {
      EXPECT_EQ(e.at("user"), "central_control");
      EXPECT_EQ(e.at("role"), "central_control");
      EXPECT_TRUE(e.at("status").is_null()) << "written in the closure's own transaction";
      EXPECT_TRUE(e.at("before").is_object());
      EXPECT_EQ(e.at("steering").at("kind").as_string().starts_with("centre."), true)
          << json::serialize(e);
      EXPECT_EQ(e.at("steering").at("reason"), "Rohrbruch");
    }
    if (e.at("action") == "POST /api/v1/locations/{id}/counters/{name}/call-next") {
      EXPECT_EQ(e.at("user"), "counter_staff.kz-wilhelmsburg");
      EXPECT_EQ(e.at("target").at("params").at("id"), "kz-wilhelmsburg");
      EXPECT_TRUE(e.at("after").is_object());
    }
  }
  // The steering audit names the signed-in user, not a typed name.
  auto steering = central.Get("/api/v1/steering/actions");
  ASSERT_EQ(steering.status, 200);
  ASSERT_FALSE(steering.Json().at("actions").as_array().empty());
  EXPECT_EQ(steering.Json().at("actions").at(0).at("actor"), "central_control");
  EXPECT_EQ(admin.Get("/api/v1/audit?limit=0").status, 400);
}

// Guessing: a wrong token for a real code and any token for a made-up code are the same 404,
// and take the same time (the token's hash is compared in constant time).
TEST(AuthHttp, GuessedAppointmentTokensAre404WithoutATimingLeak) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  auto hold = HoldFirstSlot(c);
  ASSERT_EQ(hold.status, 201) << hold.body;
  const std::string code(hold.Json().at("appointment").at("code").as_string());
  const std::string token(hold.Json().at("token").as_string());
  EXPECT_EQ(c.Get("/api/v1/appointments/" + code + "?token=" + token).status, 200);

  std::string near = token;
  near.back() = near.back() == 'A' ? 'B' : 'A';  // right but for the last character
  auto wrong = c.Get("/api/v1/appointments/" + code + "?token=" + near);
  auto unknown = c.Get("/api/v1/appointments/ZZZZ-ZZZZ?token=" + token);
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(wrong.Json().at("detail"), unknown.Json().at("detail")) << "the same answer";

  const auto time_of = [&](const std::string& target) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(c.Get(target).status, 404);
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
        .count();
  };
  std::vector<double> near_times;
  std::vector<double> far_times;
  std::vector<double> unknown_times;
  for (int i = 0; i < 300; ++i) {  // interleaved, so load on the machine hits all alike
    near_times.push_back(time_of("/api/v1/appointments/" + code + "?token=" + near));
    far_times.push_back(
        time_of("/api/v1/appointments/" + code + "?token=" + std::string(token.size(), 'x')));
    unknown_times.push_back(time_of("/api/v1/appointments/ZZZZ-ZZZZ?token=" + near));
  }
  const auto median = [](std::vector<double> v) {
    std::ranges::sort(v);
    return v[v.size() / 2];
  };
  const double m_near = median(near_times);
  const double m_far = median(far_times);
  const double m_unknown = median(unknown_times);
  std::printf(
      "median 404 time: near-miss token %.0f us, wrong token %.0f us, unknown code %.0f us\n",
      m_near, m_far, m_unknown);
  // Over loopback a leak a guesser could use would be a consistent gap; allow for noise.
  EXPECT_LT(std::abs(m_near - m_far), std::max(300.0, 0.5 * m_far));
  EXPECT_LT(std::abs(m_near - m_unknown), std::max(300.0, 0.5 * m_unknown));
}

}  // namespace
}  // namespace amtszeit::testing
