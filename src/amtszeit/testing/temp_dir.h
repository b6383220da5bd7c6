// Test support shared by the modules' unit tests (header only, never linked into the product):
// a temporary folder removed at the end of the test, Hamburg's time zone and its data folder.
//
//   amtszeit::testing::TempDir dir;
//   auto store = store::OpenStore(dir.File("t.db"));
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "absl/time/time.h"

namespace amtszeit::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("amtszeit-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The repository's Hamburg data set (AMTSZEIT_SOURCE_DIR is defined for every test target).
inline std::filesystem::path HamburgData() {
  return std::filesystem::path(AMTSZEIT_SOURCE_DIR) / "data" / "hamburg";
}

inline absl::TimeZone Berlin() {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Berlin", &tz));
  return tz;
}

}  // namespace amtszeit::testing
