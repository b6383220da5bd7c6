#include "amtszeit/notify/curl_handle.h"

#include <stdexcept>

namespace amtszeit::notify::internal {

namespace {

int AbortWhenStopping(void* stop, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(stop)->load() ? 1 : 0;
}

}  // namespace

CurlHandle::CurlHandle() {
  static const bool ready = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  curl_ = ready ? curl_easy_init() : nullptr;
  if (curl_ == nullptr) throw std::runtime_error("libcurl could not be initialised");
}

CurlHandle::~CurlHandle() { curl_easy_cleanup(curl_); }

CURL* CurlHandle::Prepare(std::chrono::seconds timeout, const std::atomic<bool>& stop) {
  curl_easy_reset(curl_);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl_, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl_, CURLOPT_XFERINFOFUNCTION, &AbortWhenStopping);
  curl_easy_setopt(curl_, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(&stop));
  return curl_;
}

Error CurlHandle::Failure(CURLcode code, std::string_view what) const {
  const long status = ResponseCode();
  // A 5xx reply (unknown mailbox, rejected number) will not change on retry; everything else
  // (no connection, timeouts, 4xx greylisting) may.
  const bool permanent = status >= 500 && status < 600;
  return Error{permanent ? ErrorCode::kPreconditionFailed : ErrorCode::kUnavailable,
               fmt::format("{}: {} (status {})", what, curl_easy_strerror(code), status)};
}

long CurlHandle::ResponseCode() const {
  long status = 0;
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
  return status;
}

}  // namespace amtszeit::notify::internal
