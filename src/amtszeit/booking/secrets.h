// Appointment codes and tokens. The code is short and human ("K7M2-Q9XD": read out on the
// phone, typed at the counter); the token is the unguessable secret in the citizen's link. Only a
// hash of the token is stored, so a copy of the database does not let anyone manage appointments.
//
//   std::string code = NewAppointmentCode();     // 8 symbols of Crockford base32, ~40 bits
//   std::string token = NewToken();              // 256 bits, base64url
//   bool ok = TokenMatches(token, appointment.token_hash);
#pragma once

#include <string>
#include <string_view>

namespace amtszeit::booking {

std::string NewAppointmentCode();
std::string NewToken();
// Hex BLAKE2b-256 of the token.
std::string HashToken(std::string_view token);
// Constant-time comparison of the token's hash with a stored hash.
bool TokenMatches(std::string_view token, std::string_view stored_hash);
// Upper-cases and drops separators, so "k7m2 q9xd" finds "K7M2-Q9XD"; empty when malformed.
std::string NormaliseCode(std::string_view text);

}  // namespace amtszeit::booking
