// Appointment codes: short and human ("K7M2-Q9XD": read out on the phone, typed at the counter).
// The unguessable token in the citizen's link and its stored hash come from secrets/.
//
//   std::string code = NewAppointmentCode();     // 8 symbols of Crockford base32, ~40 bits
#pragma once

#include <string>
#include <string_view>

namespace amtszeit::booking {

std::string NewAppointmentCode();
// Upper-cases and drops separators, so "k7m2 q9xd" finds "K7M2-Q9XD"; empty when malformed.
std::string NormaliseCode(std::string_view text);

}  // namespace amtszeit::booking
