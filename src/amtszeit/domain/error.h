// Errors that callers must handle travel as values: Result<T> = std::expected<T, Error>.
//
// Every module returns Result<T>; the server maps Error::code to an HTTP status in one place and
// answers RFC 9457 problem+json, the CLI prints the message. Exceptions are reserved for bugs and
// fatal start-up errors.
//
//   Result<Service> FindService(const Catalog& c, std::string_view id) {
//     if (auto* s = c.FindService(id)) return *s;
//     return Fail(ErrorCode::kNotFound, "unknown service '{}'", id);
//   }
#pragma once

#include <fmt/format.h>

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace amtszeit {

enum class ErrorCode {
  kInvalidArgument,     // the caller sent something malformed or out of range (HTTP 400/422)
  kNotFound,            // the thing asked for does not exist (404)
  kConflict,            // the request clashes with current state, e.g. a taken slot (409)
  kForbidden,           // not allowed for this caller (403)
  kUnauthenticated,     // who is calling is unknown (401)
  kPreconditionFailed,  // a rule of the domain refuses it, e.g. a deadline (422)
  kTooManyRequests,     // a limit was hit (429)
  kPayloadTooLarge,     // (413)
  kUnavailable,         // a dependency is down or the service is shutting down (503)
  kDataLoss,            // stored data is corrupt or of an unknown version; nothing was changed
  kInternal,            // a bug: should never reach a user
};

std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  friend bool operator==(const Error&, const Error&) = default;
};

template <typename T = void>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

template <typename... Args>
std::unexpected<Error> Fail(ErrorCode code, fmt::format_string<Args...> format, Args&&... args) {
  return Fail(code, fmt::format(format, std::forward<Args>(args)...));
}

// Prefixes an error's message with context, keeping its code: "locations.json: <message>".
inline Error WithContext(Error error, std::string_view context) {
  error.message = std::string(context) + ": " + error.message;
  return error;
}

}  // namespace amtszeit
