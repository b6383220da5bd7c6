// Time as an injected dependency: production code asks a Clock, tests and the simulator advance
// a ManualClock. Nothing below apps/ calls absl::Now() directly.
//
//   ManualClock clock(absl::FromCivil(absl::CivilSecond(2026, 12, 1, 8, 0, 0), zone));
//   clock.Advance(absl::Minutes(11));   // a 10-minute hold has now expired
#pragma once

#include <atomic>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace amtszeit {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// Thread-safe: tests advance it while server threads read it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(absl::Time start) : nanos_(absl::ToUnixNanos(start)) {}
  absl::Time Now() const override { return absl::FromUnixNanos(nanos_.load()); }
  void Set(absl::Time t) { nanos_.store(absl::ToUnixNanos(t)); }
  void Advance(absl::Duration d) { nanos_.fetch_add(absl::ToInt64Nanoseconds(d)); }

 private:
  std::atomic<std::int64_t> nanos_;
};

}  // namespace amtszeit
