// Test support: a manual clock at a fixed instant, for tests that only count time from their start.
//
//   ManualClock clock = testing::StartClock();
//   clock.Advance(absl::Minutes(10));
#pragma once

#include "absl/time/time.h"
#include "amtszeit/domain/clock.h"

namespace amtszeit::testing {

// 2027-01-15 08:00:00 UTC.
inline ManualClock StartClock() { return ManualClock(absl::FromUnixSeconds(1'800'000'000)); }

}  // namespace amtszeit::testing
