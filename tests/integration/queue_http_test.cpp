// The walk-in queue over HTTP and Server-Sent Events against the real server: tickets, two
// counters calling at once, the call display live and after a reconnect, and a restart.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <set>
#include <thread>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/sse_client.h"
#include "support/staff.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;

const std::string kLocation = "kz-wilhelmsburg";
const std::string kBase = "/api/v1/locations/" + kLocation;

HttpResponse IssueTicket(HttpClient& c, const std::string& service = "personalausweis") {
  return c.PostJson(kBase + "/tickets", R"({"services":[")" + service + R"("],"source":"kiosk"})");
}

HttpResponse OpenCounter(HttpClient& c, const std::string& name, const std::string& mode) {
  return c.Request("PUT", kBase + "/counters/" + name,
                   R"({"mode":")" + mode + R"(","staff":"Test"})",
                   {{"Content-Type", "application/json"}});
}

std::string Number(const HttpResponse& r) {
  return std::string(r.Json().at("ticket").at("number").as_string());
}

TEST(QueueHttp, TicketsCountersAndTheCitizensView) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  ASSERT_TRUE(SignInAs(c, server, "counter_staff"));
  auto a = IssueTicket(c);
  ASSERT_EQ(a.status, 201) << a.body;
  EXPECT_EQ(a.Json().at("number"), "A001");
  EXPECT_EQ(a.Json().at("status"), "waiting");
  EXPECT_EQ(a.Json().at("position"), 1);
  const std::string follow(a.Json().at("follow_url").as_string());
  EXPECT_NE(follow.find("/ticket/"), std::string::npos);
  auto e = IssueTicket(c, "abholung-ausweis-pass");
  ASSERT_EQ(e.status, 201) << e.body;
  EXPECT_EQ(e.Json().at("number"), "E001");
  EXPECT_EQ(e.Json().at("queue"), "express");

  const std::string id = std::to_string(a.Json().at("id").as_int64());
  const std::string token(a.Json().at("token").as_string());
  auto mine = c.Get("/api/v1/tickets/" + id + "?token=" + token);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_FALSE(mine.Json().as_object().contains("token")) << "the secret is only answered once";
  EXPECT_EQ(c.Get("/api/v1/tickets/" + id + "?token=wrong").status, 404);
  EXPECT_EQ(c.Get("/api/v1/tickets/abc?token=x").status, 404);

  // Bad input is a clear 4xx.
  EXPECT_EQ(c.PostJson(kBase + "/tickets", R"({"services":[]})").status, 400);
  EXPECT_EQ(c.PostJson(kBase + "/tickets", R"({"services":["personalausweis"],"x":1})").status,
            400);
  EXPECT_EQ(c.PostJson(kBase + "/tickets", R"({"services":["nope"]})").status, 404);
  EXPECT_EQ(c.PostJson(kBase + "/tickets", R"({"services":["fuehrungszeugnis"]})").status, 422)
      << "needs no visit";
  EXPECT_EQ(
      c.PostJson("/api/v1/locations/kz-nowhere/tickets", R"({"services":["personalausweis"]})")
          .status,
      404);
  EXPECT_EQ(c.PostJson(kBase + "/checkins", R"({"code":"ZZZZ-ZZZZ"})").status, 404);

  ASSERT_EQ(OpenCounter(c, "3", "express").status, 200);
  auto first = c.PostJson(kBase + "/counters/3/call-next", "");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Number(first), "E001") << "express first at the express counter";
  EXPECT_EQ(c.PostJson(kBase + "/counters/3/call-next", "").status, 409) << "still has E001";
  EXPECT_EQ(c.PostJson(kBase + "/counters/3/start", "").status, 200);
  EXPECT_EQ(c.PostJson(kBase + "/counters/3/finish", "").status, 200);
  auto second = c.PostJson(kBase + "/counters/3/call-next", "");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(Number(second), "A001");
  auto called = c.Get("/api/v1/tickets/" + id + "?token=" + token);
  EXPECT_EQ(called.Json().at("status"), "called");
  EXPECT_EQ(called.Json().at("counter"), "3");
  EXPECT_EQ(c.PostJson(kBase + "/counters/3/no-show", "").status, 200);
  EXPECT_EQ(c.PostJson(kBase + "/counters/3/call-next", "").status, 404) << "nobody waits";
  EXPECT_EQ(c.PostJson(kBase + "/counters/99/call-next", "").status, 404);

  auto display = c.Get(kBase + "/display");
  ASSERT_EQ(display.status, 200);
  const auto& calls = display.Json().at("calls").as_array();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].at("number"), "A001") << "newest first";

  auto now = c.Get("/api/v1/now");
  ASSERT_EQ(now.status, 200) << now.body;
  bool found = false;
  for (const auto& l : now.Json().at("locations").as_array()) {
    if (l.at("location_id").as_string() == kLocation) {
      found = true;
      EXPECT_EQ(l.at("open_counters"), 1);
      EXPECT_TRUE(l.at("next_free_slot").is_object()) << "a next appointment is offered";
    }
  }
  EXPECT_TRUE(found);
}

