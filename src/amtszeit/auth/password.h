// Staff passwords with libsodium: argon2id hashes (crypto_pwhash_str) and their strength check.
// Session tokens, their digests and constant-time comparisons are in secrets/.
//
//   auto hash = HashPassword("a long passphrase");   // "$argon2id$v=19$m=..."
//   if (VerifyPassword(*hash, typed)) ...
#pragma once

#include <string>
#include <string_view>

#include "amtszeit/domain/error.h"

namespace amtszeit::auth {

// Refuses empty, short (< 12 characters), single-character and well-known passwords.
Result<void> CheckPasswordStrength(std::string_view password);
// argon2id with libsodium's interactive limits (64 MiB, 2 passes).
Result<std::string> HashPassword(std::string_view password);
// Verifies against a stored hash; false for a wrong password or a malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);
// Costs about as much as VerifyPassword, for unknown or disabled users, so that response times
// do not reveal which names exist.
void VerifyAgainstDummy(std::string_view password);

}  // namespace amtszeit::auth
