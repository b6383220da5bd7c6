// Interim solutions: the control room closes a centre for a period (a move, a burst pipe, no
// staff) — first as a preview (dry_run), then for real — and every appointment there is rebooked
// into the nearest equivalent slot (an interim location standing in for the centre first) or
// listed for the call centre. The control room also opens interim locations. Staff only.
#include <boost/json.hpp>

#include "amtszeit/booking/api_json.h"
#include "amtszeit/domain/json_codec.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/body.h"
#include "amtszeit/server/routes/steering_params.h"
#include "amtszeit/server/routes/targets.h"

namespace amtszeit::server {

namespace {

namespace json = boost::json;

json::object RelocationJson(const steering::Relocation& r, const App& app) {
  json::array services(r.before.service_ids.begin(), r.before.service_ids.end());
  json::object o{
      {"code", r.before.code},
      {"services", std::move(services)},
      {"before",
       {{"location", r.before.location_id}, {"start", FormatInstant(r.before.start, app.zone)}}},
      {"after", nullptr}};
  if (r.before.move_in_date) o["move_in_date"] = FormatDay(*r.before.move_in_date);
  if (r.after) o["after"] = booking::SlotJson(*r.after, app.engine);
  return o;
}

Response Close(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(
      body, Body::Of(req, {"location_id", "first", "last", "actor", "reason", "dry_run"}));
  AMTSZEIT_OR_PROBLEM(actor, ActorOf(req, *body));
  AMTSZEIT_OR_PROBLEM(location, body->RequiredString("location_id", 100));
  AMTSZEIT_OR_PROBLEM(first, body->Day("first"));
  AMTSZEIT_OR_PROBLEM(last, body->Day("last"));
  AMTSZEIT_OR_PROBLEM(dry_run, body->Bool("dry_run"));
  if (!*first) return Problem(400, "'first' is required");
  AMTSZEIT_OR_PROBLEM(
      out, app.steering.CloseCentre(
               {.location_id = *location, .first = **first, .last = last->value_or(**first)},
               dry_run->value_or(false), *actor));
  json::array relocations;
  for (const steering::Relocation& r : out->relocations) {
    relocations.push_back(RelocationJson(r, app));
  }
  return Json({{"closure", ToJson(out->closure)},
               {"dry_run", out->dry_run},
               {"action_id", out->action_id},
               {"rebooked", out->rebooked},
               {"listed", out->listed},
               {"appointments", std::move(relocations)}},
              out->dry_run ? 200 : 201);
}

Response List(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(range, DayRange(app, req, 366, 731));
  AMTSZEIT_OR_PROBLEM(closures, app.steering.Closures(range->first, range->second));
  json::array items;
  for (const CentreClosure& c : *closures) items.push_back(ToJson(c));
  return Json({{"closures", std::move(items)}});
}

Response Reopen(App& app, const Request& req) {
  auto id = IdParam(req);
  if (!id) return Problem(404, "no such closure");
  AMTSZEIT_OR_PROBLEM(out, app.steering.ReopenCentre(*id, ActorOf(req)));
  return Json({{"action_id", out->action_id}});
}

// The body is a location as in the data files (id, name, district_id, address, geo, hours,
// valid_from, valid_to, counters, interim_for) plus who and why.
Response OpenInterim(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Open(req));
  AMTSZEIT_OR_PROBLEM(actor, ActorOf(req, *body));
  body->Take("actor");
  body->Take("reason");
  AMTSZEIT_OR_PROBLEM(location, FromJson<Location>(json::value(body->object())));
  AMTSZEIT_OR_PROBLEM(out, app.steering.OpenInterim(std::move(*location), *actor));
  return Json({{"location", ToJson(out->location)}, {"action_id", out->action_id}}, 201);
}

}  // namespace

void AddClosureRoutes(Router& router, App& app) {
  router.Add("GET", "/api/v1/closures", Access::Staff(roles::kAllStaff),
             [&app](const Request& r) { return List(app, r); });
  router.Add("POST", "/api/v1/closures",
             Access::Staff(roles::kSteering, targets::BodyLocation("location_id")),
             [&app](const Request& r) { return Close(app, r); });
  router.Add("DELETE", "/api/v1/closures/{id}",
             Access::Staff(roles::kSteering, targets::StoredClosure(app)),
             [&app](const Request& r) { return Reopen(app, r); });
  // Opening a centre is the control room's: it is not bound to one centre or district.
  router.Add("POST", "/api/v1/interim-locations", Access::Staff(roles::kCentral),
             [&app](const Request& r) { return OpenInterim(app, r); });
}

}  // namespace amtszeit::server
