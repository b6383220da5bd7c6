// Appointments (Termine) and the events their life leaves behind. Shared by booking (which owns
// the rules), queue (check-in), monitor (KPIs) and notify (mail).
//
// Life: held -> confirmed -> checked_in -> called -> served | no_show, and cancelled from held or
// confirmed; a hold nobody confirms becomes expired. Every transition is an AppointmentEvent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

enum class Channel { kOnline, kPhone, kCounter };
std::string_view ToString(Channel channel);
Result<Channel> ParseChannel(std::string_view text);

enum class AppointmentStatus {
  kHeld,
  kConfirmed,
  kCheckedIn,
  kCalled,
  kServed,
  kNoShow,
  kCancelled,
  kExpired,
};
std::string_view ToString(AppointmentStatus status);
Result<AppointmentStatus> ParseAppointmentStatus(std::string_view text);
// Held and confirmed appointments (and checked-in/called ones) occupy their staff time.
bool OccupiesTime(AppointmentStatus status);
// Whether `from -> to` is a transition of the state machine above.
bool IsAllowedTransition(AppointmentStatus from, AppointmentStatus to);

struct Contact {
  std::string name;
  std::string email;
  std::string phone;
  std::string language;  // of the messages: "de" or "en"; empty is German

  friend bool operator==(const Contact&, const Contact&) = default;
};

struct Appointment {
  std::int64_t id = 0;
  std::string code;        // short, human: "K7M2-Q9XD"
  std::string token_hash;  // hex BLAKE2b of the secret token in the citizen's link
  std::string location_id;
  std::string staff_id;
  absl::CivilDay day;
  TimeRange time;  // local minutes
  absl::Time start;
  absl::Time end;
  std::vector<std::string> service_ids;
  Channel channel = Channel::kOnline;
  AppointmentStatus status = AppointmentStatus::kHeld;
  Contact contact;
  std::string contact_key;  // normalised e-mail or phone, for the one-per-person rule
  std::string phone_key;    // normalised phone when one was given, so the call centre finds it
  std::optional<absl::CivilDay> move_in_date;
  std::optional<absl::CivilDay> travel_date;
  absl::Time created_at;
  absl::Time updated_at;
  absl::Time hold_expires_at;                    // meaningful while held
  std::optional<std::int64_t> rescheduled_from;  // the appointment this one replaced

  friend bool operator==(const Appointment&, const Appointment&) = default;
};

enum class EventKind {
  kHeld,
  kConfirmed,
  kCancelled,
  kRescheduled,
  kExpired,
  kCheckedIn,
  kCalled,
  kServed,
  kNoShow,
};
std::string_view ToString(EventKind kind);
Result<EventKind> ParseEventKind(std::string_view text);

// No personal data: events feed statistics that outlive the appointment's contact details.
struct AppointmentEvent {
  std::int64_t id = 0;
  std::int64_t appointment_id = 0;
  EventKind kind = EventKind::kHeld;
  absl::Time at;
  std::string location_id;
  absl::CivilDay day;    // the appointment's day
  int start_minute = 0;  // the appointment's start
  std::vector<std::string> service_ids;
  Channel channel = Channel::kOnline;
  absl::Time booked_at;  // when it was confirmed (lead time = start - booked_at)

  friend bool operator==(const AppointmentEvent&, const AppointmentEvent&) = default;
};

// The event of `a` reaching `kind` at `at`.
AppointmentEvent EventOf(const Appointment& a, EventKind kind, absl::Time at);

}  // namespace amtszeit
