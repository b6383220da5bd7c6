// libFuzzer target: what a client controls before any handler runs. The input is a request
// target, a NUL byte, and a body: the target is parsed as the server parses it (path, query),
// routed through a router with the API's kinds of patterns, its query read as a slot search, a
// centre calendar and the typed getters read it; the body is read through Body's typed getters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "amtszeit/booking/api_json.h"
#include "amtszeit/server/body.h"
#include "amtszeit/server/request_target.h"
#include "amtszeit/server/router.h"

namespace {

using namespace amtszeit;
using namespace amtszeit::server;

const Router& TheRouter() {
  static const Router* router = [] {
    auto* r = new Router();
    const auto echo = [](const Request& req) {
      std::string all;
      for (const auto& [k, v] : req.params) all += k + "=" + v + ";";
      return Json(boost::json::value(all));
    };
    for (const char* pattern :
         {"/api/v1/slots", "/api/v1/locations/{id}", "/api/v1/locations/{id}/days",
          "/api/v1/appointments/{code}", "/api/v1/appointments/{code}.ics",
          "/api/v1/locations/{id}/counters/{name}/call-next", "/api/v1/tickets/{id}/events"}) {
      r->Add("GET", pattern, Access::Public(), echo);
      r->Add("POST", pattern, Access::Public(), echo);
    }
    return r;
  }();
  return *router;
}

void ReadQuery(const Request& req) {
  (void)booking::ParseSearchQuery([&req](std::string_view name) { return req.Query(name); });
  (void)req.RequiredDay("from");
  (void)req.OptionalDay("to");
  (void)req.OptionalBool("dry_run");
}

void ReadBody(const Request& req) {
  auto body = Body::Of(req, {"services", "location", "start", "actor", "reason", "first", "last",
                             "priority", "dry_run", "minutes"});
  if (!body) body = Body::Open(req);
  if (!body) return;
  (void)body->String("location");
  (void)body->RequiredString("actor", 50);
  (void)body->Strings("services");
  (void)body->Number("minutes");
  (void)body->Bool("dry_run");
  (void)body->Day("first");
  (void)body->Take("reason");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  Request req;
  req.method = size % 2 == 0 ? "GET" : "POST";
  req.headers["content-type"] = "application/json";
  if (nul != std::string_view::npos) req.body = std::string(input.substr(nul + 1));
  if (!ParseTarget(input.substr(0, nul), req)) return 0;
  ReadQuery(req);
  Response routed = TheRouter().Dispatch(req);
  (void)routed;
  ReadBody(req);
  return 0;
}
