// The request target ("/api/v1/slots?services=a,b&from=…") as routes see it: the decoded path
// and the decoded query parameters in order. Everything a client sends passes through here first,
// so it is one of the fuzzed entry points.
#pragma once

#include <string_view>

#include "amtszeit/domain/error.h"
#include "amtszeit/server/http.h"

namespace amtszeit::server {

// Sets `out.path` and `out.query`; kInvalidArgument for a target that is not a valid
// origin-form or whose path segments decode to a '/' or a NUL.
Result<void> ParseTarget(std::string_view target, Request& out);

}  // namespace amtszeit::server
