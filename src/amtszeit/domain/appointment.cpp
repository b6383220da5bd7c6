#include "amtszeit/domain/appointment.h"

#include "amtszeit/domain/enum_names.h"

namespace amtszeit {

namespace {

using internal::EnumNames;
using internal::NameOf;
using internal::ValueOf;

constexpr EnumNames<Channel, 3> kChannels{{
    {Channel::kOnline, "online"},
    {Channel::kPhone, "phone"},
    {Channel::kCounter, "counter"},
}};

constexpr EnumNames<AppointmentStatus, 8> kAppointmentStatuses{{
    {AppointmentStatus::kHeld, "held"},
    {AppointmentStatus::kConfirmed, "confirmed"},
    {AppointmentStatus::kCheckedIn, "checked_in"},
    {AppointmentStatus::kCalled, "called"},
    {AppointmentStatus::kServed, "served"},
    {AppointmentStatus::kNoShow, "no_show"},
    {AppointmentStatus::kCancelled, "cancelled"},
    {AppointmentStatus::kExpired, "expired"},
}};

constexpr EnumNames<EventKind, 9> kEventKinds{{
    {EventKind::kHeld, "held"},
    {EventKind::kConfirmed, "confirmed"},
    {EventKind::kCancelled, "cancelled"},
    {EventKind::kRescheduled, "rescheduled"},
    {EventKind::kExpired, "expired"},
    {EventKind::kCheckedIn, "checked_in"},
    {EventKind::kCalled, "called"},
    {EventKind::kServed, "served"},
    {EventKind::kNoShow, "no_show"},
}};

}  // namespace

std::string_view ToString(Channel channel) { return NameOf(kChannels, channel); }
Result<Channel> ParseChannel(std::string_view text) { return ValueOf(kChannels, text, "channel"); }
std::string_view ToString(AppointmentStatus status) { return NameOf(kAppointmentStatuses, status); }
Result<AppointmentStatus> ParseAppointmentStatus(std::string_view text) {
  return ValueOf(kAppointmentStatuses, text, "appointment status");
}
std::string_view ToString(EventKind kind) { return NameOf(kEventKinds, kind); }
Result<EventKind> ParseEventKind(std::string_view text) {
  return ValueOf(kEventKinds, text, "event kind");
}

bool OccupiesTime(AppointmentStatus status) {
  switch (status) {
    case AppointmentStatus::kHeld:
    case AppointmentStatus::kConfirmed:
    case AppointmentStatus::kCheckedIn:
    case AppointmentStatus::kCalled:
      return true;
    default:
      return false;
  }
}

bool IsAllowedTransition(AppointmentStatus from, AppointmentStatus to) {
  using S = AppointmentStatus;
  switch (from) {
    case S::kHeld:
      return to == S::kConfirmed || to == S::kCancelled || to == S::kExpired;
    case S::kConfirmed:
      return to == S::kCheckedIn || to == S::kCancelled || to == S::kNoShow;
    case S::kCheckedIn:
      return to == S::kCalled || to == S::kNoShow || to == S::kCancelled;
    case S::kCalled:
      return to == S::kServed || to == S::kNoShow || to == S::kCheckedIn;
    default:
      return false;
  }
}

AppointmentEvent EventOf(const Appointment& a, EventKind kind, absl::Time at) {
  return AppointmentEvent{.appointment_id = a.id,
                          .kind = kind,
                          .at = at,
                          .location_id = a.location_id,
                          .day = a.day,
                          .start_minute = a.time.begin,
                          .service_ids = a.service_ids,
                          .channel = a.channel,
                          .booked_at = a.created_at};
}

}  // namespace amtszeit
