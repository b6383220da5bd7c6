#include "amtszeit/domain/ticket.h"

#include <fmt/core.h>

#include "amtszeit/domain/enum_names.h"

namespace amtszeit {

namespace {

using internal::EnumNames;
using internal::NameOf;
using internal::ValueOf;

constexpr EnumNames<QueueClass, 3> kQueues{{
    {QueueClass::kWalkIn, "walk_in"},
    {QueueClass::kExpress, "express"},
    {QueueClass::kAppointment, "appointment"},
}};

constexpr EnumNames<TicketStatus, 7> kTicketStatuses{{
    {TicketStatus::kWaiting, "waiting"},
    {TicketStatus::kCalled, "called"},
    {TicketStatus::kServing, "serving"},
    {TicketStatus::kServed, "served"},
    {TicketStatus::kNoShow, "no_show"},
    {TicketStatus::kTransferred, "transferred"},
    {TicketStatus::kCancelled, "cancelled"},
}};

constexpr EnumNames<PriorityReason, 5> kPriorities{{
    {PriorityReason::kNone, "none"},
    {PriorityReason::kDisability, "disability"},
    {PriorityReason::kPregnancy, "pregnancy"},
    {PriorityReason::kChild, "child"},
    {PriorityReason::kTravel, "travel"},
}};

constexpr EnumNames<TicketSource, 4> kSources{{
    {TicketSource::kKiosk, "kiosk"},
    {TicketSource::kWeb, "web"},
    {TicketSource::kCounter, "counter"},
    {TicketSource::kCheckIn, "check_in"},
}};

constexpr EnumNames<CounterMode, 3> kModes{{
    {CounterMode::kWalkIn, "walk_in"},
    {CounterMode::kExpress, "express"},
    {CounterMode::kAppointments, "appointments"},
}};

constexpr EnumNames<CounterState, 3> kCounterStates{{
    {CounterState::kClosed, "closed"},
    {CounterState::kOpen, "open"},
    {CounterState::kPaused, "paused"},
}};

constexpr EnumNames<TicketEventKind, 9> kTicketEventKinds{{
    {TicketEventKind::kIssued, "issued"},
    {TicketEventKind::kCalled, "called"},
    {TicketEventKind::kRecalled, "recalled"},
    {TicketEventKind::kStarted, "started"},
    {TicketEventKind::kServed, "served"},
    {TicketEventKind::kNoShow, "no_show"},
    {TicketEventKind::kTransferred, "transferred"},
    {TicketEventKind::kCancelled, "cancelled"},
    {TicketEventKind::kReturned, "returned"},
}};

}  // namespace

std::string_view ToString(QueueClass queue) { return NameOf(kQueues, queue); }
Result<QueueClass> ParseQueueClass(std::string_view text) {
  return ValueOf(kQueues, text, "queue");
}
char QueuePrefix(QueueClass queue) {
  switch (queue) {
    case QueueClass::kWalkIn:
      return 'A';
    case QueueClass::kExpress:
      return 'E';
    case QueueClass::kAppointment:
      return 'T';
  }
  return '?';
}

std::string_view ToString(TicketStatus status) { return NameOf(kTicketStatuses, status); }
Result<TicketStatus> ParseTicketStatus(std::string_view text) {
  return ValueOf(kTicketStatuses, text, "ticket status");
}

bool IsFinal(TicketStatus status) {
  return status == TicketStatus::kServed || status == TicketStatus::kNoShow ||
         status == TicketStatus::kTransferred || status == TicketStatus::kCancelled;
}

bool IsAllowedTransition(TicketStatus from, TicketStatus to) {
  using S = TicketStatus;
  switch (from) {
    case S::kWaiting:
      return to == S::kCalled || to == S::kTransferred || to == S::kCancelled;
    case S::kCalled:
      return to == S::kServing || to == S::kNoShow || to == S::kWaiting || to == S::kTransferred;
    case S::kServing:
      return to == S::kServed || to == S::kTransferred;
    default:
      return false;
  }
}

std::string_view ToString(PriorityReason reason) { return NameOf(kPriorities, reason); }
Result<PriorityReason> ParsePriorityReason(std::string_view text) {
  return ValueOf(kPriorities, text, "priority");
}
std::string_view ToString(TicketSource source) { return NameOf(kSources, source); }
Result<TicketSource> ParseTicketSource(std::string_view text) {
  return ValueOf(kSources, text, "source");
}

std::string TicketLabel(const Ticket& ticket) {
  return fmt::format("{}{:03d}", QueuePrefix(ticket.queue), ticket.number);
}

std::string_view ToString(CounterMode mode) { return NameOf(kModes, mode); }
Result<CounterMode> ParseCounterMode(std::string_view text) {
  return ValueOf(kModes, text, "counter mode");
}
std::string_view ToString(CounterState state) { return NameOf(kCounterStates, state); }
Result<CounterState> ParseCounterState(std::string_view text) {
  return ValueOf(kCounterStates, text, "counter state");
}
std::string_view ToString(TicketEventKind kind) { return NameOf(kTicketEventKinds, kind); }
Result<TicketEventKind> ParseTicketEventKind(std::string_view text) {
  return ValueOf(kTicketEventKinds, text, "ticket event kind");
}

}  // namespace amtszeit
