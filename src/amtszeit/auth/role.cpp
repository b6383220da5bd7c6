#include "amtszeit/auth/role.h"

namespace amtszeit::auth {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kPhoneAgent:
      return "phone_agent";
    case Role::kCounterStaff:
      return "counter_staff";
    case Role::kCentreManager:
      return "centre_manager";
    case Role::kDistrictLead:
      return "district_lead";
    case Role::kCentralControl:
      return "central_control";
    case Role::kAdministrator:
      return "administrator";
  }
  return "unknown";
}

Result<Role> ParseRole(std::string_view text) {
  for (Role r : kAllRoles) {
    if (ToString(r) == text) return r;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "unknown role '{}' (phone_agent, counter_staff, centre_manager, district_lead, "
              "central_control, administrator)",
              text);
}

ScopeKind ScopeOf(Role role) {
  switch (role) {
    case Role::kCounterStaff:
    case Role::kCentreManager:
      return ScopeKind::kLocation;
    case Role::kDistrictLead:
      return ScopeKind::kDistrict;
    default:
      return ScopeKind::kNone;
  }
}

}  // namespace amtszeit::auth
