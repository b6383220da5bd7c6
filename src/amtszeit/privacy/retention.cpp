#include "amtszeit/privacy/retention.h"

#include "absl/time/civil_time.h"

namespace amtszeit::privacy {

Result<RetentionPolicy> CheckedPolicy(int days) {
  // Below a day the citizen's own link would stop working before the visit's follow-up; beyond
  // ten years it is no longer a limit.
  if (days < 1 || days > 3650) {
    return Fail(ErrorCode::kInvalidArgument, "retention: 1 to 3650 days, not {}", days);
  }
  return RetentionPolicy{.days = days};
}

Result<store::ForgottenCounts> ApplyRetention(store::Store& store, absl::Time now,
                                              absl::TimeZone zone, const RetentionPolicy& policy) {
  const absl::CivilDay today(absl::ToCivilSecond(now, zone));
  store::ForgottenCounts counts;
  auto written = store.Write([&](store::WriteTx& tx) -> Result<void> {
    auto forgotten = tx.ForgetPersonalData(today - policy.days, now - policy.idempotency);
    if (!forgotten) return std::unexpected(forgotten.error());
    counts = *forgotten;
    // Online cases: N days after they were closed. A store without cases has nothing to clear.
    auto cases = tx.ForgetClosedCases(now - absl::Hours(24) * policy.days);
    if (!cases && cases.error().code != ErrorCode::kUnavailable) {
      return std::unexpected(cases.error());
    }
    counts.cases = cases.value_or(0);
    return {};
  });
  if (!written) return std::unexpected(written.error());
  return counts;
}

}  // namespace amtszeit::privacy
