#include <spdlog/spdlog.h>

#include "amtszeit/server/server.h"
#include "amtszeit/server/static_files.h"

namespace amtszeit::server {

Response Handle(const Router& router, const std::string& web_root, Request& request) {
  try {
    if (request.path.starts_with("/api/") || request.path == "/metrics") {
      return router.Dispatch(request);
    }
    if (request.method != "GET") {
      Response r = Problem(405, request.method + " is not allowed for pages");
      r.headers.emplace_back("Allow", "GET, HEAD");
      return r;
    }
    if (auto file = ServeStatic(web_root, request.path)) return *file;
    return Problem(404, "no such page: " + request.path);
  } catch (const std::exception& e) {
    spdlog::error("handler failed on {} {}: {}", request.method, request.path, e.what());
    return Problem(500, "internal error; the request was not completed");
  }
}

}  // namespace amtszeit::server
