// What the steering routes read from a request: the id in the path, who acts and why, a day range.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

#include "absl/time/civil_time.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/body.h"
#include "amtszeit/server/http.h"
#include "amtszeit/steering/steering.h"

namespace amtszeit::server {

// The positive integer {id} of the path; nullopt answers 404.
std::optional<std::int64_t> IdParam(const Request& req);
// Who and why: ActorName (actor.h) and the reason from the body or the DELETE query. The
// steering module checks them.
Result<steering::Actor> ActorOf(const Request& req, const Body& body);
steering::Actor ActorOf(const Request& req);
// The request's day range: from..to, defaulting to today..today+days-1, at most `max` days.
Result<std::pair<absl::CivilDay, absl::CivilDay>> DayRange(const App& app, const Request& req,
                                                           int days, int max);

}  // namespace amtszeit::server
