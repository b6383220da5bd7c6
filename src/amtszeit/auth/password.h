// Passwords and session secrets with libsodium: argon2id hashes (crypto_pwhash_str), random
// tokens, their SHA-256 digests for storage, and comparisons in constant time.
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

// 32 random bytes, URL-safe base64 without padding (43 characters).
std::string RandomToken();
// SHA-256 of a token as lower-case hex: what the store keeps instead of the token.
std::string TokenDigest(std::string_view token);
// Equal length and content, in time independent of where they differ.
bool SameSecret(std::string_view a, std::string_view b);

}  // namespace amtszeit::auth
