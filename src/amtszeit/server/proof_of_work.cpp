#include "amtszeit/server/proof_of_work.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <stdexcept>

namespace amtszeit::server {

namespace {

constexpr unsigned char kVersion = 1;
constexpr std::size_t kNonceBytes = 16;
// version, expiry (unix seconds, big-endian), bits, nonce
constexpr std::size_t kPayloadBytes = 1 + 8 + 1 + kNonceBytes;
constexpr std::size_t kTokenBytes = kPayloadBytes + crypto_auth_BYTES;
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

void EnsureSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

// The MAC covers the payload and the client, so a challenge is useless from another address.
std::array<unsigned char, crypto_auth_BYTES> Mac(const ProofOfWork::Key& key,
                                                 const unsigned char* payload,
                                                 std::string_view client) {
  std::vector<unsigned char> message(payload, payload + kPayloadBytes);
  message.insert(message.end(), client.begin(), client.end());
  std::array<unsigned char, crypto_auth_BYTES> mac{};
  crypto_auth(mac.data(), message.data(), message.size(), key.data());
  return mac;
}

std::string Base64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::array<unsigned char, kTokenBytes>> DecodeToken(std::string_view text) {
  std::array<unsigned char, kTokenBytes> bytes{};
  std::size_t size = 0;
  const char* end = nullptr;
  if (text.size() != sodium_base64_encoded_len(kTokenBytes, kVariant) - 1) return std::nullopt;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &size, &end,
                        kVariant) != 0 ||
      size != kTokenBytes || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return bytes;
}

bool IsCounter(std::string_view s) {
  return !s.empty() && s.size() <= 20 &&
         std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

int LeadingZeroBits(std::string_view text) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  int bits = 0;
  for (unsigned char byte : digest) {
    if (byte != 0) return bits + std::countl_zero(byte);
    bits += 8;
  }
  return bits;
}

std::optional<std::uint64_t> SolveChallenge(std::string_view challenge, int bits,
                                            std::uint64_t max_tries) {
  std::string text(challenge);
  text += '.';
  const std::size_t prefix = text.size();
  for (std::uint64_t n = 0; n < max_tries; ++n) {
    text.resize(prefix);
    text += std::to_string(n);
    if (LeadingZeroBits(text) >= bits) return n;
  }
  return std::nullopt;
}

ProofOfWork::ProofOfWork(const ProofOptions& options, const Clock& clock)
    : options_(options), clock_(clock) {
  EnsureSodium();
  crypto_auth_keygen(key_.data());
}

ProofOfWork::ProofOfWork(const ProofOptions& options, const Clock& clock, const Key& key)
    : options_(options), clock_(clock), key_(key) {
  EnsureSodium();
}

int ProofOfWork::Bits(int pressure) const {
  if (!enabled()) return 0;
  const long bits = options_.base_bits +
                    static_cast<long>(options_.bits_per_hold) * std::clamp(pressure, 0, 1000);
  return static_cast<int>(std::clamp<long>(bits, 1, std::max(options_.max_bits, 1)));
}

Challenge ProofOfWork::Issue(std::string_view client, int bits) const {
  const absl::Time expires = clock_.Now() + options_.lifetime;
  std::array<unsigned char, kTokenBytes> token{};
  token[0] = kVersion;
  const auto seconds = static_cast<std::uint64_t>(absl::ToUnixSeconds(expires));
  for (int i = 0; i < 8; ++i) token[1 + i] = static_cast<unsigned char>(seconds >> (56 - 8 * i));
  token[9] = static_cast<unsigned char>(std::clamp(bits, 0, 255));
  randombytes_buf(token.data() + 10, kNonceBytes);
  const auto mac = Mac(key_, token.data(), client);
  std::ranges::copy(mac, token.begin() + kPayloadBytes);
  return {.token = Base64(token.data(), token.size()),
          .bits = token[9],
          .expires_at = absl::FromUnixSeconds(static_cast<std::int64_t>(seconds))};
}

Result<SolvedChallenge> ProofOfWork::Verify(std::string_view proof, std::string_view client,
                                            int min_bits) {
  const std::size_t dot = proof.rfind('.');
  if (dot == std::string_view::npos) {
    return Fail(ErrorCode::kForbidden, "the proof of work is malformed");
  }
  const std::string_view challenge = proof.substr(0, dot);
  if (!IsCounter(proof.substr(dot + 1))) {
    return Fail(ErrorCode::kForbidden, "the proof of work is malformed");
  }
  const auto token = DecodeToken(challenge);
  if (!token || (*token)[0] != kVersion) {
    return Fail(ErrorCode::kForbidden, "the proof of work is malformed");
  }
  const auto mac = Mac(key_, token->data(), client);
  if (sodium_memcmp(mac.data(), token->data() + kPayloadBytes, mac.size()) != 0) {
    return Fail(ErrorCode::kForbidden,
                "the challenge was not issued by this server to this address");
  }
  std::uint64_t seconds = 0;
  for (int i = 0; i < 8; ++i) seconds = (seconds << 8) | (*token)[1 + i];
  const absl::Time expires = absl::FromUnixSeconds(static_cast<std::int64_t>(seconds));
  const absl::Time now = clock_.Now();
  if (expires <= now) return Fail(ErrorCode::kForbidden, "the challenge has expired");
  const int bits = (*token)[9];
  const bool solved = LeadingZeroBits(proof) >= bits;

  std::string nonce(reinterpret_cast<const char*>(token->data() + 10), kNonceBytes);
  std::lock_guard lock(mu_);
  while (!expiries_.empty() && expiries_.top().first <= now) {
    spent_.erase(expiries_.top().second);
    expiries_.pop();
  }
  if (spent_.contains(nonce)) {
    return Fail(ErrorCode::kForbidden, "this challenge has been used already; fetch a new one");
  }
  if (bits < min_bits) {
    return Fail(ErrorCode::kForbidden,
                "the challenge is easier than your address now needs ({} bits); fetch a new one",
                min_bits);
  }
  if (!solved) return Fail(ErrorCode::kForbidden, "the proof of work does not solve the challenge");
  if (spent_.size() >= options_.max_spent) {
    return Fail(ErrorCode::kUnavailable, "too many reservations at once; try again shortly");
  }
  std::string hex(kNonceBytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), token->data() + 10, kNonceBytes);
  hex.pop_back();
  spent_.insert(nonce);
  expiries_.emplace(expires, std::move(nonce));
  return SolvedChallenge{.nonce = std::move(hex), .expires_at = expires};
}

std::size_t ProofOfWork::spent() const {
  std::lock_guard lock(mu_);
  return spent_.size();
}

Result<ProofOfWork::Key> SharedProofKey(store::Store& store) {
  EnsureSodium();
  ProofOfWork::Key candidate;
  crypto_auth_keygen(candidate.data());
  std::string hex(candidate.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), candidate.data(), candidate.size());
  hex.pop_back();
  sodium_memzero(candidate.data(), candidate.size());
  std::string stored;
  auto written = store.Write([&](store::WriteTx& tx) -> Result<void> {
    auto value = tx.SharedSecret("proof_of_work.key", hex);
    if (!value) return std::unexpected(value.error());
    stored = std::move(*value);
    return {};
  });
  if (!written) return std::unexpected(written.error());
  ProofOfWork::Key key;
  std::size_t length = 0;
  if (sodium_hex2bin(key.data(), key.size(), stored.data(), stored.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != key.size()) {
    return Fail(ErrorCode::kDataLoss, "the stored proof-of-work key is damaged");
  }
  return key;
}

}  // namespace amtszeit::server
