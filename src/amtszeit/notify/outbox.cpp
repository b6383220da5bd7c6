#include "amtszeit/notify/outbox.h"

#include <algorithm>

namespace amtszeit::notify {

namespace {

std::string_view Strip(std::string_view text, std::string_view prefix) {
  if (text.starts_with(prefix)) text.remove_prefix(prefix.size());
  return text;
}

std::string LanguageOf(const Appointment& a) { return a.contact.language == "en" ? "en" : "de"; }

}  // namespace

std::optional<std::pair<MessageChannel, std::string>> RecipientOf(const Appointment& a) {
  // The keys are the validated, normalised forms of what the citizen typed.
  if (a.contact_key.starts_with("email:")) {
    return std::pair{MessageChannel::kEmail, std::string(Strip(a.contact_key, "email:"))};
  }
  if (!a.phone_key.empty()) {
    return std::pair{MessageChannel::kSms, std::string(Strip(a.phone_key, "phone:"))};
  }
  return std::nullopt;
}

bool CarriesLink(MessageKind kind) {
  return kind != MessageKind::kCancellation && kind != MessageKind::kClosureListed;
}

std::optional<MessageKind> CaseMessageKind(CaseStatus status) {
  switch (status) {
    case CaseStatus::kReceived:
      return MessageKind::kCaseReceived;
    case CaseStatus::kWaitingForCitizen:
      return MessageKind::kCaseQuestion;
    case CaseStatus::kDone:
      return MessageKind::kCaseDone;
    case CaseStatus::kRejected:
      return MessageKind::kCaseRejected;
    case CaseStatus::kInProgress:
      return std::nullopt;  // the back office took it: nothing the citizen needs to do or know
  }
  return std::nullopt;
}

std::string WhyNotSendCase(const OutboxMessage& m, const std::optional<OnlineCase>& c) {
  if (!c) return "the case no longer exists";
  if (c->forgotten) return "the case's personal data was cleared";
  if (m.recipient.empty()) return "no recipient";
  return "";
}

std::string WhyNotSend(const OutboxMessage& m, const std::optional<Appointment>& a,
                       absl::Time now) {
  if (!a) return "the appointment no longer exists";
  if (m.recipient.empty()) return "no recipient";
  if (m.kind == MessageKind::kCancellation || m.kind == MessageKind::kClosureListed) return "";
  if (m.kind == MessageKind::kOffer) {
    if (a->status != AppointmentStatus::kHeld || a->hold_expires_at <= now) {
      return "the offer is over";
    }
    return "";
  }
  if (a->status != AppointmentStatus::kConfirmed) {
    return fmt::format("the appointment is {}", ToString(a->status));
  }
  if (a->start <= now) return "the appointment has begun";
  return "";
}

Result<void> ForgetTokenIfDone(store::WriteTx& tx, const MessageSubject& subject) {
  auto pending = tx.PendingMessagesOf(subject);
  if (!pending) return std::unexpected(pending.error());
  if (std::ranges::any_of(*pending, [](const OutboxMessage& m) { return CarriesLink(m.kind); })) {
    return {};
  }
  if (subject.kind == SubjectKind::kCase) {
    // An open case will change again, and that message needs the link too.
    auto c = tx.FindCaseById(subject.id);
    if (!c) return std::unexpected(c.error());
    if (*c && !IsClosed((*c)->status) && !(*c)->forgotten) return {};
  }
  return tx.DeleteOutboxSecret(subject);
}

Result<void> Outbox::CaseChanged(store::WriteTx& tx, const OnlineCase& c, std::string_view email,
                                 std::string_view token, absl::Time now) const {
  const std::optional<MessageKind> kind = CaseMessageKind(c.status);
  if (!kind || email.empty()) return {};
  const MessageSubject subject = CaseSubject(c.id);
  if (!token.empty()) {
    if (auto ok = tx.PutOutboxSecret(subject, box_.Seal(token)); !ok) return ok;
  }
  OutboxMessage m{.subject = subject,
                  .kind = *kind,
                  .channel = MessageChannel::kEmail,
                  .recipient = std::string(email),
                  .language = c.language == "en" ? "en" : "de",
                  .due_at = now,
                  .next_attempt_at = now,
                  .created_at = now};
  auto id = tx.InsertOutboxMessage(m);
  if (!id) return std::unexpected(id.error());
  return {};
}

Result<void> Outbox::OnChange(store::WriteTx& tx, EventKind change, const Appointment& a,
                              std::string_view token, absl::Time now) const {
  if (!RecipientOf(a)) return {};  // a hold nobody confirmed: no one to tell
  const bool links = change == EventKind::kConfirmed || change == EventKind::kRescheduled;
  if (links && !token.empty()) {
    if (auto ok = tx.PutOutboxSecret(AppointmentSubject(a.id), box_.Seal(token)); !ok) return ok;
  }
  switch (change) {
    case EventKind::kConfirmed:
      return Confirmed(tx, a, now);
    case EventKind::kRescheduled:
      return Rescheduled(tx, a, now);
    case EventKind::kCancelled:
      return Cancelled(tx, a, now);
    default:
      return {};
  }
}

Result<void> Outbox::Add(store::WriteTx& tx, const Appointment& a, MessageKind kind, absl::Time due,
                         absl::Time now) const {
  auto to = RecipientOf(a);
  OutboxMessage m{.subject = AppointmentSubject(a.id),
                  .kind = kind,
                  .channel = to->first,
                  .recipient = to->second,
                  .language = LanguageOf(a),
                  .due_at = due,
                  .next_attempt_at = due,
                  .created_at = now};
  auto id = tx.InsertOutboxMessage(m);
  if (!id) return std::unexpected(id.error());
  return {};
}

Result<void> Outbox::AddReminders(store::WriteTx& tx, const Appointment& a, absl::Time now) const {
  for (absl::Duration before : options_.reminders) {
    const absl::Time due = a.start - before;
    if (due <= now) continue;  // booked (or moved) closer than that: the confirmation suffices
    if (auto ok = Add(tx, a, MessageKind::kReminder, due, now); !ok) return ok;
  }
  return {};
}

Result<void> Outbox::Confirmed(store::WriteTx& tx, const Appointment& a, absl::Time now) const {
  if (auto ok = Add(tx, a, MessageKind::kConfirmation, now, now); !ok) return ok;
  return AddReminders(tx, a, now);
}

Result<void> Outbox::Rescheduled(store::WriteTx& tx, const Appointment& a, absl::Time now) const {
  auto pending = tx.PendingMessagesOf(AppointmentSubject(a.id));
  if (!pending) return std::unexpected(pending.error());
  bool confirmation_pending = false;
  for (OutboxMessage& m : *pending) {
    if (m.kind == MessageKind::kConfirmation) {
      confirmation_pending = true;
      continue;
    }
    if (m.kind != MessageKind::kReminder && m.kind != MessageKind::kRescheduled) continue;
    m.status = MessageStatus::kDropped;
    m.recipient.clear();
    m.last_error = "replaced: the appointment moved";
    if (auto ok = tx.UpdateOutboxMessage(m); !ok) return ok;
  }
  if (!confirmation_pending) {
    if (auto ok = Add(tx, a, MessageKind::kRescheduled, now, now); !ok) return ok;
  }
  return AddReminders(tx, a, now);
}

Result<void> Outbox::DropPending(store::WriteTx& tx, const Appointment& a, std::string_view why,
                                 bool keep_cancellation) const {
  auto pending = tx.PendingMessagesOf(AppointmentSubject(a.id));
  if (!pending) return std::unexpected(pending.error());
  for (OutboxMessage& m : *pending) {
    if (keep_cancellation && m.kind == MessageKind::kCancellation) continue;
    m.status = MessageStatus::kDropped;
    m.recipient.clear();
    m.last_error = std::string(why);
    if (auto ok = tx.UpdateOutboxMessage(m); !ok) return ok;
  }
  return tx.DeleteOutboxSecret(AppointmentSubject(a.id));
}

Result<void> Outbox::Cancelled(store::WriteTx& tx, const Appointment& a, absl::Time now) const {
  if (auto ok = DropPending(tx, a, "the appointment was cancelled", true); !ok) return ok;
  return Add(tx, a, MessageKind::kCancellation, now, now);
}

Result<void> Outbox::Offered(store::WriteTx& tx, const Appointment& hold, std::string_view sealed,
                             absl::Time now) const {
  if (!RecipientOf(hold)) return {};
  if (!sealed.empty()) {
    if (auto ok = tx.PutOutboxSecret(AppointmentSubject(hold.id), sealed); !ok) return ok;
  }
  return Add(tx, hold, MessageKind::kOffer, now, now);
}

Result<void> Outbox::Withdrawn(store::WriteTx& tx, const Appointment& hold) const {
  return DropPending(tx, hold, "the offer is over", false);
}

Result<void> Outbox::Listed(store::WriteTx& tx, const Appointment& a, absl::Time now) const {
  if (!RecipientOf(a)) return {};
  auto pending = tx.PendingMessagesOf(AppointmentSubject(a.id));
  if (!pending) return std::unexpected(pending.error());
  for (OutboxMessage& m : *pending) {
    if (m.kind == MessageKind::kClosureListed) return {};  // told already
    if (m.kind == MessageKind::kCancellation) continue;
    m.status = MessageStatus::kDropped;
    m.recipient.clear();
    m.last_error = "replaced: the centre closes on that day";
    if (auto ok = tx.UpdateOutboxMessage(m); !ok) return ok;
  }
  if (auto ok = tx.DeleteOutboxSecret(AppointmentSubject(a.id)); !ok) return ok;
  return Add(tx, a, MessageKind::kClosureListed, now, now);
}

}  // namespace amtszeit::notify
