#include "amtszeit/auth/password.h"

#include <sodium.h>

#include <array>
#include <mutex>
#include <stdexcept>

#include "amtszeit/secrets/secrets.h"

namespace amtszeit::auth {

namespace {

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
  secrets::EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Fail(ErrorCode::kUnavailable, "not enough memory to hash the password");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  secrets::EnsureSodium();
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

}  // namespace amtszeit::auth
