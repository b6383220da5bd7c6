#include "amtszeit/server/proof_http.h"

#include <boost/json.hpp>

#include "amtszeit/domain/civil_time.h"

namespace amtszeit::server {

namespace {

constexpr std::string_view kChallengePath = "/api/v1/challenge";

bool Required(const App& app) { return app.proof != nullptr && app.proof->enabled(); }

Response IssueChallenge(App& app, const Request& req) {
  Response r;
  if (!Required(app)) {
    r = Json({{"required", false}});
  } else {
    const auto c = app.proof->Issue(req.client, ProofBits(app, req.client));
    r = Json({{"required", true},
              {"algorithm", "SHA-256"},
              {"challenge", c.token},
              {"bits", c.bits},
              {"expires_at", FormatInstant(c.expires_at, app.zone)},
              {"header", "X-Proof"}});
  }
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

int ProofBits(const App& app, const std::string& client) {
  if (app.proof == nullptr || !app.proof->enabled()) return 0;
  return app.proof->Bits(app.limits != nullptr ? app.limits->HoldPressure(client) : 0);
}

std::optional<Response> RefuseWithoutProof(App& app, const Request& req, int min_bits,
                                           std::optional<booking::ProofSpend>& solved) {
  if (!Required(app)) return std::nullopt;
  const boost::json::object hint{{"challenge_url", kChallengePath}};
  auto proof = req.Header("x-proof");
  if (!proof || proof->empty()) {
    return Problem(428,
                   "a reservation needs a proof of work: fetch a challenge from "
                   "/api/v1/challenge and send its solution as X-Proof",
                   hint);
  }
  auto verified = app.proof->Verify(*proof, req.client, min_bits);
  if (!verified) return Problem(verified.error(), hint);
  solved =
      booking::ProofSpend{.nonce = std::move(verified->nonce), .expires_at = verified->expires_at};
  return std::nullopt;
}

void AddProofRoutes(Router& router, App& app) {
  router.Add("GET", std::string(kChallengePath), Access::Public(),
             [&app](const Request& r) { return IssueChallenge(app, r); });
}

}  // namespace amtszeit::server
