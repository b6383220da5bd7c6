// The cap on unconfirmed holds per client: a citizen needs one slot at a time (a few while
// comparing), a bot that holds slots to resell them needs many. A place is reserved before the
// hold is made, so concurrent requests of one client cannot overshoot the cap, and given back
// when the hold is confirmed, cancelled, used for a reschedule or expires.
//
//   OpenHolds open(3, clock);
//   auto place = open.Reserve(client);          // refused: the wait until the oldest hold expires
//   auto receipt = engine.Hold(...);
//   receipt ? open.Commit(client, code, expires_at) : open.Abort(client);
//   ...
//   open.Release(code);                         // after a confirmation
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/clock.h"

namespace amtszeit::server {

class OpenHolds {
 public:
  struct Reservation {
    bool allowed = true;
    absl::Duration retry_after;  // when refused: until the client's earliest hold expires
  };

  // `max_per_client` 0 = no cap.
  OpenHolds(int max_per_client, const Clock& clock);

  Reservation Reserve(const std::string& client);
  // The hold was made; it counts until it is released or `expires_at` passes.
  void Commit(const std::string& client, const std::string& code, absl::Time expires_at);
  // The hold was not made (or was an idempotent replay of one already counted).
  void Abort(const std::string& client);
  // The hold is no longer open. Unknown codes are ignored.
  void Release(std::string_view code);

  int max_per_client() const { return max_; }
  // The client's unexpired holds and reservations in flight; 0 when the cap is off.
  int Count(const std::string& client) const;
  // Clients with open or reserved holds (for tests).
  std::size_t clients() const;

 private:
  struct Held {
    std::string code;
    absl::Time expires_at;
  };
  struct Client {
    int reserved = 0;
    std::vector<Held> holds;
  };

  // REQUIRES: mu_ held.
  void DropExpired(Client& c, absl::Time now);
  void SweepIfDue(absl::Time now);

  const int max_;
  const Clock& clock_;
  // One lock: holds are a few per client and minute and each costs a durable write, so this is
  // never the contended part.
  mutable std::mutex mu_;
  std::unordered_map<std::string, Client> clients_;
  std::unordered_map<std::string, std::string> client_of_;  // hold code -> client
  absl::Time next_sweep_ = absl::InfinitePast();
};

}  // namespace amtszeit::server
