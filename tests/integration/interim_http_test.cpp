// An interim location opened at runtime over HTTP against the real server, with a real SMTP
// server: the control room opens it while Wilhelmsburg closes, moves a colleague's shifts there,
// previews the closure and then closes; the appointments land in the interim location, and each
// citizen is told once.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "support/http_client.h"
#include "support/interim.h"
#include "support/server_process.h"
#include "support/smtp_server.h"
#include "support/staff.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;

const std::string kClosing = "kz-wilhelmsburg";
const std::string kInterim = "kz-wilhelmsburg-interim";
const std::string kService = "personalausweis";

std::string Text(const json::value& v) { return std::string(v.as_string()); }

json::object InterimBody(absl::CivilDay first, absl::CivilDay last) {
  return InterimLocationBody({.id = kInterim,
                              .name = "Interimsstandort Wilhelmsburg (Bürgerhaus)",
                              .interim_for = kClosing,
                              .first = first,
                              .last = last,
                              .reason = "Umzug des Kundenzentrums"});
}

struct BookedCitizen {
  std::string code;
  std::string token;
  std::string email;
};

TEST(InterimHttp, ClosingACentreRebooksIntoItsInterimLocationAndTellsEachCitizenOnce) {
  SmtpServer smtp(FreePort());
  ASSERT_TRUE(smtp.Start());
  ServerProcess server({.extra_args = MailFlags(smtp.port())});
  ASSERT_TRUE(server.Start());
  HttpClient citizen(server.port());
  HttpClient central(server.port());
  ASSERT_TRUE(SignInAs(central, server, "central_control"));
  const absl::CivilDay day = WorkingDayAfter(HamburgToday());
  const std::string d = absl::FormatCivilTime(day);

  // Three citizens book at the centre that is about to move.
  auto slots = citizen.Get("/api/v1/slots?services=" + kService + "&locations=" + kClosing +
                           "&from=" + d + "&to=" + d + "&limit=60");
  ASSERT_EQ(slots.status, 200) << slots.body;
  const auto& all = slots.Json().at("slots").as_array();
  ASSERT_GE(all.size(), 20u) << slots.body;
  std::vector<BookedCitizen> booked;
  // Far apart, so one staff member could serve them all.
  for (const auto& slot : {all.front(), all[all.size() / 2], all.back()}) {
    auto hold = citizen.PostJson(
        "/api/v1/holds", json::serialize(json::object{{"services", json::array{kService.c_str()}},
                                                      {"location", slot.at("location")},
                                                      {"start", slot.at("start")}}));
    ASSERT_EQ(hold.status, 201) << hold.body;
    const std::string email = "buerger" + std::to_string(booked.size()) + "@example.org";
    auto confirmed = citizen.PostJson(
        "/api/v1/appointments",
        json::serialize(json::object{
            {"hold", hold.Json().at("appointment").at("code")},
            {"token", hold.Json().at("token")},
            {"contact", {{"name", "Ayşe Yılmaz"}, {"email", email}, {"language", "de"}}}}));
    ASSERT_EQ(confirmed.status, 201) << confirmed.body;
    booked.push_back({Text(confirmed.Json().at("appointment").at("code")),
                      Text(confirmed.Json().at("token")), email});
  }
  ASSERT_EQ(smtp.Await(3).size(), 3u);

  // Only the control room opens an interim location.
  HttpClient manager(server.port());
  ASSERT_TRUE(SignInAs(manager, server, "centre_manager"));
  EXPECT_EQ(manager
                .PostJson("/api/v1/interim-locations",
                          json::serialize(InterimBody(HamburgToday(), day + 30)))
                .status,
            403);
  json::object bad = InterimBody(HamburgToday(), day + 30);
  bad["interim_for"] = "kz-nirgendwo";
  EXPECT_EQ(central.PostJson("/api/v1/interim-locations", json::serialize(bad)).status, 404);

  auto opened = central.PostJson("/api/v1/interim-locations",
                                 json::serialize(InterimBody(HamburgToday(), day + 30)));
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.Json().at("location").at("status"), "interim");
  EXPECT_GT(opened.Json().at("action_id").as_int64(), 0);
  EXPECT_EQ(central
                .PostJson("/api/v1/interim-locations",
                          json::serialize(InterimBody(HamburgToday(), day + 30)))
                .status,
            409);

  // The centre list, the display and the transparency page know it at once.
  auto listed = citizen.Get("/api/v1/locations?status=interim");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_NE(listed.body.find(kInterim), std::string::npos) << listed.body;
  auto one = citizen.Get("/api/v1/locations/" + kInterim);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json().at("interim_for"), kClosing.c_str());
  EXPECT_EQ(citizen.Get("/api/v1/locations/" + kInterim + "/display").status, 200);
  EXPECT_NE(citizen.Get("/api/v1/transparency").body.find(kInterim), std::string::npos);
  // The opening is audited.
  auto actions = central.Get("/api/v1/steering/actions");
  ASSERT_EQ(actions.status, 200) << actions.body;
  EXPECT_NE(actions.body.find("location.interim_opened"), std::string::npos) << actions.body;

  // A colleague's shifts that day move there: the interim location becomes bookable.
  auto service = citizen.Get("/api/v1/services/" + kService);
  ASSERT_EQ(service.status, 200);
  const std::string colleague =
      AppointmentColleague(central, day, service.Json().at("skill"), kClosing);
  ASSERT_FALSE(colleague.empty());
  auto moved = central.PostJson(
      "/api/v1/moves", json::serialize(json::object{{"staff_id", colleague},
                                                    {"to_location_id", kInterim},
                                                    {"first", d},
                                                    {"last", d},
                                                    {"reason", "Interimsstandort besetzen"}}));
  ASSERT_EQ(moved.status, 201) << moved.body;
  auto there = citizen.Get("/api/v1/slots?services=" + kService + "&locations=" + kInterim +
                           "&from=" + d + "&to=" + d + "&limit=1");
  ASSERT_EQ(there.status, 200) << there.body;
  ASSERT_EQ(there.Json().at("slots").as_array().size(), 1u) << there.body;

  // The preview proposes the interim location for every appointment and writes nothing.
  const json::object close{
      {"location_id", kClosing}, {"first", d}, {"last", d}, {"reason", "Umzug"}, {"dry_run", true}};
  auto preview = central.PostJson("/api/v1/closures", json::serialize(close));
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.Json().at("rebooked").as_int64(), 3);
  for (const auto& a : preview.Json().at("appointments").as_array()) {
    ASSERT_TRUE(a.at("after").is_object()) << preview.body;
    EXPECT_EQ(a.at("after").at("location"), kInterim.c_str()) << preview.body;
  }
  for (const BookedCitizen& b : booked) {
    auto view = citizen.Get("/api/v1/appointments/" + b.code + "?token=" + b.token);
    EXPECT_EQ(view.Json().at("location"), kClosing.c_str()) << view.body;
  }

  json::object real = close;
  real["dry_run"] = false;
  auto closed = central.PostJson("/api/v1/closures", json::serialize(real));
  ASSERT_EQ(closed.status, 201) << closed.body;
  EXPECT_EQ(closed.Json().at("rebooked").as_int64(), 3);
  EXPECT_EQ(closed.Json().at("listed").as_int64(), 0);
  for (const BookedCitizen& b : booked) {
    auto view = citizen.Get("/api/v1/appointments/" + b.code + "?token=" + b.token);
    ASSERT_EQ(view.status, 200) << view.body;
    EXPECT_EQ(view.Json().at("location"), kInterim.c_str()) << view.body;
    EXPECT_EQ(view.Json().at("status"), "confirmed");
    EXPECT_NE(Text(view.Json().at("start")).find(d), std::string::npos) << view.body;
  }

  // Each citizen: the confirmation, then exactly one notice of the move naming the new place.
  auto mails = smtp.Await(6);
  ASSERT_EQ(mails.size(), 6u);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // nothing further trickles in
  mails = smtp.Messages();
  ASSERT_EQ(mails.size(), 6u);
  std::map<std::string, int> moved_notices;
  for (const std::string& mail : mails) {
    if (!DecodeSubject(Header(mail, "Subject")).starts_with("Termin verschoben auf ")) continue;
    ++moved_notices[Header(mail, "To")];
    EXPECT_NE(mail.find("Interimsstandort Wilhelmsburg"), std::string::npos) << mail;
  }
  ASSERT_EQ(moved_notices.size(), 3u);
  for (const BookedCitizen& b : booked) EXPECT_EQ(moved_notices["<" + b.email + ">"], 1) << b.email;

  // After a restart the interim location is still there, and still bookable.
  ASSERT_EQ(server.Stop(SIGTERM), 0);
  ASSERT_TRUE(server.Start());
  HttpClient again(server.port());
  EXPECT_EQ(again.Get("/api/v1/locations/" + kInterim).Json().at("interim_for"), kClosing.c_str());
  auto after = again.Get("/api/v1/slots?services=" + kService + "&locations=" + kInterim +
                         "&from=" + d + "&to=" + d + "&limit=1");
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.Json().at("slots").as_array().size(), 1u) << after.body;
  EXPECT_EQ(server.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace amtszeit::testing
