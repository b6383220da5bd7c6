// Online services over HTTP against the real server and SQLite file: a request with an upload,
// the citizen following it, the back office taking it to done, and the limits on uploads.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/staff.h"
#include "support/uploads.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;

json::object Answers() {
  return {{"family_name", "Mustermann"}, {"given_names", "Erika"},
          {"birth_date", "1984-08-12"},  {"street", "Caffamacherreihe 1"},
          {"postcode", "20355"},         {"city", "Hamburg"},
          {"kind", "einfach"},           {"email", "erika@example.org"}};
}

std::string Request(const std::string& data, const std::string& file_name = "Ausweis.pdf") {
  return json::serialize(json::object{{"service", "meldebescheinigung"},
                                      {"language", "de"},
                                      {"answers", Answers()},
                                      {"documents", json::array{{{"requirement", "id_copy"},
                                                                 {"file_name", file_name},
                                                                 {"data", Base64(data)}}}}});
}

class OnlineCasesHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
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
ServerProcess* OnlineCasesHttp::server_ = nullptr;

std::string Status(HttpClient& c, const std::string& code, const std::string& to,
                   const std::string& note, int expected) {
  auto r = c.PostJson("/api/v1/backoffice/cases/" + code + "/status",
                      json::serialize(json::object{{"status", to},
                                                   {"actor", "Frau Peters"},
                                                   {"location", "kz-caffamacherreihe"},
                                                   {"note", note}}));
  EXPECT_EQ(r.status, expected) << r.body;
  return r.status == 200 ? std::string(r.Json().at("status").as_string()) : "";
}

TEST_F(OnlineCasesHttp, ListsTheFormsOfTheOnlineServices) {
  HttpClient c(port());
  auto r = c.Get("/api/v1/online-services");
  ASSERT_EQ(r.status, 200) << r.body;
  bool found = false;
  for (const auto& item : r.Json().at("items").as_array()) {
    if (item.at("service_id") != "meldebescheinigung") continue;
    found = true;
    EXPECT_EQ(item.at("name_de"), "Meldebescheinigung");
    EXPECT_GT(item.at("handling_minutes").as_int64(), 0);
    EXPECT_EQ(item.at("documents").as_array()[0].at("id"), "id_copy");
  }
  EXPECT_TRUE(found);
}

