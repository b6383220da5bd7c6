// Data protection (GDPR art. 5(1)(e), storage limitation): personal data of an appointment is kept
// only as long as the appointment needs it. N days after its day (default 30) the contact details
// and the move-in and travel dates are cleared; the anonymous events stay for the statistics.
// Idempotency records, which keep the token of the first answer, go after a day. Online cases
// lose their answers, notes and documents N days after they were closed (done or rejected).
//
//   auto forgotten = privacy::ApplyRetention(store, clock.Now(), zone, {.days = 30});
#pragma once

#include "absl/time/time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/store/store.h"

namespace amtszeit::privacy {

struct RetentionPolicy {
  int days = 30;  // after the appointment's day
  absl::Duration idempotency = absl::Hours(24);
};

Result<RetentionPolicy> CheckedPolicy(int days);

Result<store::ForgottenCounts> ApplyRetention(store::Store& store, absl::Time now,
                                              absl::TimeZone zone, const RetentionPolicy& policy);

}  // namespace amtszeit::privacy
