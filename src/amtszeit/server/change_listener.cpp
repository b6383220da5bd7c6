#include "amtszeit/server/change_listener.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <chrono>

namespace amtszeit::server {

namespace asio = boost::asio;

ChangeListener::ChangeListener(asio::io_context& ioc, asio::thread_pool& workers,
                               store::Store& store,
                               std::function<void(const store::Changes&)> reload)
    : ioc_(ioc), workers_(workers), store_(store), reload_(std::move(reload)), retry_(ioc) {}

ChangeListener::~ChangeListener() { Stop(); }

Result<void> ChangeListener::Start(std::int64_t loaded_version) {
  auto feed = store::ListenForChanges(store_);
  if (!feed) return std::unexpected(feed.error());
  if (*feed == nullptr) return {};
  seen_version_ = (*feed)->Version();
  if (auto ok = Attach(std::move(*feed)); !ok) return ok;
  spdlog::info("listening for other nodes' changes (version {})", seen_version_);
  // Changed while the view was built.
  if (seen_version_ != loaded_version) RequestReload(store::Changes::Everything());
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
                        seen_version_ = feed_->Version();
                        if (!changed->empty()) RequestReload(*changed);
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
    const std::int64_t stored = feed_->Version();
    if (stored == seen_version_) {
      spdlog::info("change feed reconnected at version {}; nothing was missed", stored);
      return;
    }
    spdlog::info("change feed reconnected; version {} -> {}: reloading from the store",
                 seen_version_, stored);
    seen_version_ = stored;
    RequestReload(store::Changes::Everything());
  });
}

void ChangeListener::RequestReload(const store::Changes& changes) {
  // One queued reload covers every change that arrives before it starts.
  std::lock_guard lock(pending_mu_);
  pending_.Merge(changes);
  if (reload_posted_) return;
  reload_posted_ = true;
  asio::post(workers_, [this] {
    store::Changes todo;
    {
      std::lock_guard lock(pending_mu_);
      todo = std::move(pending_);
      pending_ = {};
      reload_posted_ = false;
    }
    if (!stopped_) reload_(todo);
  });
}

}  // namespace amtszeit::server
