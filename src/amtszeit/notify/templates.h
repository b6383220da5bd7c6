// The words of the messages to citizens, German first and English when the citizen asked for it:
// a subject and plain-text body for e-mail, and a short text for SMS. Rendered when a message is
// sent, from the appointment (or online case) as it is then, with dates and times in the
// centre's zone.
//
//   MessageFacts facts = FactsOf(message, appointment, catalog, "https://termine.example", token);
//   RenderedMessage m = Render(facts, berlin);   // m.subject, m.text, m.sms
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/appointment.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/online_case.h"
#include "amtszeit/domain/outbox_message.h"

namespace amtszeit::notify {

struct MessageFacts {
  MessageKind kind = MessageKind::kConfirmation;
  std::string language = "de";  // "de" or "en"
  std::string name;             // whom the message greets
  std::string code;
  absl::Time start;
  absl::Time end;
  std::string location_name;
  std::string address;
  std::vector<std::string> services;  // names in the message's language
  std::string booking_url;            // the site's start page
  std::string manage_url;             // empty when the link token is not known
  std::string cancel_url;             // the manage page with the cancel button in focus
  absl::Time offer_ends;              // kOffer: until when the slot is held
  // Messages about an online case (kCase*): `code` is the case's, `services` its one service.
  std::string status_url;  // the citizen's status page; empty when the link token is not known
  std::string note;        // the back office's question (kCaseQuestion) or reason (kCaseRejected)
};

struct RenderedMessage {
  std::string subject;
  std::string text;  // lines end in "\n"
  std::string sms;
};

// The facts of `message` about `a`. `token` may be empty (no links then). `base_url` has no
// trailing slash.
MessageFacts FactsOf(const OutboxMessage& message, const Appointment& a, const Catalog& catalog,
                     std::string_view base_url, std::string_view token);

// The facts of `message` about the online case `c`. `note` is what the back office wrote with the
// change the message tells of; the name greeted is taken from the case's answers.
MessageFacts CaseFactsOf(const OutboxMessage& message, const OnlineCase& c, std::string_view note,
                         const Catalog& catalog, std::string_view base_url, std::string_view token);

// Whether the message is about an online case (rendered by RenderCase).
bool IsCaseMessage(MessageKind kind);

RenderedMessage Render(const MessageFacts& facts, const absl::TimeZone& zone);
RenderedMessage RenderCase(const MessageFacts& facts);

// "Mittwoch, 2. Dezember 2026" / "Wednesday, 2 December 2026" in `zone`.
std::string LongDate(absl::Time t, const absl::TimeZone& zone, std::string_view language);

}  // namespace amtszeit::notify
