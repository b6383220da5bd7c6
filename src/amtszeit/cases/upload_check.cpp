#include "amtszeit/cases/upload_check.h"

#include <sodium.h>

#include <algorithm>

namespace amtszeit::cases {

std::string_view SniffContentType(std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  if (starts("%PDF-")) return "application/pdf";
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts(std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
  return {};
}

std::string SanitiseFileName(std::string_view name) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) continue;
    if (c == '"' || c == '\'' || c == ';' || c == '<' || c == '>' || c == '|' || c == '*' ||
        c == '?' || c == ':' || c == '%' || c == '`') {
      out += '_';
      continue;
    }
    out += c;
  }
  // Trim spaces and dots at both ends: "..", " .pdf " and trailing dots are no names.
  const auto first = out.find_first_not_of(" .");
  if (first == std::string::npos) return "document";
  out = out.substr(first, out.find_last_not_of(" .") - first + 1);
  if (out.size() > 100) {
    std::size_t cut = 100;
    // Back off to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out.empty() ? "document" : out;
}

Result<std::string> DecodeBase64(std::string_view text) {
  if (sodium_init() < 0) return Fail(ErrorCode::kInternal, "libsodium failed to initialise");
  std::string out(DecodedSizeBound(text.size()), '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return Fail(ErrorCode::kInvalidArgument, "document data is not valid base64");
  }
  out.resize(length);
  return out;
}

}  // namespace amtszeit::cases
