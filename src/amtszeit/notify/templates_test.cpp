#include "amtszeit/notify/templates.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::notify {
namespace {

using ::amtszeit::testing::Berlin;

bool Has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

Catalog TestCatalog() {
  Catalog c;
  c.locations.push_back({.id = "kz-a",
                         .name = "Kundenzentrum Hamburg-Mitte",
                         .district_id = "mitte",
                         .address = {"Caffamacherreihe 1-3", "20355", "Hamburg"}});
  c.services.push_back({.id = "fuehrerschein",
                        .name_de = "Führerschein umschreiben",
                        .name_en = "Exchange a driving licence"});
  c.services.push_back({.id = "meldebescheinigung", .name_de = "Meldebescheinigung"});
  return c;
}

Appointment TestAppointment(absl::Time start) {
  return {.id = 7,
          .code = "K7M2-Q9XD",
          .location_id = "kz-a",
          .start = start,
          .end = start + absl::Minutes(25),
          .service_ids = {"fuehrerschein", "meldebescheinigung"},
          .status = AppointmentStatus::kConfirmed,
          .contact = {.name = "Jörg Müller", .email = "joerg@example.org"}};
}

RenderedMessage RenderOf(MessageKind kind, std::string language, absl::Time start,
                         const std::string& token = "tok_en-1") {
  const Catalog catalog = TestCatalog();
  OutboxMessage m{.kind = kind, .language = std::move(language)};
  return Render(FactsOf(m, TestAppointment(start), catalog, "https://termine.example", token),
                Berlin());
}

// 08:30 UTC on 2 December is 09:30 in Hamburg (CET, UTC+1).
const absl::Time kWinter =
    absl::FromCivil(absl::CivilMinute(2026, 12, 2, 8, 30), absl::UTCTimeZone());
// 08:30 UTC on 25 March 2027 is still CET; on 1 April 2027 (CEST, UTC+2) it is 10:30.
const absl::Time kMarch =
    absl::FromCivil(absl::CivilMinute(2027, 3, 25, 8, 30), absl::UTCTimeZone());
const absl::Time kSummer =
    absl::FromCivil(absl::CivilMinute(2027, 4, 1, 8, 30), absl::UTCTimeZone());

// Every appointment message has its own wording in both languages; its SMS names the link only
// when there is one to name.
TEST(Templates, EveryAppointmentMessageHasItsWordsInBothLanguages) {
  const MessageKind kinds[] = {MessageKind::kConfirmation, MessageKind::kReminder,
                               MessageKind::kCancellation, MessageKind::kRescheduled,
                               MessageKind::kOffer,        MessageKind::kClosureListed};
  for (const char* language : {"de", "en"}) {
    std::set<std::string> subjects;
    for (const MessageKind kind : kinds) {
      SCOPED_TRACE(fmt::format("{} {}", language, static_cast<int>(kind)));
      const RenderedMessage linked = RenderOf(kind, language, kWinter);
      const RenderedMessage plain = RenderOf(kind, language, kWinter, "");
      EXPECT_TRUE(subjects.insert(linked.subject.substr(0, linked.subject.find(':'))).second)
          << linked.subject;
      EXPECT_TRUE(Has(linked.subject, "2026")) << linked.subject;
      EXPECT_FALSE(Has(linked.sms, "{")) << linked.sms;
      EXPECT_FALSE(Has(plain.sms, "{")) << plain.sms;
      EXPECT_FALSE(Has(plain.sms, "https://")) << plain.sms;
      const bool names_link =
          kind != MessageKind::kCancellation && kind != MessageKind::kClosureListed;
      EXPECT_EQ(Has(linked.sms, "token=tok_en-1"), names_link) << linked.sms;
      EXPECT_TRUE(Has(linked.text, std::string(language) == "en" ? "Dear" : "Guten Tag"));
    }
  }
}

TEST(Templates, GermanConfirmationInHamburgTimeWithUmlautsAndLinks) {
  const RenderedMessage m = RenderOf(MessageKind::kConfirmation, "de", kWinter);
  EXPECT_EQ(m.subject, "Terminbestätigung: Mittwoch, 2. Dezember 2026, 09:30 Uhr");
  EXPECT_TRUE(Has(m.text, "Guten Tag Jörg Müller,\n")) << m.text;
  EXPECT_TRUE(Has(m.text, "Wann: Mittwoch, 2. Dezember 2026, 09:30–09:55 Uhr\n")) << m.text;
  EXPECT_TRUE(Has(m.text, "Wo: Kundenzentrum Hamburg-Mitte, Caffamacherreihe 1-3, 20355 Hamburg"));
  EXPECT_TRUE(Has(m.text, "Anliegen: Führerschein umschreiben, Meldebescheinigung\n"));
  EXPECT_TRUE(Has(m.text, "Buchungsnummer: K7M2-Q9XD\n"));
  EXPECT_TRUE(Has(m.text, "https://termine.example/termin/K7M2-Q9XD?token=tok_en-1\n"));
  EXPECT_TRUE(
      Has(m.text, "https://termine.example/termin/K7M2-Q9XD?token=tok_en-1&action=cancel\n"));
  EXPECT_TRUE(Has(m.text, "Mit freundlichen Grüßen"));
  EXPECT_TRUE(Has(m.sms, "Mi 02.12.2026 09:30 Uhr")) << m.sms;
  EXPECT_TRUE(Has(m.sms, "?token=tok_en-1")) << m.sms;
}

TEST(Templates, EnglishWhenAskedForWithEnglishServiceNamesAndGermanFallback) {
  const RenderedMessage m = RenderOf(MessageKind::kConfirmation, "en", kWinter);
  EXPECT_EQ(m.subject, "Appointment confirmed: Wednesday, 2 December 2026, 09:30");
  EXPECT_TRUE(Has(m.text, "Dear Jörg Müller,\n"));
  EXPECT_TRUE(Has(m.text, "When: Wednesday, 2 December 2026, 09:30–09:55\n")) << m.text;
  // A service without an English name keeps its German one.
  EXPECT_TRUE(Has(m.text, "For: Exchange a driving licence, Meldebescheinigung\n"));
  EXPECT_TRUE(Has(m.text, "Booking number: K7M2-Q9XD"));
  EXPECT_TRUE(Has(m.sms, "Wed 02/12/2026 09:30")) << m.sms;
}

TEST(Templates, DaylightSavingTimeAndGermanMonthNames) {
  EXPECT_TRUE(Has(RenderOf(MessageKind::kReminder, "de", kMarch).subject,
                  "Donnerstag, 25. März 2027, 09:30 Uhr"));
  EXPECT_EQ(RenderOf(MessageKind::kReminder, "de", kSummer).subject,
            "Erinnerung an Ihren Termin: Donnerstag, 1. April 2027, 10:30 Uhr");
  EXPECT_EQ(RenderOf(MessageKind::kReminder, "en", kSummer).subject,
            "Reminder of your appointment: Thursday, 1 April 2027, 10:30");
}

TEST(Templates, ReminderSmsCarriesTheCancelLink) {
  const RenderedMessage m = RenderOf(MessageKind::kReminder, "de", kWinter);
  EXPECT_TRUE(Has(m.sms,
                  "Absagen: https://termine.example/termin/K7M2-Q9XD?token=tok_en-1"
                  "&action=cancel"))
      << m.sms;
}

TEST(Templates, CancellationOffersANewBookingNotTheOldLinks) {
  const RenderedMessage de = RenderOf(MessageKind::kCancellation, "de", kWinter);
  EXPECT_EQ(de.subject, "Termin abgesagt: Mittwoch, 2. Dezember 2026, 09:30 Uhr");
  EXPECT_FALSE(Has(de.text, "token="));
  EXPECT_TRUE(Has(de.text, "Einen neuen Termin buchen:\nhttps://termine.example/\n"));
  const RenderedMessage en = RenderOf(MessageKind::kCancellation, "en", kWinter);
  EXPECT_TRUE(Has(en.text, "Book a new appointment:"));
}

TEST(Templates, RescheduledTellsTheNewTime) {
  const RenderedMessage m = RenderOf(MessageKind::kRescheduled, "de", kSummer);
  EXPECT_EQ(m.subject, "Termin verschoben auf Donnerstag, 1. April 2027, 10:30 Uhr");
  EXPECT_TRUE(Has(m.text, "Buchungsnummer und Link bleiben gleich"));
}

TEST(Templates, WithoutTheTokenTheMessagePointsToTheConfirmationAndPhone) {
  const RenderedMessage m = RenderOf(MessageKind::kReminder, "de", kWinter, "");
  EXPECT_FALSE(Has(m.text, "token="));
  EXPECT_TRUE(Has(m.text, "115"));
  EXPECT_TRUE(Has(m.sms, "Nr. K7M2-Q9XD"));
}

TEST(Templates, UnknownLanguageFallsBackToGerman) {
  EXPECT_TRUE(RenderOf(MessageKind::kConfirmation, "fr", kWinter).subject.starts_with("Termin"));
}

TEST(Templates, OfferNamesTheTimeBoxAndLinksToAcceptOrDecline) {
  const Catalog catalog = TestCatalog();
  Appointment hold = TestAppointment(kWinter);
  hold.status = AppointmentStatus::kHeld;
  hold.hold_expires_at = absl::FromCivil(absl::CivilMinute(2026, 12, 1, 15, 40), Berlin());
  OutboxMessage m{.kind = MessageKind::kOffer, .language = "de"};
  const RenderedMessage de =
      Render(FactsOf(m, hold, catalog, "https://termine.example", "tok"), Berlin());
  EXPECT_EQ(de.subject, "Ein früherer Termin für Sie: Mittwoch, 2. Dezember 2026, 09:30 Uhr");
  EXPECT_TRUE(Has(de.text, "bis 15:40 Uhr für Sie reserviert")) << de.text;
  EXPECT_TRUE(Has(de.text, "https://termine.example/angebot/K7M2-Q9XD?token=tok\n")) << de.text;
  EXPECT_TRUE(Has(de.text, "https://termine.example/angebot/K7M2-Q9XD?token=tok&action=decline"));
  EXPECT_FALSE(Has(de.text, "/termin/")) << "an offer is not yet a booking";
  EXPECT_TRUE(Has(de.sms, "Reserviert bis 15:40 Uhr")) << de.sms;
  m.language = "en";
  const RenderedMessage en =
      Render(FactsOf(m, hold, catalog, "https://termine.example", "tok"), Berlin());
  EXPECT_EQ(en.subject, "An earlier appointment for you: Wednesday, 2 December 2026, 09:30");
  EXPECT_TRUE(Has(en.text, "reserved for you until 15:40")) << en.text;
}

TEST(Templates, ClosureNoticeSaysTheAppointmentCannotTakePlaceWithoutLinks) {
  const RenderedMessage m = RenderOf(MessageKind::kClosureListed, "de", kWinter);
  EXPECT_EQ(m.subject, "Ihr Termin kann nicht stattfinden: Mittwoch, 2. Dezember 2026, 09:30 Uhr");
  EXPECT_TRUE(Has(m.text, "Der Telefonische HamburgService (115) ruft Sie an")) << m.text;
  EXPECT_TRUE(Has(m.text, "https://termine.example/\n")) << "a new booking is possible";
  EXPECT_FALSE(Has(m.text, "token=")) << m.text;
  const RenderedMessage en = RenderOf(MessageKind::kClosureListed, "en", kWinter);
  EXPECT_TRUE(Has(en.sms, "cannot take place")) << en.sms;
}

TEST(Templates, CaseMessagesGreetByTheFormsNamesAndCarryTheStatusLink) {
  const OnlineCase c{.id = 3,
                     .code = "C4SE-0001",
                     .service_id = "fuehrerschein",
                     .status = CaseStatus::kWaitingForCitizen,
                     .language = "en",
                     .answers_json = R"({"given_names":"Erika","family_name":"Mustermann"})"};
  const OutboxMessage question{
      .subject = CaseSubject(3), .kind = MessageKind::kCaseQuestion, .language = "en"};
  const MessageFacts f = CaseFactsOf(question, c, "Which address?", TestCatalog(),
                                     "https://termine.example", "tok_en");
  EXPECT_EQ(f.status_url, "https://termine.example/online/status?code=C4SE-0001&token=tok_en");
  const RenderedMessage m = Render(f, Berlin());
  EXPECT_EQ(m.subject, "A question about your online request C4SE-0001");
  EXPECT_TRUE(Has(m.text, "Dear Erika Mustermann,")) << m.text;
  EXPECT_TRUE(Has(m.text, "Exchange a driving licence")) << m.text;
  EXPECT_TRUE(Has(m.text, "Which address?")) << m.text;
  EXPECT_TRUE(Has(m.text, "Please answer on the page of your request")) << m.text;
  EXPECT_TRUE(Has(m.text, f.status_url)) << m.text;

  const OutboxMessage done{
      .subject = CaseSubject(3), .kind = MessageKind::kCaseDone, .language = "de"};
  const OnlineCase forgotten{
      .id = 3, .code = "C4SE-0001", .service_id = "meldebescheinigung", .answers_json = "{}"};
  const RenderedMessage de = Render(
      CaseFactsOf(done, forgotten, "", TestCatalog(), "https://termine.example", ""), Berlin());
  EXPECT_EQ(de.subject, "Ihr Online-Antrag C4SE-0001 ist erledigt");
  EXPECT_TRUE(de.text.starts_with("Guten Tag,\n")) << de.text;
  EXPECT_TRUE(Has(de.text, "Meldebescheinigung")) << de.text;
  EXPECT_FALSE(Has(de.text, "/online/status")) << "no token, no link";
}

}  // namespace
}  // namespace amtszeit::notify
