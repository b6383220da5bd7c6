// Keeps a node's booking index in step with other nodes on a shared PostgreSQL store: waits on the
// store's change feed inside the server's Asio loop (the libpq socket) and, on another node's
// change, has the engine reload from the store on a worker. Bursts of changes coalesce into one
// reload; after a lost connection it reconnects every second and reloads in full, since
// notifications may have been missed meanwhile. With SQLite it does nothing.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <optional>

#include "amtszeit/store/change_feed.h"

namespace amtszeit::server {

class ChangeListener {
 public:
  // `reload` runs on `workers`, never twice at once.
  ChangeListener(boost::asio::io_context& ioc, boost::asio::thread_pool& workers,
                 store::Store& store, std::function<void()> reload);
  ~ChangeListener();

  // Starts listening (a no-op for stores without a feed). Errors: the feed cannot connect.
  Result<void> Start();
  void Stop();

 private:
  void Arm();
  void Reconnect();
  void RequestReload();
  Result<void> Attach(std::unique_ptr<store::ChangeFeed> feed);

  boost::asio::io_context& ioc_;
  boost::asio::thread_pool& workers_;
  store::Store& store_;
  std::function<void()> reload_;
  std::unique_ptr<store::ChangeFeed> feed_;
  std::optional<boost::asio::posix::stream_descriptor> socket_;
  boost::asio::steady_timer retry_;
  std::atomic<bool> reload_pending_ = false;
  std::atomic<bool> stopped_ = false;
};

}  // namespace amtszeit::server
