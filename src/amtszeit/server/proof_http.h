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
// when it is wrong, expired, for another address, too easy or used before on this node; nullopt
// when it is good, with the solution in `solved` (the hold spends it in the store) unless the
// proof is off.
std::optional<Response> RefuseWithoutProof(App& app, const Request& req, int min_bits,
                                           std::optional<booking::ProofSpend>& solved);

}  // namespace amtszeit::server
