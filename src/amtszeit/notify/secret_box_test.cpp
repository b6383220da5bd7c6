#include "amtszeit/notify/secret_box.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::notify {
namespace {

TEST(SecretBox, SealsAndOpensAndRefusesOtherKeysAndTampering) {
  const SecretBox box = SecretBox::WithRandomKey();
  const std::string sealed = box.Seal("token-123");
  EXPECT_EQ(sealed.find("token-123"), std::string::npos);
  EXPECT_NE(box.Seal("token-123"), sealed);  // a fresh nonce each time
  auto opened = box.Open(sealed);
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(*opened, "token-123");
  EXPECT_FALSE(SecretBox::WithRandomKey().Open(sealed));
  std::string altered = sealed;
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(box.Open(altered));
  EXPECT_FALSE(box.Open("not base64 at all!"));
}

TEST(SecretBox, KeyFileIsCreatedPrivateOnceAndReadBack) {
  ::amtszeit::testing::TempDir dir;
  const std::string path = dir.File("db.notify-key");
  auto first = SecretBox::LoadOrCreate(path);
  ASSERT_TRUE(first) << first.error().message;
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto second = SecretBox::LoadOrCreate(path);
  ASSERT_TRUE(second) << second.error().message;
  auto opened = second->Open(first->Seal("link-secret"));
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, "link-secret");
}

TEST(SecretBox, RefusesKeyFilesOthersMayReadOrThatHoldNoKey) {
  ::amtszeit::testing::TempDir dir;
  const std::string path = dir.File("k");
  ASSERT_TRUE(SecretBox::LoadOrCreate(path));
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  EXPECT_FALSE(SecretBox::LoadOrCreate(path));
  const std::string junk = dir.File("junk");
  std::ofstream(junk) << "not a key\n";
  ASSERT_EQ(chmod(junk.c_str(), 0600), 0);
  auto refused = SecretBox::LoadOrCreate(junk);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kDataLoss);
}

}  // namespace
}  // namespace amtszeit::notify
