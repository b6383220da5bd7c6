#include <boost/json.hpp>

#include "amtszeit/server/app.h"

namespace amtszeit::server {

void AddHealthRoutes(Router& router, App& app) {
  router.Add("GET", "/api/v1/health", [&app](const Request&) {
    return Json({{"status", "ok"},
                 {"version", app.version},
                 {"store", app.store.Kind()},
                 {"schema_version", app.store.SchemaVersion()}});
  });
}

void AddAllRoutes(Router& router, App& app) {
  AddHealthRoutes(router, app);
  AddCatalogRoutes(router, app);
  AddBookingRoutes(router, app);
  AddQueueRoutes(router, app);
  AddNowRoutes(router, app);
  AddSteeringRoutes(router, app);
  AddMonitorRoutes(router, app);
  AddClosureRoutes(router, app);
  AddPrivacyRoutes(router, app);
  AddPlanningRoutes(router, app);
}

}  // namespace amtszeit::server
