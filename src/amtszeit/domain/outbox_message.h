// A message to a citizen about an appointment (confirmation, reminder, cancellation, new time) or
// an online case (received, a question, done, rejected), kept in the notification outbox until a
// worker has sent it. Written by notify/ in the same transaction as the change it tells about, so
// no change goes untold and no message tells of a change that was rolled back.
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
// kCase*: an online case was received, waits for the citizen's answer to a question, is done or
// was rejected.
enum class MessageKind {
  kConfirmation,
  kReminder,
  kCancellation,
  kRescheduled,
  kOffer,
  kClosureListed,
  kCaseReceived,
  kCaseQuestion,
  kCaseDone,
  kCaseRejected
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

// What a message is about. A waitlist offer is about the hold it offers: an appointment.
enum class SubjectKind { kAppointment, kCase };
std::string_view ToString(SubjectKind kind);
Result<SubjectKind> ParseSubjectKind(std::string_view text);

struct MessageSubject {
  SubjectKind kind = SubjectKind::kAppointment;
  std::int64_t id = 0;

  friend bool operator==(const MessageSubject&, const MessageSubject&) = default;
};
inline MessageSubject AppointmentSubject(std::int64_t id) {
  return {SubjectKind::kAppointment, id};
}
inline MessageSubject CaseSubject(std::int64_t id) { return {SubjectKind::kCase, id}; }

struct OutboxMessage {
  std::int64_t id = 0;
  MessageSubject subject;
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
