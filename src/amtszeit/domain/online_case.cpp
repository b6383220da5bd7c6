#include "amtszeit/domain/online_case.h"

#include <array>

namespace amtszeit {

namespace {
constexpr std::array<std::string_view, 5> kNames = {"received", "in_progress",
                                                    "waiting_for_citizen", "done", "rejected"};
}  // namespace

std::string_view ToString(CaseStatus status) { return kNames[static_cast<int>(status)]; }

Result<CaseStatus> ParseCaseStatus(std::string_view text) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == text) return static_cast<CaseStatus>(i);
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown case status '{}'", text);
}

bool CanMoveCase(CaseStatus from, CaseStatus to) {
  using enum CaseStatus;
  switch (from) {
    case kReceived:
      return to == kInProgress || to == kRejected;
    case kInProgress:
      return to == kWaitingForCitizen || to == kDone || to == kRejected;
    case kWaitingForCitizen:
      return to == kInProgress || to == kRejected;
    case kDone:
    case kRejected:
      return false;
  }
  return false;
}

}  // namespace amtszeit
