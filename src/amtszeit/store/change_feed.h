// Changes other server nodes committed to a shared store. With PostgreSQL every transaction that
// books, cancels or changes the roster (the booking index's input) or changes a location's queue
// also advances the feed's version and does pg_notify('amtszeit_changes', 'VERSION [index]
// [catalog] [queue:LOCATION]...'); a change to the catalogue (an interim location opened) says
// 'catalog'; a node LISTENs on a connection of its own and, on a change it did not
// make, reloads that part of its view from the store. After a lost connection it compares
// the stored version with the last one it heard of: equal, nothing was missed. A store only one
// process writes (SQLite) has no feed.
//
//   auto loaded = store::ChangeVersion(store);        // before building the view
//   auto feed = store::ListenForChanges(store);       // nullptr for SQLite
//   if ((*feed)->Version() != *loaded) reload;        // changed between the two
//   wait until (*feed)->Socket() is readable, then:
//   auto changed = (*feed)->Drain();                  // error: reconnect, compare versions
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "amtszeit/domain/error.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store {

inline constexpr std::string_view kChangeChannel = "amtszeit_changes";

// What other nodes changed: the booking index's input, the catalogue, some locations' queues, or
// (after missed notifications) possibly anything.
struct Changes {
  bool index = false;
  bool catalog = false;
  bool all_queues = false;
  std::set<std::string, std::less<>> queues;

  bool empty() const { return !index && !catalog && !all_queues && queues.empty(); }
  void Merge(const Changes& o) {
    index = index || o.index;
    catalog = catalog || o.catalog;
    all_queues = all_queues || o.all_queues;
    queues.insert(o.queues.begin(), o.queues.end());
  }
  static Changes Everything() { return {.index = true, .catalog = true, .all_queues = true}; }
};

class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
  // Readable when notifications may have arrived.
  virtual int Socket() const = 0;
  // Consumes what arrived: what other nodes committed since the last call. An error means the
  // connection is gone (notifications may have been missed).
  virtual Result<Changes> Drain() = 0;
  // The newest version this feed knows of: the stored one when it started listening, then the
  // highest a notification named (this node's own changes included).
  virtual std::int64_t Version() const = 0;
};

// A feed for `store`, or nullptr when the store has no other writers to hear about.
Result<std::unique_ptr<ChangeFeed>> ListenForChanges(Store& store);

// The feed's stored version now; 0 for a store without a feed.
Result<std::int64_t> ChangeVersion(Store& store);

}  // namespace amtszeit::store
