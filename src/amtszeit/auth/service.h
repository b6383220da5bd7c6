// Signing staff in and out: checks a name and password against the stored argon2id hash (with
// throttling), creates a session whose random token only the browser keeps (the store keeps its
// digest), and recognises the session on later requests until it idles out, reaches its absolute
// limit, is logged out, or its user is disabled.
//
//   AuthService auth(store, clock);
//   auto in = auth.Login("k.meyer", password, request.client);  // token, CSRF token, who
//   auto who = auth.Authenticate(cookie_token);                 // nullopt: not signed in
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "amtszeit/auth/principal.h"
#include "amtszeit/auth/throttle.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/staff_account.h"
#include "amtszeit/store/store.h"

namespace amtszeit::auth {

struct SessionOptions {
  absl::Duration idle = absl::Minutes(30);
  absl::Duration absolute = absl::Hours(12);
  // last_seen is written at most this often: a read by a signed-in user is not a disk write.
  absl::Duration touch_every = absl::Minutes(1);
};

struct LoginResult {
  std::string token;  // for the cookie; never stored
  std::string csrf_token;
  Principal principal;
  absl::Time expires_at;  // the absolute limit
};

struct LoginRefusal {
  Error error;                 // kUnauthenticated, kTooManyRequests, or a store failure
  absl::Duration retry_after;  // with kTooManyRequests
};

struct Authenticated {
  Principal principal;
  std::string csrf_token;
};

Principal PrincipalOf(const StaffUser& user);

class AuthService {
 public:
  AuthService(store::Store& store, const Clock& clock, SessionOptions sessions = {},
              ThrottleOptions throttle = {})
      : store_(store), clock_(clock), sessions_(sessions), throttle_(store, clock, throttle) {}

  // The same refusal for an unknown name, a wrong password and a disabled account, in about the
  // same time. Blocked (429) while the name or the address is backing off, even when correct.
  std::expected<LoginResult, LoginRefusal> Login(std::string_view name, std::string_view password,
                                                 std::string_view client);
  // nullopt when the token names no live session.
  Result<std::optional<Authenticated>> Authenticate(std::string_view token);
  Result<void> Logout(std::string_view token);

 private:
  store::Store& store_;
  const Clock& clock_;
  SessionOptions sessions_;
  LoginThrottle throttle_;
};

}  // namespace amtszeit::auth
