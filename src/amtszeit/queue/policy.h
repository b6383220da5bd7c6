// The calling policy: which waiting ticket `call next` at a counter picks. Pure: tickets, the
// counter, the location's settings and `now` in; an index out.
//
// Every ticket the counter can serve (its services ⊆ the counter's, when the counter names any)
// gets a rank; the lowest wins, ties go to the earlier issue time, then the lower id.
//   - An express counter takes express tickets first, whatever else waits.
//   - An appointments counter takes due appointments first (due = booked start minus
//     `appointment_early`), in the order of their times.
//   - Otherwise tickets compete by urgency in minutes:
//       walk-in:      minutes waited since first issue + the head start of its priority class;
//       express:      minutes waited + `express_head_start`;
//       appointment:  `appointment_weight` + minutes past its time, once due.
//     A walk-in that has waited `appointment_weight` minutes is as urgent as an appointment that
//     is due now, so a steady stream of appointments (or of priority tickets, whose head start is
//     fixed) can delay a walk-in but never starve it: waiting is aging.
//
//   auto pick = PickNext(waiting, counter, settings, now);   // std::optional<std::size_t>
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/ticket.h"

namespace amtszeit::queue {

struct CallingPolicy {
  absl::Duration appointment_early = absl::Minutes(5);  // may be called this early
  absl::Duration appointment_weight = absl::Minutes(30);
  absl::Duration express_head_start = absl::Minutes(20);
  absl::Duration priority_head_start = absl::Minutes(15);  // disability, pregnancy, child
  absl::Duration travel_head_start = absl::Minutes(10);    // passport before a booked journey
  // A confirmed appointment not checked in this long after its start is a no-show.
  absl::Duration no_show_after = absl::Minutes(15);
  int max_recalls = 3;
};

// The counter as the policy sees it.
struct CounterView {
  CounterMode mode = CounterMode::kWalkIn;
  std::span<const std::string> service_ids;  // empty: serves everything
};

bool CanServe(const CounterView& counter, const Ticket& ticket);
// Whether an appointment ticket may be called yet (others: always).
bool IsCallable(const Ticket& ticket, const CallingPolicy& policy, absl::Time now);
// Urgency in minutes, as described above; meaningful for callable tickets.
double Urgency(const Ticket& ticket, const CallingPolicy& policy, absl::Time now);

// Index into `waiting` of the ticket to call, or nullopt when the counter can serve none of them.
// REQUIRES: every ticket in `waiting` has status kWaiting.
std::optional<std::size_t> PickNext(std::span<const Ticket> waiting, const CounterView& counter,
                                    const CallingPolicy& policy, absl::Time now);

// The order in which a walk-in counter would call the waiting tickets if nothing new arrived:
// for positions and estimates. Appointments not yet due come last, by due time.
std::vector<std::size_t> PredictedOrder(std::span<const Ticket> waiting,
                                        const CallingPolicy& policy, absl::Time now);

}  // namespace amtszeit::queue
