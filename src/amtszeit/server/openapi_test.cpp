// docs/openapi.yaml must describe exactly the routes the server has: every route documented,
// every documented operation routed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "amtszeit/server/app.h"
#include "amtszeit/server/router.h"

namespace amtszeit::server {
namespace {

// "paths:" entries are two-space-indented keys starting with '/'; their operations are
// four-space-indented HTTP method keys. The document keeps to that layout.
std::set<std::string> DocumentedOperations() {
  std::ifstream in(std::filesystem::path(AMTSZEIT_SOURCE_DIR) / "docs" / "openapi.yaml");
  std::set<std::string> ops;
  std::string line;
  std::string path;
  bool in_paths = false;
  auto indent = [](const std::string& l) { return l.find_first_not_of(' '); };
  while (std::getline(in, line)) {
    if (line.starts_with("paths:")) {
      in_paths = true;
      continue;
    }
    if (in_paths && !line.empty() && line[0] != ' ') in_paths = false;
    if (!in_paths || line.empty() || !line.ends_with(':')) continue;
    const std::string key = line.substr(indent(line), line.size() - indent(line) - 1);
    if (indent(line) == 2 && key.starts_with('/')) {
      path = key;
    } else if (indent(line) == 4) {
      for (std::string_view method : {"get", "post", "put", "patch", "delete"}) {
        if (key != method) continue;
        std::string upper(method);
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        upper.append(" ").append(path);
        ops.insert(std::move(upper));
      }
    }
  }
  return ops;
}

TEST(OpenApi, DocumentsEveryRouteAndNothingElse) {
  std::random_device rd;
  const auto dir = std::filesystem::temp_directory_path() / ("amtszeit-oa-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  {
    auto store = store::OpenStore((dir / "t.db").string());
    ASSERT_TRUE(store);
    absl::TimeZone zone;
    ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &zone));
    SystemClock clock;
    auto engine = booking::BookingEngine::Open(**store, clock, {.zone = zone});
    ASSERT_TRUE(engine) << engine.error().message;
    HolidayCalendar holidays(2026, 2027);
    auto catalog = std::make_shared<const Catalog>();
    live::Hub hub;
    auto queue = queue::QueueService::Open(**store, clock, catalog, holidays, hub, {.zone = zone});
    ASSERT_TRUE(queue) << queue.error().message;
    steering::SteeringService steering(**store, **engine, clock, zone);
    App app{.store = **store,
            .catalog = catalog,
            .holidays = holidays,
            .zone = zone,
            .clock = clock,
            .engine = **engine,
            .queue = **queue,
            .steering = steering,
            .hub = hub};
    Router router;
    AddAllRoutes(router, app);
    const auto routes = router.Routes();
    const std::set<std::string> routed(routes.begin(), routes.end());
    const std::set<std::string> documented = DocumentedOperations();
    ASSERT_GT(documented.size(), 10u);
    for (const auto& r : routed) EXPECT_TRUE(documented.contains(r)) << "undocumented: " << r;
    for (const auto& d : documented) EXPECT_TRUE(routed.contains(d)) << "not routed: " << d;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace amtszeit::server
