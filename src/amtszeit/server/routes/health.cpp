#include <boost/json.hpp>

#include "amtszeit/server/app.h"
#include "amtszeit/server/gate.h"

namespace amtszeit::server {

void AddHealthRoutes(Router& router, App& app) {
  router.Add("GET", "/api/v1/health", Access::Public(), [&app](const Request&) {
    return Json({{"status", "ok"},
                 {"version", app.version},
                 {"store", app.store.Kind()},
                 {"schema_version", app.store.SchemaVersion()}});
  });
}

void AddAllRoutes(Router& router, App& app) {
  router.SetGate(MakeGate(app));
  AddHealthRoutes(router, app);
  AddCatalogRoutes(router, app);
  AddBookingRoutes(router, app);
  AddQueueRoutes(router, app);
  AddNowRoutes(router, app);
  AddSteeringRoutes(router, app);
  AddMonitorRoutes(router, app);
  AddClosureRoutes(router, app);
  AddPrivacyRoutes(router, app);
  AddCaseRoutes(router, app);
  AddBackOfficeRoutes(router, app);
  AddProofRoutes(router, app);
  AddWaitlistRoutes(router, app);
  AddAuthRoutes(router, app);
  AddPlanningRoutes(router, app);
}

}  // namespace amtszeit::server
