// Booking over HTTP against the real server and SQLite file: the citizen's flow, the phone
// channel, 64 clients racing for the same slots, and a kill -9 that loses nothing acknowledged.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <boost/json.hpp>
#include <set>
#include <thread>

#include "support/holds.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;

TEST(BookingHttp, CitizenSearchesHoldsConfirmsViewsAndCancels) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  auto search = c.Get("/api/v1/slots?services=reisepass&limit=5&window=early");
  ASSERT_EQ(search.status, 200) << search.body;
  const auto& slots = search.Json().at("slots").as_array();
  ASSERT_EQ(slots.size(), 5u);
  for (std::size_t i = 1; i < slots.size(); ++i) {
    EXPECT_LE(slots[i - 1].at("start").as_string(), slots[i].at("start").as_string())
        << "sorted by time";
  }
  const std::string location(slots[0].at("location").as_string());
  const std::string start(slots[0].at("start").as_string());
  auto hold = c.PostJson("/api/v1/holds", HoldBody(location, start, "reisepass"));
  ASSERT_EQ(hold.status, 201) << hold.body;
  auto confirmed =
      c.PostJson("/api/v1/appointments", ConfirmBody(hold.Json(), "erika@example.org"));
  ASSERT_EQ(confirmed.status, 201) << confirmed.body;
  const json::value receipt = confirmed.Json();
  const std::string code(receipt.at("appointment").at("code").as_string());
  const std::string token(receipt.at("token").as_string());
  EXPECT_EQ(receipt.at("appointment").at("status"), "confirmed");
  EXPECT_NE(std::string(receipt.at("manage_url").as_string()).find(code), std::string::npos);

  auto view = c.Get("/api/v1/appointments/" + code + "?token=" + token);
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(view.Json().at("start").as_string(), start);
  EXPECT_EQ(c.Get("/api/v1/appointments/" + code + "?token=wrong").status, 404);
  EXPECT_EQ(c.Get("/api/v1/appointments/" + code).status, 404);

  auto ics = c.Get("/api/v1/appointments/" + code + ".ics?token=" + token);
  ASSERT_EQ(ics.status, 200);
  EXPECT_EQ(ics.headers.at("content-type"), "text/calendar; charset=utf-8");
  EXPECT_NE(ics.body.find("BEGIN:VEVENT"), std::string::npos);

  // The citizen's copy of everything stored (GDPR art. 15), by code and token only.
  auto exported = c.Get("/api/v1/appointments/" + code + "/export?token=" + token);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.headers.at("cache-control"), "no-store");
  const json::value data = exported.Json();
  EXPECT_EQ(data.at("appointment").at("contact").at("email"), "erika@example.org");
  const auto& history = data.at("history").as_array();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].at("event"), "held");
  EXPECT_EQ(history[1].at("event"), "confirmed");
  EXPECT_TRUE(data.at("retention").as_object().contains("personal_data_kept_until"));
  EXPECT_EQ(c.Get("/api/v1/appointments/" + code + "/export?token=wrong").status, 404);

  auto cancelled = c.Request("DELETE", "/api/v1/appointments/" + code + "?token=" + token);
  ASSERT_EQ(cancelled.status, 200);
  EXPECT_EQ(cancelled.Json().at("status"), "cancelled");
  EXPECT_EQ(server.Stop(SIGTERM), 0);
}

TEST(BookingHttp, OnlineOnlyServicesAnswerWithTheirLink) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  auto r = c.Get("/api/v1/slots?services=fuehrungszeugnis");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.Json().at("slots").as_array().empty());
  EXPECT_EQ(r.Json().at("online").as_array()[0].at("url"), "https://www.fuehrungszeugnis.bund.de");
  auto ummeldung = c.Get("/api/v1/slots?services=ummeldung");
  EXPECT_EQ(ummeldung.status, 400) << "the move-in date is needed";
}

TEST(BookingHttp, PhoneChannelNeedsTheCallCentresKey) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  EXPECT_EQ(c.Get("/api/v1/slots?services=reisepass&channel=phone").status, 401);
  auto wrong = c.Request("GET", "/api/v1/slots?services=reisepass&channel=phone", "",
                         {{"Authorization", "Bearer nope"}});
  EXPECT_EQ(wrong.status, 401);
  const std::map<std::string, std::string> auth = {{"Authorization", "Bearer test-phone-key"}};
  auto ok = c.Request("GET", "/api/v1/slots?services=reisepass&channel=phone&limit=1", "", auth);
  ASSERT_EQ(ok.status, 200) << ok.body;
  const auto& slot = ok.Json().at("slots").as_array()[0];
  auto hold = c.PostJson("/api/v1/holds",
                         HoldBody(std::string(slot.at("location").as_string()),
                                  std::string(slot.at("start").as_string()), "reisepass", "phone"),
                         auth);
  EXPECT_EQ(hold.status, 201) << hold.body;
  EXPECT_EQ(hold.Json().at("appointment").at("channel"), "phone");
}

