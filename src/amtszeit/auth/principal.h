// Who is calling, once authenticated, and whether a request's target lies within their scope.
//
//   Target t{.locations = {"kz-altona"}};
//   if (!InScope(principal, t, district_of)) return Problem(403, "...");
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "amtszeit/auth/role.h"

namespace amtszeit::auth {

struct Principal {
  std::int64_t user_id = 0;  // 0 for the call centre's machine key
  std::string name;
  Role role = Role::kPhoneAgent;
  std::string location_id;  // counter staff, centre managers
  std::string district_id;  // district leads
  bool by_cookie = false;   // a browser session (CSRF rules apply), not a bearer key
};

// What a request acts on: centres, districts, or the whole city (e.g. a list without a filter).
struct Target {
  std::vector<std::string> locations;
  std::vector<std::string> districts;
  bool city_wide = false;
};

using DistrictOf = std::function<std::string(std::string_view location_id)>;

// Central control and administrators act everywhere; a district lead only on its district and
// the centres in it; counter staff and centre managers only on their centre. Phone agents serve
// callers of every centre. A target naming nothing is in everyone's scope.
bool InScope(const Principal& p, const Target& target, const DistrictOf& district_of);

}  // namespace amtszeit::auth
