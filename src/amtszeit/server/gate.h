// The gate every routed request passes (Router::SetGate): it recognises the caller — a staff
// session cookie, or the call centre's bearer key (a phone agent) — enforces CSRF on
// state-changing requests made with the cookie, checks the route's declared Access (401 without
// a caller, 403 for another role or out of scope), runs the handler, and writes an audit entry
// for every successful state-changing request by staff.
#pragma once

#include <string>
#include <string_view>

#include "amtszeit/server/app.h"
#include "amtszeit/server/router.h"

namespace amtszeit::server {

inline constexpr std::string_view kSessionCookie = "amtszeit_session";

Gate MakeGate(App& app);

// The value of cookie `name` in a Cookie header, empty when absent.
std::string CookieValue(std::string_view header, std::string_view name);
// A browser's Origin (or, without it, Referer) names the host the request was sent to. Absent
// headers pass: non-browser clients send neither, and browsers send Origin on every unsafe
// cross-origin request.
bool SameOrigin(const Request& req);
// The JSON with citizens' personal data and secrets removed (for the audit log).
std::string WithoutPersonalData(std::string_view json);

}  // namespace amtszeit::server
