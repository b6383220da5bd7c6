// Abuse resistance over HTTP with the real limits: a bot flooding search and holds from one
// address is refused with 429 while a citizen at another address searches and books; the cap on
// open holds; the call centre's exemption; forged X-Forwarded-For headers buy nothing. Holds need
// the proof of work (small difficulties here, so the test stays quick): the flooder pays it too.
//
// The server trusts 127.0.0.1 as a reverse proxy, so each test speaks for its own client address
// through X-Forwarded-For (documentation ranges, RFC 5737), as nginx would.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <thread>
#include <vector>

#include "support/holds.h"
#include "support/http_client.h"
#include "support/proof_client.h"
#include "support/server_process.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;
using Headers = std::map<std::string, std::string>;

class AbuseHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({.client_limits = true,
                                 .proof_of_work = true,
                                 .extra_args = {"--trusted-proxy", "127.0.0.1", "--proof-bits", "8",
                                                "--proof-max-bits", "14"}});
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
ServerProcess* AbuseHttp::server_ = nullptr;

Headers From(const std::string& address) { return {{"X-Forwarded-For", address}}; }

// The body holding an offered slot as the search answered it.
std::string HoldBodyOf(const json::value& slot, const std::string& channel = "online") {
  return HoldBody(std::string(slot.at("location").as_string()),
                  std::string(slot.at("start").as_string()), "personalausweis", channel);
}

void ExpectTooManyRequests(const HttpResponse& r) {
  ASSERT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/problem+json");
  ASSERT_TRUE(r.headers.contains("retry-after"));
  const int wait = std::stoi(r.headers.at("retry-after"));
  EXPECT_GE(wait, 1);
  EXPECT_EQ(r.Json().at("retry_after").as_int64(), wait);
  EXPECT_FALSE(r.Json().at("detail").as_string().empty());
}

json::array Slots(HttpClient& c, const std::string& query, const Headers& headers) {
  auto r = c.Request("GET", "/api/v1/slots?services=personalausweis&" + query, "", headers);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.Json().at("slots").as_array() : json::array();
}

// Slots of one centre that do not overlap in time, so each can be held although one staff member
// may be behind all of them (a search lists every start, 5 minutes apart).
json::array Disjoint(const json::array& slots, std::size_t n) {
  json::array out;
  for (const auto& s : slots) {
    if (out.size() == n) break;
    if (out.empty() || s.at("start").as_string() >= out.back().at("end").as_string()) {
      out.push_back(s);
    }
  }
  return out;
}

struct Tally {
  std::atomic<int> sent = 0;
  std::atomic<int> answered = 0;  // 2xx, and 409 for a hold on a taken slot
  std::atomic<int> refused = 0;   // 429, or 403: a proof that became too easy meanwhile
  std::atomic<int> other = 0;

  void Count(const HttpResponse& r) {
    ++sent;
    if ((r.status >= 200 && r.status < 300) || r.status == 409) {
      ++answered;
    } else if (r.status == 429 || r.status == 403) {
      ++refused;
    } else {
      ++other;
    }
  }
  double Percent(int part) const { return sent == 0 ? 0 : 100.0 * part / sent; }
};

