// The proof of work on holds over HTTP, with the real limits: a citizen's hold without a proof is
// 428, with a solved challenge 201; a wrong, replayed or borrowed proof is 403; the difficulty
// grows with the address's holds; the call centre needs none; `--proof-bits 0` turns it off; and
// a challenge issued by one node verifies on another node of the same database, where it is then
// spent for every node.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>

#include "support/http_client.h"
#include "support/proof_client.h"
#include "support/server_process.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;
using Headers = std::map<std::string, std::string>;

constexpr int kBaseBits = 10;

class ProofHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess({.client_limits = true,
                                 .proof_of_work = true,
                                 .extra_args = {"--trusted-proxy", "127.0.0.1", "--proof-bits",
                                                std::to_string(kBaseBits)}});
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
ServerProcess* ProofHttp::server_ = nullptr;

Headers From(const std::string& address) { return {{"X-Forwarded-For", address}}; }

// Slots of one centre, each starting after the previous one ended (so all can be held).
json::array Slots(HttpClient& c, const std::string& location, std::size_t n, const Headers& h) {
  auto r = c.Request("GET", "/api/v1/slots?services=personalausweis&limit=80&locations=" + location,
                     "", h);
  EXPECT_EQ(r.status, 200) << r.body;
  json::array out;
  if (r.status != 200) return out;
  for (const auto& s : r.Json().at("slots").as_array()) {
    if (out.size() == n) break;
    if (out.empty() || s.at("start").as_string() >= out.back().at("end").as_string()) {
      out.push_back(s);
    }
  }
  return out;
}

std::string HoldBody(const json::value& slot, const std::string& channel = "online") {
  return json::serialize(json::value{{"services", json::array{"personalausweis"}},
                                     {"location", slot.at("location")},
                                     {"start", slot.at("start")},
                                     {"channel", channel}});
}

std::string Detail(const HttpResponse& r) {
  return r.headers.contains("content-type") &&
                 r.headers.at("content-type") == "application/problem+json"
             ? std::string(r.Json().at("detail").as_string())
             : r.body;
}

