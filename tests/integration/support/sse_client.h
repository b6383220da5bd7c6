// A Server-Sent Events client for integration tests: opens the stream on its own connection,
// then hands out events one by one, waiting up to a timeout for each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace amtszeit::testing {

struct SseEvent {
  std::string id;
  std::string type = "message";
  std::string data;
};

class SseClient {
 public:
  // Connects and sends GET `target` (with Last-Event-ID when given).
  SseClient(std::uint16_t port, const std::string& target,
            const std::optional<std::string>& last_event_id = std::nullopt,
            const std::string& cookie = "");
  ~SseClient();
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  int status() const { return status_; }
  std::string content_type() const { return content_type_; }
  // The next event (comments such as heartbeats are skipped and counted), or nullopt when none
  // arrived within `timeout_ms` or the server closed the stream.
  std::optional<SseEvent> Next(int timeout_ms = 3000);
  int comments() const { return comments_; }
  bool closed() const { return closed_; }
  void Close();

 private:
  bool Fill(int timeout_ms);  // reads more bytes; false on timeout or close

  int fd_ = -1;
  int status_ = 0;
  std::string content_type_;
  std::string buffer_;
  int comments_ = 0;
  bool closed_ = false;
};

}  // namespace amtszeit::testing
