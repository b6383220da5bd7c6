#include "amtszeit/auth/service.h"

#include <algorithm>

#include "amtszeit/auth/password.h"
#include "amtszeit/secrets/secrets.h"

namespace amtszeit::auth {

Principal PrincipalOf(const StaffUser& user) {
  auto role = ParseRole(user.role);
  // A role this build does not know gets the narrowest one: it can read nothing staff-only
  // beyond a phone agent's city-wide lookups.
  return Principal{.user_id = user.id,
                   .name = user.name,
                   .role = role ? *role : Role::kPhoneAgent,
                   .location_id = user.location_id,
                   .district_id = user.district_id};
}

std::expected<LoginResult, LoginRefusal> AuthService::Login(std::string_view name,
                                                            std::string_view password,
                                                            std::string_view client) {
  const std::vector<std::string> keys = {"user:" + std::string(name),
                                         "addr:" + std::string(client)};
  auto blocked = throttle_.Blocked(keys);
  if (!blocked) return std::unexpected(LoginRefusal{.error = blocked.error()});
  if (const std::optional<absl::Duration>& wait = *blocked; wait) {
    return std::unexpected(LoginRefusal{
        .error = {ErrorCode::kTooManyRequests, "too many failed sign-ins; try again later"},
        .retry_after = *wait});
  }
  const auto refused = [&]() -> std::expected<LoginResult, LoginRefusal> {
    // A failure that cannot be counted refuses as a store failure: no uncounted guesses.
    if (auto counted = throttle_.Failed(keys); !counted) {
      return std::unexpected(LoginRefusal{.error = counted.error()});
    }
    return std::unexpected(
        LoginRefusal{.error = {ErrorCode::kUnauthenticated, "name or password is wrong"}});
  };
  if (name.empty() || name.size() > 100 || password.size() > 256) return refused();
  auto read = store_.ReadStaffUser(name);
  if (!read) return std::unexpected(LoginRefusal{.error = read.error()});
  const std::optional<StaffUser>& user = *read;
  if (!user || user->disabled) {
    VerifyAgainstDummy(password);
    return refused();
  }
  if (!VerifyPassword(user->password_hash, password)) return refused();
  if (auto forgot = throttle_.Succeeded(keys); !forgot) {
    return std::unexpected(LoginRefusal{.error = forgot.error()});
  }

  const absl::Time now = clock_.Now();
  LoginResult out{.token = secrets::NewToken(),
                  .csrf_token = secrets::NewToken(),
                  .principal = PrincipalOf(*user),
                  .expires_at = now + sessions_.absolute};
  out.principal.by_cookie = true;
  const StaffSession session{.token_hash = secrets::SessionTokenDigest(out.token),
                             .user_id = user->id,
                             .csrf_token = out.csrf_token,
                             .created_at = now,
                             .last_seen = now};
  auto written = store_.Write([&](store::WriteTx& tx) { return tx.PutStaffSession(session); });
  if (!written) return std::unexpected(LoginRefusal{.error = written.error()});
  return out;
}

Result<std::optional<Authenticated>> AuthService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  // Looked up by digest: the database compares hashes, so timing says nothing about the token.
  const std::string digest = secrets::SessionTokenDigest(token);
  auto read = store_.ReadStaffSession(digest);
  if (!read) return std::unexpected(read.error());
  const std::optional<StaffSession>& session = *read;
  if (!session) return std::nullopt;
  const absl::Time now = clock_.Now();
  const StaffSession& s = *session;
  absl::Time last_seen = s.last_seen;
  {
    std::lock_guard lock(touch_mu_);
    if (auto it = touches_.find(digest); it != touches_.end()) {
      last_seen = std::max(last_seen, it->second);
    }
  }
  if (now - last_seen > sessions_.idle || now - s.created_at > sessions_.absolute) {
    {
      std::lock_guard lock(touch_mu_);
      touches_.erase(digest);
    }
    auto dropped = store_.Write([&](store::WriteTx& tx) { return tx.DeleteStaffSession(digest); });
    if (!dropped) return std::unexpected(dropped.error());
    return std::nullopt;
  }
  auto read_user = store_.ReadStaffUserById(s.user_id);
  if (!read_user) return std::unexpected(read_user.error());
  const std::optional<StaffUser>& user = *read_user;
  if (!user || user->disabled) return std::nullopt;
  if (now - last_seen >= sessions_.touch_every) {
    std::lock_guard lock(touch_mu_);
    absl::Time& noted = touches_[digest];
    noted = std::max(noted, now);
  }
  Authenticated out{.principal = PrincipalOf(*user), .csrf_token = s.csrf_token};
  out.principal.by_cookie = true;
  return out;
}

Result<void> AuthService::Logout(std::string_view token) {
  const std::string digest = secrets::SessionTokenDigest(token);
  {
    std::lock_guard lock(touch_mu_);
    touches_.erase(digest);
  }
  return store_.Write([&](store::WriteTx& tx) { return tx.DeleteStaffSession(digest); });
}

Result<void> AuthService::FlushTouches() {
  std::unordered_map<std::string, absl::Time> batch;
  {
    std::lock_guard lock(touch_mu_);
    batch.swap(touches_);
  }
  if (batch.empty()) return {};
  auto written = store_.Write([&](store::WriteTx& tx) -> Result<void> {
    for (const auto& [digest, at] : batch) {
      if (auto touched = tx.TouchStaffSession(digest, at); !touched) return touched;
    }
    return {};
  });
  std::lock_guard lock(touch_mu_);
  if (!written) {
    // Kept for the next flush; a newer time noted meanwhile wins.
    for (auto& [digest, at] : batch) {
      absl::Time& noted = touches_[digest];
      noted = std::max(noted, at);
    }
    return written;
  }
  touches_written_ += batch.size();
  return {};
}

std::size_t AuthService::pending_touches() const {
  std::lock_guard lock(touch_mu_);
  return touches_.size();
}

std::size_t AuthService::touches_written() const {
  std::lock_guard lock(touch_mu_);
  return touches_written_;
}

}  // namespace amtszeit::auth
