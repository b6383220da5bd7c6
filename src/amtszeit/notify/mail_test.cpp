#include "amtszeit/notify/mail.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <vector>

namespace amtszeit::notify {
namespace {

std::string DecodeWords(std::string_view header) {
  std::string out;
  std::size_t at = 0;
  while ((at = header.find("=?UTF-8?B?", at)) != std::string_view::npos) {
    at += 10;
    const std::size_t end = header.find("?=", at);
    const std::string_view b64 = header.substr(at, end - at);
    std::vector<unsigned char> raw(b64.size());
    std::size_t n = 0;
    EXPECT_EQ(sodium_base642bin(raw.data(), raw.size(), b64.data(), b64.size(), nullptr, &n,
                                nullptr, sodium_base64_VARIANT_ORIGINAL),
              0);
    out.append(reinterpret_cast<const char*>(raw.data()), n);
    at = end + 2;
  }
  return out;
}

Mail Sample() {
  return {.from = "termine@hamburg.example",
          .to = "joerg@example.org",
          .subject =
              "Terminbestätigung: Donnerstag, 25. März 2027, 09:30 Uhr – Kundenzentrum "
              "Hamburg-Mitte",
          .text = "Guten Tag Jörg,\n\nZeile zwei\n",
          .message_id = "amtszeit-outbox-7@hamburg.example",
          .date = absl::FromUnixSeconds(1'796'000'000)};
}

TEST(Mail, SubjectIsEncodedInWholeCharactersAndFolded) {
  const std::string subject = Sample().subject;
  const std::string encoded = EncodeHeaderWord(subject);
  EXPECT_EQ(DecodeWords(encoded), subject);
  std::size_t start = 0;
  while (start < encoded.size()) {
    std::size_t end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 75u);
    start = end + 3;
  }
  EXPECT_EQ(EncodeHeaderWord("Appointment confirmed"), "Appointment confirmed");
}

TEST(Mail, ComposesHeadersAndCrlfBody) {
  auto mail = ComposeMail(Sample());
  ASSERT_TRUE(mail) << mail.error().message;
  EXPECT_NE(mail->find("To: <joerg@example.org>\r\n"), std::string::npos);
  EXPECT_NE(mail->find("Message-ID: <amtszeit-outbox-7@hamburg.example>\r\n"), std::string::npos);
  EXPECT_NE(mail->find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(mail->find("\r\n\r\nGuten Tag Jörg,\r\n\r\nZeile zwei\r\n"), std::string::npos);
  EXPECT_EQ(mail->find("\n\n"), std::string::npos);  // no bare line feeds
}

TEST(Mail, RefusesAddressesThatCouldInjectHeaders) {
  for (const char* bad : {"a@b.example\r\nBcc: x@y.example", "<a@b.example>", "a b@c.example",
                          "no-at-sign", "a@b@c.example", ""}) {
    Mail m = Sample();
    m.to = bad;
    EXPECT_FALSE(ComposeMail(m)) << bad;
  }
}

}  // namespace
}  // namespace amtszeit::notify
