// Internal to notify/: one libcurl easy handle, initialised once per process, with the settings
// both senders share (timeouts, no signals, abort when the worker stops).
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <string>

#include "amtszeit/domain/error.h"

namespace amtszeit::notify::internal {

class CurlHandle {
 public:
  CurlHandle();
  ~CurlHandle();
  CurlHandle(const CurlHandle&) = delete;
  CurlHandle& operator=(const CurlHandle&) = delete;

  // Resets the handle's options to the shared ones; keeps its connections for reuse.
  CURL* Prepare(std::chrono::seconds timeout, const std::atomic<bool>& stop);
  // An error naming only libcurl's code and the server's status: never addresses or text.
  Error Failure(CURLcode code, std::string_view what) const;
  long ResponseCode() const;

 private:
  CURL* curl_;
};

}  // namespace amtszeit::notify::internal
