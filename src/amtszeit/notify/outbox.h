// The notification outbox: which messages a change to an appointment or an online case calls for,
// written in the change's own transaction (the booking engine's change hook, the case service's),
// so a change and its messages commit together. A worker (worker.h) sends them later.
//
//   Outbox outbox(box, {.reminders = {absl::Hours(48), absl::Hours(2)}});
//   // inside the transaction that confirms `a` (see server/notify_hook.h):
//   auto ok = outbox.OnChange(tx, EventKind::kConfirmed, a, token, now);
//
// Confirmed: a confirmation now and a reminder at each offset before the start that is still
// ahead. Rescheduled: pending reminders are re-timed to the new start; a notice of the new time
// unless the confirmation is still unsent (it tells the new time anyway). Cancelled: pending
// messages are dropped and a cancellation notice is queued. Messages go by e-mail when the
// contact gave an address, else by SMS to the phone number.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/appointment.h"
#include "amtszeit/domain/online_case.h"
#include "amtszeit/domain/outbox_message.h"
#include "amtszeit/notify/secret_box.h"
#include "amtszeit/store/store.h"

namespace amtszeit::notify {

struct OutboxOptions {
  // Reminders this long before the start; one that would fall before the booking is not made.
  std::vector<absl::Duration> reminders = {absl::Hours(48), absl::Hours(2)};
};

class Outbox {
 public:
  Outbox(const SecretBox& box, OutboxOptions options) : box_(box), options_(std::move(options)) {}

  // `change` is kConfirmed, kCancelled or kRescheduled; others need no message. `token` is the
  // citizen's link secret when the caller knew it (empty when the call centre acted).
  Result<void> OnChange(store::WriteTx& tx, EventKind change, const Appointment& a,
                        std::string_view token, absl::Time now) const;

  // A freed slot held for a waitlisted citizen (`hold` carries their contact): the offer with
  // links to accept or decline, opened by the entry's token (`sealed` by the same key).
  Result<void> Offered(store::WriteTx& tx, const Appointment& hold, std::string_view sealed,
                       absl::Time now) const;
  // An offer that ended (declined, withdrawn): its unsent messages are dropped, nothing is said.
  Result<void> Withdrawn(store::WriteTx& tx, const Appointment& hold) const;
  // A closing centre's appointment for which no equivalent slot was found: pending confirmation
  // and reminders (they would name a closed centre) are dropped and one notice is queued that
  // the appointment cannot take place and the city will call. Telling twice is avoided.
  Result<void> Listed(store::WriteTx& tx, const Appointment& a, absl::Time now) const;

  // An online case changed status (`c` as it is now): the citizen is told at `email` that it was
  // received, that the back office asks something, or that it is done or rejected; taking a case
  // says nothing. `token` is the citizen's link secret, known only when the case is submitted;
  // it is kept sealed while the case is open, for the status link of the later messages.
  Result<void> CaseChanged(store::WriteTx& tx, const OnlineCase& c, std::string_view email,
                           std::string_view token, absl::Time now) const;

  const OutboxOptions& options() const { return options_; }

 private:
  Result<void> DropPending(store::WriteTx& tx, const Appointment& a, std::string_view why,
                           bool keep_cancellation) const;
  Result<void> Confirmed(store::WriteTx& tx, const Appointment& a, absl::Time now) const;
  Result<void> Rescheduled(store::WriteTx& tx, const Appointment& a, absl::Time now) const;
  Result<void> Cancelled(store::WriteTx& tx, const Appointment& a, absl::Time now) const;
  Result<void> AddReminders(store::WriteTx& tx, const Appointment& a, absl::Time now) const;
  Result<void> Add(store::WriteTx& tx, const Appointment& a, MessageKind kind, absl::Time due,
                   absl::Time now) const;

  const SecretBox& box_;
  OutboxOptions options_;
};

// Where messages about an appointment go: e-mail when given, else SMS; nullopt when neither.
std::optional<std::pair<MessageChannel, std::string>> RecipientOf(const Appointment& a);

// Whether a due message still tells the truth: a reminder or confirmation of an appointment that
// is no longer confirmed, or has begun, is dropped. Empty: send it; else why not.
std::string WhyNotSend(const OutboxMessage& m, const std::optional<Appointment>& a, absl::Time now);

// Whether a due message about an online case is still to be sent: not when the case or its
// personal data is gone. Empty: send it; else why not.
std::string WhyNotSendCase(const OutboxMessage& m, const std::optional<OnlineCase>& c);

// The message a case's new status calls for; nullopt when none.
std::optional<MessageKind> CaseMessageKind(CaseStatus status);

// Messages whose text carries the manage link (or a case's status link).
bool CarriesLink(MessageKind kind);

// Deletes the subject's sealed link token once no pending message needs it (and, for a case,
// once the case is closed: its next change needs the link again).
Result<void> ForgetTokenIfDone(store::WriteTx& tx, const MessageSubject& subject);

}  // namespace amtszeit::notify
