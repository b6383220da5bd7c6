#include "amtszeit/server/http.h"

#include <boost/beast/http/status.hpp>
#include <boost/json.hpp>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/json_codec.h"

namespace amtszeit::server {

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::optional<std::string> Request::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

Result<absl::CivilDay> Request::RequiredDay(std::string_view name) const {
  auto text = Query(name);
  if (!text) return Fail(ErrorCode::kInvalidArgument, "query parameter '{}' is required", name);
  auto day = ParseDay(*text);
  if (!day) return Fail(ErrorCode::kInvalidArgument, "{}: {}", name, day.error().message);
  return *day;
}

Result<std::optional<absl::CivilDay>> Request::OptionalDay(std::string_view name) const {
  if (!Query(name)) return std::optional<absl::CivilDay>();
  auto day = RequiredDay(name);
  if (!day) return std::unexpected(day.error());
  return std::optional<absl::CivilDay>(*day);
}

Result<std::optional<bool>> Request::OptionalBool(std::string_view name) const {
  auto text = Query(name);
  if (!text) return std::optional<bool>();
  if (*text == "true") return std::optional<bool>(true);
  if (*text == "false") return std::optional<bool>(false);
  return Fail(ErrorCode::kInvalidArgument, "{}: '{}' is not true or false", name, *text);
}

Result<boost::json::value> Request::Json() const {
  if (auto type = Header("content-type"); type && type->find("json") == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "send the body as application/json, not {}", *type);
  }
  if (body.empty()) return Fail(ErrorCode::kInvalidArgument, "the request needs a JSON body");
  return ParseJson(body);
}

Response Json(const boost::json::value& value, int status) {
  return Response{.status = status, .body = boost::json::serialize(value)};
}

Response Problem(int status, std::string_view detail, boost::json::object extra) {
  boost::json::object o = std::move(extra);
  const auto reason =
      boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
  o["type"] = "about:blank";
  o["title"] = std::string(reason);
  o["status"] = status;
  o["detail"] = detail;
  return Response{.status = status,
                  .content_type = "application/problem+json",
                  .body = boost::json::serialize(o)};
}

Response Problem(const Error& error, boost::json::object extra) {
  Response r = Problem(StatusFor(error.code), error.message, std::move(extra));
  if (error.code == ErrorCode::kTooManyRequests) r.headers.emplace_back("Retry-After", "1");
  return r;
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kPreconditionFailed:
      return 422;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kDataLoss:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response EventStream(std::shared_ptr<live::Subscription> subscription) {
  Response r;
  r.content_type = "text/event-stream; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Accel-Buffering", "no");  // tell nginx not to buffer the stream
  r.stream = std::move(subscription);
  return r;
}

}  // namespace amtszeit::server
