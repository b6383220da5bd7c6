#include "amtszeit/domain/waitlist_entry.h"

#include "amtszeit/domain/enum_names.h"

namespace amtszeit {

namespace {

constexpr internal::EnumNames<WaitlistStatus, 6> kWaitlistStatuses{{
    {WaitlistStatus::kWaiting, "waiting"},
    {WaitlistStatus::kOffered, "offered"},
    {WaitlistStatus::kBooked, "booked"},
    {WaitlistStatus::kCancelled, "cancelled"},
    {WaitlistStatus::kLapsed, "lapsed"},
    {WaitlistStatus::kExpired, "expired"},
}};

}  // namespace

std::string_view ToString(WaitlistStatus status) {
  return internal::NameOf(kWaitlistStatuses, status);
}
Result<WaitlistStatus> ParseWaitlistStatus(std::string_view text) {
  return internal::ValueOf(kWaitlistStatuses, text, "waitlist status");
}
bool IsOpen(WaitlistStatus status) {
  return status == WaitlistStatus::kWaiting || status == WaitlistStatus::kOffered;
}

}  // namespace amtszeit