TEST_F(OnlineCasesHttp, TravelsFromRequestToDone) {
  HttpClient c(port());
  auto sent = c.PostJson("/api/v1/cases", Request(kSmallPdf, "../Scans/Ausweis \"neu\".pdf"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string code(sent.Json().at("code").as_string());
  const std::string token(sent.Json().at("token").as_string());
  EXPECT_EQ(sent.Json().at("status"), "received");
  EXPECT_NE(
      std::string(sent.Json().at("status_url").as_string()).find("/online/status?code=" + code),
      std::string::npos);

  // The citizen follows the case; a wrong token looks like a wrong code.
  auto seen = c.Get("/api/v1/cases/" + code + "?token=" + token);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.Json().at("status"), "received");
  EXPECT_FALSE(seen.Json().as_object().contains("answers"));
  const auto& doc = seen.Json().at("documents").as_array().at(0);
  EXPECT_EQ(doc.at("file_name"), "Ausweis _neu_.pdf");
  EXPECT_EQ(doc.at("content_type"), "application/pdf");
  EXPECT_EQ(c.Get("/api/v1/cases/" + code + "?token=wrong").status, 404);
  EXPECT_EQ(c.Get("/api/v1/cases/" + code).status, 404);
  EXPECT_EQ(c.Get("/api/v1/cases/ZZZZ-ZZZZ?token=" + token).status, 404);
  EXPECT_EQ(c.Get("/api/v1/cases/" + code + "/documents/1?token=wrong").status, 404);
  auto download = c.Get("/api/v1/cases/" + code + "/documents/1?token=" + token);
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, kSmallPdf);
  EXPECT_EQ(download.headers.at("content-type"), "application/pdf");
  EXPECT_NE(download.headers.at("content-disposition").find("attachment"), std::string::npos);

  // The back office (staff only: without a session 401) finds it in the queue, takes it and
  // finishes it; the history names the signed-in worker.
  EXPECT_EQ(c.Get("/api/v1/backoffice/cases").status, 401);
  ASSERT_TRUE(SignInAs(c, *server_, "counter_staff"));
  auto queue = c.Get("/api/v1/backoffice/cases?service=meldebescheinigung");
  ASSERT_EQ(queue.status, 200) << queue.body;
  bool queued = false;
  for (const auto& item : queue.Json().at("items").as_array())
    queued |= item.at("code").as_string() == code;
  EXPECT_TRUE(queued);
  auto detail = c.Get("/api/v1/backoffice/cases/" + code);
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.Json().at("answers").at("family_name"), "Mustermann");
  EXPECT_EQ(c.Get("/api/v1/backoffice/cases/" + code + "/documents/1").body, kSmallPdf);

  auto workload = c.Get("/api/v1/backoffice/workload");
  ASSERT_EQ(workload.status, 200) << workload.body;
  EXPECT_GE(workload.Json().at("open_minutes").as_int64(),
            workload.Json().at("handling_minutes").at("meldebescheinigung").as_int64());

  Status(c, code, "done", "", 409);  // not taken yet
  EXPECT_EQ(Status(c, code, "in_progress", "", 200), "in_progress");
  EXPECT_EQ(Status(c, code, "done", "Die Bescheinigung ist per E-Mail unterwegs.", 200), "done");
  Status(c, code, "in_progress", "", 409);  // closed stays closed

  auto done = c.Get("/api/v1/cases/" + code + "?token=" + token);
  ASSERT_EQ(done.status, 200);
  EXPECT_EQ(done.Json().at("status"), "done");
  const auto& history = done.Json().at("history").as_array();
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[2].at("note"), "Die Bescheinigung ist per E-Mail unterwegs.");
  EXPECT_FALSE(history[2].as_object().contains("actor"));
  EXPECT_FALSE(done.Json().at("closed_at").is_null());

  auto open = c.Get("/api/v1/backoffice/cases");
  for (const auto& item : open.Json().at("items").as_array())
    EXPECT_NE(item.at("code").as_string(), code);
}

TEST_F(OnlineCasesHttp, TheCitizenAnswersTheBackOfficesQuestionOnTheStatusPage) {
  HttpClient citizen(port());
  auto sent = citizen.PostJson("/api/v1/cases", Request(kSmallPdf));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string code(sent.Json().at("code").as_string());
  const std::string token(sent.Json().at("token").as_string());
  const std::string answer_path = "/api/v1/cases/" + code + "/answer?token=";
  const std::string back_side = kSmallPdf + "% Rueckseite\n";
  const std::string answer =
      json::serialize(json::object{{"text", "Anbei die Rückseite."},
                                   {"documents", json::array{{{"requirement", "id_copy"},
                                                              {"file_name", "Rückseite.pdf"},
                                                              {"data", Base64(back_side)}}}}});

  EXPECT_EQ(citizen.PostJson(answer_path + token, answer).status, 409);  // nothing asked yet
  HttpClient office(port());
  ASSERT_TRUE(SignInAs(office, *server_, "counter_staff"));
  EXPECT_EQ(Status(office, code, "in_progress", "", 200), "in_progress");
  EXPECT_EQ(Status(office, code, "waiting_for_citizen", "Bitte die Rückseite nachreichen.", 200),
            "waiting_for_citizen");
  auto asked = office.Get("/api/v1/backoffice/cases/" + code);
  ASSERT_EQ(asked.status, 200) << asked.body;
  const std::string worker(asked.Json().at("assignee").as_string());
  EXPECT_FALSE(worker.empty());

  EXPECT_EQ(citizen.PostJson(answer_path + "wrong", answer).status, 404);
  EXPECT_EQ(citizen.PostJson(answer_path + token, R"({"text":"  "})").status, 400);
  EXPECT_EQ(citizen.PostJson(answer_path + token, R"({"text":"x","extra":1})").status, 400);
  EXPECT_EQ(citizen.PostJson(answer_path + token, "not json").status, 400);
  auto answered = citizen.PostJson(answer_path + token, answer);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.Json().at("status"), "in_progress");
  const auto& history = answered.Json().at("history").as_array();
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[3].at("note"), "Anbei die Rückseite.");
  EXPECT_EQ(answered.Json().at("documents").as_array().size(), 2u);
  EXPECT_EQ(citizen.PostJson(answer_path + token, answer).status, 409);  // answered once

  // Back with the worker who asked, the answer and the new document in the case.
  auto detail = office.Get("/api/v1/backoffice/cases/" + code);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.Json().at("status"), "in_progress");
  EXPECT_EQ(detail.Json().at("assignee").as_string(), worker);
  EXPECT_EQ(detail.Json().at("history").as_array().at(3).at("actor"), "citizen");
  EXPECT_EQ(office.Get("/api/v1/backoffice/cases/" + code + "/documents/2").body, back_side);
  EXPECT_EQ(Status(office, code, "done", "Erledigt.", 200), "done");
}

