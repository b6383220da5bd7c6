// Router: method + path pattern -> handler. Patterns are split on '/', a segment is a literal or
// "{name}" with an optional literal suffix ("{code}.ics"). The most specific match wins; a path
// that matches with another method answers 405 with Allow.
//
//   router.Add("GET", "/api/v1/locations/{id}", [&](const Request& r) { ... });
//   Response response = router.Dispatch(request);
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "amtszeit/server/http.h"

namespace amtszeit::server {

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);
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
    Handler handler;
    int specificity = 0;
  };
  static bool Match(const Route& route, const std::vector<std::string>& parts,
                    std::map<std::string, std::string>* params);

  std::vector<Route> routes_;
};

// Splits a decoded path into its segments ("/a/b/" -> {"a", "b", ""}).
std::vector<std::string> SplitPath(std::string_view path);

}  // namespace amtszeit::server
