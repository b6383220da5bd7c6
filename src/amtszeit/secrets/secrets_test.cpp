#include "amtszeit/secrets/secrets.h"

#include <gtest/gtest.h>

namespace amtszeit::secrets {
namespace {

TEST(Secrets, TokensAreRandomAndUrlSafe) {
  const std::string a = NewToken();
  const std::string b = NewToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

// The digests already in databases must keep matching: fixed vectors of both algorithms.
TEST(Secrets, DigestsStayCompatibleWithStoredOnes) {
  EXPECT_EQ(SessionTokenDigest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(LinkTokenHash("abc"),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  EXPECT_TRUE(LinkTokenMatches("abc", LinkTokenHash("abc")));
  EXPECT_FALSE(LinkTokenMatches("abd", LinkTokenHash("abc")));
  EXPECT_FALSE(LinkTokenMatches("abc", ""));
}

TEST(Secrets, SameSecretComparesLengthAndContent) {
  EXPECT_TRUE(SameSecret("abc", "abc"));
  EXPECT_FALSE(SameSecret("abc", "abd"));
  EXPECT_FALSE(SameSecret("abc", "abcd"));
  EXPECT_TRUE(SameSecret("", ""));
}

}  // namespace
}  // namespace amtszeit::secrets
