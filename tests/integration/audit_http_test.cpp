// The audit log over HTTP: every kind of staff action that changes an appointment, ticket,
// closure or setting has exactly one entry, written in the change's own transaction, naming the
// signed-in actor and carrying the records' state before and after without personal data; an
// action that fails has none.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "support/holds.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/staff.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;

const std::string kBase = "/api/v1/locations/kz-wilhelmsburg";

class AuditHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start());
    admin_ = std::make_unique<HttpClient>(server_.port());
    ASSERT_TRUE(SignInAs(*admin_, server_, "administrator"));
  }

  // The entries of one route, oldest first.
  std::vector<json::object> EntriesOf(const std::string& action) {
    auto log = admin_->Get("/api/v1/audit?limit=1000");
    EXPECT_EQ(log.status, 200) << log.body;
    std::vector<json::object> out;
    if (log.status != 200) return out;
    for (const auto& e : log.Json().at("entries").as_array()) {
      if (e.at("action").as_string() == action) out.insert(out.begin(), e.as_object());
    }
    return out;
  }

  // The one record an entry's before and after describe, under a key starting with `kind:`.
  static std::pair<json::value, json::value> Record(const json::object& entry,
                                                    std::string_view kind) {
    const auto& after = entry.at("after").as_object();
    for (const auto& [key, value] : after) {
      if (std::string_view(key).starts_with(kind)) {
        return {entry.at("before").as_object().at(key), value};
      }
    }
    ADD_FAILURE() << "no " << kind << " in " << json::serialize(entry);
    return {nullptr, nullptr};
  }

  ServerProcess server_;
  std::unique_ptr<HttpClient> admin_;
};

TEST_F(AuditHttp, CounterActionsHaveOneEntryEachWithTheTicketBeforeAndAfter) {
  HttpClient kiosk(server_.port());
  ASSERT_EQ(kiosk.PostJson(kBase + "/tickets", R"({"services":["personalausweis"]})").status, 201);
  ASSERT_EQ(kiosk.PostJson(kBase + "/tickets", R"({"services":["personalausweis"]})").status, 201);
  EXPECT_TRUE(EntriesOf("POST /api/v1/locations/{id}/tickets").empty()) << "citizens' own";

  HttpClient counter(server_.port());
  ASSERT_TRUE(SignInAs(counter, server_, "counter_staff"));
  ASSERT_EQ(counter
                .Request("PUT", kBase + "/counters/3", R"({"mode":"walk_in","staff":"T"})",
                         {{"Content-Type", "application/json"}})
                .status,
            200);
  const std::string counter_path = kBase + "/counters/3/";
  ASSERT_EQ(counter.PostJson(counter_path + "call-next", "").status, 200);
  ASSERT_EQ(counter.PostJson(counter_path + "finish", "").status, 200);
  ASSERT_EQ(counter.PostJson(counter_path + "call-next", "").status, 200);
  ASSERT_EQ(counter.PostJson(counter_path + "no-show", "").status, 200);
  // Nobody waits any more: the action fails and leaves no entry.
  EXPECT_EQ(counter.PostJson(counter_path + "call-next", "").status, 404);

  const auto calls = EntriesOf("POST /api/v1/locations/{id}/counters/{name}/call-next");
  ASSERT_EQ(calls.size(), 2u) << "two calls succeeded, the third failed";
  for (const auto& call : calls) {
    EXPECT_EQ(call.at("user"), "counter_staff.kz-wilhelmsburg");
    EXPECT_EQ(call.at("role"), "counter_staff");
    EXPECT_TRUE(call.at("status").is_null()) << "written with the change";
    auto [before, after] = Record(call, "ticket:");
    EXPECT_EQ(before.at("status"), "waiting");
    EXPECT_EQ(after.at("status"), "called");
    EXPECT_EQ(after.at("counter"), "3");
  }
  const auto finished = EntriesOf("POST /api/v1/locations/{id}/counters/{name}/finish");
  ASSERT_EQ(finished.size(), 1u);
  auto [served_before, served_after] = Record(finished[0], "ticket:");
  EXPECT_EQ(served_before.at("status"), "called");
  EXPECT_EQ(served_after.at("status"), "served");
  const auto no_show = EntriesOf("POST /api/v1/locations/{id}/counters/{name}/no-show");
  ASSERT_EQ(no_show.size(), 1u);
  EXPECT_EQ(Record(no_show[0], "ticket:").second.at("status"), "no_show");
  // Opening a counter changes none of the audited records: one entry after the answer.
  const auto opened = EntriesOf("PUT /api/v1/locations/{id}/counters/{name}");
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].at("status"), 200);
}

