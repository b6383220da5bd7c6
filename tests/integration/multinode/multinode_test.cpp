// Several server nodes on one PostgreSQL database (the cluster of scripts/start-postgres, named by
// AMTSZEIT_TEST_PG_URL): 64 clients race through both nodes for the same scarce slots and the
// database lets exactly one hold per staff time win; a booking made on one node disappears from
// the other node's search within a second (LISTEN/NOTIFY); a node killed with -9 and restarted
// has lost nothing acknowledged and sees the other's bookings.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "amtszeit/store/pg_db.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;

std::string HoldBody(const std::string& location, const std::string& start) {
  return json::serialize(json::value{{"services", json::array{json::value("personalausweis")}},
                                     {"location", location},
                                     {"start", start},
                                     {"channel", "online"}});
}

struct Slot {
  std::string location;
  std::string start;
  bool operator<(const Slot& o) const {
    return std::tie(location, start) < std::tie(o.location, o.start);
  }
};

std::vector<Slot> Offered(HttpClient& c, const std::string& query) {
  auto r = c.Get("/api/v1/slots?services=personalausweis&" + query);
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<Slot> out;
  if (r.status != 200) return out;
  for (const auto& s : r.Json().at("slots").as_array()) {
    out.push_back(
        {std::string(s.at("location").as_string()), std::string(s.at("start").as_string())});
  }
  return out;
}

// A database of its own on the test cluster, dropped at the end.
class MultiNode : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* server = std::getenv("AMTSZEIT_TEST_PG_URL");
    ASSERT_TRUE(server != nullptr && *server != 0)
        << "AMTSZEIT_TEST_PG_URL must name a PostgreSQL server (tests/with-postgres sets it)";
    server_ = server;
    name_ = "multinode_" + std::to_string(getpid());
    auto admin = store::PgDb::Connect(server_);
    ASSERT_TRUE(admin) << admin.error().message;
    ASSERT_TRUE((*admin)->Exec("DROP DATABASE IF EXISTS " + name_));
    ASSERT_TRUE((*admin)->Exec("CREATE DATABASE " + name_));
    url_ = server_.substr(0, server_.rfind('/') + 1) + name_;
    ASSERT_EQ(RunAmtszeit({"demo", "--db", url_, "--no-serve", "--no-history"}), 0);
    key_ = std::filesystem::temp_directory_path() / ("amtszeit-mn-" + name_ + ".key");
  }
  void TearDown() override {
    std::filesystem::remove(key_);
    if (auto admin = store::PgDb::Connect(server_)) {
      (void)(*admin)->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    }
  }
  ServerProcess::Options Node() const {
    return {.load_demo = false, .extra_args = {"--notify-key", key_.string()}, .db = url_};
  }
  // Rows that occupy staff time, straight from the database.
  struct Row {
    std::string code, staff, day;
    std::int64_t begin, end;
  };
  std::vector<Row> Occupying() {
    std::vector<Row> rows;
    auto db = store::PgDb::Connect(url_);
    EXPECT_TRUE(db);
    if (!db) return rows;
    auto st = (*db)->Prepare(
        "SELECT code, staff_id, day, begin_min, end_min FROM appointments "
        "WHERE status IN ('held', 'confirmed', 'checked_in', 'called')");
    EXPECT_TRUE(st);
    while (st && *st->Step()) {
      rows.push_back({st->Text(0), st->Text(1), st->Text(2), st->Int(3), st->Int(4)});
    }
    return rows;
  }

  std::string server_;
  std::string name_;
  std::string url_;
  std::filesystem::path key_;
};

