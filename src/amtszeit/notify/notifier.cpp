#include "amtszeit/notify/notifier.h"

#include <spdlog/spdlog.h>

#include "amtszeit/notify/mail.h"

namespace amtszeit::notify {

Notifier::Notifier(store::Store& store, const Clock& clock, NotifierOptions options, SecretBox box)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      box_(std::move(box)),
      outbox_(box_, {.reminders = options_.reminders}) {}

Notifier::~Notifier() { Stop(); }

Result<std::unique_ptr<Notifier>> Notifier::Open(store::Store& store, const Clock& clock,
                                                 NotifierOptions options) {
  if (!options.smtp_url.empty() && !IsPlainAddress(options.mail_from)) {
    return Fail(ErrorCode::kInvalidArgument,
                "sending e-mail needs a sender address (--mail-from), e.g. termine@example.org");
  }
  for (absl::Duration d : options.reminders) {
    if (d <= absl::ZeroDuration()) {
      return Fail(ErrorCode::kInvalidArgument, "a reminder must come before the appointment");
    }
  }
  SecretBox box = SecretBox::WithRandomKey();
  if (!options.key_file.empty()) {
    auto loaded = SecretBox::LoadOrCreate(options.key_file);
    if (!loaded) return std::unexpected(loaded.error());
    box = std::move(*loaded);
  }
  return std::unique_ptr<Notifier>(new Notifier(store, clock, std::move(options), std::move(box)));
}

void Notifier::Start(CatalogView catalog, std::string base_url, absl::TimeZone zone) {
  if (worker_) return;
  Senders senders;
  if (!options_.smtp_url.empty()) {
    senders.email = MakeSmtpSender({.url = options_.smtp_url, .from = options_.mail_from});
  } else {
    spdlog::warn("notify: no --smtp server: e-mails to citizens are queued, not sent");
  }
  if (!options_.sms_webhook.empty()) {
    senders.sms = MakeSmsWebhookSender({.url = options_.sms_webhook});
  } else {
    spdlog::info("notify: no --sms-webhook: text messages are queued, not sent");
  }
  if (!senders.email && !senders.sms) return;
  while (base_url.ends_with('/')) base_url.pop_back();
  worker_ = std::make_unique<Worker>(store_, clock_, std::move(catalog), box_, std::move(senders),
                                     WorkerOptions{.base_url = std::move(base_url),
                                                   .zone = zone,
                                                   .poll = options_.poll,
                                                   .first_retry = options_.first_retry,
                                                   .max_attempts = options_.max_attempts});
  worker_->Start();
}

void Notifier::Stop() {
  if (worker_) worker_->Stop();
}

}  // namespace amtszeit::notify