TEST(QueueHttp, TwoCountersCallingConcurrentlyNeverCallATicketTwice) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient setup(server.port());
  ASSERT_TRUE(SignInAs(setup, server, "counter_staff"));
  constexpr int kTickets = 60;
  for (int i = 0; i < kTickets; ++i) ASSERT_EQ(IssueTicket(setup).status, 201);
  ASSERT_EQ(OpenCounter(setup, "1", "walk_in").status, 200);
  ASSERT_EQ(OpenCounter(setup, "2", "walk_in").status, 200);
  SseClient display(server.port(), kBase + "/display/events");
  ASSERT_EQ(display.status(), 200);
  EXPECT_EQ(display.content_type().rfind("text/event-stream", 0), 0u);

  std::mutex mu;
  std::vector<std::string> numbers;
  std::vector<std::thread> counters;
  for (const std::string name : {"1", "2"}) {
    counters.emplace_back([&, name] {
      HttpClient c(server.port());
      ASSERT_TRUE(SignInAs(c, server, "counter_staff"));
      while (true) {
        auto r = c.PostJson(kBase + "/counters/" + name + "/call-next", "");
        if (r.status == 404) break;
        ASSERT_EQ(r.status, 200) << r.body;
        {
          std::lock_guard lock(mu);
          numbers.push_back(Number(r));
        }
        ASSERT_EQ(c.PostJson(kBase + "/counters/" + name + "/finish", "").status, 200);
      }
    });
  }
  for (auto& t : counters) t.join();
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kTickets));
  EXPECT_EQ(std::set<std::string>(numbers.begin(), numbers.end()).size(), numbers.size());

  // The display received every call exactly once, in increasing event ids.
  std::multiset<std::string> shown;
  std::uint64_t last_id = 0;
  while (auto e = display.Next(2000)) {
    ASSERT_EQ(e->type, "call");
    const auto data = json::parse(e->data);
    shown.insert(std::string(data.at("number").as_string()));
    const std::uint64_t id = std::stoull(e->id);
    EXPECT_GT(id, last_id);
    last_id = id;
    if (shown.size() == numbers.size()) break;
  }
  EXPECT_EQ(shown, std::multiset<std::string>(numbers.begin(), numbers.end()));
}

TEST(QueueHttp, ADisconnectedDisplayCatchesUpWithLastEventId) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  ASSERT_TRUE(SignInAs(c, server, "counter_staff"));
  for (int i = 0; i < 5; ++i) ASSERT_EQ(IssueTicket(c).status, 201);
  ASSERT_EQ(OpenCounter(c, "1", "walk_in").status, 200);
  auto call = [&] {
    auto r = c.PostJson(kBase + "/counters/1/call-next", "");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(c.PostJson(kBase + "/counters/1/finish", "").status, 200);
    return Number(r);
  };
  std::string seen_id;
  {
    SseClient display(server.port(), kBase + "/display/events");
    call();
    auto e = display.Next();
    ASSERT_TRUE(e);
    EXPECT_EQ(json::parse(e->data).at("number"), "A001");
    seen_id = e->id;
  }  // the display loses its connection
  call();
  call();
  SseClient again(server.port(), kBase + "/display/events", seen_id);
  auto e1 = again.Next();
  auto e2 = again.Next();
  ASSERT_TRUE(e1 && e2);
  EXPECT_EQ(json::parse(e1->data).at("number"), "A002");
  EXPECT_EQ(json::parse(e2->data).at("number"), "A003");
  EXPECT_FALSE(again.Next(300)) << "nothing twice";
  // A display that starts fresh sees the recent calls at once.
  SseClient fresh(server.port(), kBase + "/display/events");
  int replayed = 0;
  while (fresh.Next(300)) ++replayed;
  EXPECT_EQ(replayed, 3);
  // An id from an earlier run of the server is answered with a reset.
  SseClient stale(server.port(), kBase + "/display/events", std::string("1"));
  auto reset = stale.Next();
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->type, "reset");
}

