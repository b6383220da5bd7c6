// Tickets (Wartemarken) and counters (Schalter): a location's walk-in queue, express lane and
// checked-in appointments. Shared by queue (which owns the rules), store and monitor (KPIs).
//
// Ticket life: waiting -> called -> serving -> served, called -> no_show, called -> waiting
// (recall puts nobody back; a counter that closes returns its called ticket), waiting|called|
// serving -> transferred (a new waiting ticket takes over, keeping the original issue time),
// waiting -> cancelled. Every transition is a TicketEvent.
//
//   Ticket t{.queue = QueueClass::kExpress, .number = 4};
//   TicketLabel(t) == "E004"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

// Which line a ticket stands in; its letter prefixes the number on displays.
enum class QueueClass {
  kWalkIn,       // A: Spontankunden
  kExpress,      // E: express services (collect a document, ...) served without waiting
  kAppointment,  // T: a checked-in appointment, due at its booked time
};
std::string_view ToString(QueueClass queue);
Result<QueueClass> ParseQueueClass(std::string_view text);
char QueuePrefix(QueueClass queue);

enum class TicketStatus { kWaiting, kCalled, kServing, kServed, kNoShow, kTransferred, kCancelled };
std::string_view ToString(TicketStatus status);
Result<TicketStatus> ParseTicketStatus(std::string_view text);
bool IsFinal(TicketStatus status);
bool IsAllowedTransition(TicketStatus from, TicketStatus to);

// Why a walk-in may be called ahead of others (a head start, not a jump to the front).
enum class PriorityReason { kNone, kDisability, kPregnancy, kChild, kTravel };
std::string_view ToString(PriorityReason reason);
Result<PriorityReason> ParsePriorityReason(std::string_view text);

enum class TicketSource { kKiosk, kWeb, kCounter, kCheckIn };
std::string_view ToString(TicketSource source);
Result<TicketSource> ParseTicketSource(std::string_view text);

struct Ticket {
  std::int64_t id = 0;
  std::string location_id;
  absl::CivilDay day;  // local day of issue; numbers restart every day
  QueueClass queue = QueueClass::kWalkIn;
  int number = 0;
  std::vector<std::string> service_ids;
  PriorityReason priority = PriorityReason::kNone;
  TicketSource source = TicketSource::kKiosk;
  TicketStatus status = TicketStatus::kWaiting;
  absl::Time issued_at;  // first issue; a transfer keeps it so waiting time is not reset
  absl::Time queued_at;  // when it entered its current queue
  std::optional<absl::Time> due_at;  // checked-in appointments: the booked start
  std::optional<absl::Time> called_at;
  std::optional<absl::Time> started_at;
  std::optional<absl::Time> finished_at;
  std::string counter;           // where it was called
  std::string appointment_code;  // for checked-in appointments
  std::string token_hash;        // hex BLAKE2b of the secret in the citizen's follow link
  int recalls = 0;
  std::optional<std::int64_t> transferred_from;
  friend bool operator==(const Ticket&, const Ticket&) = default;
};

// "A017", "E004", "T112".
std::string TicketLabel(const Ticket& ticket);

// The staff-facing mode of a counter; the same words as a Shift's mode.
enum class CounterMode { kWalkIn, kExpress, kAppointments };
std::string_view ToString(CounterMode mode);
Result<CounterMode> ParseCounterMode(std::string_view text);

enum class CounterState { kClosed, kOpen, kPaused };
std::string_view ToString(CounterState state);
Result<CounterState> ParseCounterState(std::string_view text);

struct Counter {
  std::string location_id;
  std::string name;  // as on the sign above the desk: "5", "12a"
  CounterMode mode = CounterMode::kWalkIn;
  CounterState state = CounterState::kClosed;
  std::string staff;                      // who is signed in (a display name)
  std::vector<std::string> service_ids;   // what this desk serves; empty = everything
  std::optional<std::int64_t> ticket_id;  // called or being served here
  absl::Time updated_at;
  friend bool operator==(const Counter&, const Counter&) = default;
};

enum class TicketEventKind {
  kIssued,
  kCalled,
  kRecalled,
  kStarted,
  kServed,
  kNoShow,
  kTransferred,
  kCancelled,
  kReturned,  // a called ticket went back to waiting (its counter closed)
};
std::string_view ToString(TicketEventKind kind);
Result<TicketEventKind> ParseTicketEventKind(std::string_view text);

// No personal data: these feed waiting-time and service-time statistics.
struct TicketEvent {
  std::int64_t id = 0;
  std::int64_t ticket_id = 0;
  std::string location_id;
  TicketEventKind kind = TicketEventKind::kIssued;
  absl::Time at;
  QueueClass queue = QueueClass::kWalkIn;
  std::string counter;
  std::vector<std::string> service_ids;
  friend bool operator==(const TicketEvent&, const TicketEvent&) = default;
};

}  // namespace amtszeit
