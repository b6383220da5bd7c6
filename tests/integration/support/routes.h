// Every route the server has, as Router::Routes() names them ("GET /api/v1/slots"), read from
// the same AddAllRoutes() the server runs, so tests that must cover every route notice a new one.
#pragma once

#include <string>
#include <vector>

namespace amtszeit::testing {

std::vector<std::string> ServerRoutes();

}  // namespace amtszeit::testing
