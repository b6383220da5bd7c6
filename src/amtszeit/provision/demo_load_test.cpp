#include "amtszeit/provision/demo_load.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

namespace amtszeit::provision {
namespace {

TEST(DemoLoad, LoadingTwiceChangesNothing) {
  std::random_device rd;
  const auto dir =
      std::filesystem::temp_directory_path() / ("amtszeit-demo-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  {
    auto dataset =
        dataset::LoadDataset(std::filesystem::path(AMTSZEIT_SOURCE_DIR) / "data/hamburg");
    ASSERT_TRUE(dataset) << dataset.error().message;
    auto store = store::OpenStore((dir / "demo.db").string());
    ASSERT_TRUE(store);
    const absl::CivilDay today(2026, 11, 25);
    const HolidayCalendar holidays(2025, 2028);
    auto first = LoadDemo(*dataset, **store, today, holidays);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_TRUE(first->roster_generated);
    EXPECT_GE(first->locations, 18u);
    EXPECT_GE(first->staff, 250u);
    const auto catalog = (*store)->ReadCatalog();
    const auto roster = (*store)->ReadRoster(today, today + 119);
    auto second = LoadDemo(*dataset, **store, today + 3, holidays);
    ASSERT_TRUE(second);
    EXPECT_FALSE(second->roster_generated) << "an existing roster is kept";
    EXPECT_EQ(*(*store)->ReadCatalog(), *catalog);
    EXPECT_EQ(*(*store)->ReadRoster(today, today + 119), *roster);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace amtszeit::provision
