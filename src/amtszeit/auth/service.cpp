#include "amtszeit/auth/service.h"

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
  auto wait = throttle_.Blocked(keys);
  if (!wait) return std::unexpected(LoginRefusal{.error = wait.error()});
  if (*wait) {
    return std::unexpected(LoginRefusal{
        .error = {ErrorCode::kTooManyRequests, "too many failed sign-ins; try again later"},
        .retry_after = **wait});
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
  auto user = store_.ReadStaffUser(name);
  if (!user) return std::unexpected(LoginRefusal{.error = user.error()});
  if (!*user || (*user)->disabled) {
    VerifyAgainstDummy(password);
    return refused();
  }
  if (!VerifyPassword((*user)->password_hash, password)) return refused();
  if (auto forgot = throttle_.Succeeded(keys); !forgot) {
    return std::unexpected(LoginRefusal{.error = forgot.error()});
  }

  const absl::Time now = clock_.Now();
  LoginResult out{.token = secrets::NewToken(),
                  .csrf_token = secrets::NewToken(),
                  .principal = PrincipalOf(**user),
                  .expires_at = now + sessions_.absolute};
  out.principal.by_cookie = true;
  const StaffSession session{.token_hash = secrets::SessionTokenDigest(out.token),
                             .user_id = (*user)->id,
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
  auto session = store_.ReadStaffSession(digest);
  if (!session) return std::unexpected(session.error());
  if (!*session) return std::nullopt;
  const absl::Time now = clock_.Now();
  const StaffSession& s = **session;
  if (now - s.last_seen > sessions_.idle || now - s.created_at > sessions_.absolute) {
    auto dropped = store_.Write([&](store::WriteTx& tx) { return tx.DeleteStaffSession(digest); });
    if (!dropped) return std::unexpected(dropped.error());
    return std::nullopt;
  }
  auto user = store_.ReadStaffUserById(s.user_id);
  if (!user) return std::unexpected(user.error());
  if (!*user || (*user)->disabled) return std::nullopt;
  if (now - s.last_seen >= sessions_.touch_every) {
    auto touched =
        store_.Write([&](store::WriteTx& tx) { return tx.TouchStaffSession(digest, now); });
    if (!touched) return std::unexpected(touched.error());
  }
  Authenticated out{.principal = PrincipalOf(**user), .csrf_token = s.csrf_token};
  out.principal.by_cookie = true;
  return out;
}

Result<void> AuthService::Logout(std::string_view token) {
  const std::string digest = secrets::SessionTokenDigest(token);
  return store_.Write([&](store::WriteTx& tx) { return tx.DeleteStaffSession(digest); });
}

}  // namespace amtszeit::auth
