// Signing staff in and out: checks a name and password against the stored argon2id hash (with
// throttling), creates a session whose random token only the browser keeps (the store keeps its
// digest), and recognises the session on later requests until it idles out, reaches its absolute
// limit, is logged out, or its user is disabled.
//
//   AuthService auth(store, clock);
//   auto in = auth.Login("k.meyer", password, request.client);  // token, CSRF token, who
//   auto who = auth.Authenticate(cookie_token);                 // nullopt: not signed in
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

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
  // last_seen moves at most this often: a read by a signed-in user is not a disk write.
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

  // Writes the last-seen times that Authenticate noted since the last flush, all in one
  // transaction. The server calls it from its background tick and once when it stops.
  //
  // Why not on the request: Authenticate runs on an I/O thread for every staff request, and a
  // store write there makes every signed-in GET wait for the database's writer (behind booking
  // group commits on SQLite). The idle rule needs last_seen only to the minute (touch_every), so
  // a request notes the new time in memory, Authenticate judges expiry by the later of the stored
  // and the noted time (the rule stays exact on this node), and the write follows within a tick.
  // What a crash loses is at most a tick of "last seen", which only shortens a session.
  Result<void> FlushTouches();
  // Sessions whose last-seen time waits for FlushTouches.
  std::size_t pending_touches() const;
  // Session rows FlushTouches has written so far (for tests: N requests within a minute write
  // one row at most).
  std::size_t touches_written() const;

 private:
  store::Store& store_;
  const Clock& clock_;
  SessionOptions sessions_;
  LoginThrottle throttle_;

  mutable std::mutex touch_mu_;
  std::unordered_map<std::string, absl::Time> touches_;  // session digest -> last seen, unwritten
  std::size_t touches_written_ = 0;
};

}  // namespace amtszeit::auth
