// Proof of work on holds: before a citizen's browser may hold a slot it spends a fraction of a
// second hashing, which a person does not notice and a bot that grabs thousands of slots pays
// for every time. No third party, no puzzle, nothing about the person is stored.
//
// A challenge is stateless: a random nonce, its expiry and its difficulty in bits, MACed with a
// server key (libsodium crypto_auth, HMAC-SHA-512-256) together with the client's address, so it
// is valid only for the client it was issued to. A solution is a decimal counter such that
// SHA-256("CHALLENGE.SOLUTION") starts with that many zero bits; the browser finds it in a Web
// Worker with crypto.subtle. A spent challenge is remembered until it expires (bounded), so each
// buys one hold. The difficulty grows with how much the client holds (ClientLimits::HoldPressure).
//
//   ProofOfWork pow({}, clock);
//   Challenge c = pow.Issue(client, pow.Bits(limits.HoldPressure(client)));
//   ...
//   if (auto ok = pow.Verify(request.Header("x-proof"), client, needed); !ok) ...  // 403
#pragma once

#include <sodium.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/error.h"

namespace amtszeit::server {

struct ProofOptions {
  // Difficulty for a client that holds nothing: 2^bits hashes on average. 0 turns the proof off.
  int base_bits = 12;
  int bits_per_hold = 1;  // added per unit of the client's hold pressure
  int max_bits = 24;
  absl::Duration lifetime = absl::Minutes(5);
  std::size_t max_spent = 100'000;  // spent challenges remembered at once
};

struct Challenge {
  std::string token;  // base64url, no dots
  int bits = 0;
  absl::Time expires_at;
};

class ProofOfWork {
 public:
  static constexpr std::size_t kKeyBytes = crypto_auth_KEYBYTES;
  using Key = std::array<unsigned char, kKeyBytes>;

  // A random key: challenges end with the process, which costs a citizen one more fetch.
  ProofOfWork(const ProofOptions& options, const Clock& clock);
  ProofOfWork(const ProofOptions& options, const Clock& clock, const Key& key);

  bool enabled() const { return options_.base_bits > 0; }
  // The difficulty for a client with this hold pressure.
  int Bits(int pressure) const;

  Challenge Issue(std::string_view client, int bits) const;

  // Checks `proof` ("CHALLENGE.SOLUTION") for `client`: issued by this server to this client, not
  // expired, at least `min_bits` hard, solved, and not used before; then marks it spent.
  // kForbidden with the reason otherwise; kUnavailable when too many are spent at once.
  Result<void> Verify(std::string_view proof, std::string_view client, int min_bits);

  std::size_t spent() const;

 private:
  const ProofOptions options_;
  const Clock& clock_;
  Key key_{};

  mutable std::mutex mu_;
  std::unordered_set<std::string> spent_;  // nonces
  using Expiry = std::pair<absl::Time, std::string>;
  std::priority_queue<Expiry, std::vector<Expiry>, std::greater<>> expiries_;  // earliest on top
};

// The number of leading zero bits of SHA-256(text).
int LeadingZeroBits(std::string_view text);
// The first counter whose proof "challenge.N" has `bits` leading zero bits, trying at most
// `max_tries` (for tests and for clients written in C++).
std::optional<std::uint64_t> SolveChallenge(std::string_view challenge, int bits,
                                            std::uint64_t max_tries = 1ULL << 32);

}  // namespace amtszeit::server
