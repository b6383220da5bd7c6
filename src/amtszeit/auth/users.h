// Managing staff accounts (the `amtszeit user` commands and the demo): add one with a checked
// password, change a password, disable an account (its sessions end at once), list them.
//
//   auto id = AddUser(store, catalog, {.name = "k.meyer", .role = Role::kCentreManager,
//                                      .location_id = "kz-altona"}, password, now);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/auth/role.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/staff_account.h"
#include "amtszeit/store/store.h"

namespace amtszeit::auth {

struct NewUser {
  std::string name;
  Role role = Role::kPhoneAgent;
  std::string location_id;  // required for counter staff and centre managers
  std::string district_id;  // required for district leads
};

// Checks the name, the scope against the catalogue and the password's strength; kConflict when
// the name is taken.
Result<std::int64_t> AddUser(store::Store& store, const Catalog& catalog, const NewUser& user,
                             std::string_view password, absl::Time now);
// Ends every session of the user, so a stolen session does not outlive the new password.
Result<void> SetPassword(store::Store& store, std::string_view name, std::string_view password);
Result<void> DisableUser(store::Store& store, std::string_view name);
Result<std::vector<StaffUser>> ListUsers(store::Store& store);

}  // namespace amtszeit::auth
