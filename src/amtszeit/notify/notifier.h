// The notification module as the server runs it: the key that seals link tokens, the outbox
// the booking engine's change hook fills, and the worker that sends — over SMTP when a server is
// configured, SMS through a webhook when one is. Without a sender the outbox still fills, so
// messages go out once one is configured (those still true by then).
//
//   auto notifier = Notifier::Open(store, clock, {.smtp_url = "smtp://127.0.0.1:25",
//                                                 .mail_from = "termine@hamburg.example",
//                                                 .key_file = "var/amtszeit.db.notify-key"});
//   ... engine options: .on_change = hook calling (*notifier)->OnChange(...)
//   (*notifier)->Start(catalog, "https://termine.hamburg.example", berlin);
//   (*notifier)->Stop();
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/live_catalog.h"
#include "amtszeit/notify/outbox.h"
#include "amtszeit/notify/secret_box.h"
#include "amtszeit/notify/worker.h"
#include "amtszeit/store/store.h"

namespace amtszeit::notify {

struct NotifierOptions {
  std::string smtp_url;     // empty: e-mails wait in the outbox
  std::string mail_from;    // required with smtp_url
  std::string sms_webhook;  // empty: SMS wait in the outbox
  std::string key_file;     // empty: a key in memory (pending links do not survive a restart)
  std::vector<absl::Duration> reminders = {absl::Hours(48), absl::Hours(2)};
  absl::Duration poll = absl::Seconds(2);
  absl::Duration first_retry = absl::Seconds(30);
  int max_attempts = 8;
};

class Notifier {
 public:
  static Result<std::unique_ptr<Notifier>> Open(store::Store& store, const Clock& clock,
                                                NotifierOptions options);
  ~Notifier();

  // For the booking engine's change hook: runs inside the change's transaction.
  Result<void> OnChange(store::WriteTx& tx, EventKind change, const Appointment& a,
                        std::string_view token, absl::Time at) const {
    return outbox_.OnChange(tx, change, a, token, at);
  }

  const Outbox& outbox() const { return outbox_; }
  // Seals a link token under the notification key (for tokens kept beside the outbox).
  std::string Seal(std::string_view token) const { return box_.Seal(token); }

  // Starts the sending thread (when there is a sender); links are made on `base_url`.
  void Start(CatalogView catalog, std::string base_url, absl::TimeZone zone);
  void Stop();

 private:
  Notifier(store::Store& store, const Clock& clock, NotifierOptions options, SecretBox box);

  store::Store& store_;
  const Clock& clock_;
  NotifierOptions options_;
  SecretBox box_;
  Outbox outbox_;
  std::unique_ptr<Worker> worker_;
};

}  // namespace amtszeit::notify