TEST_F(MultiNode, SixtyFourClientsOnTwoNodesGetOneBookingPerStaffTimeAndNodesStayInStep) {
  ServerProcess a(Node());
  ServerProcess b(Node());
  ASSERT_TRUE(a.Start());
  ASSERT_TRUE(b.Start());
  HttpClient probe_a(a.port());
  HttpClient probe_b(b.port());
  // A scarce day: the first slots of one centre, offered alike by both nodes.
  const std::vector<Slot> wanted = Offered(probe_a, "locations=kz-blankenese&limit=12");
  ASSERT_FALSE(wanted.empty());
  EXPECT_EQ(Offered(probe_b, "locations=kz-blankenese&limit=12").size(), wanted.size());

  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<int> conflicts = 0;
  std::atomic<int> other = 0;
  std::atomic<int> attempts = 0;
  std::string unexpected;  // the last answer that was neither 201 nor 409
  std::vector<std::thread> clients;
  for (int i = 0; i < 64; ++i) {
    clients.emplace_back([&, i] {
      HttpClient c(i % 2 == 0 ? a.port() : b.port());
      for (int round = 0; round < 3; ++round) {
        for (std::size_t k = 0; k < wanted.size(); ++k) {
          const Slot& s = wanted[(k + i) % wanted.size()];
          ++attempts;
          auto hold = c.PostJson("/api/v1/holds", HoldBody(s.location, s.start));
          if (hold.status == 409) {
            ++conflicts;
            continue;
          }
          if (hold.status != 201) {
            ++other;
            std::lock_guard lock(mu);
            unexpected = std::to_string(hold.status) + " " + hold.body;
            continue;
          }
          std::lock_guard lock(mu);
          acknowledged.insert(std::string(hold.Json().at("appointment").at("code").as_string()));
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(other.load(), 0) << unexpected;
  EXPECT_GE(attempts.load(), 64 * 3);
  EXPECT_GT(conflicts.load(), 0);
  ASSERT_FALSE(acknowledged.empty());

  const auto rows = Occupying();
  std::set<std::string> stored;
  for (const auto& r : rows) stored.insert(r.code);
  EXPECT_EQ(stored, acknowledged) << "every 201 is stored, and nothing else";
  for (std::size_t x = 0; x < rows.size(); ++x) {
    for (std::size_t y = x + 1; y < rows.size(); ++y) {
      const bool overlap = rows[x].staff == rows[y].staff && rows[x].day == rows[y].day &&
                           rows[x].begin < rows[y].end && rows[y].begin < rows[x].end;
      EXPECT_FALSE(overlap) << rows[x].code << " and " << rows[y].code << " double-book";
    }
  }

  // A time taken through node A (every staff member at it: holds until the 409) stops being
  // offered by node B within a second.
  const std::vector<Slot> fresh = Offered(probe_b, "locations=kz-altona&limit=1");
  ASSERT_EQ(fresh.size(), 1u);
  int held = 0;
  for (; held < 100; ++held) {
    auto hold = probe_a.PostJson("/api/v1/holds", HoldBody(fresh[0].location, fresh[0].start));
    if (hold.status == 409) break;
    ASSERT_EQ(hold.status, 201) << hold.body;
  }
  ASSERT_GT(held, 0);
  const auto booked_at = std::chrono::steady_clock::now();
  bool gone = false;
  while (std::chrono::steady_clock::now() - booked_at < std::chrono::seconds(1)) {
    const auto offered = Offered(probe_b, "locations=kz-altona&limit=1");
    if (offered.empty() || offered[0].start != fresh[0].start) {
      gone = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(gone) << "node B still offers " << fresh[0].start << " a second after A held it";

  // Kill -9 node A, book on B meanwhile, restart A: what A acknowledged is stored, and A no
  // longer offers what B booked while it was down.
  ASSERT_TRUE(a.Stop(SIGKILL).has_value());
  const std::vector<Slot> while_down = Offered(probe_b, "locations=kz-harburg&limit=1");
  ASSERT_EQ(while_down.size(), 1u);
  // Every staff member at that time: holds until the 409.
  for (int i = 0; i < 100; ++i) {
    auto on_b =
        probe_b.PostJson("/api/v1/holds", HoldBody(while_down[0].location, while_down[0].start));
    if (on_b.status == 409) break;
    ASSERT_EQ(on_b.status, 201) << on_b.body;
  }
  ASSERT_TRUE(a.Start());
  HttpClient after(a.port());
  const auto offered_by_a = Offered(after, "locations=kz-harburg&limit=1");
  ASSERT_EQ(offered_by_a.size(), 1u);
  EXPECT_NE(offered_by_a[0].start, while_down[0].start);
  for (const Slot& s : wanted) {
    auto retry = after.PostJson("/api/v1/holds", HoldBody(s.location, s.start));
    EXPECT_EQ(retry.status, 409) << s.start << " was taken before the kill";
  }
  std::set<std::string> still;
  for (const auto& r : Occupying()) still.insert(r.code);
  for (const std::string& code : acknowledged) EXPECT_TRUE(still.contains(code)) << code;
}

}  // namespace
}  // namespace amtszeit::testing
