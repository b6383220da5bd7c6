// The client side of the proof of work on holds, as a script (or a bot) has to do it: fetch a
// challenge, hash until SHA-256("CHALLENGE.N") has enough leading zero bits, send the hold with
// "X-Proof: CHALLENGE.N". Written against the documented protocol with libsodium's SHA-256, not
// with the server's code.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "support/http_client.h"

namespace amtszeit::testing {

// The leading zero bits of SHA-256(text).
int ProofZeroBits(std::string_view text);
// The first N for which SHA-256("challenge.N") starts with `bits` zero bits; counts the hashes.
std::optional<std::uint64_t> SolveProof(std::string_view challenge, int bits,
                                        std::uint64_t* hashes = nullptr);

struct SolvedChallenge {
  HttpResponse challenge;  // GET /api/v1/challenge
  int bits = 0;
  std::uint64_t hashes = 0;  // the work done
  std::string proof;         // "CHALLENGE.N", empty when there was nothing to solve
};

// Fetches a challenge as the client of `headers` and solves it when one is required.
SolvedChallenge SolveChallenge(HttpClient& c,
                               const std::map<std::string, std::string>& headers = {});

struct ProvenHold : SolvedChallenge {
  HttpResponse hold;  // POST /api/v1/holds
};

// Solves a challenge as the client of `headers` and posts the hold with its proof.
ProvenHold HoldWithProof(HttpClient& c, const std::string& body,
                         const std::map<std::string, std::string>& headers = {});

}  // namespace amtszeit::testing
