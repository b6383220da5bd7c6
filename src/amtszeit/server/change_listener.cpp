#include "amtszeit/server/change_listener.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <chrono>

namespace amtszeit::server {

namespace asio = boost::asio;

ChangeListener::ChangeListener(asio::io_context& ioc, asio::thread_pool& workers,
                               store::Store& store, std::function<void()> reload)
    : ioc_(ioc), workers_(workers), store_(store), reload_(std::move(reload)), retry_(ioc) {}

ChangeListener::~ChangeListener() { Stop(); }

Result<void> ChangeListener::Start() {
  auto feed = store::ListenForChanges(store_);
  if (!feed) return std::unexpected(feed.error());
  if (*feed == nullptr) return {};
  if (auto ok = Attach(std::move(*feed)); !ok) return ok;
  spdlog::info("listening for other nodes' changes");
  return {};
}

void ChangeListener::Stop() {
  stopped_ = true;
  retry_.cancel();
  if (socket_) {
    boost::system::error_code ignored;
    socket_->cancel(ignored);
    socket_.reset();
  }
}

Result<void> ChangeListener::Attach(std::unique_ptr<store::ChangeFeed> feed) {
  // The descriptor closes what it owns: give it a copy of libpq's socket.
  const int fd = ::dup(feed->Socket());
  if (fd < 0) return Fail(ErrorCode::kUnavailable, "cannot watch the change feed's socket");
  feed_ = std::move(feed);
  socket_.emplace(ioc_, fd);
  Arm();
  return {};
}

void ChangeListener::Arm() {
  socket_->async_wait(asio::posix::stream_descriptor::wait_read,
                      [this](const boost::system::error_code& ec) {
                        if (ec || stopped_) return;
                        auto changed = feed_->Drain();
                        if (!changed) {
                          spdlog::warn("{}; reconnecting", changed.error().message);
                          Reconnect();
                          return;
                        }
                        if (*changed) RequestReload();
                        Arm();
                      });
}

void ChangeListener::Reconnect() {
  socket_.reset();
  feed_.reset();
  retry_.expires_after(std::chrono::seconds(1));
  retry_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    auto feed = store::ListenForChanges(store_);
    if (!feed || *feed == nullptr || !Attach(std::move(*feed))) {
      Reconnect();
      return;
    }
    spdlog::info("change feed reconnected; reloading from the store");
    RequestReload();  // whatever happened while we were away
  });
}

void ChangeListener::RequestReload() {
  // One queued reload covers every change that arrives before it starts.
  if (reload_pending_.exchange(true)) return;
  asio::post(workers_, [this] {
    reload_pending_ = false;
    if (!stopped_) reload_();
  });
}

}  // namespace amtszeit::server
