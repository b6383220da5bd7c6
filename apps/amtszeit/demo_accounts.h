// The demo's staff accounts (one per role), created or given new random passwords on each run.
#pragma once

#include <string>
#include <vector>

#include "amtszeit/store/store.h"

namespace amtszeit::cli {

struct DemoAccount {
  std::string name;
  std::string role;
  std::string scope;  // centre or district, empty for city-wide roles
  std::string password;
};

Result<std::vector<DemoAccount>> EnsureDemoAccounts(store::Store& store);

}  // namespace amtszeit::cli
