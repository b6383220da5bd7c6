#include "amtszeit/notify/templates.h"

#include <fmt/format.h>

#include <array>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/civil_time.h"

namespace amtszeit::notify {

namespace {

constexpr std::array<std::string_view, 7> kWeekdaysDe = {
    "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"};
constexpr std::array<std::string_view, 7> kWeekdaysEn = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 7> kShortWeekdaysDe = {"Mo", "Di", "Mi", "Do",
                                                              "Fr", "Sa", "So"};
constexpr std::array<std::string_view, 7> kShortWeekdaysEn = {"Mon", "Tue", "Wed", "Thu",
                                                              "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> kMonthsDe = {
    "Januar", "Februar", "März",      "April",   "Mai",      "Juni",
    "Juli",   "August",  "September", "Oktober", "November", "Dezember"};
constexpr std::array<std::string_view, 12> kMonthsEn = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool English(std::string_view language) { return language == "en"; }

std::string HourMinute(absl::Time t, const absl::TimeZone& zone) {
  const absl::CivilMinute m = absl::ToCivilMinute(t, zone);
  return fmt::format("{:02}:{:02}", m.hour(), m.minute());
}

// "10:00 Uhr" / "10:00".
std::string At(absl::Time t, const absl::TimeZone& zone, std::string_view language) {
  return English(language) ? HourMinute(t, zone) : HourMinute(t, zone) + " Uhr";
}

// "Mi 02.12.2026 10:00 Uhr" / "Wed 02/12/2026 10:00": short enough for an SMS.
std::string ShortWhen(absl::Time t, const absl::TimeZone& zone, std::string_view language) {
  const absl::CivilDay d = absl::ToCivilDay(t, zone);
  const int w = WeekdayIndex(d);
  if (English(language)) {
    return fmt::format("{} {:02}/{:02}/{} {}", kShortWeekdaysEn[w], d.day(), d.month(), d.year(),
                       HourMinute(t, zone));
  }
  return fmt::format("{} {:02}.{:02}.{} {} Uhr", kShortWeekdaysDe[w], d.day(), d.month(), d.year(),
                     HourMinute(t, zone));
}

struct Words {
  std::string_view subject;  // {when} is the long date and time
  std::string_view intro;
  std::string_view sms;  // {when}, {where}, {code}, {link}
};

// One row per appointment message and language; case messages have their own renderer
// (RenderCase). `sms_without_link` is set only where `sms` names {link}.
struct Wording {
  MessageKind kind;
  bool english;
  std::string_view subject;
  std::string_view intro;
  std::string_view sms;
  std::string_view sms_without_link;
};

constexpr std::array kWordings = {
    Wording{MessageKind::kConfirmation, true, "Appointment confirmed: {when}",
            "Thank you for your booking. Your appointment is confirmed.",
            "Appointment confirmed: {when}, {where}. No. {code}. Change or cancel: {link}",
            "Appointment confirmed: {when}, {where}. No. {code}."},
    Wording{MessageKind::kReminder, true, "Reminder of your appointment: {when}",
            "This is a reminder of your appointment. If you cannot come, please cancel it, so "
            "that someone else can have the time.",
            "Reminder: appointment {when}, {where}. Cancel: {link}",
            "Reminder: appointment {when}, {where}. No. {code}."},
    Wording{MessageKind::kCancellation, true, "Appointment cancelled: {when}",
            "Your appointment has been cancelled. The time is free for others again.",
            "Your appointment on {when} ({where}) has been cancelled.", ""},
    Wording{MessageKind::kRescheduled, true, "Appointment moved to {when}",
            "Your appointment has been moved. The new time is below; booking number and link "
            "stay the same.",
            "Appointment moved to {when}, {where}. No. {code}. {link}",
            "Appointment moved to {when}, {where}. No. {code}."},
    Wording{MessageKind::kOffer, true, "An earlier appointment for you: {when}",
            "you asked to be told of an earlier appointment. This one has become free and is "
            "reserved for you until {until}. If you do not answer by then, it goes to the "
            "next person waiting.",
            "Earlier appointment free: {when}, {where}. Reserved until {until}. "
            "Accept or decline: {link}",
            "Earlier appointment free: {when}, {where}. Reserved until {until}."},
    Wording{MessageKind::kClosureListed, true, "Your appointment cannot take place: {when}",
            "the service centre is closed on the day of your appointment, and we could not "
            "find an equivalent time elsewhere. Your appointment cannot take place. The city's "
            "phone service (115) will call you to find a new time; you may also book a new "
            "appointment yourself.",
            "Your appointment on {when} ({where}) cannot take place: the centre is closed. "
            "115 will call you, or book anew.",
            ""},
    Wording{MessageKind::kConfirmation, false, "Terminbestätigung: {when}",
            "vielen Dank für Ihre Buchung. Ihr Termin ist bestätigt.",
            "Termin bestätigt: {when}, {where}. Nr. {code}. Ändern oder absagen: {link}",
            "Termin bestätigt: {when}, {where}. Nr. {code}."},
    Wording{MessageKind::kReminder, false, "Erinnerung an Ihren Termin: {when}",
            "wir erinnern Sie an Ihren Termin. Wenn Sie nicht kommen können, sagen Sie ihn "
            "bitte ab – dann bekommt jemand anderes die Zeit.",
            "Erinnerung: Termin {when}, {where}. Absagen: {link}",
            "Erinnerung: Termin {when}, {where}. Nr. {code}."},
    Wording{MessageKind::kCancellation, false, "Termin abgesagt: {when}",
            "Ihr Termin ist abgesagt. Die Zeit ist wieder für andere frei.",
            "Ihr Termin am {when} ({where}) ist abgesagt.", ""},
    Wording{MessageKind::kRescheduled, false, "Termin verschoben auf {when}",
            "Ihr Termin wurde verschoben. Es gilt die neue Zeit unten; Buchungsnummer und Link "
            "bleiben gleich.",
            "Termin verschoben auf {when}, {where}. Nr. {code}. {link}",
            "Termin verschoben auf {when}, {where}. Nr. {code}."},
    Wording{MessageKind::kOffer, false, "Ein früherer Termin für Sie: {when}",
            "Sie wollten über einen früheren Termin informiert werden. Dieser Termin ist frei "
            "geworden und bis {until} für Sie reserviert. Antworten Sie bis dahin nicht, geht er "
            "an die nächste Person auf der Warteliste.",
            "Früherer Termin frei: {when}, {where}. Reserviert bis {until}. "
            "Annehmen oder ablehnen: {link}",
            "Früherer Termin frei: {when}, {where}. Reserviert bis {until}."},
    Wording{MessageKind::kClosureListed, false, "Ihr Termin kann nicht stattfinden: {when}",
            "das Kundenzentrum ist am Tag Ihres Termins geschlossen, und wir konnten keinen "
            "gleichwertigen Termin an einem anderen Standort finden. Ihr Termin kann daher nicht "
            "stattfinden. Der Telefonische HamburgService (115) ruft Sie an, um einen neuen Termin "
            "zu vereinbaren; Sie können auch selbst einen neuen Termin buchen.",
            "Ihr Termin am {when} ({where}) kann nicht stattfinden: Das Kundenzentrum ist "
            "geschlossen. Die 115 ruft Sie an, oder buchen Sie neu.",
            ""},
};

Words WordsFor(MessageKind kind, bool english, bool with_link) {
  for (const Wording& w : kWordings) {
    if (w.kind != kind || w.english != english) continue;
    const bool link_free = !with_link && !w.sms_without_link.empty();
    return {w.subject, w.intro, link_free ? w.sms_without_link : w.sms};
  }
  return {};
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

}  // namespace

std::string LongDate(absl::Time t, const absl::TimeZone& zone, std::string_view language) {
  const absl::CivilDay d = absl::ToCivilDay(t, zone);
  const int w = WeekdayIndex(d);
  const auto month = static_cast<std::size_t>(d.month() - 1);
  if (English(language)) {
    return fmt::format("{}, {} {} {}", kWeekdaysEn[w], d.day(), kMonthsEn[month], d.year());
  }
  return fmt::format("{}, {}. {} {}", kWeekdaysDe[w], d.day(), kMonthsDe[month], d.year());
}

MessageFacts FactsOf(const OutboxMessage& message, const Appointment& a, const Catalog& catalog,
                     std::string_view base_url, std::string_view token) {
  MessageFacts f;
  f.kind = message.kind;
  f.language = English(message.language) ? "en" : "de";
  f.name = a.contact.name;
  f.code = a.code;
  f.start = a.start;
  f.end = a.end;
  if (const Location* l = catalog.FindLocation(a.location_id)) {
    f.location_name = l->name;
    f.address = fmt::format("{}, {} {}", l->address.street, l->address.postcode, l->address.city);
  } else {
    f.location_name = a.location_id;
  }
  for (const std::string& id : a.service_ids) {
    const Service* s = catalog.FindService(id);
    if (!s) {
      f.services.push_back(id);
    } else {
      f.services.push_back(English(f.language) && !s->name_en.empty() ? s->name_en : s->name_de);
    }
  }
  f.booking_url = std::string(base_url) + "/";
  // The token is base64url: safe in a query without escaping. The cancel link only opens the
  // page; mail scanners fetch links, so nothing is cancelled by following one.
  if (message.kind == MessageKind::kOffer) {
    f.offer_ends = a.hold_expires_at;
    if (!token.empty()) {
      // Declining, like cancelling, only opens the page with its button in focus.
      f.manage_url = fmt::format("{}/angebot/{}?token={}", base_url, a.code, token);
      f.cancel_url = f.manage_url + "&action=decline";
    }
    return f;
  }
  if (!token.empty()) {
    f.manage_url = fmt::format("{}/termin/{}?token={}", base_url, a.code, token);
    f.cancel_url = f.manage_url + "&action=cancel";
  }
  return f;
}

RenderedMessage Render(const MessageFacts& f, const absl::TimeZone& zone) {
  if (IsCaseMessage(f.kind)) return RenderCase(f);
  const bool en = English(f.language);
  const bool with_link = !f.manage_url.empty();
  const Words words = WordsFor(f.kind, en, with_link);
  const std::string date = LongDate(f.start, zone, f.language);
  const std::string when = fmt::format("{}, {}", date, At(f.start, zone, f.language));
  const std::string where =
      f.location_name + (f.address.empty() ? std::string() : ", " + f.address);

  const std::string until =
      f.kind == MessageKind::kOffer ? At(f.offer_ends, zone, f.language) : std::string();

  RenderedMessage m;
  m.subject = fmt::format(fmt::runtime(words.subject), fmt::arg("when", when));

  std::string& t = m.text;
  t += fmt::format("{} {},\n\n", en ? "Dear" : "Guten Tag", f.name);
  t += fmt::format("{}\n\n", fmt::format(fmt::runtime(words.intro), fmt::arg("until", until)));
  const std::string range =
      en ? fmt::format("{}–{}", HourMinute(f.start, zone), HourMinute(f.end, zone))
         : fmt::format("{}–{} Uhr", HourMinute(f.start, zone), HourMinute(f.end, zone));
  t += fmt::format("{}: {}, {}\n", en ? "When" : "Wann", date, range);
  t += fmt::format("{}: {}\n", en ? "Where" : "Wo", where);
  t += fmt::format("{}: {}\n", en ? "For" : "Anliegen", Join(f.services, ", "));
  if (f.kind != MessageKind::kOffer) {
    t += fmt::format("{}: {}\n\n", en ? "Booking number" : "Buchungsnummer", f.code);
  } else {
    t += "\n";
  }
  if (f.kind == MessageKind::kOffer) {
    if (with_link) {
      t += fmt::format("{}\n{}\n\n",
                       en ? "Accept (it is then booked for you) or decline:"
                          : "Annehmen (dann ist er für Sie gebucht) oder ablehnen:",
                       f.manage_url);
      t += fmt::format("{}\n{}\n\n",
                       en ? "Decline, so that the next person gets it:"
                          : "Ablehnen, damit die nächste Person ihn bekommt:",
                       f.cancel_url);
    }
  } else if (f.kind == MessageKind::kCancellation || f.kind == MessageKind::kClosureListed) {
    t += fmt::format("{}\n{}\n\n",
                     en ? "Book a new appointment:" : "Einen neuen Termin buchen:", f.booking_url);
  } else if (with_link) {
    t += fmt::format(
        "{}\n{}\n\n",
        en ? "View or move your appointment:" : "Termin ansehen oder verschieben:", f.manage_url);
    t += fmt::format("{}\n{}\n\n",
                     en ? "Cancel your appointment (the time becomes free for others):"
                        : "Termin absagen (die Zeit wird dann für andere frei):",
                     f.cancel_url);
  } else {
    t += en ? "To view, move or cancel it, use the link from your confirmation or call 115.\n\n"
            : "Ansehen, verschieben oder absagen können Sie den Termin über den Link aus Ihrer "
              "Bestätigung oder unter der Rufnummer 115.\n\n";
  }
  t += en ? "Kind regards\nHamburg Service vor Ort\n\n"
          : "Mit freundlichen Grüßen\n"
            "Hamburg Service vor Ort\n\n";
  t += en ? "This message was sent automatically; replies are not read.\n"
          : "Diese Nachricht wurde automatisch erstellt; Antworten werden nicht gelesen.\n";

  const std::string short_when = ShortWhen(f.start, zone, f.language);
  const std::string& link = f.kind == MessageKind::kReminder ? f.cancel_url : f.manage_url;
  m.sms = fmt::format(fmt::runtime(words.sms), fmt::arg("when", short_when),
                      fmt::arg("where", f.location_name), fmt::arg("code", f.code),
                      fmt::arg("link", link), fmt::arg("until", until));
  return m;
}

}  // namespace amtszeit::notify
