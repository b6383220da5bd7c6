// Internal to domain/: one table per enum gives both directions of its lower-snake-case spelling,
// so ToString and Parse cannot drift apart.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "amtszeit/domain/error.h"

namespace amtszeit::internal {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
std::string_view NameOf(const EnumNames<E, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

// `what` names the field in the error: "unknown shift mode 'x' (appointments, walk_in, ...)".
template <typename E, std::size_t N>
Result<E> ValueOf(const EnumNames<E, N>& names, std::string_view text, std::string_view what) {
  for (const auto& [v, name] : names) {
    if (name == text) return v;
  }
  std::string known;
  for (const auto& [v, name] : names) {
    if (!known.empty()) known += ", ";
    known += name;
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown {} '{}' ({})", what, text, known);
}

}  // namespace amtszeit::internal
