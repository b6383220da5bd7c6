// Random tokens and what the store keeps instead of them, with libsodium: one place for the
// secrets in citizens' links (appointments, tickets, waitlist entries, online cases) and in staff
// sessions. Only digests are stored, so a copy of the database manages nothing and signs no one
// in; comparisons run in constant time.
//
// Two digests, because both are already stored and must keep matching: citizens' link tokens
// have hex BLAKE2b-256 (LinkTokenHash), staff session tokens hex SHA-256 (SessionTokenDigest).
//
//   std::string token = secrets::NewToken();                 // 256 bits, base64url
//   row.token_hash = secrets::LinkTokenHash(token);
//   if (secrets::LinkTokenMatches(typed, row.token_hash)) ...
#pragma once

#include <string>
#include <string_view>

namespace amtszeit::secrets {

// Initialises libsodium once; throws (at start-up) when the library cannot be used.
void EnsureSodium();

// 32 random bytes, URL-safe base64 without padding (43 characters).
std::string NewToken();

// Hex BLAKE2b-256: the stored form of a citizen's link token.
std::string LinkTokenHash(std::string_view token);
// Whether `token` hashes to `stored_hash`, in constant time.
bool LinkTokenMatches(std::string_view token, std::string_view stored_hash);

// Hex SHA-256: the stored form of a staff session's token.
std::string SessionTokenDigest(std::string_view token);

// Equal length and content, in time independent of where they differ.
bool SameSecret(std::string_view a, std::string_view b);

}  // namespace amtszeit::secrets
