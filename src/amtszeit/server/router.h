// Router: method + path pattern -> handler. Patterns are split on '/', a segment is a literal or
// "{name}" with an optional literal suffix ("{code}.ics"). The most specific match wins; a path
// that matches with another method answers 405 with Allow.
//
// Every route declares who may call it (access.h); a gate set by SetGate() enforces it.
//
//   router.Add("GET", "/api/v1/locations/{id}", Access::Public(), [&](const Request& r) { ... });
//   Response response = router.Dispatch(request);
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "amtszeit/server/access.h"
#include "amtszeit/server/http.h"

namespace amtszeit::server {

using Handler = std::function<Response(const Request&)>;
// Runs around every routed handler: authenticates, checks `access`, then calls the handler.
using Gate = std::function<Response(const Access& access, Request& request, const Handler&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Access access, Handler handler);
  void SetGate(Gate gate) { gate_ = std::move(gate); }
  // Fills request.params; unknown paths 404, known paths with another method 405.
  Response Dispatch(Request& request) const;
  // "GET /api/v1/locations/{id}" for every route, for the OpenAPI check.
  std::vector<std::string> Routes() const;

 private:
  struct Segment {
    std::string literal;  // when not a parameter
    std::string param;    // parameter name, or empty
    std::string suffix;   // literal after the parameter
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Access access;
    Handler handler;
    int specificity = 0;
  };
  static bool Match(const Route& route, const std::vector<std::string>& parts,
                    std::map<std::string, std::string>* params);

  std::vector<Route> routes_;
  Gate gate_;
};

// Splits a decoded path into its segments ("/a/b/" -> {"a", "b", ""}).
std::vector<std::string> SplitPath(std::string_view path);

}  // namespace amtszeit::server
