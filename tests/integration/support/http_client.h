// A small synchronous HTTP/1.1 client for integration tests (Boost.Beast), plus raw socket
// exchanges for requests no well-behaved client would send.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace amtszeit::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower case
  std::string body;

  // Parsed once and kept, so references into it stay valid as long as the response.
  const boost::json::value& Json() const;

 private:
  mutable std::optional<boost::json::value> json_;
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port);
  ~HttpClient();

  // Keeps one connection open across calls (keep-alive) and reconnects when the server closed.
  HttpResponse Request(const std::string& method, const std::string& target,
                       const std::string& body = "",
                       const std::map<std::string, std::string>& headers = {});
  HttpResponse Get(const std::string& target) { return Request("GET", target); }
  HttpResponse PostJson(const std::string& target, const std::string& json,
                        const std::map<std::string, std::string>& headers = {});
  // Headers sent with every request (a per-call header of the same name wins), e.g. a staff
  // session's Cookie and X-CSRF-Token.
  void SetDefaultHeaders(std::map<std::string, std::string> headers) {
    defaults_ = std::move(headers);
  }
  // How many TCP connections this client opened so far.
  int connections() const { return connections_; }

 private:
  struct Impl;
  Impl* impl_;
  std::uint16_t port_;
  int connections_ = 0;
  std::map<std::string, std::string> defaults_;
};

// Sends raw bytes on a fresh connection and returns everything the server answered until it
// closed the connection or `timeout_ms` passed.
std::string RawExchange(std::uint16_t port, const std::string& bytes, int timeout_ms = 3000);
// Parses the status code of a raw response ("HTTP/1.1 431 ..."), 0 when none.
int RawStatus(const std::string& response);

}  // namespace amtszeit::testing
