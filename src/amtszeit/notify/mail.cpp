#include "amtszeit/notify/mail.h"

#include <sodium.h>

#include <cstring>

namespace amtszeit::notify {

namespace {

// 45 bytes are 60 base64 characters: with "=?UTF-8?B?" and "?=" a word stays within 75.
constexpr std::size_t kWordBytes = 45;

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

bool IsPlainAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const auto at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == '"' || c == '\\') {
      return false;
    }
  }
  return true;
}

std::string EncodeHeaderWord(std::string_view text) {
  bool ascii = true;
  for (char c : text)
    ascii = ascii && static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
  if (ascii && text.size() <= 70) return std::string(text);
  std::string out;
  while (!text.empty()) {
    // A word must hold whole characters (RFC 2047 §5): never split a UTF-8 sequence.
    std::size_t n = std::min(kWordBytes, text.size());
    while (n < text.size() && n > 0 && Continuation(text[n])) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
  }
  return out;
}

Result<std::string> ComposeMail(const Mail& m) {
  if (!IsPlainAddress(m.from)) return Fail(ErrorCode::kInvalidArgument, "sender address invalid");
  if (!IsPlainAddress(m.to)) return Fail(ErrorCode::kInvalidArgument, "recipient address invalid");
  std::string out;
  out += "Date: " + absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", m.date, absl::UTCTimeZone()) +
         "\r\n";
  out += "From: Hamburg Service vor Ort <" + m.from + ">\r\n";
  out += "To: <" + m.to + ">\r\n";
  out += "Subject: " + EncodeHeaderWord(m.subject) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no vacation replies to this
  out += "\r\n";
  for (char c : m.text) {
    if (c == '\r') continue;
    if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

}  // namespace amtszeit::notify
