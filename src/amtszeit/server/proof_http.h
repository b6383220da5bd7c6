// The proof of work over HTTP: GET /api/v1/challenge hands a client its challenge, and a
// citizen's POST /api/v1/holds must carry the solution as `X-Proof: CHALLENGE.SOLUTION`.
#pragma once

#include <optional>
#include <string>

#include "amtszeit/server/app.h"
#include "amtszeit/server/http.h"

namespace amtszeit::server {

// The difficulty `client` must solve now (0 when the proof is off).
int ProofBits(const App& app, const std::string& client);

// For a citizen's hold (the caller exempts the call centre): 428 when the proof is missing, 403
// when it is wrong, expired, for another address, too easy or used before; nullopt when it is good
// (it is then spent).
std::optional<Response> RefuseWithoutProof(App& app, const Request& req, int min_bits);

}  // namespace amtszeit::server
