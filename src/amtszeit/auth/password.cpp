#include "amtszeit/auth/password.h"

#include <sodium.h>

#include <array>
#include <mutex>
#include <stdexcept>

namespace amtszeit::auth {

namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  });
}

constexpr std::string_view kCommon[] = {"passwort1234", "password1234",  "123456789012",
                                        "hamburg12345", "qwertzuiopü",   "qwertyuiop12",
                                        "passwort123!", "administrator", "amtszeit1234"};

}  // namespace

Result<void> CheckPasswordStrength(std::string_view password) {
  if (password.empty()) return Fail(ErrorCode::kInvalidArgument, "the password is empty");
  if (password.size() < 12) {
    return Fail(ErrorCode::kInvalidArgument, "the password needs at least 12 characters");
  }
  if (password.size() > 256) return Fail(ErrorCode::kInvalidArgument, "the password is too long");
  if (password.find_first_not_of(password.front()) == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "the password repeats one character");
  }
  for (std::string_view common : kCommon) {
    if (password == common) return Fail(ErrorCode::kInvalidArgument, "the password is well known");
  }
  return {};
}

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Fail(ErrorCode::kUnavailable, "not enough memory to hash the password");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::array<char, crypto_pwhash_STRBYTES> stored{};
  std::copy(hash.begin(), hash.end(), stored.begin());
  return crypto_pwhash_str_verify(stored.data(), password.data(), password.size()) == 0;
}

void VerifyAgainstDummy(std::string_view password) {
  static const std::string dummy = [] {
    auto h = HashPassword("no user has this password, it only costs time");
    return h ? *h : std::string();
  }();
  (void)VerifyPassword(dummy, password);
}

std::string RandomToken() {
  EnsureSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> out{};
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(out.data());
}

std::string TokenDigest(std::string_view token) {
  EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

bool SameSecret(std::string_view a, std::string_view b) {
  EnsureSodium();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace amtszeit::auth
