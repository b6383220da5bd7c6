#include "amtszeit/domain/outbox_message.h"

#include "amtszeit/domain/enum_names.h"

namespace amtszeit {

namespace {

using internal::EnumNames;
using internal::NameOf;
using internal::ValueOf;

constexpr EnumNames<MessageKind, 10> kMessageKinds{{
    {MessageKind::kConfirmation, "confirmation"},
    {MessageKind::kReminder, "reminder"},
    {MessageKind::kCancellation, "cancellation"},
    {MessageKind::kRescheduled, "rescheduled"},
    {MessageKind::kOffer, "offer"},
    {MessageKind::kClosureListed, "closure_listed"},
    {MessageKind::kCaseReceived, "case_received"},
    {MessageKind::kCaseQuestion, "case_question"},
    {MessageKind::kCaseDone, "case_done"},
    {MessageKind::kCaseRejected, "case_rejected"},
}};

constexpr EnumNames<SubjectKind, 2> kSubjects{{
    {SubjectKind::kAppointment, "appointment"},
    {SubjectKind::kCase, "case"},
}};

constexpr EnumNames<MessageChannel, 2> kChannels{{
    {MessageChannel::kEmail, "email"},
    {MessageChannel::kSms, "sms"},
}};

constexpr EnumNames<MessageStatus, 4> kMessageStatuses{{
    {MessageStatus::kPending, "pending"},
    {MessageStatus::kSent, "sent"},
    {MessageStatus::kFailed, "failed"},
    {MessageStatus::kDropped, "dropped"},
}};

}  // namespace

std::string_view ToString(MessageKind kind) { return NameOf(kMessageKinds, kind); }
Result<MessageKind> ParseMessageKind(std::string_view text) {
  return ValueOf(kMessageKinds, text, "message kind");
}
std::string_view ToString(SubjectKind kind) { return NameOf(kSubjects, kind); }
Result<SubjectKind> ParseSubjectKind(std::string_view text) {
  return ValueOf(kSubjects, text, "message subject");
}
std::string_view ToString(MessageChannel channel) { return NameOf(kChannels, channel); }
Result<MessageChannel> ParseMessageChannel(std::string_view text) {
  return ValueOf(kChannels, text, "message channel");
}
std::string_view ToString(MessageStatus status) { return NameOf(kMessageStatuses, status); }
Result<MessageStatus> ParseMessageStatus(std::string_view text) {
  return ValueOf(kMessageStatuses, text, "message status");
}

}  // namespace amtszeit
