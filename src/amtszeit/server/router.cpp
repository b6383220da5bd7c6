#include "amtszeit/server/router.h"

#include <algorithm>

namespace amtszeit::server {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> parts;
  if (path.starts_with('/')) path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    parts.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

void Router::Add(std::string method, std::string pattern, Access access, Handler handler) {
  Route route{.method = std::move(method),
              .pattern = pattern,
              .access = std::move(access),
              .handler = std::move(handler)};
  for (const std::string& part : SplitPath(pattern)) {
    Segment s;
    if (part.starts_with('{')) {
      const auto close = part.find('}');
      s.param = part.substr(1, close - 1);
      s.suffix = part.substr(close + 1);
      route.specificity += 1 + static_cast<int>(s.suffix.size());
    } else {
      s.literal = part;
      route.specificity += 100;
    }
    route.segments.push_back(std::move(s));
  }
  routes_.push_back(std::move(route));
}

bool Router::Match(const Route& route, const std::vector<std::string>& parts,
                   std::map<std::string, std::string>* params) {
  if (route.segments.size() != parts.size()) return false;
  // Dispatch tries every route; only the winner's parameters are kept, so the others must not
  // pay for copying theirs.
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Segment& s = route.segments[i];
    const std::string& part = parts[i];
    if (s.param.empty()) {
      if (part != s.literal) return false;
      continue;
    }
    if (part.size() <= s.suffix.size() || !part.ends_with(s.suffix)) return false;
    if (params != nullptr) found[s.param] = part.substr(0, part.size() - s.suffix.size());
  }
  if (params != nullptr) *params = std::move(found);
  return true;
}

Response Router::Dispatch(Request& request) const {
  const std::vector<std::string> parts = SplitPath(request.path);
  const Route* best = nullptr;
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    if (!Match(route, parts, nullptr)) continue;
    if (route.method != request.method) {
      if (std::ranges::find(allowed, route.method) == allowed.end()) {
        allowed.push_back(route.method);
      }
      continue;
    }
    if (best == nullptr || route.specificity > best->specificity) best = &route;
  }
  if (best != nullptr) {
    Match(*best, parts, &request.params);
    request.route = best->pattern;
    return gate_ ? gate_(best->access, request, best->handler) : best->handler(request);
  }
  if (!allowed.empty()) {
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response r = Problem(405, request.method + " is not allowed here; use " + allow);
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  return Problem(404, "no such endpoint: " + request.path);
}

std::vector<std::string> Router::Routes() const {
  std::vector<std::string> out;
  for (const Route& r : routes_) out.push_back(r.method + " " + r.pattern);
  return out;
}

}  // namespace amtszeit::server
