#include "support/proof_client.h"

#include <sodium.h>

#include <array>
#include <bit>
#include <boost/json.hpp>

namespace amtszeit::testing {

int ProofZeroBits(std::string_view text) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> d{};
  crypto_hash_sha256(d.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  int bits = 0;
  for (unsigned char b : d) {
    if (b != 0) return bits + std::countl_zero(b);
    bits += 8;
  }
  return bits;
}

std::optional<std::uint64_t> SolveProof(std::string_view challenge, int bits,
                                        std::uint64_t* hashes) {
  const std::string prefix = std::string(challenge) + ".";
  for (std::uint64_t n = 0; n < (1ULL << 34); ++n) {
    if (hashes != nullptr) ++*hashes;
    if (ProofZeroBits(prefix + std::to_string(n)) >= bits) return n;
  }
  return std::nullopt;
}

SolvedChallenge SolveChallenge(HttpClient& c, const std::map<std::string, std::string>& headers) {
  SolvedChallenge out;
  out.challenge = c.Request("GET", "/api/v1/challenge", "", headers);
  if (out.challenge.status == 200 && out.challenge.Json().at("required").as_bool()) {
    const auto& j = out.challenge.Json();
    const std::string challenge(j.at("challenge").as_string());
    out.bits = static_cast<int>(j.at("bits").as_int64());
    if (auto n = SolveProof(challenge, out.bits, &out.hashes)) {
      out.proof = challenge + "." + std::to_string(*n);
    }
  }
  return out;
}

ProvenHold HoldWithProof(HttpClient& c, const std::string& body,
                         const std::map<std::string, std::string>& headers) {
  ProvenHold out;
  static_cast<SolvedChallenge&>(out) = SolveChallenge(c, headers);
  auto with_proof = headers;
  if (!out.proof.empty()) with_proof["X-Proof"] = out.proof;
  out.hold = c.PostJson("/api/v1/holds", body, with_proof);
  return out;
}

}  // namespace amtszeit::testing