TEST(BookingHttp, CallCentreFindsAndCancelsByContactOrCodeWithoutTheToken) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  const std::map<std::string, std::string> auth = {{"Authorization", "Bearer test-phone-key"}};
  auto hold = HoldFirstSlot(c);
  ASSERT_EQ(hold.status, 201) << hold.body;
  const std::string code(hold.Json().at("appointment").at("code").as_string());
  auto confirmed = c.PostJson(
      "/api/v1/appointments",
      json::serialize(json::value{
          {"hold", code},
          {"token", hold.Json().at("token")},
          {"contact",
           {{"name", "Anrufer"}, {"email", "anrufer@example.org"}, {"phone", "040 428 28-0"}}}}));
  ASSERT_EQ(confirmed.status, 201) << confirmed.body;

  EXPECT_EQ(c.Get("/api/v1/appointments?contact=040%2042828-0").status, 401) << "key required";
  EXPECT_EQ(c.Get("/api/v1/appointments/" + code).status, 404) << "citizens need the token";
  EXPECT_EQ(
      c.Request("GET", "/api/v1/appointments/" + code, "", {{"Authorization", "Bearer x"}}).status,
      401);
  // The caller gives the number in another spelling; the lookup normalises it, and finds the
  // booking although its key for the one-per-person rule is the e-mail address.
  auto found = c.Request("GET", "/api/v1/appointments?contact=%2B49%2040%20428280", "", auth);
  ASSERT_EQ(found.status, 200) << found.body;
  const auto& list = found.Json().at("appointments").as_array();
  ASSERT_EQ(list.size(), 1u) << found.body;
  EXPECT_EQ(list[0].at("code").as_string(), code);
  auto shown = c.Request("GET", "/api/v1/appointments/" + code, "", auth);
  EXPECT_EQ(shown.status, 200) << shown.body;
  auto by_mail = c.Request("GET", "/api/v1/appointments?contact=Anrufer%40Example.org", "", auth);
  EXPECT_EQ(by_mail.Json().at("appointments").as_array().size(), 1u) << by_mail.body;
  auto cancelled = c.Request("DELETE", "/api/v1/appointments/" + code, "", auth);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.Json().at("status"), "cancelled");
  auto none = c.Request("GET", "/api/v1/appointments?contact=040%2042828-0", "", auth);
  EXPECT_TRUE(none.Json().at("appointments").as_array().empty());
}

struct StoredAppointment {
  std::string code;
  std::string staff;
  std::string day;
  int begin;
  int end;
};

