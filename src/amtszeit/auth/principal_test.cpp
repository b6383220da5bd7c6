#include "amtszeit/auth/principal.h"

#include <gtest/gtest.h>

namespace amtszeit::auth {
namespace {

std::string DistrictOf(std::string_view location) {
  if (location == "kz-altona" || location == "kz-blankenese") return "altona";
  if (location == "kz-wandsbek") return "wandsbek";
  return "";
}

TEST(Scope, CentreRolesActOnlyOnTheirCentre) {
  for (Role role : {Role::kCounterStaff, Role::kCentreManager}) {
    const Principal p{.name = "m", .role = role, .location_id = "kz-altona"};
    EXPECT_TRUE(InScope(p, {.locations = {"kz-altona"}}, DistrictOf));
    EXPECT_FALSE(InScope(p, {.locations = {"kz-blankenese"}}, DistrictOf));
    EXPECT_FALSE(InScope(p, {.locations = {"kz-altona", "kz-wandsbek"}}, DistrictOf));
    EXPECT_FALSE(InScope(p, {.districts = {"altona"}}, DistrictOf));
    EXPECT_FALSE(InScope(p, {.city_wide = true}, DistrictOf));
  }
}

TEST(Scope, DistrictLeadsActOnTheCentresOfTheirDistrict) {
  const Principal p{.name = "d", .role = Role::kDistrictLead, .district_id = "altona"};
  EXPECT_TRUE(InScope(p, {.locations = {"kz-altona", "kz-blankenese"}}, DistrictOf));
  EXPECT_TRUE(InScope(p, {.districts = {"altona"}}, DistrictOf));
  EXPECT_FALSE(InScope(p, {.locations = {"kz-wandsbek"}}, DistrictOf));
  EXPECT_FALSE(InScope(p, {.locations = {"kz-unknown"}}, DistrictOf));
  EXPECT_FALSE(InScope(p, {.districts = {"wandsbek"}}, DistrictOf));
  EXPECT_FALSE(InScope(p, {.city_wide = true}, DistrictOf));
}

TEST(Scope, CentralControlAndAdministratorsActEverywhere) {
  for (Role role : {Role::kCentralControl, Role::kAdministrator, Role::kPhoneAgent}) {
    const Principal p{.name = "c", .role = role};
    EXPECT_TRUE(InScope(p, {.locations = {"kz-wandsbek"}}, DistrictOf));
    EXPECT_TRUE(InScope(p, {.districts = {"altona"}}, DistrictOf));
    EXPECT_TRUE(InScope(p, {.city_wide = true}, DistrictOf));
  }
}

TEST(Roles, ParseAndPrintEveryRole) {
  for (Role r : kAllRoles) {
    auto parsed = ParseRole(ToString(r));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, r);
  }
  EXPECT_FALSE(ParseRole("citizen")) << "citizens have no account";
  const RoleSet set = {Role::kDistrictLead, Role::kAdministrator};
  EXPECT_TRUE(set.Has(Role::kDistrictLead));
  EXPECT_FALSE(set.Has(Role::kCentreManager));
}

}  // namespace
}  // namespace amtszeit::auth
