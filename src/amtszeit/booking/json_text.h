// Appending JSON text to a string without building a tree first, for answers on the hot path.
// Strings are escaped exactly as boost::json::serialize escapes them, so an answer written here
// is byte for byte what the tree would have given.
//
//   std::string out = "{";
//   AppendKey(out, "location");
//   AppendString(out, "kz-altona");   // {"location":"kz-altona"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace amtszeit::booking {

void AppendString(std::string& out, std::string_view text);
void AppendInt(std::string& out, std::int64_t value);
// "name": (with the quotes and the colon).
inline void AppendKey(std::string& out, std::string_view name) {
  AppendString(out, name);
  out += ':';
}

}  // namespace amtszeit::booking
