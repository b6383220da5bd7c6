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

TEST(Secrets, TokensAreRandomUrlSafeAndStoredOnlyAsDigests) {
  const std::string a = RandomToken();
  const std::string b = RandomToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(TokenDigest(a).size(), 64u);
  EXPECT_EQ(TokenDigest(a), TokenDigest(a));
  EXPECT_NE(TokenDigest(a), TokenDigest(b));
  // SHA-256 of "abc", the standard test vector.
  EXPECT_EQ(TokenDigest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Secrets, SameSecretComparesLengthAndContent) {
  EXPECT_TRUE(SameSecret("abc", "abc"));
  EXPECT_FALSE(SameSecret("abc", "abd"));
  EXPECT_FALSE(SameSecret("abc", "abcd"));
  EXPECT_FALSE(SameSecret("", "a"));
}

}  // namespace
}  // namespace amtszeit::auth
