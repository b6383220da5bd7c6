// Request bodies read strictly: a JSON object whose unknown members are refused, so a typo does
// not pass silently; typed getters answer a clear 400 for a wrong type.
//
//   AMTSZEIT_OR_PROBLEM(body, Body::Of(req, {"services", "priority"}));
//   AMTSZEIT_OR_PROBLEM(services, body->Strings("services"));
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "amtszeit/domain/error.h"
#include "amtszeit/server/http.h"

namespace amtszeit::server {

class Body {
 public:
  static Result<Body> Of(const Request& req, std::initializer_list<std::string_view> known);
  // Any members: for bodies a domain codec checks itself after Take() removed ours.
  static Result<Body> Open(const Request& req);
  // The same from a parsed body, for decoders that never see the request (server/bodies/).
  static Result<Body> Of(boost::json::value json, std::initializer_list<std::string_view> known);
  static Result<Body> Open(boost::json::value json);

  Result<std::optional<std::string>> String(std::string_view name) const;
  // Present and non-empty, at most `max` bytes.
  Result<std::string> RequiredString(std::string_view name, std::size_t max = 500) const;
  Result<std::vector<std::string>> Strings(std::string_view name) const;
  Result<std::optional<double>> Number(std::string_view name) const;
  Result<std::optional<bool>> Bool(std::string_view name) const;
  Result<std::optional<absl::CivilDay>> Day(std::string_view name) const;
  // Removes and returns a member (null when absent).
  boost::json::value Take(std::string_view name);
  const boost::json::object& object() const { return object_; }

 private:
  explicit Body(boost::json::object object) : object_(std::move(object)) {}
  boost::json::object object_;
};

// Returns the problem answer from the enclosing handler when `expr` failed. `var` names the
// variable it declares, so it cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define AMTSZEIT_OR_PROBLEM(var, expr) \
  auto var = (expr);                   \
  if (!var) return Problem(var.error())
// NOLINTEND(bugprone-macro-parentheses)

}  // namespace amtszeit::server
