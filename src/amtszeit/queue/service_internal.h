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
  // The location whose queue this changes: locked and checked in the store. Empty for changes
  // that touch no single queue (the day's rollover, appointment no-shows).
  std::string location;
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

// Set by Commit when another node had changed the queue: nothing was written and memory now holds
// the stored queue, so the operation is decided again (a bounded number of times).
inline thread_local bool queue_was_stale = false;
inline constexpr int kMaxStaleAttempts = 20;

template <typename F>
auto DecideAgainWhenStale(F&& once) -> decltype(once()) {
  for (int attempt = 1;; ++attempt) {
    queue_was_stale = false;
    auto result = once();
    if (result || !queue_was_stale || attempt >= kMaxStaleAttempts) return result;
  }
}

}  // namespace amtszeit::queue