TEST_F(ProofHttp, AHoldNeedsASolvedChallengeOfItsOwnAddress) {
  HttpClient c(port());
  const Headers me = From("198.51.100.61");
  const auto slots = Slots(c, "kz-wilhelmsburg", 3, me);
  ASSERT_EQ(slots.size(), 3u);

  auto bare = c.PostJson("/api/v1/holds", HoldBody(slots[0]), me);
  ASSERT_EQ(bare.status, 428) << bare.body;
  EXPECT_EQ(bare.headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(bare.Json().at("challenge_url").as_string(), "/api/v1/challenge");

  auto challenge = c.Request("GET", "/api/v1/challenge", "", me);
  ASSERT_EQ(challenge.status, 200) << challenge.body;
  EXPECT_EQ(challenge.headers.at("cache-control"), "no-store");
  const auto& j = challenge.Json();
  EXPECT_TRUE(j.at("required").as_bool());
  EXPECT_EQ(j.at("algorithm").as_string(), "SHA-256");
  EXPECT_EQ(j.at("header").as_string(), "X-Proof");
  EXPECT_EQ(j.at("bits").as_int64(), kBaseBits) << "a newcomer gets the base difficulty";
  EXPECT_FALSE(j.at("expires_at").as_string().empty());
  const std::string token(j.at("challenge").as_string());
  const auto solution = SolveProof(token, kBaseBits);
  ASSERT_TRUE(solution);
  const std::string proof = token + "." + std::to_string(*solution);

  // Someone else's proof, or a counter that does not solve it, buys nothing.
  Headers borrowed = From("198.51.100.62");
  borrowed["X-Proof"] = proof;
  auto other = c.PostJson("/api/v1/holds", HoldBody(slots[0]), borrowed);
  EXPECT_EQ(other.status, 403) << other.body;
  EXPECT_NE(Detail(other).find("this address"), std::string::npos) << other.body;
  std::uint64_t wrong = *solution + 1;
  while (ProofZeroBits(token + "." + std::to_string(wrong)) >= kBaseBits) ++wrong;
  Headers guessed = me;
  guessed["X-Proof"] = token + "." + std::to_string(wrong);
  auto bad = c.PostJson("/api/v1/holds", HoldBody(slots[0]), guessed);
  EXPECT_EQ(bad.status, 403) << bad.body;

  Headers proven = me;
  proven["X-Proof"] = proof;
  auto held = c.PostJson("/api/v1/holds", HoldBody(slots[0]), proven);
  ASSERT_EQ(held.status, 201) << held.body;
  auto replayed = c.PostJson("/api/v1/holds", HoldBody(slots[1]), proven);
  EXPECT_EQ(replayed.status, 403) << replayed.body;
  EXPECT_NE(Detail(replayed).find("used already"), std::string::npos) << replayed.body;
}

TEST_F(ProofHttp, TheWorkGrowsWithTheHoldsOfAnAddress) {
  HttpClient c(port());
  const Headers me = From("198.51.100.63");
  const auto slots = Slots(c, "kz-bergedorf", 3, me);
  ASSERT_EQ(slots.size(), 3u);
  std::vector<int> bits;
  for (const auto& slot : slots) {
    auto proven = HoldWithProof(c, HoldBody(slot), me);
    ASSERT_EQ(proven.hold.status, 201) << proven.hold.body;
    bits.push_back(proven.bits);
  }
  // Each hold is open and recent: a bit more for each (two, while the rate limit remembers it).
  ASSERT_EQ(bits.size(), 3u);
  EXPECT_EQ(bits[0], kBaseBits);
  EXPECT_GT(bits[1], bits[0]);
  EXPECT_GT(bits[2], bits[1]);
  EXPECT_LE(bits[2], kBaseBits + 4);
  // A challenge fetched while the address held less is too easy once it holds more.
  const Headers fresh = From("198.51.100.64");
  auto early = c.Request("GET", "/api/v1/challenge", "", fresh);
  ASSERT_EQ(early.status, 200);
  const auto more = Slots(c, "kz-harburg", 2, fresh);
  ASSERT_EQ(more.size(), 2u);
  ASSERT_EQ(HoldWithProof(c, HoldBody(more[0]), fresh).hold.status, 201);
  const std::string token(early.Json().at("challenge").as_string());
  Headers stale = fresh;
  stale["X-Proof"] = token + "." + std::to_string(*SolveProof(token, kBaseBits));
  auto refused = c.PostJson("/api/v1/holds", HoldBody(more[1]), stale);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(Detail(refused).find("easier"), std::string::npos) << refused.body;
}

TEST_F(ProofHttp, TheCallCentreNeedsNoProof) {
  HttpClient c(port());
  Headers agent = From("198.51.100.65");
  agent["Authorization"] = "Bearer test-phone-key";
  auto r =
      c.Request("GET", "/api/v1/slots?services=personalausweis&channel=phone&limit=1", "", agent);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_FALSE(r.Json().at("slots").as_array().empty());
  auto held =
      c.PostJson("/api/v1/holds", HoldBody(r.Json().at("slots").as_array()[0], "phone"), agent);
  EXPECT_EQ(held.status, 201) << held.body;
}

// Two nodes on one database, as behind a load balancer; both ask for proofs.
class ProofHttpShared : public ::testing::Test {
 protected:
  const std::vector<std::string> flags_ = {"--trusted-proxy", "127.0.0.1", "--proof-bits",
                                           std::to_string(kBaseBits)};
  ServerProcess first{{.proof_of_work = true, .extra_args = flags_}};
  ServerProcess second{
      {.load_demo = false, .proof_of_work = true, .extra_args = flags_, .db = first.db()}};
};

// The key that signs challenges is kept in the database, so a challenge one node issued verifies
// on another node of the same database (and after a restart).
TEST_F(ProofHttpShared, AChallengeFromOneNodeVerifiesOnAnother) {
  ASSERT_TRUE(first.Start());
  ASSERT_TRUE(second.Start());
  HttpClient a(first.port());
  HttpClient b(second.port());
  const Headers me = From("198.51.100.71");
  const auto slots = Slots(b, "kz-wilhelmsburg", 1, me);
  ASSERT_EQ(slots.size(), 1u);

  const SolvedChallenge solved = SolveChallenge(a, me);
  ASSERT_EQ(solved.bits, kBaseBits) << solved.challenge.body;
  ASSERT_FALSE(solved.proof.empty());
  Headers proven = me;
  proven["X-Proof"] = solved.proof;
  auto held = b.PostJson("/api/v1/holds", HoldBody(slots[0]), proven);
  EXPECT_EQ(held.status, 201) << held.body;
  EXPECT_EQ(second.Stop(SIGTERM), 0);
  EXPECT_EQ(first.Stop(SIGTERM), 0);
}

// Which challenges are spent is kept in the database too: a solution buys one hold, not one per
// node, and a restart does not make it good again.
TEST_F(ProofHttpShared, ASolutionIsSpentOnceForEveryNodeAndAfterARestart) {
  ASSERT_TRUE(first.Start());
  ASSERT_TRUE(second.Start());
  HttpClient a(first.port());
  HttpClient b(second.port());
  const Headers me = From("198.51.100.72");
  const auto slots = Slots(a, "kz-wilhelmsburg", 3, me);
  ASSERT_EQ(slots.size(), 3u);

  const SolvedChallenge solved = SolveChallenge(a, me);
  ASSERT_EQ(solved.bits, kBaseBits) << solved.challenge.body;
  ASSERT_FALSE(solved.proof.empty());
  Headers proven = me;
  proven["X-Proof"] = solved.proof;

  auto held = a.PostJson("/api/v1/holds", HoldBody(slots[0]), proven);
  EXPECT_EQ(held.status, 201) << held.body;
  auto on_second = b.PostJson("/api/v1/holds", HoldBody(slots[1]), proven);
  EXPECT_EQ(on_second.status, 403) << on_second.body;
  EXPECT_NE(Detail(on_second).find("used already"), std::string::npos) << Detail(on_second);

  ASSERT_EQ(first.Stop(SIGTERM), 0);
  ASSERT_TRUE(first.Start());
  HttpClient restarted(first.port());
  auto after_restart = restarted.PostJson("/api/v1/holds", HoldBody(slots[2]), proven);
  EXPECT_EQ(after_restart.status, 403) << after_restart.body;
  EXPECT_NE(Detail(after_restart).find("used already"), std::string::npos) << Detail(after_restart);

  // A fresh challenge still buys the hold the replays did not get.
  auto fresh = HoldWithProof(b, HoldBody(slots[1]), me);
  EXPECT_EQ(fresh.hold.status, 201) << fresh.hold.body;
  EXPECT_EQ(second.Stop(SIGTERM), 0);
  EXPECT_EQ(first.Stop(SIGTERM), 0);
}

TEST(ProofHttpOff, WithoutProofBitsNoChallengeIsNeeded) {
  ServerProcess server;  // --proof-bits 0
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  auto challenge = c.Get("/api/v1/challenge");
  ASSERT_EQ(challenge.status, 200);
  EXPECT_FALSE(challenge.Json().at("required").as_bool());
  auto r = c.Get("/api/v1/slots?services=personalausweis&limit=1");
  ASSERT_EQ(r.status, 200) << r.body;
  auto held = c.PostJson("/api/v1/holds", HoldBody(r.Json().at("slots").as_array()[0]));
  EXPECT_EQ(held.status, 201) << held.body;
  EXPECT_EQ(server.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace amtszeit::testing
