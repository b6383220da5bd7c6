#include "support/routes.h"

#include <filesystem>
#include <random>
#include <stdexcept>

#include "amtszeit/server/app.h"
#include "amtszeit/server/router.h"

namespace amtszeit::testing {

std::vector<std::string> ServerRoutes() {
  std::random_device rd;
  const auto dir = std::filesystem::temp_directory_path() / ("amtszeit-rt-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  std::vector<std::string> routes;
  {
    auto store = store::OpenStore((dir / "t.db").string());
    if (!store) throw std::runtime_error(store.error().message);
    absl::TimeZone zone;
    absl::LoadTimeZone("Europe/Berlin", &zone);
    SystemClock clock;
    auto engine = booking::BookingEngine::Open(**store, clock, {.zone = zone});
    if (!engine) throw std::runtime_error(engine.error().message);
    HolidayCalendar holidays(2026, 2027);
    auto catalog = std::make_shared<const Catalog>();
    live::Hub hub;
    auto queue = queue::QueueService::Open(**store, clock, catalog, holidays, hub, {.zone = zone});
    if (!queue) throw std::runtime_error(queue.error().message);
    steering::SteeringService steering(**store, **engine, clock, zone);
    server::App app{.store = **store,
                    .catalog = catalog,
                    .holidays = holidays,
                    .zone = zone,
                    .clock = clock,
                    .engine = **engine,
                    .queue = **queue,
                    .steering = steering,
                    .hub = hub};
    server::Router router;
    server::AddAllRoutes(router, app);
    routes = router.Routes();
  }
  std::filesystem::remove_all(dir);
  return routes;
}

}  // namespace amtszeit::testing
