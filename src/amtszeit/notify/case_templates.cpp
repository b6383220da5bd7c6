// The words of the messages about online cases: received, a question from the back office, done,
// rejected; German first, English when the citizen filed the request in English. Every message
// carries the status link, because the citizen's token was shown only once, at submission.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "amtszeit/notify/templates.h"

namespace amtszeit::notify {

namespace {

namespace json = boost::json;

std::string Answer(const json::object& answers, std::string_view key) {
  const json::value* v = answers.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// Whom the message greets: the forms ask for the applicant's names, or for the requester's (a
// register inquiry about someone else). Empty when neither was given or the answers are cleared.
std::string NameFromAnswers(std::string_view answers_json) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(answers_json, ec);
  if (ec || !parsed.is_object()) return "";
  const json::object& answers = parsed.as_object();
  const std::string given = Answer(answers, "given_names");
  const std::string family = Answer(answers, "family_name");
  if (!family.empty()) return given.empty() ? family : given + " " + family;
  return Answer(answers, "requester_name");
}

struct CaseWords {
  std::string_view subject;  // {code}
  std::string_view intro;    // {service}
  std::string_view sms;      // {code}, {link}
};

CaseWords CaseWordsFor(MessageKind kind, bool en) {
  switch (kind) {
    case MessageKind::kCaseReceived:
      return en ? CaseWords{"Your online request {code} has been received",
                            "thank you for your request \u201c{service}\u201d. It has reached us "
                            "and will be worked on; we will write to you when something changes.",
                            "Your online request {code} has been received. Status: {link}"}
                : CaseWords{"Ihr Online-Antrag {code} ist eingegangen",
                            "vielen Dank für Ihren Antrag \u201e{service}\u201c. Er ist bei uns "
                            "eingegangen und wird bearbeitet; wir schreiben Ihnen, sobald sich "
                            "etwas ändert.",
                            "Ihr Online-Antrag {code} ist eingegangen. Stand: {link}"};
    case MessageKind::kCaseQuestion:
      return en ? CaseWords{"A question about your online request {code}",
                            "we have a question about your request \u201c{service}\u201d before "
                            "we can go on with it:",
                            "A question about your online request {code}: {link}"}
                : CaseWords{"Rückfrage zu Ihrem Online-Antrag {code}",
                            "zu Ihrem Antrag \u201e{service}\u201c haben wir eine Rückfrage, "
                            "bevor wir ihn weiter bearbeiten können:",
                            "Rückfrage zu Ihrem Online-Antrag {code}: {link}"};
    case MessageKind::kCaseDone:
      return en ? CaseWords{"Your online request {code} is done",
                            "your request \u201c{service}\u201d has been completed.",
                            "Your online request {code} is done. {link}"}
                : CaseWords{"Ihr Online-Antrag {code} ist erledigt",
                            "Ihr Antrag \u201e{service}\u201c ist erledigt.",
                            "Ihr Online-Antrag {code} ist erledigt. {link}"};
    case MessageKind::kCaseRejected:
      return en ? CaseWords{"Your online request {code} has been rejected",
                            "unfortunately your request \u201c{service}\u201d could not be "
                            "granted. The reason:",
                            "Your online request {code} has been rejected. {link}"}
                : CaseWords{"Ihr Online-Antrag {code} wurde abgelehnt",
                            "Ihr Antrag \u201e{service}\u201c konnte leider nicht bewilligt "
                            "werden. Der Grund:",
                            "Ihr Online-Antrag {code} wurde abgelehnt. {link}"};
    default:
      return {};
  }
}

}  // namespace

bool IsCaseMessage(MessageKind kind) {
  return kind == MessageKind::kCaseReceived || kind == MessageKind::kCaseQuestion ||
         kind == MessageKind::kCaseDone || kind == MessageKind::kCaseRejected;
}

MessageFacts CaseFactsOf(const OutboxMessage& message, const OnlineCase& c, std::string_view note,
                         const Catalog& catalog, std::string_view base_url,
                         std::string_view token) {
  MessageFacts f;
  f.kind = message.kind;
  f.language = message.language == "en" ? "en" : "de";
  f.name = NameFromAnswers(c.answers_json);
  f.code = c.code;
  const Service* s = catalog.FindService(c.service_id);
  if (s == nullptr) {
    f.services.push_back(c.service_id);
  } else {
    f.services.push_back(f.language == "en" && !s->name_en.empty() ? s->name_en : s->name_de);
  }
  f.booking_url = std::string(base_url) + "/";
  f.note = std::string(note);
  // The code is letters, digits and '-', the token base64url: both safe in a query as they are.
  if (!token.empty()) {
    f.status_url = fmt::format("{}/online/status?code={}&token={}", base_url, c.code, token);
  }
  return f;
}

RenderedMessage RenderCase(const MessageFacts& f) {
  const bool en = f.language == "en";
  const CaseWords words = CaseWordsFor(f.kind, en);
  const std::string service = f.services.empty() ? std::string() : f.services.front();

  RenderedMessage m;
  m.subject = fmt::format(fmt::runtime(words.subject), fmt::arg("code", f.code));
  std::string& t = m.text;
  if (f.name.empty()) {
    t += en ? "Hello,\n\n" : "Guten Tag,\n\n";
  } else {
    t += fmt::format("{} {},\n\n", en ? "Dear" : "Guten Tag", f.name);
  }
  t += fmt::format("{}\n\n", fmt::format(fmt::runtime(words.intro), fmt::arg("service", service)));
  const bool with_note =
      f.kind == MessageKind::kCaseQuestion || f.kind == MessageKind::kCaseRejected;
  if (with_note && !f.note.empty()) t += fmt::format("    {}\n\n", f.note);
  if (f.kind == MessageKind::kCaseQuestion) {
    t += en ? "Please answer on the page of your request (the link below, or the one from our "
              "first message), where you can also add documents; or call the Hamburg Service on "
              "115 and give your request number. We go on with your request as soon as we have "
              "your answer.\n\n"
            : "Bitte antworten Sie auf der Seite Ihres Antrags (über den Link unten oder den aus "
              "unserer ersten Nachricht); dort können Sie auch Unterlagen nachreichen. Oder melden "
              "Sie sich beim Hamburg Service unter der Rufnummer 115 und nennen Sie Ihre "
              "Vorgangsnummer. Sobald Ihre Antwort da ist, bearbeiten wir Ihren Antrag weiter.\n\n";
  }
  t += fmt::format("{}: {}\n\n", en ? "Request number" : "Vorgangsnummer", f.code);
  if (!f.status_url.empty()) {
    t += fmt::format("{}\n{}\n\n",
                     en ? "See the status of your request:"
                        : "Den Stand Ihres Antrags sehen Sie "
                          "hier:",
                     f.status_url);
  } else {
    t += en ? "See the status of your request with the link from our first message.\n\n"
            : "Den Stand Ihres Antrags sehen Sie über den Link aus unserer ersten Nachricht.\n\n";
  }
  t += en ? "Kind regards\nHamburg Service\n\n" : "Mit freundlichen Grüßen\nHamburg Service\n\n";
  t += en ? "This message was sent automatically; replies are not read.\n"
          : "Diese Nachricht wurde automatisch erstellt; Antworten werden nicht gelesen.\n";
  m.sms = fmt::format(fmt::runtime(words.sms), fmt::arg("code", f.code),
                      fmt::arg("link", f.status_url));
  return m;
}

}  // namespace amtszeit::notify