TEST_F(OnlineCasesHttp, RefusesOversizedUploadsWith413) {
  HttpClient c(port());
  // Over the document's limit (5 MiB) but within the body limit: refused after reading.
  auto big = c.PostJson("/api/v1/cases", Request(kSmallPdf + std::string(5 * 1024 * 1024, 'x')));
  EXPECT_EQ(big.status, 413) << big.body.substr(0, 300);

  // A body over the submission limit is refused from its Content-Length, before it is read.
  const std::string huge =
      RawExchange(port(),
                  "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Content-Length: 40000000\r\n\r\n{");
  EXPECT_EQ(RawStatus(huge), 413) << huge;

  // Other requests keep the ordinary limit.
  const std::string hold =
      RawExchange(port(),
                  "POST /api/v1/holds HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Content-Length: 2000000\r\n\r\n{");
  EXPECT_EQ(RawStatus(hold), 413) << hold;
}

TEST_F(OnlineCasesHttp, RefusesAFileThatIsNotWhatItsNameSays) {
  HttpClient c(port());
  auto html = c.PostJson("/api/v1/cases", Request("<html><script>alert(1)</script></html>"));
  EXPECT_EQ(html.status, 400) << html.body;
  auto missing = c.PostJson(
      "/api/v1/cases",
      json::serialize(json::object{{"service", "meldebescheinigung"}, {"answers", Answers()}}));
  EXPECT_EQ(missing.status, 400) << missing.body;
  auto bad_field = Answers();
  bad_field["postcode"] = "2035";
  auto r = c.PostJson(
      "/api/v1/cases",
      json::serialize(json::object{{"service", "meldebescheinigung"}, {"answers", bad_field}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("postcode"), std::string::npos) << r.body;
  EXPECT_EQ(c.PostJson("/api/v1/cases", json::serialize(json::object{{"service", "personalausweis"},
                                                                     {"answers", Answers()}}))
                .status,
            404);
}

TEST(OnlineCasesLimits, AScriptSubmittingRequestsIsSlowedLikeOneHoldingSlots) {
  ServerProcess server({.client_limits = true, .extra_args = {"--hold-burst", "3"}});
  ASSERT_TRUE(server.Start());
  HttpClient c(server.port());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(c.PostJson("/api/v1/cases", Request(kSmallPdf)).status, 201) << i;
  }
  auto refused = c.PostJson("/api/v1/cases", Request(kSmallPdf));
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_TRUE(refused.headers.contains("retry-after"));
  EXPECT_EQ(server.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace amtszeit::testing
