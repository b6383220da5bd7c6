// The server's own request and response values: what routes see instead of Beast types, so
// handlers stay small, testable without sockets, and quick to compile.
//
//   Response Handle(const Request& req) {
//     auto from = req.Day("from");                 // Result<std::optional<CivilDay>>
//     if (!from) return Problem(from.error());
//     return Json({{"ok", true}});
//   }
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/auth/principal.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/live/hub.h"

namespace amtszeit::server {

struct Request {
  std::string method;                                      // upper case; HEAD is routed as GET
  std::string path;                                        // decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> params;               // from the route pattern
  std::string route;  // the matched route's pattern, e.g. "/api/v1/shifts/{id}"
  std::map<std::string, std::string> headers;  // names lower case
  std::string body;
  std::string client;  // whom per-client limits count against (see client_address.h)
  bool https = false;  // the client reached us over TLS (directly or via a trusted proxy)
  // Set by the gate (gate.h) when the caller signed in or sent the call centre's key.
  std::optional<auth::Principal> principal;
  std::string session_token;  // the cookie's token, when a session was recognised
  std::string csrf_token;     // that session's CSRF token

  std::optional<std::string> Query(std::string_view name) const;
  std::optional<std::string> Header(std::string_view lower_case_name) const;
  const std::string& Param(const std::string& name) const { return params.at(name); }
  // Required or optional query parameters parsed as days.
  Result<absl::CivilDay> RequiredDay(std::string_view name) const;
  Result<std::optional<absl::CivilDay>> OptionalDay(std::string_view name) const;
  Result<std::optional<bool>> OptionalBool(std::string_view name) const;
  // The body as JSON; 415 for a non-JSON content type, 400 for malformed JSON.
  Result<boost::json::value> Json() const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set for Server-Sent Events: the server sends the headers, then streams the subscription's
  // events (and a heartbeat) until either side closes.
  std::shared_ptr<live::Subscription> stream;
};

// A text/event-stream answer fed by `subscription`.
Response EventStream(std::shared_ptr<live::Subscription> subscription);

Response Json(const boost::json::value& value, int status = 200);
// RFC 9457 problem details; `extra` members are merged in (e.g. "alternatives").
Response Problem(int status, std::string_view detail, boost::json::object extra = {});
Response Problem(const Error& error, boost::json::object extra = {});
// The one mapping from our error codes to HTTP statuses.
int StatusFor(ErrorCode code);

}  // namespace amtszeit::server