TEST_F(AuditHttp, APhoneAgentsCancellationShowsTheAppointmentBeforeAndAfterWithoutContact) {
  HttpClient c(server_.port());
  auto hold = HoldFirstSlot(c);
  ASSERT_EQ(hold.status, 201) << hold.body;
  const std::string code(hold.Json().at("appointment").at("code").as_string());
  auto confirmed =
      c.PostJson("/api/v1/appointments",
                 json::serialize(json::object{
                     {"hold", code},
                     {"token", hold.Json().at("token")},
                     {"contact", {{"name", "Anrufer"}, {"email", "anrufer@example.org"}}}}));
  ASSERT_EQ(confirmed.status, 201) << confirmed.body;

  const std::map<std::string, std::string> phone = {{"Authorization", "Bearer test-phone-key"}};
  EXPECT_EQ(c.Request("DELETE", "/api/v1/appointments/NONE-XXXX", "", phone).status, 404);
  ASSERT_EQ(c.Request("DELETE", "/api/v1/appointments/" + code, "", phone).status, 200);

  const auto entries = EntriesOf("DELETE /api/v1/appointments/{code}");
  ASSERT_EQ(entries.size(), 1u) << "the failed cancellation has none";
  EXPECT_EQ(entries[0].at("user"), "phone-api-key");
  EXPECT_EQ(entries[0].at("role"), "phone_agent");
  auto [before, after] = Record(entries[0], "appointment:" + code);
  EXPECT_EQ(before.at("status"), "confirmed");
  EXPECT_EQ(after.at("status"), "cancelled");
  EXPECT_EQ(after.at("code").as_string(), code);
  const std::string text = json::serialize(entries[0]);
  EXPECT_EQ(text.find("anrufer"), std::string::npos) << text;
  EXPECT_EQ(text.find("Anrufer"), std::string::npos) << text;
}

TEST_F(AuditHttp, APhoneAgentsConfirmationShowsTheHoldBeforeAndTheBookingAfterWithoutContact) {
  HttpClient c(server_.port());
  const std::map<std::string, std::string> phone = {{"Authorization", "Bearer test-phone-key"},
                                                    {"Content-Type", "application/json"}};
  auto hold = HoldFirstSlot(c);
  ASSERT_EQ(hold.status, 201) << hold.body;
  const std::string code(hold.Json().at("appointment").at("code").as_string());
  const std::string body = json::serialize(
      json::object{{"hold", code},
                   {"token", hold.Json().at("token")},
                   {"contact", {{"name", "Anruferin"}, {"phone", "+49 40 4280 0"}}}});
  auto wrong = c.Request(
      "POST", "/api/v1/appointments",
      json::serialize(json::object{{"hold", code},
                                   {"token", "guessed"},
                                   {"contact", {{"name", "X"}, {"phone", "+49 40 4280 1"}}}}),
      phone);
  EXPECT_EQ(wrong.status, 404) << wrong.body;
  auto confirmed = c.Request("POST", "/api/v1/appointments", body, phone);
  ASSERT_EQ(confirmed.status, 201) << confirmed.body;

  const auto entries = EntriesOf("POST /api/v1/appointments");
  ASSERT_EQ(entries.size(), 1u) << "the refused confirmation has none";
  EXPECT_EQ(entries[0].at("role"), "phone_agent");
  auto [before, after] = Record(entries[0], "appointment:" + code);
  EXPECT_EQ(before.at("status"), "held");
  EXPECT_EQ(after.at("status"), "confirmed");
  const std::string text = json::serialize(entries[0]);
  EXPECT_EQ(text.find("Anruferin"), std::string::npos) << text;
  EXPECT_EQ(text.find("4280"), std::string::npos) << text;
}

TEST_F(AuditHttp, ClosuresAndPromiseThresholdsShowTheirStateBeforeAndAfter) {
  HttpClient central(server_.port());
  ASSERT_TRUE(SignInAs(central, server_, "central_control"));
  absl::TimeZone berlin;
  absl::LoadTimeZone("Europe/Berlin", &berlin);
  absl::CivilDay day = absl::ToCivilDay(absl::Now(), berlin) + 120;
  while (absl::GetWeekday(day) != absl::Weekday::wednesday) ++day;
  auto closure = central.PostJson(
      "/api/v1/closures", json::serialize(json::object{{"location_id", "kz-altona"},
                                                       {"first", absl::FormatCivilTime(day)},
                                                       {"reason", "Rohrbruch"}}));
  ASSERT_EQ(closure.status, 201) << closure.body;
  const auto closures = EntriesOf("POST /api/v1/closures");
  ASSERT_GE(closures.size(), 1u);
  auto [closure_before, closure_after] = Record(closures[0], "closure:");
  EXPECT_TRUE(closure_before.is_null()) << "it did not exist";
  EXPECT_EQ(closure_after.at("location_id"), "kz-altona");
  EXPECT_EQ(closures[0].at("user"), "central_control");
  EXPECT_EQ(closures[0].at("steering").at("reason"), "Rohrbruch");

  const std::string promise = "/api/v1/promises/lead_time_days";
  EXPECT_EQ(central
                .Request("PUT", promise, R"({"threshold":-3,"reason":"x"})",
                         {{"Content-Type", "application/json"}})
                .status,
            400);
  ASSERT_EQ(central
                .Request("PUT", promise, R"({"threshold":10,"reason":"Sommer"})",
                         {{"Content-Type", "application/json"}})
                .status,
            200);
  ASSERT_EQ(central
                .Request("PUT", promise, R"({"threshold":12,"reason":"Herbst"})",
                         {{"Content-Type", "application/json"}})
                .status,
            200);
  const auto changes = EntriesOf("PUT /api/v1/promises/{id}");
  ASSERT_EQ(changes.size(), 2u) << "the refused threshold has none";
  auto [first_before, first_after] = Record(changes[0], "setting:");
  auto [second_before, second_after] = Record(changes[1], "setting:");
  EXPECT_EQ(first_after, "10");
  EXPECT_EQ(second_before, "10");
  EXPECT_EQ(second_after, "12");
}

}  // namespace
}  // namespace amtszeit::testing
