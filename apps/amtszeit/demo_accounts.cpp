// The demo's staff accounts: one per role, at the Wilhelmsburg centre and its district, each run
// with fresh random passwords that are printed (the demo stays non-interactive).
#include "demo_accounts.h"

#include "absl/time/clock.h"
#include "amtszeit/auth/password.h"
#include "amtszeit/auth/users.h"
#include "amtszeit/secrets/secrets.h"

namespace amtszeit::cli {

Result<std::vector<DemoAccount>> EnsureDemoAccounts(store::Store& store) {
  auto catalog = store.ReadCatalog();
  if (!catalog) return std::unexpected(catalog.error());
  std::string location = "kz-wilhelmsburg";
  if (catalog->FindLocation(location) == nullptr) {
    if (catalog->locations.empty()) return Fail(ErrorCode::kNotFound, "the demo has no centres");
    location = catalog->locations.front().id;
  }
  const std::string district = catalog->FindLocation(location)->district_id;
  using auth::Role;
  const std::vector<auth::NewUser> wanted = {
      {.name = "telefon", .role = Role::kPhoneAgent},
      {.name = "schalter", .role = Role::kCounterStaff, .location_id = location},
      {.name = "standortleitung", .role = Role::kCentreManager, .location_id = location},
      {.name = "bezirk", .role = Role::kDistrictLead, .district_id = district},
      {.name = "leitstelle", .role = Role::kCentralControl},
      {.name = "admin", .role = Role::kAdministrator},
  };
  std::vector<DemoAccount> out;
  for (const auth::NewUser& u : wanted) {
    const std::string password = secrets::NewToken().substr(0, 20);
    auto added = auth::AddUser(store, *catalog, u, password, absl::Now());
    if (!added && added.error().code == ErrorCode::kConflict) {
      if (auto reset = auth::SetPassword(store, u.name, password); !reset) {
        return std::unexpected(reset.error());
      }
    } else if (!added) {
      return std::unexpected(added.error());
    }
    out.push_back({.name = u.name,
                   .role = std::string(auth::ToString(u.role)),
                   .scope = !u.location_id.empty() ? u.location_id : u.district_id,
                   .password = password});
  }
  return out;
}

}  // namespace amtszeit::cli
