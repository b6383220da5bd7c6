#include "amtszeit/booking/secrets.h"

#include <sodium.h>

#include <array>
#include <cctype>

#include "amtszeit/secrets/secrets.h"

namespace amtszeit::booking {

namespace {

// Crockford's base32 without I, L, O, U: nothing to misread on the phone.
constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string NewAppointmentCode() {
  static_assert(256 % kCodeAlphabet.size() == 0, "a byte maps onto the alphabet uniformly");
  secrets::EnsureSodium();
  // One draw for all eight symbols: each draw is a system call (getrandom).
  std::array<unsigned char, 8> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string code;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4) code += '-';
    code += kCodeAlphabet[bytes[i] % kCodeAlphabet.size()];
  }
  return code;
}

std::string NormaliseCode(std::string_view text) {
  std::string symbols;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (kCodeAlphabet.find(up) == std::string_view::npos) return {};
    symbols += up;
  }
  if (symbols.size() != 8) return {};
  return symbols.substr(0, 4) + "-" + symbols.substr(4);
}

}  // namespace amtszeit::booking
