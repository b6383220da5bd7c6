#include "amtszeit/auth/password.h"

#include <gtest/gtest.h>

namespace amtszeit::auth {
namespace {

TEST(Password, HashesWithArgon2idAndVerifiesOnlyTheSamePassword) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse battery"));
  auto again = HashPassword("correct horse battery");
  ASSERT_TRUE(again);
  EXPECT_NE(*again, *hash) << "every hash has its own salt";
}

TEST(Password, RefusesEmptyShortRepetitiveAndWellKnownPasswords) {
  EXPECT_FALSE(CheckPasswordStrength(""));
  EXPECT_FALSE(CheckPasswordStrength("short1!"));
  EXPECT_FALSE(CheckPasswordStrength("aaaaaaaaaaaaaaaa"));
  EXPECT_FALSE(CheckPasswordStrength("password1234"));
  EXPECT_TRUE(CheckPasswordStrength("Elbbrücken-Fähre-7"));
}

}  // namespace
}  // namespace amtszeit::auth
