// Waiting-time estimates by list scheduling: the waiting tickets, in the order they will be
// called, are handed one by one to whichever desk frees up first; a ticket's wait is when its desk
// frees minus now. With c busy desks and an expected service time s, the k-th ticket in line
// (0-based) waits about (k / c + 1) · s — the expectation of an M/M/c queue given its length,
// (n − c + 1) · s / c for n people in the system, when desks' remaining times are memoryless.
//
//   std::vector<absl::Time> desks = {now + absl::Minutes(4), now};
//   auto waits = ListSchedule(now, desks, {10, 10, 10});   // 0, 4, 10 minutes
#pragma once

#include <span>
#include <vector>

#include "absl/time/time.h"

namespace amtszeit::queue {

// desks_free_at: when each desk can take its next customer (now if idle). service: expected
// service time of each ticket, in calling order. Returns each ticket's wait; empty desks_free_at
// means nobody serves, and the answer is empty.
std::vector<absl::Duration> ListSchedule(absl::Time now, std::span<const absl::Time> desks_free_at,
                                         std::span<const absl::Duration> service);

// Rounds up to whole minutes, as shown to citizens ("about 7 minutes").
int WholeMinutes(absl::Duration wait);

// Exponentially weighted mean (weight `alpha` on the newest sample), seeded with a prior, for
// observed service times.
class RunningMean {
 public:
  explicit RunningMean(double prior = 1.0, double alpha = 0.2) : value_(prior), alpha_(alpha) {}
  void Add(double sample) { value_ = alpha_ * sample + (1 - alpha_) * value_; }
  double value() const { return value_; }

 private:
  double value_;
  double alpha_;
};

}  // namespace amtszeit::queue
