// Contingents: shares of bookable capacity held back for a channel or a purpose, each released
// to everyone a few days ahead so held time is not wasted.
//
//   phone            the city's call centre (115) books for people who do not use the internet
//   deadline         services with a legal deadline (Ummeldung: 14 days after moving in)
//   priority_passport  the weeks before Hamburg's summer holidays, for applicants with a travel
//   date
//
// Which ticks are held is fixed per staff-day: the day is cut into 30-minute blocks and a
// low-discrepancy sequence (golden-ratio steps from a per-staff-day phase) gives each kind its
// share of blocks, so held time is spread over the day and over staff rather than bunched.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit::capacity {

enum class ContingentKind : std::uint8_t { kPhone, kDeadline, kPriorityPassport };
inline constexpr int kContingentKinds = 3;
std::string_view ToString(ContingentKind kind);
Result<ContingentKind> ParseContingentKind(std::string_view text);

struct ContingentRule {
  ContingentKind kind = ContingentKind::kPhone;
  double share = 0;      // of each staff member's appointment time, 0..1
  int release_days = 0;  // held time opens to everyone when the day is this close (days)
};

struct ContingentPolicy {
  std::vector<ContingentRule> rules;
  // The priority-passport contingent is active this many weeks before summer holidays start.
  int priority_weeks_before_summer = 8;

  // Phone 15% released 2 days ahead; deadline 10% released 3 days ahead; priority passport 20%
  // released 5 days ahead (all estimates, to be tuned from the monitor's figures).
  static ContingentPolicy HamburgDefault();
};

// Fails for shares outside [0, 1], a total above 0.9, negative release days or duplicate kinds.
Result<void> ValidateContingentPolicy(const ContingentPolicy& policy);

// What a caller may use beyond the open pool.
struct Entitlement {
  bool phone = false;                      // booked by the call centre
  std::optional<absl::CivilDay> deadline;  // last day allowed by a legal deadline
  bool priority_passport = false;          // passport applicant with a travel date in the window

  bool May(ContingentKind kind, absl::CivilDay day) const;
};

}  // namespace amtszeit::capacity