TEST(QueueHttp, TheCitizensTicketStreamSaysWhereToGo) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  ASSERT_TRUE(SignInAs(c, server, "counter_staff"));
  ASSERT_EQ(IssueTicket(c).status, 201);
  auto mine = IssueTicket(c);
  const std::string id = std::to_string(mine.Json().at("id").as_int64());
  const std::string token(mine.Json().at("token").as_string());
  EXPECT_EQ(SseClient(server.port(), "/api/v1/tickets/" + id + "/events?token=bad").status(), 404);
  SseClient stream(server.port(), "/api/v1/tickets/" + id + "/events?token=" + token);
  auto now = stream.Next();
  ASSERT_TRUE(now);
  EXPECT_EQ(json::parse(now->data).at("position"), 2);
  ASSERT_EQ(OpenCounter(c, "4", "walk_in").status, 200);
  ASSERT_EQ(c.PostJson(kBase + "/counters/4/call-next", "").status, 200);
  std::optional<json::value> last;
  while (auto e = stream.Next(1000)) {
    last = json::parse(e->data);
    if (last->at("position") == 1) break;
  }
  ASSERT_TRUE(last);
  EXPECT_EQ(last->at("position"), 1) << "you are next";
  ASSERT_EQ(c.PostJson(kBase + "/counters/4/finish", "").status, 200);
  ASSERT_EQ(c.PostJson(kBase + "/counters/4/call-next", "").status, 200);
  while (auto e = stream.Next(1000)) {
    last = json::parse(e->data);
    if (last->at("status") == "called") break;
  }
  EXPECT_EQ(last->at("status"), "called");
  EXPECT_EQ(last->at("counter"), "4");
}

TEST(QueueHttp, ARestartLosesNoTicket) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  {
    HttpClient c(server.port());
    ASSERT_TRUE(SignInAs(c, server, "counter_staff"));
    for (int i = 0; i < 3; ++i) ASSERT_EQ(IssueTicket(c).status, 201);
    ASSERT_EQ(OpenCounter(c, "1", "walk_in").status, 200);
    ASSERT_EQ(c.PostJson(kBase + "/counters/1/call-next", "").status, 200);
  }
  ASSERT_EQ(server.Stop(SIGKILL), 128 + SIGKILL);
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  ASSERT_TRUE(SignInAs(c, server, "counter_staff"));
  auto q = c.Get(kBase + "/queue");
  ASSERT_EQ(q.status, 200);
  EXPECT_EQ(q.Json().at("waiting").as_array().size(), 2u);
  EXPECT_EQ(q.Json().at("called").as_array().size(), 1u);
  auto next = IssueTicket(c);
  EXPECT_EQ(next.Json().at("number"), "A004");
}

TEST(QueueHttp, SigtermEndsOpenStreamsAndExitsCleanly) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  SseClient display(server.port(), kBase + "/display/events");
  ASSERT_EQ(display.status(), 200);
  AddStaff(server, "streamer", "counter_staff", kLocation);
  SseClient counter(server.port(), kBase + "/counters/1/events", std::nullopt,
                    SignIn(server.port(), "streamer")->cookie);
  ASSERT_EQ(counter.status(), 200);
  auto first = counter.Next();
  ASSERT_TRUE(first) << "a counter's stream starts with the current figures";
  EXPECT_EQ(first->type, "queue");
  EXPECT_EQ(server.Stop(SIGTERM), 0) << "open event streams must not hold up the shutdown";
  EXPECT_FALSE(display.Next(2000));
  EXPECT_TRUE(display.closed());
}

}  // namespace
}  // namespace amtszeit::testing
