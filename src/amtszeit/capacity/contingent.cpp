#include "amtszeit/capacity/contingent.h"

namespace amtszeit::capacity {

std::string_view ToString(ContingentKind kind) {
  switch (kind) {
    case ContingentKind::kPhone:
      return "phone";
    case ContingentKind::kDeadline:
      return "deadline";
    case ContingentKind::kPriorityPassport:
      return "priority_passport";
  }
  return "phone";
}

Result<ContingentKind> ParseContingentKind(std::string_view text) {
  if (text == "phone") return ContingentKind::kPhone;
  if (text == "deadline") return ContingentKind::kDeadline;
  if (text == "priority_passport") return ContingentKind::kPriorityPassport;
  return Fail(ErrorCode::kInvalidArgument,
              "unknown contingent '{}' (phone, deadline, priority_passport)", text);
}

ContingentPolicy ContingentPolicy::HamburgDefault() {
  return ContingentPolicy{
      .rules = {{ContingentKind::kPhone, 0.15, 2},
                {ContingentKind::kDeadline, 0.10, 3},
                {ContingentKind::kPriorityPassport, 0.20, 5}},
  };
}

Result<void> ValidateContingentPolicy(const ContingentPolicy& policy) {
  std::array<bool, kContingentKinds> seen{};
  double total = 0;
  for (const ContingentRule& r : policy.rules) {
    const auto k = static_cast<std::size_t>(r.kind);
    if (seen[k])
      return Fail(ErrorCode::kInvalidArgument, "contingent '{}' twice", ToString(r.kind));
    seen[k] = true;
    if (!(r.share >= 0 && r.share <= 1)) {
      return Fail(ErrorCode::kInvalidArgument, "contingent '{}': share {} is not in [0, 1]",
                  ToString(r.kind), r.share);
    }
    if (r.release_days < 0) {
      return Fail(ErrorCode::kInvalidArgument, "contingent '{}': release_days {} is negative",
                  ToString(r.kind), r.release_days);
    }
    total += r.share;
  }
  if (total > 0.9) {
    return Fail(ErrorCode::kInvalidArgument,
                "contingents hold {:.0f}% of capacity; at most 90% may be held", total * 100);
  }
  if (policy.priority_weeks_before_summer < 0 || policy.priority_weeks_before_summer > 26) {
    return Fail(ErrorCode::kInvalidArgument, "priority_weeks_before_summer {} is not in [0, 26]",
                policy.priority_weeks_before_summer);
  }
  return {};
}

bool Entitlement::May(ContingentKind kind, absl::CivilDay day) const {
  switch (kind) {
    case ContingentKind::kPhone:
      return phone;
    case ContingentKind::kDeadline:
      return deadline.has_value() && day <= *deadline;
    case ContingentKind::kPriorityPassport:
      return priority_passport;
  }
  return false;
}

}  // namespace amtszeit::capacity
