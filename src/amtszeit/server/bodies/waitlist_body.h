// The body of joining the waitlist, decoded without the request (the fuzzer links it alone).
#pragma once

#include <boost/json.hpp>

#include "amtszeit/domain/error.h"
#include "amtszeit/waitlist/join_request.h"

namespace amtszeit::server {

// Services, centres, districts, time windows, the latest day, a move-in date and the contact
// (name and e-mail or phone, each at most 200 characters). Unknown members are refused.
Result<waitlist::JoinRequest> DecodeJoin(boost::json::value json);

}  // namespace amtszeit::server
