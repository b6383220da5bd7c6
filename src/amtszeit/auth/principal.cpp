#include "amtszeit/auth/principal.h"

namespace amtszeit::auth {

bool InScope(const Principal& p, const Target& target, const DistrictOf& district_of) {
  switch (p.role) {
    case Role::kCentralControl:
    case Role::kAdministrator:
    case Role::kPhoneAgent:
      return true;
    case Role::kDistrictLead:
      if (target.city_wide || p.district_id.empty()) return false;
      for (const auto& d : target.districts) {
        if (d != p.district_id) return false;
      }
      for (const auto& l : target.locations) {
        if (district_of(l) != p.district_id) return false;
      }
      return true;
    case Role::kCounterStaff:
    case Role::kCentreManager:
      if (target.city_wide || !target.districts.empty() || p.location_id.empty()) return false;
      for (const auto& l : target.locations) {
        if (l != p.location_id) return false;
      }
      return true;
  }
  return false;
}

}  // namespace amtszeit::auth
