// Who may call a route: every route declares it when it is added (Router::Add takes an Access),
// so a route cannot exist without a decision. Public routes say so explicitly; staff routes name
// the roles they admit and, when they act on a centre or district, how to find it in the request
// so the caller's scope can be checked (auth::InScope).
//
//   router.Add("POST", "/api/v1/shifts", Access::Staff(kSteering, BodyLocation("location_id")), h);
//   router.Add("GET", "/api/v1/slots", Access::Public(), h);
#pragma once

#include <functional>
#include <string>

#include "amtszeit/auth/principal.h"
#include "amtszeit/auth/role.h"
#include "amtszeit/domain/error.h"

namespace amtszeit::server {

struct Request;

// The centres or districts a request acts on; an error answers as a problem (e.g. 404 for an
// absence that does not exist) before the handler runs.
using TargetFn = std::function<Result<auth::Target>(const Request&)>;

struct Access {
  bool is_public = false;
  auth::RoleSet roles;  // staff routes: who may call
  TargetFn target;      // null: the route is not bound to a centre or district

  static Access Public() { return Access{.is_public = true}; }
  static Access Staff(auth::RoleSet roles, TargetFn target = nullptr) {
    return Access{.roles = roles, .target = std::move(target)};
  }
};

// Role sets the routes share.
namespace roles {
using auth::Role;
inline constexpr auth::RoleSet kAllStaff = {Role::kPhoneAgent,     Role::kCounterStaff,
                                            Role::kCentreManager,  Role::kDistrictLead,
                                            Role::kCentralControl, Role::kAdministrator};
// Steering a centre's capacity: its manager, its district's lead, the control room.
inline constexpr auth::RoleSet kSteering = {Role::kCentreManager, Role::kDistrictLead,
                                            Role::kCentralControl, Role::kAdministrator};
inline constexpr auth::RoleSet kCentral = {Role::kCentralControl, Role::kAdministrator};
inline constexpr auth::RoleSet kDistrict = {Role::kDistrictLead, Role::kCentralControl,
                                            Role::kAdministrator};
// Serving at a counter of one's own centre.
inline constexpr auth::RoleSet kCounter = {Role::kCounterStaff, Role::kCentreManager};
// Seeing a centre's queue and counters.
inline constexpr auth::RoleSet kQueueView = {Role::kCounterStaff, Role::kCentreManager,
                                             Role::kDistrictLead, Role::kCentralControl,
                                             Role::kAdministrator};
// The call centre's own lookups.
inline constexpr auth::RoleSet kPhone = {Role::kPhoneAgent, Role::kCentralControl,
                                         Role::kAdministrator};
inline constexpr auth::RoleSet kAdmin = {Role::kAdministrator};
// Working online cases (no visit needed): staff of the centres and the control room.
inline constexpr auth::RoleSet kBackOffice = {Role::kCounterStaff, Role::kCentreManager,
                                              Role::kDistrictLead, Role::kCentralControl,
                                              Role::kAdministrator};
}  // namespace roles

}  // namespace amtszeit::server
