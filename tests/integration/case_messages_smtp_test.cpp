// Messages about online cases over a real SMTP server on loopback: a citizen who files a request
// hears that it was received, what the back office asks, and that it is done — each once, in the
// language of the request, with a status link that opens the case.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.h"
#include "support/server_process.h"
#include "support/smtp_server.h"
#include "support/staff.h"
#include "support/uploads.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;

std::string Request(const std::string& language, const std::string& email) {
  const json::object answers{{"family_name", "Mustermann"}, {"given_names", "Erika"},
                             {"birth_date", "1984-08-12"},  {"street", "Caffamacherreihe 1"},
                             {"postcode", "20355"},         {"city", "Hamburg"},
                             {"kind", "einfach"},           {"email", email}};
  return json::serialize(json::object{{"service", "meldebescheinigung"},
                                      {"language", language},
                                      {"answers", answers},
                                      {"documents", json::array{{{"requirement", "id_copy"},
                                                                 {"file_name", "Ausweis.pdf"},
                                                                 {"data", Base64(kSmallPdf)}}}}});
}

void Move(HttpClient& office, const std::string& code, const std::string& to,
          const std::string& note) {
  auto r = office.PostJson("/api/v1/backoffice/cases/" + code + "/status",
                           json::serialize(json::object{{"status", to},
                                                        {"actor", "Frau Peters"},
                                                        {"location", "kz-caffamacherreihe"},
                                                        {"note", note}}));
  ASSERT_EQ(r.status, 200) << r.body;
}

// The status link in a mail's text: the whole URL, up to the end of its line.
std::string StatusLink(const std::string& mail) {
  const auto at = mail.find("http://");
  if (at == std::string::npos) return "";
  const auto end = mail.find_first_of("\r\n", at);
  const std::string link = mail.substr(at, end - at);
  return link.find("/online/status?") == std::string::npos ? "" : link;
}

std::string QueryValue(const std::string& url, const std::string& key) {
  const auto at = url.find(key + "=");
  if (at == std::string::npos) return "";
  const auto begin = at + key.size() + 1;
  return url.substr(begin, url.find('&', begin) - begin);
}

// Follows a mail's status link over HTTP: the page loads, and the case it names (by the code and
// token in the link, as the page asks the API) shows `status`.
void ExpectLinkShows(HttpClient& c, std::uint16_t port, const std::string& mail,
                     const std::string& code, const std::string& status) {
  const std::string link = StatusLink(mail);
  ASSERT_FALSE(link.empty()) << mail;
  const std::string origin = "http://localhost:" + std::to_string(port);
  ASSERT_TRUE(link.starts_with(origin + "/online/status?")) << link;
  EXPECT_EQ(c.Get(link.substr(origin.size())).status, 200) << link;
  EXPECT_EQ(QueryValue(link, "code"), code);
  auto seen =
      c.Get("/api/v1/cases/" + QueryValue(link, "code") + "?token=" + QueryValue(link, "token"));
  ASSERT_EQ(seen.status, 200) << link << "\n" << seen.body;
  EXPECT_EQ(seen.Json().at("status"), status.c_str()) << link;
}

std::vector<std::string> MailsTo(const SmtpServer& smtp, const std::string& to) {
  std::vector<std::string> out;
  for (std::string& m : smtp.Messages()) {
    if (Header(m, "To").find(to) != std::string::npos) out.push_back(std::move(m));
  }
  return out;
}

// Waits (bounded) until `to` has `count` mails.
std::vector<std::string> AwaitMailsTo(const SmtpServer& smtp, const std::string& to,
                                      std::size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  auto got = MailsTo(smtp, to);
  while (got.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    got = MailsTo(smtp, to);
  }
  return got;
}

TEST(CaseMessagesSmtp, TheCitizenHearsOfReceiptQuestionAndDoneOnceEachWithAWorkingLink) {
  SmtpServer smtp(FreePort());
  ASSERT_TRUE(smtp.Start());
  ServerProcess server({.extra_args = MailFlags(smtp.port())});
  // The page the link opens: the web app's shell, which asks the API for the case.
  std::ofstream(server.web_root() / "index.html") << "<!doctype html><title>amtszeit</title>";
  ASSERT_TRUE(server.Start());
  HttpClient citizen(server.port());
  HttpClient office(server.port());
  ASSERT_TRUE(SignInAs(office, server, "counter_staff"));

  // Two citizens, one asking in German and one in English.
  struct Filed {
    std::string language, email, code;
  };
  std::vector<Filed> filed = {{"de", "erika@example.org", ""}, {"en", "erik@example.org", ""}};
  for (Filed& f : filed) {
    auto sent = citizen.PostJson("/api/v1/cases", Request(f.language, f.email));
    ASSERT_EQ(sent.status, 201) << sent.body;
    f.code = std::string(sent.Json().at("code").as_string());
  }
  for (const Filed& f : filed) {
    auto mails = AwaitMailsTo(smtp, f.email, 1);
    ASSERT_EQ(mails.size(), 1u) << f.email;
    const std::string subject = DecodeSubject(Header(mails[0], "Subject"));
    EXPECT_EQ(subject, f.language == "de" ? "Ihr Online-Antrag " + f.code + " ist eingegangen"
                                          : "Your online request " + f.code + " has been received");
    EXPECT_NE(mails[0].find(f.language == "de" ? "Guten Tag Erika Mustermann" : "Dear Erika"),
              std::string::npos)
        << mails[0];
    ExpectLinkShows(citizen, server.port(), mails[0], f.code, "received");
  }

  // The back office takes each case and asks a question: the question arrives with the link.
  const std::string question = "Bitte senden Sie eine lesbare Kopie der Rückseite Ihres Ausweises.";
  for (const Filed& f : filed) {
    Move(office, f.code, "in_progress", "");
    Move(office, f.code, "waiting_for_citizen", question);
  }
  for (const Filed& f : filed) {
    auto mails = AwaitMailsTo(smtp, f.email, 2);
    ASSERT_EQ(mails.size(), 2u) << f.email << ": taking a case says nothing, the question does";
    EXPECT_EQ(DecodeSubject(Header(mails[1], "Subject")),
              f.language == "de" ? "Rückfrage zu Ihrem Online-Antrag " + f.code
                                 : "A question about your online request " + f.code);
    EXPECT_NE(mails[1].find(question), std::string::npos) << mails[1];
    ExpectLinkShows(citizen, server.port(), mails[1], f.code, "waiting_for_citizen");
  }

  // The answer came by phone; the case is finished.
  for (const Filed& f : filed) {
    Move(office, f.code, "in_progress", "");
    Move(office, f.code, "done", "Die Bescheinigung ist unterwegs.");
  }
  for (const Filed& f : filed) {
    auto mails = AwaitMailsTo(smtp, f.email, 3);
    ASSERT_EQ(mails.size(), 3u) << f.email;
    EXPECT_EQ(DecodeSubject(Header(mails[2], "Subject")),
              f.language == "de" ? "Ihr Online-Antrag " + f.code + " ist erledigt"
                                 : "Your online request " + f.code + " is done");
    ExpectLinkShows(citizen, server.port(), mails[2], f.code, "done");
  }

  // Nothing further trickles in: each message went once.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(smtp.Messages().size(), 6u);
  for (const Filed& f : filed) EXPECT_EQ(MailsTo(smtp, f.email).size(), 3u);
}

}  // namespace
}  // namespace amtszeit::testing
