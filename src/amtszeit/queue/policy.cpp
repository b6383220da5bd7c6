#include "amtszeit/queue/policy.h"

#include <algorithm>
#include <tuple>

namespace amtszeit::queue {

namespace {

double Minutes(absl::Duration d) { return absl::ToDoubleMinutes(d); }

absl::Duration HeadStart(const Ticket& t, const CallingPolicy& policy) {
  switch (t.priority) {
    case PriorityReason::kNone:
      return absl::ZeroDuration();
    case PriorityReason::kTravel:
      return policy.travel_head_start;
    case PriorityReason::kDisability:
    case PriorityReason::kPregnancy:
    case PriorityReason::kChild:
      return policy.priority_head_start;
  }
  return absl::ZeroDuration();
}

// Lower sorts first: (tier, -urgency, issued_at, id).
using Rank = std::tuple<int, double, absl::Time, std::int64_t>;

Rank RankOf(const Ticket& t, CounterMode mode, const CallingPolicy& policy, absl::Time now) {
  int tier = 1;
  if (mode == CounterMode::kExpress && t.queue == QueueClass::kExpress) tier = 0;
  if (mode == CounterMode::kAppointments && t.queue == QueueClass::kAppointment) tier = 0;
  double urgency = Urgency(t, policy, now);
  // Among due appointments an appointments counter keeps to the booked order.
  if (tier == 0 && t.queue == QueueClass::kAppointment) urgency = -absl::ToUnixSeconds(*t.due_at);
  return {tier, -urgency, t.issued_at, t.id};
}

}  // namespace

bool CanServe(const CounterView& counter, const Ticket& ticket) {
  if (counter.service_ids.empty()) return true;
  return std::ranges::all_of(ticket.service_ids, [&](const std::string& s) {
    return std::ranges::find(counter.service_ids, s) != counter.service_ids.end();
  });
}

bool IsCallable(const Ticket& ticket, const CallingPolicy& policy, absl::Time now) {
  if (ticket.queue != QueueClass::kAppointment || !ticket.due_at) return true;
  return now >= *ticket.due_at - policy.appointment_early;
}

double Urgency(const Ticket& t, const CallingPolicy& policy, absl::Time now) {
  switch (t.queue) {
    case QueueClass::kAppointment:
      if (!t.due_at) return Minutes(policy.appointment_weight);
      return Minutes(policy.appointment_weight + std::max(now - *t.due_at, absl::ZeroDuration()));
    case QueueClass::kExpress:
      return Minutes(now - t.issued_at + policy.express_head_start);
    case QueueClass::kWalkIn:
      return Minutes(now - t.issued_at + HeadStart(t, policy));
  }
  return 0;
}

std::optional<std::size_t> PickNext(std::span<const Ticket> waiting, const CounterView& counter,
                                    const CallingPolicy& policy, absl::Time now) {
  std::optional<std::size_t> best;
  Rank best_rank;
  for (std::size_t i = 0; i < waiting.size(); ++i) {
    const Ticket& t = waiting[i];
    if (!CanServe(counter, t) || !IsCallable(t, policy, now)) continue;
    Rank rank = RankOf(t, counter.mode, policy, now);
    if (!best || rank < best_rank) {
      best = i;
      best_rank = rank;
    }
  }
  return best;
}

std::vector<std::size_t> PredictedOrder(std::span<const Ticket> waiting,
                                        const CallingPolicy& policy, absl::Time now) {
  std::vector<std::size_t> order(waiting.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto key = [&](std::size_t i) {
    const Ticket& t = waiting[i];
    const bool later = !IsCallable(t, policy, now);
    // A not-yet-due appointment will be called around its time: order those by due time.
    const double due = later ? absl::ToUnixSeconds(*t.due_at) : 0;
    return std::tuple(later, due, -Urgency(t, policy, now), t.issued_at, t.id);
  };
  std::ranges::sort(order, [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
}

}  // namespace amtszeit::queue
