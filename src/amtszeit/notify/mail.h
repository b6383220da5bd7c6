// An RFC 5322 message of plain UTF-8 text: the subject as RFC 2047 encoded words, the body 8-bit
// with CRLF line ends. The Message-ID is derived from the outbox row, so a retry of the same
// message carries the same id and a receiving system can drop the duplicate.
#pragma once

#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit::notify {

struct Mail {
  std::string from;  // bare address: "termine@hamburg.example"
  std::string to;
  std::string subject;
  std::string text;        // lines end in "\n"
  std::string message_id;  // without angle brackets
  absl::Time date;
};

// kInvalidArgument when an address could smuggle in headers or is not an address.
Result<std::string> ComposeMail(const Mail& mail);

// "=?UTF-8?B?...?=" words of at most 75 characters, folded; plain ASCII stays as it is.
std::string EncodeHeaderWord(std::string_view text);

// A plain address a header or an SMTP envelope may carry: one '@', no spaces, controls,
// brackets or commas.
bool IsPlainAddress(std::string_view address);

}  // namespace amtszeit::notify
