// Checks on uploaded documents that do not trust the client: the content type is taken from the
// file's first bytes (not from what the browser declared), the file name is reduced to a safe
// display name, and base64 from a JSON body is decoded strictly.
//
//   std::string_view type = SniffContentType(bytes);  // "application/pdf", or "" if unknown
//   std::string name = SanitiseFileName("../../etc/passwd");  // "passwd"
#pragma once

#include <string>
#include <string_view>

#include "amtszeit/domain/error.h"

namespace amtszeit::cases {

// "application/pdf", "image/jpeg" or "image/png" by magic bytes; empty for anything else.
std::string_view SniffContentType(std::string_view bytes);

// The last path component, without control characters, quotes, backslashes or characters that
// are special in a Content-Disposition header, at most 100 bytes (not cutting a UTF-8 sequence),
// never empty or a dot name ("document" then). Keeps letters of any script.
std::string SanitiseFileName(std::string_view name);

// Standard base64 (with padding; whitespace not allowed). kInvalidArgument when malformed.
Result<std::string> DecodeBase64(std::string_view text);

// The largest number of bytes `encoded_length` base64 characters can hold.
inline std::size_t DecodedSizeBound(std::size_t encoded_length) {
  return encoded_length / 4 * 3 + 3;
}

}  // namespace amtszeit::cases
