// Roles of the people who use amtszeit and the set of roles a route admits. A citizen has no
// account: their appointment's token or ticket is their credential.
//
//   RoleSet managers = Roles({Role::kCentreManager, Role::kDistrictLead});
//   if (managers.Has(principal.role)) ...
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "amtszeit/domain/error.h"

namespace amtszeit::auth {

enum class Role : std::uint8_t {
  kPhoneAgent,
  kCounterStaff,
  kCentreManager,
  kDistrictLead,
  kCentralControl,
  kAdministrator,
};

inline constexpr Role kAllRoles[] = {Role::kPhoneAgent,     Role::kCounterStaff,
                                     Role::kCentreManager,  Role::kDistrictLead,
                                     Role::kCentralControl, Role::kAdministrator};

std::string_view ToString(Role role);
Result<Role> ParseRole(std::string_view text);

// What scope a role's account carries: a centre, a district, or none (city-wide or unbound).
enum class ScopeKind { kNone, kLocation, kDistrict };
ScopeKind ScopeOf(Role role);

class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= Bit(r);
  }
  constexpr bool Has(Role role) const { return (bits_ & Bit(role)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  static constexpr std::uint32_t Bit(Role r) { return 1u << static_cast<unsigned>(r); }
  std::uint32_t bits_ = 0;
};

}  // namespace amtszeit::auth