TEST_F(AbuseHttp, ABotFloodIsRefusedWhileACitizenSearchesAndBooks) {
  const Headers bot = From("203.0.113.66");
  const Headers citizen = From("198.51.100.7");
  std::atomic<bool> citizen_done = false;
  std::atomic<bool> bot_refused = false;
  Tally flood;
  std::atomic<std::uint64_t> bot_hashes = 0;
  std::atomic<int> bot_proofs = 0;
  json::value sample_refusal;
  std::mutex sample_mu;

  // Eight connections at once, each reconnecting every 25 requests: searches of every kind and,
  // every fifth request, a hold. Bounded in count; stops early once the citizen is through.
  std::vector<std::thread> bots;
  for (int t = 0; t < 8; ++t) {
    bots.emplace_back([&, t] {
      auto c = std::make_unique<HttpClient>(port());
      json::value slot;
      for (int i = 0; i < 300 && !(citizen_done && i >= 50); ++i) {
        if (i % 25 == 24) c = std::make_unique<HttpClient>(port());
        HttpResponse r;
        if (i % 5 == 4 && slot.is_object()) {
          auto proven = HoldWithProof(*c, HoldBodyOf(slot), bot);
          r = proven.hold;
          bot_hashes += proven.hashes;
          bot_proofs += !proven.proof.empty();
        } else if (i % 2 == 0) {
          r = c->Request("GET", "/api/v1/slots?services=personalausweis&locations=kz-blankenese",
                         "", bot);
          if (r.status == 200 && !r.Json().at("slots").as_array().empty()) {
            slot = r.Json().at("slots").as_array()[t % r.Json().at("slots").as_array().size()];
          }
        } else {
          r = c->Request("GET", "/api/v1/locations/kz-blankenese/days?services=personalausweis", "",
                         bot);
        }
        flood.Count(r);
        if (r.status == 429) {
          bot_refused = true;
          std::lock_guard lock(sample_mu);
          if (sample_refusal.is_null()) sample_refusal = json::parse(r.body);
        }
      }
    });
  }

  // The citizen starts once the bot is already being refused (at most 5 s later).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!bot_refused && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(bot_refused);
  HttpClient c(port());
  int searches = 0;
  int searches_ok = 0;
  const std::vector<std::string> queries = {
      "/api/v1/slots?services=personalausweis&locations=kz-wilhelmsburg&limit=5",
      "/api/v1/slots?services=personalausweis&window=early",
      "/api/v1/slots?services=reisepass&districts=harburg",
      "/api/v1/locations/kz-wilhelmsburg/days?services=personalausweis",
      "/api/v1/slots?services=personalausweis&window=late&limit=10",
  };
  for (int round = 0; round < 2; ++round) {
    for (const auto& q : queries) {
      auto r = c.Request("GET", q, "", citizen);
      ++searches;
      searches_ok += r.status == 200;
      EXPECT_EQ(r.status, 200) << q << ": " << r.body;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  int bookings_ok = 0;
  int citizen_bits = 0;
  std::uint64_t citizen_hashes = 0;
  const auto slots = Slots(c, "locations=kz-wilhelmsburg&limit=1", citizen);
  ++searches;
  searches_ok += !slots.empty();
  if (!slots.empty()) {
    auto proven = HoldWithProof(c, HoldBodyOf(slots[0]), citizen);
    citizen_bits = proven.bits;
    citizen_hashes = proven.hashes;
    const HttpResponse& hold = proven.hold;
    EXPECT_EQ(hold.status, 201) << hold.body;
    if (hold.status == 201) {
      auto confirmed = c.PostJson("/api/v1/appointments",
                                  ConfirmBody(hold.Json(), "citizen@example.org"), citizen);
      EXPECT_EQ(confirmed.status, 201) << confirmed.body;
      bookings_ok += confirmed.status == 201;
    }
  }
  citizen_done = true;
  for (auto& b : bots) b.join();

  EXPECT_GT(flood.refused.load(), 0);
  EXPECT_EQ(flood.other.load(), 0);
  EXPECT_GT(bot_proofs.load(), 0) << "the flooder had to pay for its holds";
  EXPECT_GT(bot_hashes.load(), 0u);
  EXPECT_GT(citizen_hashes, 0u);
  EXPECT_EQ(searches_ok, searches);
  EXPECT_EQ(bookings_ok, 1);
  ASSERT_TRUE(sample_refusal.is_object());
  EXPECT_EQ(sample_refusal.at("status").as_int64(), 429);

  std::cout << std::fixed << std::setprecision(1) << "bot flood: flooder sent " << flood.sent
            << " requests: " << flood.answered << " answered (" << flood.Percent(flood.answered)
            << " %), " << flood.refused << " refused (429 or 403) (" << flood.Percent(flood.refused)
            << " %)\n"
            << "bot flood: citizen searches " << searches_ok << "/" << searches << " ("
            << 100.0 * searches_ok / searches << " %), bookings " << bookings_ok << "/1 ("
            << 100.0 * bookings_ok << " %)\n"
            << "bot flood: proof of work: the flooder solved " << bot_proofs << " challenges ("
            << bot_hashes << " hashes); the citizen one of " << citizen_bits << " bits ("
            << citizen_hashes << " hashes)\n";
}

TEST_F(AbuseHttp, SearchesBeyondTheBurstAre429WithRetryAfter) {
  HttpClient c(port());
  const Headers me = From("198.51.100.20");
  for (int i = 0; i < 20; ++i) {
    auto r =
        c.Request("GET", "/api/v1/locations/kz-wilhelmsburg/days?services=personalausweis", "", me);
    ASSERT_EQ(r.status, 200) << i << ": " << r.body;
  }
  // The burst is spent; a few more at once cannot all have been refilled.
  HttpResponse refused;
  for (int i = 0; i < 10 && refused.status != 429; ++i) {
    refused = c.Request("GET", "/api/v1/slots?services=personalausweis", "", me);
  }
  ExpectTooManyRequests(refused);
  EXPECT_EQ(
      c.Request("GET", "/api/v1/slots?services=personalausweis", "", From("198.51.100.21")).status,
      200)
      << "another address is not affected";
}

TEST_F(AbuseHttp, TheCallCentreIsNotLimitedLikeACitizen) {
  HttpClient c(port());
  Headers agent = From("198.51.100.30");
  agent["Authorization"] = "Bearer test-phone-key";
  for (int i = 0; i < 40; ++i) {
    auto r =
        c.Request("GET", "/api/v1/slots?services=personalausweis&channel=phone&limit=2", "", agent);
    ASSERT_EQ(r.status, 200) << i << ": " << r.body;
  }
  const auto slots = Disjoint(Slots(c, "channel=phone&limit=60&locations=kz-harburg", agent), 6);
  ASSERT_EQ(slots.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    auto hold = c.PostJson("/api/v1/holds", HoldBodyOf(slots[i], "phone"), agent);
    EXPECT_EQ(hold.status, 201) << i << ": " << hold.body;
  }
}

TEST_F(AbuseHttp, AFourthOpenHoldIsRefusedUntilOneIsConfirmed) {
  HttpClient c(port());
  const Headers me = From("198.51.100.40");
  const auto slots = Disjoint(Slots(c, "locations=kz-bergedorf&limit=60", me), 4);
  ASSERT_EQ(slots.size(), 4u);
  std::vector<json::value> receipts;
  for (int i = 0; i < 3; ++i) {
    auto hold = HoldWithProof(c, HoldBodyOf(slots[i]), me).hold;
    ASSERT_EQ(hold.status, 201) << hold.body;
    receipts.push_back(hold.Json());
  }
  auto fourth = HoldWithProof(c, HoldBodyOf(slots[3]), me).hold;
  ExpectTooManyRequests(fourth);
  EXPECT_NE(std::string(fourth.Json().at("detail").as_string()).find("unconfirmed"),
            std::string::npos)
      << fourth.body;
  auto confirmed =
      c.PostJson("/api/v1/appointments", ConfirmBody(receipts[0], "holder@example.org"), me);
  ASSERT_EQ(confirmed.status, 201) << confirmed.body;
  auto again = HoldWithProof(c, HoldBodyOf(slots[3]), me).hold;
  EXPECT_EQ(again.status, 201) << again.body;
}

TEST_F(AbuseHttp, HstsOnlyWhenATrustedProxyReceivedTheRequestOverTls) {
  HttpClient c(port());
  Headers tls = From("198.51.100.50");
  tls["X-Forwarded-Proto"] = "https";
  auto secure = c.Request("GET", "/api/v1/health", "", tls);
  ASSERT_EQ(secure.status, 200);
  ASSERT_TRUE(secure.headers.contains("strict-transport-security"));
  EXPECT_NE(secure.headers.at("strict-transport-security").find("max-age="), std::string::npos);
  auto missing = c.Request("GET", "/api/v1/nothing-here", "", tls);
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(missing.headers.contains("strict-transport-security")) << "errors too";
  auto plain = c.Request("GET", "/api/v1/health", "", From("198.51.100.50"));
  EXPECT_FALSE(plain.headers.contains("strict-transport-security"));
}

// Without a trusted proxy the peer address is the client: a client that writes its own
// X-Forwarded-For (or X-Forwarded-Proto) changes nothing.
TEST(AbuseHttpWithoutProxy, ForgedForwardingHeadersBuyNoNewLimitsAndNoHsts) {
  ServerProcess server({.client_limits = true});
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  int refused = 0;
  for (int i = 0; i < 40; ++i) {
    Headers forged = From("192.0.2." + std::to_string(i + 1));
    forged["X-Forwarded-Proto"] = "https";
    auto r = c.Request("GET", "/api/v1/slots?services=personalausweis&limit=1", "", forged);
    EXPECT_FALSE(r.headers.contains("strict-transport-security"));
    if (r.status == 429) {
      ++refused;
    } else {
      EXPECT_EQ(r.status, 200) << r.body;
    }
  }
  EXPECT_GT(refused, 0);
  EXPECT_EQ(server.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace amtszeit::testing
