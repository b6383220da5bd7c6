// Changes other server nodes committed to a shared store. With PostgreSQL every transaction that
// books, cancels or changes the roster also does pg_notify('amtszeit_changes'); a node LISTENs on
// a connection of its own and, on a change it did not make, reloads its view from the store. A
// store only one process writes (SQLite) has no feed.
//
//   auto feed = store::ListenForChanges(store);      // nullptr for SQLite
//   wait until (*feed)->Socket() is readable, then:
//   auto changed = (*feed)->Drain();                 // error: reconnect, then resync fully
#pragma once

#include <memory>

#include "amtszeit/domain/error.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store {

inline constexpr std::string_view kChangeChannel = "amtszeit_changes";

class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
  // Readable when notifications may have arrived.
  virtual int Socket() const = 0;
  // Consumes what arrived: true when another node committed a change since the last call. An
  // error means the connection is gone (notifications may have been missed).
  virtual Result<bool> Drain() = 0;
};

// A feed for `store`, or nullptr when the store has no other writers to hear about.
Result<std::unique_ptr<ChangeFeed>> ListenForChanges(Store& store);

}  // namespace amtszeit::store
