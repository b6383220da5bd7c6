// SMS through the city's gateway: a POST of {"to", "text", "reference"} as JSON to a webhook;
// any 2xx is accepted. The reference stays the same across retries, so the gateway can drop a
// duplicate.
#include <curl/curl.h>

#include <boost/json.hpp>

#include "amtszeit/notify/curl_handle.h"
#include "amtszeit/notify/sender.h"

namespace amtszeit::notify {

namespace {

std::size_t Discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

class WebhookSender final : public Sender {
 public:
  explicit WebhookSender(WebhookOptions options) : options_(std::move(options)) {}

  Result<void> Send(const Outgoing& o, const std::atomic<bool>& stop) override {
    const std::string body = boost::json::serialize(boost::json::object{
        {"to", o.to}, {"text", o.message.sms}, {"reference", fmt::format("amtszeit-{}", o.id)}});
    CURL* curl = handle_.Prepare(options_.timeout, stop);
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Discard);
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (code != CURLE_OK) return std::unexpected(handle_.Failure(code, "sms webhook"));
    const long status = handle_.ResponseCode();
    if (status >= 200 && status < 300) return {};
    // A refused number or message stays refused; overload and gateway errors may pass.
    const bool retry = status == 408 || status == 429 || status >= 500;
    return Fail(retry ? ErrorCode::kUnavailable : ErrorCode::kPreconditionFailed,
                "sms webhook answered {}", status);
  }

 private:
  WebhookOptions options_;
  internal::CurlHandle handle_;
};

}  // namespace

std::unique_ptr<Sender> MakeSmsWebhookSender(WebhookOptions options) {
  return std::make_unique<WebhookSender>(std::move(options));
}

}  // namespace amtszeit::notify
