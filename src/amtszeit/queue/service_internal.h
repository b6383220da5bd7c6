// Internal to queue/: what one mutation writes and publishes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "amtszeit/domain/appointment.h"
#include "amtszeit/domain/ticket.h"
#include "amtszeit/queue/service.h"

namespace amtszeit::queue {

struct QueueService::Change {
  std::optional<Ticket> insert;  // at most one new ticket; its events carry ticket_id 0
  std::vector<Ticket> update;
  std::vector<Counter> counters;
  std::vector<TicketEvent> events;
  // An appointment that follows its ticket: (code, new status). Checked inside the transaction.
  std::optional<std::pair<std::string, AppointmentStatus>> appointment;
  bool appointment_required = false;  // refuse the change when the appointment cannot move
  std::optional<CallRecord> call;     // for the display
};

TicketEvent EventFor(const Ticket& t, TicketEventKind kind, absl::Time at);

}  // namespace amtszeit::queue
