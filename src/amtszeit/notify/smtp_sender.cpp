// E-mail over SMTP with libcurl: one connection kept for the next message, STARTTLS when the
// server offers it on smtp://, implicit TLS on smtps://.
#include <curl/curl.h>

#include <cstring>

#include "amtszeit/notify/curl_handle.h"
#include "amtszeit/notify/mail.h"
#include "amtszeit/notify/sender.h"

namespace amtszeit::notify {

namespace {

struct Upload {
  std::string_view data;
};

std::size_t ReadPayload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->data.size());
  std::memcpy(buffer, up->data.data(), n);
  up->data.remove_prefix(n);
  return n;
}

std::string DomainOf(std::string_view address) {
  const auto at = address.find('@');
  return std::string(at == std::string_view::npos ? "localhost" : address.substr(at + 1));
}

class SmtpSender final : public Sender {
 public:
  explicit SmtpSender(SmtpOptions options) : options_(std::move(options)) {}

  Result<void> Send(const Outgoing& o, const std::atomic<bool>& stop) override {
    auto mail = ComposeMail(
        {.from = options_.from,
         .to = o.to,
         .subject = o.message.subject,
         .text = o.message.text,
         .message_id = fmt::format("amtszeit-outbox-{}@{}", o.id, DomainOf(options_.from)),
         .date = o.at});
    if (!mail) return std::unexpected(mail.error());
    CURL* curl = handle_.Prepare(options_.timeout, stop);
    const std::string from = "<" + options_.from + ">";
    const std::string to = "<" + o.to + ">";
    curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
    Upload upload{*mail};
    curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, &ReadPayload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    if (code != CURLE_OK) return std::unexpected(handle_.Failure(code, "smtp"));
    return {};
  }

 private:
  SmtpOptions options_;
  internal::CurlHandle handle_;
};

}  // namespace

std::unique_ptr<Sender> MakeSmtpSender(SmtpOptions options) {
  return std::make_unique<SmtpSender>(std::move(options));
}

}  // namespace amtszeit::notify
