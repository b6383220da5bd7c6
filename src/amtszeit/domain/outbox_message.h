// A message to a citizen about an appointment (confirmation, reminder, cancellation, new time),
// kept in the notification outbox until a worker has sent it. Written by notify/ in the same
// transaction as the booking change it tells about, so no change goes untold and no message
// tells of a change that was rolled back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

// kOffer: a freed slot held for a waitlisted citizen (the message is about the hold).
// kClosureListed: the centre closes and no equivalent slot was found; the city will call.
enum class MessageKind {
  kConfirmation,
  kReminder,
  kCancellation,
  kRescheduled,
  kOffer,
  kClosureListed
};
std::string_view ToString(MessageKind kind);
Result<MessageKind> ParseMessageKind(std::string_view text);

enum class MessageChannel { kEmail, kSms };
std::string_view ToString(MessageChannel channel);
Result<MessageChannel> ParseMessageChannel(std::string_view text);

// pending -> sent | failed (gave up after retries) | dropped (no longer true, e.g. a reminder of
// a cancelled appointment).
enum class MessageStatus { kPending, kSent, kFailed, kDropped };
std::string_view ToString(MessageStatus status);
Result<MessageStatus> ParseMessageStatus(std::string_view text);

struct OutboxMessage {
  std::int64_t id = 0;
  std::int64_t appointment_id = 0;
  MessageKind kind = MessageKind::kConfirmation;
  MessageChannel channel = MessageChannel::kEmail;
  std::string recipient;  // cleared once the message is final: it is personal data
  std::string language;   // "de" or "en"
  MessageStatus status = MessageStatus::kPending;
  absl::Time due_at;
  int attempts = 0;
  absl::Time next_attempt_at;
  std::optional<absl::Time> sent_at;
  std::string last_error;  // of the last failed attempt; never personal data
  absl::Time created_at;

  friend bool operator==(const OutboxMessage&, const OutboxMessage&) = default;
};

}  // namespace amtszeit
