#include "amtszeit/booking/secrets.h"

#include <sodium.h>

#include <array>
#include <cctype>
#include <stdexcept>

namespace amtszeit::booking {

namespace {

// Crockford's base32 without I, L, O, U: nothing to misread on the phone.
constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void EnsureSodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    return true;
  }();
  (void)ready;
}

}  // namespace

std::string NewAppointmentCode() {
  EnsureSodium();
  std::string code;
  for (int i = 0; i < 8; ++i) {
    if (i == 4) code += '-';
    code += kCodeAlphabet[randombytes_uniform(kCodeAlphabet.size())];
  }
  return code;
}

std::string NewToken() {
  EnsureSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> out{};
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(out.data());
}

std::string HashToken(std::string_view token) {
  EnsureSodium();
  std::array<unsigned char, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return std::string(hex.data());
}

bool TokenMatches(std::string_view token, std::string_view stored_hash) {
  const std::string hash = HashToken(token);
  if (hash.size() != stored_hash.size()) return false;
  return sodium_memcmp(hash.data(), stored_hash.data(), hash.size()) == 0;
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
