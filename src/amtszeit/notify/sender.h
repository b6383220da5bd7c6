// How messages leave: e-mail over SMTP and SMS through an HTTP gateway (a webhook that receives
// JSON), both with libcurl. A sender is used by one worker thread at a time.
//
//   SmtpSender smtp({.url = "smtp://127.0.0.1:2525", .from = "termine@hamburg.example"});
//   auto sent = smtp.Send({.id = 7, .to = "erika@example.org", .message = rendered}, stop);
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/notify/templates.h"

namespace amtszeit::notify {

struct Outgoing {
  std::int64_t id = 0;  // the outbox row: the message's stable reference across retries
  std::string to;
  RenderedMessage message;
  absl::Time at;  // the worker's clock: the mail's Date
};

class Sender {
 public:
  virtual ~Sender() = default;
  // kUnavailable: try again later; any other code: the message cannot be delivered this way.
  // Returns soon after `stop` becomes true. Error messages carry no personal data.
  virtual Result<void> Send(const Outgoing& outgoing, const std::atomic<bool>& stop) = 0;
};

// Whether a failed send should not be retried.
inline bool Permanent(const Error& e) { return e.code != ErrorCode::kUnavailable; }

struct SmtpOptions {
  std::string url;   // smtp://host:port (STARTTLS when offered) or smtps://host:port
  std::string from;  // envelope and header sender
  std::chrono::seconds timeout{30};
};

struct WebhookOptions {
  std::string url;  // receives POST {"to", "text", "reference"} as JSON
  std::chrono::seconds timeout{15};
};

std::unique_ptr<Sender> MakeSmtpSender(SmtpOptions options);
std::unique_ptr<Sender> MakeSmsWebhookSender(WebhookOptions options);

}  // namespace amtszeit::notify
