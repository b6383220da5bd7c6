#include "amtszeit/queue/policy.h"

#include <gtest/gtest.h>

namespace amtszeit::queue {
namespace {

const absl::Time kOpen = absl::FromUnixSeconds(1'780'000'000);  // a morning, 08:00 say

absl::Time At(int minutes) { return kOpen + absl::Minutes(minutes); }

// A scripted day: tickets issued at given minutes; the test then calls from counters.
class Day {
 public:
  Ticket& Issue(QueueClass queue, int minute, std::vector<std::string> services = {"s"},
                PriorityReason priority = PriorityReason::kNone) {
    Ticket t{.id = ++next_id_,
             .queue = queue,
             .number = static_cast<int>(next_id_),
             .service_ids = std::move(services),
             .priority = priority,
             .issued_at = At(minute),
             .queued_at = At(minute)};
    waiting_.push_back(t);
    return waiting_.back();
  }
  Ticket& Appointment(int due_minute, int checked_in_minute) {
    Ticket& t = Issue(QueueClass::kAppointment, checked_in_minute);
    t.due_at = At(due_minute);
    return t;
  }
  // Calls from a counter at `minute`; returns the ticket's id (0 when nobody fits) and removes it.
  std::int64_t Call(CounterMode mode, int minute, std::vector<std::string> skills = {}) {
    CounterView counter{.mode = mode, .service_ids = skills};
    auto pick = PickNext(waiting_, counter, policy_, At(minute));
    if (!pick) return 0;
    const std::int64_t id = waiting_[*pick].id;
    waiting_.erase(waiting_.begin() + static_cast<std::ptrdiff_t>(*pick));
    return id;
  }
  CallingPolicy& policy() { return policy_; }
  std::size_t waiting() const { return waiting_.size(); }

 private:
  std::vector<Ticket> waiting_;
  CallingPolicy policy_;
  std::int64_t next_id_ = 0;
};

TEST(CallingPolicy, ExpressNeverWaitsBehindWalkInsAtAnExpressCounter) {
  Day day;
  const auto old_walk_in = day.Issue(QueueClass::kWalkIn, 0).id;
  day.Issue(QueueClass::kWalkIn, 1);
  const auto express = day.Issue(QueueClass::kExpress, 119).id;  // walk-in waited two hours
  EXPECT_EQ(day.Call(CounterMode::kExpress, 120), express);
  EXPECT_EQ(day.Call(CounterMode::kExpress, 121), old_walk_in) << "then the longest waiting";
}

TEST(CallingPolicy, ExpressCounterTakesExpressInIssueOrder) {
  Day day;
  const auto first = day.Issue(QueueClass::kExpress, 0).id;
  const auto second = day.Issue(QueueClass::kExpress, 1).id;
  day.Appointment(0, 0);
  EXPECT_EQ(day.Call(CounterMode::kExpress, 5), first);
  EXPECT_EQ(day.Call(CounterMode::kExpress, 5), second);
}

TEST(CallingPolicy, DueAppointmentIsCalledBeforeWalkIns) {
  Day day;
  day.Issue(QueueClass::kWalkIn, 0);
  day.Issue(QueueClass::kWalkIn, 5);
  const auto appointment = day.Appointment(/*due_minute=*/20, /*checked in=*/10).id;
  EXPECT_NE(day.Call(CounterMode::kWalkIn, 12), appointment) << "not due yet (early window 5)";
  EXPECT_EQ(day.Call(CounterMode::kWalkIn, 20), appointment) << "due: before a 15-minute walk-in";
  EXPECT_EQ(day.waiting(), 1u);
}

TEST(CallingPolicy, AppointmentCounterKeepsBookedOrderAndIgnoresNotYetDue) {
  Day day;
  const auto late = day.Appointment(/*due_minute=*/0, 0).id;
  const auto on_time = day.Appointment(/*due_minute=*/10, 2).id;
  day.Appointment(/*due_minute=*/60, 3);
  day.Issue(QueueClass::kWalkIn, 0);
  EXPECT_EQ(day.Call(CounterMode::kAppointments, 10), late);
  EXPECT_EQ(day.Call(CounterMode::kAppointments, 10), on_time);
  // Nothing due: the appointments desk helps with walk-ins rather than idling.
  const auto next = day.Call(CounterMode::kAppointments, 11);
  EXPECT_NE(next, 0);
  EXPECT_EQ(day.waiting(), 1u) << "the 09:00 appointment is left for its time";
}

TEST(CallingPolicy, AgingPreventsStarvationByAStreamOfAppointments) {
  Day day;
  const auto walk_in = day.Issue(QueueClass::kWalkIn, 0).id;
  // An appointment becomes due every 5 minutes; one walk-in counter serves all.
  int called_at = -1;
  for (int minute = 0; minute <= 120; minute += 5) {
    day.Appointment(minute, minute);
    if (day.Call(CounterMode::kWalkIn, minute) == walk_in) {
      called_at = minute;
      break;
    }
  }
  ASSERT_GE(called_at, 0) << "the walk-in was starved";
  EXPECT_LE(called_at, 35) << "called once its wait matched the appointment weight (30 min)";
  EXPECT_GE(called_at, 30);
}

TEST(CallingPolicy, PriorityIsAHeadStartNotAnEndlessJump) {
  Day day;
  const auto normal = day.Issue(QueueClass::kWalkIn, 0).id;
  int called_at = -1;
  for (int minute = 1; minute <= 60; ++minute) {
    day.Issue(QueueClass::kWalkIn, minute, {"s"}, PriorityReason::kDisability);
    if (day.Call(CounterMode::kWalkIn, minute) == normal) {
      called_at = minute;
      break;
    }
  }
  ASSERT_GE(called_at, 0);
  EXPECT_LE(called_at, 16) << "priority head start is 15 minutes";
  // A priority ticket does go ahead of a walk-in who waited less than the head start.
  Day fresh;
  fresh.Issue(QueueClass::kWalkIn, 0);
  const auto priority = fresh.Issue(QueueClass::kWalkIn, 5, {"s"}, PriorityReason::kPregnancy).id;
  EXPECT_EQ(fresh.Call(CounterMode::kWalkIn, 6), priority);
}

TEST(CallingPolicy, TransferKeepsTheOriginalIssueTime) {
  Day day;
  day.Issue(QueueClass::kWalkIn, 30);
  // Transferred at minute 40 into the walk-in queue of another service, first issued at 0.
  Ticket& moved = day.Issue(QueueClass::kWalkIn, 0, {"other"});
  moved.queued_at = At(40);
  EXPECT_EQ(day.Call(CounterMode::kWalkIn, 41), moved.id);
}

TEST(CallingPolicy, CounterOnlyCallsWhatItServes) {
  Day day;
  day.Issue(QueueClass::kWalkIn, 0, {"kfz"});
  const auto passport = day.Issue(QueueClass::kWalkIn, 5, {"pass"}).id;
  EXPECT_EQ(day.Call(CounterMode::kWalkIn, 10, {"pass", "ausweis"}), passport);
  EXPECT_EQ(day.Call(CounterMode::kWalkIn, 10, {"pass", "ausweis"}), 0);
  // A ticket needing two services needs a desk that can do both.
  day.Issue(QueueClass::kWalkIn, 6, {"pass", "melde"});
  EXPECT_EQ(day.Call(CounterMode::kWalkIn, 10, {"pass"}), 0);
  EXPECT_NE(day.Call(CounterMode::kWalkIn, 10), 0) << "an empty skill list serves everything";
}

TEST(CallingPolicy, PredictedOrderPutsNotYetDueAppointmentsLast) {
  Day day;
  std::vector<Ticket> waiting;
  waiting.push_back({.id = 1, .queue = QueueClass::kWalkIn, .issued_at = At(0)});
  waiting.push_back(
      {.id = 2, .queue = QueueClass::kAppointment, .issued_at = At(1), .due_at = At(90)});
  waiting.push_back({.id = 3, .queue = QueueClass::kExpress, .issued_at = At(9)});
  waiting.push_back({.id = 4, .queue = QueueClass::kWalkIn, .issued_at = At(2)});
  auto order = PredictedOrder(waiting, day.policy(), At(10));
  std::vector<std::int64_t> ids;
  ids.reserve(order.size());
  for (auto i : order) ids.push_back(waiting[i].id);
  // express urgency 1 + 20 = 21 beats walk-ins waiting 10 and 8.
  EXPECT_EQ(ids, (std::vector<std::int64_t>{3, 1, 4, 2}));
}

}  // namespace
}  // namespace amtszeit::queue
