// Keeps a node's booking index and walk-in queues in step with other nodes on a shared PostgreSQL
// store: waits on the store's change feed inside the server's Asio loop (the libpq socket) and,
// on another node's change, has the engine (or the queue of the location) reload from the store
// on a worker. Bursts of changes coalesce into one reload. After a lost connection it reconnects
// every second and reloads only when the feed's stored version moved past the last one it heard of
// (a change it may have missed). With SQLite it does nothing.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "amtszeit/store/change_feed.h"

namespace amtszeit::server {

class ChangeListener {
 public:
  // `reload` runs on `workers` with what changed.
  ChangeListener(boost::asio::io_context& ioc, boost::asio::thread_pool& workers,
                 store::Store& store, std::function<void(const store::Changes&)> reload);
  ~ChangeListener();

  // Starts listening (a no-op for stores without a feed); reloads once when the feed's version is
  // no longer `loaded_version` (store::ChangeVersion before the view was built). Errors: the feed
  // cannot connect.
  Result<void> Start(std::int64_t loaded_version);
  void Stop();

 private:
  void Arm();
  void Reconnect();
  void RequestReload(const store::Changes& changes);
  Result<void> Attach(std::unique_ptr<store::ChangeFeed> feed);

  boost::asio::io_context& ioc_;
  boost::asio::thread_pool& workers_;
  store::Store& store_;
  std::function<void(const store::Changes&)> reload_;
  std::unique_ptr<store::ChangeFeed> feed_;
  std::optional<boost::asio::posix::stream_descriptor> socket_;
  boost::asio::steady_timer retry_;
  std::int64_t seen_version_ = 0;  // the newest change this node heard of; on the Asio loop only
  std::mutex pending_mu_;
  store::Changes pending_;      // GUARDED_BY(pending_mu_)
  bool reload_posted_ = false;  // GUARDED_BY(pending_mu_)
  std::atomic<bool> stopped_ = false;
};

}  // namespace amtszeit::server
