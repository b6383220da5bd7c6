// GET /api/v1/now: for every centre in service, the walk-in and express wait if one came now, the
// open counters and the next free appointment, so a citizen can choose "book or walk in" at once.
#include <boost/json.hpp>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/server/app.h"

namespace amtszeit::server {

namespace {

constexpr std::string_view kDefaultService = "personalausweis";

template <typename T>
boost::json::value OrNull(const std::optional<T>& v) {
  if (!v) return nullptr;
  return *v;
}

Response Now(App& app, const Request& req) {
  std::vector<std::string> services;
  if (auto list = req.Query("services"); list && !list->empty()) {
    for (std::size_t begin = 0; begin <= list->size();) {
      std::size_t end = list->find(',', begin);
      if (end == std::string::npos) end = list->size();
      if (end > begin) services.push_back(list->substr(begin, end - begin));
      begin = end + 1;
    }
  } else if (app.catalog->FindService(kDefaultService)) {
    services.emplace_back(kDefaultService);
  } else {
    for (const Service& s : app.catalog->services) {
      if (s.needs_presence) {
        services.push_back(s.id);
        break;
      }
    }
  }
  for (const auto& id : services) {
    if (!app.catalog->FindService(id)) return Problem(404, "no service '" + id + "'");
  }
  boost::json::array locations;
  for (const queue::NowEntry& e : app.queue.Now()) {
    boost::json::value next = nullptr;
    auto slot =
        app.engine.Search({.service_ids = services, .locations = {e.location->id}, .limit = 1});
    if (slot && !slot->slots.empty()) {
      next = boost::json::object{{"start", FormatInstant(slot->slots[0].start, app.zone)},
                                 {"end", FormatInstant(slot->slots[0].end, app.zone)}};
    }
    locations.push_back(
        boost::json::object{{"location_id", e.location->id},
                            {"name", e.location->name},
                            {"district_id", e.location->district_id},
                            {"open_now", e.open_now},
                            {"walk_in_wait_minutes", OrNull(e.walk_in_wait_minutes)},
                            {"express_wait_minutes", OrNull(e.express_wait_minutes)},
                            {"waiting", e.waiting},
                            {"open_counters", e.open_counters},
                            {"next_free_slot", std::move(next)}});
  }
  boost::json::array service_list;
  for (const auto& s : services) service_list.emplace_back(s);
  return Json(boost::json::object{{"at", FormatInstant(app.clock.Now(), app.zone)},
                                  {"services", std::move(service_list)},
                                  {"locations", std::move(locations)}});
}

}  // namespace

void AddNowRoutes(Router& router, App& app) {
  router.Add("GET", "/api/v1/now", Access::Public(),
             [&app](const Request& r) { return Now(app, r); });
}

}  // namespace amtszeit::server
