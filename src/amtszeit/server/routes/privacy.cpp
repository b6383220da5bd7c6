// A citizen's right of access: everything stored about an appointment, by code and token.
#include "amtszeit/privacy/export.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/body.h"

namespace amtszeit::server {

namespace {

Response Export(App& app, const Request& req) {
  const std::string token = req.Query("token").value_or("");
  // Same answer for a wrong code and a wrong token: the code alone reveals nothing.
  AMTSZEIT_OR_PROBLEM(appointment, app.engine.Get(req.Param("code"), token));
  AMTSZEIT_OR_PROBLEM(history, app.store.ReadEventsOf(appointment->id));
  Response r = Json(
      privacy::CitizenExport(*appointment, *history, app.engine, app.retention, app.clock.Now()));
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"termin-" + appointment->code + ".json\"");
  return r;
}

}  // namespace

void AddPrivacyRoutes(Router& router, App& app) {
  router.Add("GET", "/api/v1/appointments/{code}/export", Access::Public(),
             [&app](const Request& r) { return Export(app, r); });
}

}  // namespace amtszeit::server
