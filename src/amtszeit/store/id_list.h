// Both stores keep a list of ids (an appointment's services) in one text column, joined by
// commas; this reads it back, for either store's rows.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/str_split.h"

namespace amtszeit::store {

inline std::vector<std::string> SplitIds(const std::string& text) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    out.emplace_back(part);
  }
  return out;
}

}  // namespace amtszeit::store