std::vector<StoredAppointment> OccupyingRows(const std::string& db_path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT code, staff_id, day, begin_min, end_min FROM appointments WHERE "
                     "status IN ('held','confirmed','checked_in','called')",
                     -1, &st, nullptr);
  std::vector<StoredAppointment> out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    out.push_back({reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                   reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                   reinterpret_cast<const char*>(sqlite3_column_text(st, 2)),
                   sqlite3_column_int(st, 3), sqlite3_column_int(st, 4)});
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST(BookingHttp, SixtyFourClientsRacingGetExactlyOneBookingPerStaffTime) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient probe(server.port());
  auto search =
      probe.Get("/api/v1/slots?services=personalausweis&locations=kz-blankenese&limit=12");
  ASSERT_EQ(search.status, 200);
  std::vector<std::pair<std::string, std::string>> wanted;
  for (const auto& s : search.Json().at("slots").as_array()) {
    wanted.emplace_back(std::string(s.at("location").as_string()),
                        std::string(s.at("start").as_string()));
  }
  ASSERT_FALSE(wanted.empty());
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<int> conflicts = 0;
  std::atomic<int> other = 0;
  std::vector<std::thread> clients;
  for (int i = 0; i < 64; ++i) {
    clients.emplace_back([&, i] {
      HttpClient c(server.port());
      for (std::size_t k = 0; k < wanted.size(); ++k) {
        const auto& [location, start] = wanted[(k + i) % wanted.size()];
        auto hold = c.PostJson("/api/v1/holds", HoldBody(location, start));
        if (hold.status == 409) {
          ++conflicts;
          continue;
        }
        if (hold.status != 201) {
          ++other;
          continue;
        }
        std::lock_guard lock(mu);
        acknowledged.insert(std::string(hold.Json().at("appointment").at("code").as_string()));
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_GT(conflicts.load(), 0);
  ASSERT_FALSE(acknowledged.empty());
  ASSERT_EQ(server.Stop(SIGTERM), 0);

  const auto rows = OccupyingRows(server.db());
  std::set<std::string> stored;
  for (const auto& r : rows) stored.insert(r.code);
  EXPECT_EQ(stored, acknowledged) << "every 201 is stored, and nothing else";
  for (std::size_t a = 0; a < rows.size(); ++a) {
    for (std::size_t b = a + 1; b < rows.size(); ++b) {
      const bool overlap = rows[a].staff == rows[b].staff && rows[a].day == rows[b].day &&
                           rows[a].begin < rows[b].end && rows[b].begin < rows[a].end;
      EXPECT_FALSE(overlap) << rows[a].code << " and " << rows[b].code << " double-book";
    }
  }
}

TEST(BookingHttp, KillDashNineLosesNoAcknowledgedBooking) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  std::vector<std::pair<std::string, std::string>> booked;  // code, token
  {
    HttpClient c(server.port());
    auto search = c.Get("/api/v1/slots?services=personalausweis&limit=40");
    std::set<std::string> used;
    int n = 0;
    for (const auto& s : search.Json().at("slots").as_array()) {
      auto hold = c.PostJson("/api/v1/holds", HoldBody(std::string(s.at("location").as_string()),
                                                       std::string(s.at("start").as_string())));
      if (hold.status != 201) continue;
      auto confirmed = c.PostJson("/api/v1/appointments",
                                  ConfirmBody(hold.Json(), "p" + std::to_string(n++) + "@x.de"));
      ASSERT_EQ(confirmed.status, 201) << confirmed.body;
      booked.emplace_back(std::string(confirmed.Json().at("appointment").at("code").as_string()),
                          std::string(confirmed.Json().at("token").as_string()));
      if (booked.size() == 10) break;
    }
  }
  ASSERT_EQ(booked.size(), 10u);
  EXPECT_EQ(server.Stop(SIGKILL), 128 + SIGKILL);
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  for (const auto& [code, token] : booked) {
    auto r = c.Get("/api/v1/appointments/" + code + "?token=" + token);
    ASSERT_EQ(r.status, 200) << code;
    EXPECT_EQ(r.Json().at("status"), "confirmed");
  }
}

TEST(BookingHttp, IdempotencyKeyMakesRetriesSafe) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  const std::vector<Slot> offered = Offered(c, "limit=1");
  ASSERT_EQ(offered.size(), 1u);
  const std::string body = HoldBody(offered[0].location, offered[0].start);
  auto first = c.PostJson("/api/v1/holds", body, {{"Idempotency-Key", "retry-1"}});
  auto again = c.PostJson("/api/v1/holds", body, {{"Idempotency-Key", "retry-1"}});
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(first.Json().at("appointment").at("code"), again.Json().at("appointment").at("code"));
}

// The value of an unlabelled sample (or one with the given labels) in /metrics' text; -1 when
// the line is missing.
double Sample(const std::string& text, const std::string& series) {
  const std::string prefix = "\n" + series + " ";
  const std::size_t at = text.find(prefix);
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + prefix.size()));
}

TEST(BookingHttp, MetricsShowTheWritersFiguresGrowingWithABooking) {
  ServerProcess server;
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  const auto before = c.Get("/metrics");
  ASSERT_EQ(before.status, 200);
  for (const std::string series :
       {"amtszeit_writer_commits_total", "amtszeit_writer_commands_total",
        "amtszeit_writer_largest_group", "amtszeit_writer_cpu_seconds_total",
        "amtszeit_writer_commit_seconds_sum", "amtszeit_writer_commit_seconds_count",
        "amtszeit_writer_commit_seconds_bucket{le=\"+Inf\"}"}) {
    EXPECT_GE(Sample(before.body, series), 0) << series << " missing in\n" << before.body;
  }

  auto hold = HoldFirstSlot(c);
  ASSERT_EQ(hold.status, 201) << hold.body;
  auto confirmed =
      c.PostJson("/api/v1/appointments", ConfirmBody(hold.Json(), "metrics@example.org"));
  ASSERT_EQ(confirmed.status, 201) << confirmed.body;

  const auto after = c.Get("/metrics");
  ASSERT_EQ(after.status, 200);
  auto grew = [&](const std::string& series) {
    return Sample(after.body, series) - Sample(before.body, series);
  };
  // Hold and confirm are one command each; every command reaches a commit.
  EXPECT_GE(grew("amtszeit_writer_commands_total"), 2);
  EXPECT_GE(grew("amtszeit_writer_commits_total"), 1);
  EXPECT_GE(grew("amtszeit_writer_commit_seconds_count"), 1);
  EXPECT_EQ(Sample(after.body, "amtszeit_writer_commit_seconds_count"),
            Sample(after.body, "amtszeit_writer_commit_seconds_bucket{le=\"+Inf\"}"));
  EXPECT_GT(grew("amtszeit_writer_commit_seconds_sum"), 0);
  EXPECT_GT(grew("amtszeit_writer_cpu_seconds_total"), 0);
  EXPECT_GE(Sample(after.body, "amtszeit_writer_largest_group"), 1);
}

}  // namespace
}  // namespace amtszeit::testing
