#include "amtszeit/live/hub.h"

#include <fmt/core.h>

#include <chrono>
#include <utility>

namespace amtszeit::live {

std::string Frame(std::uint64_t id, std::string_view type, std::string_view data) {
  std::string out = fmt::format("id: {}\nevent: {}\n", id, type);
  std::size_t begin = 0;
  while (true) {
    const std::size_t end = data.find('\n', begin);
    out += "data: ";
    out += data.substr(begin, end == std::string_view::npos ? end : end - begin);
    out += '\n';
    if (end == std::string_view::npos) break;
    begin = end + 1;
  }
  out += '\n';
  return out;
}

std::vector<EventPtr> Subscription::Take() {
  std::lock_guard lock(mu_);
  std::vector<EventPtr> out;
  out.swap(pending_);
  return out;
}

void Subscription::SetWaker(std::function<void()> waker) {
  bool wake_now = false;
  {
    std::lock_guard lock(mu_);
    waker_ = std::move(waker);
    wake_now = !pending_.empty() || closed_;
  }
  if (wake_now && waker_) waker_();
}

bool Subscription::overflowed() const {
  std::lock_guard lock(mu_);
  return overflowed_;
}

bool Subscription::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

void Subscription::Close() {
  std::function<void()> waker;
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    closed_ = true;
    waker = waker_;
  }
  if (waker) waker();
}

void Subscription::Push(EventPtr event, std::function<void()>* wake) {
  std::lock_guard lock(mu_);
  if (closed_ || overflowed_) return;
  if (pending_.size() >= capacity_) {
    overflowed_ = true;
    pending_.clear();
    *wake = waker_;
    return;
  }
  const bool was_empty = pending_.empty();
  pending_.push_back(std::move(event));
  if (was_empty) *wake = waker_;
}

Hub::Hub(HubOptions options) : options_(options) {
  first_id_ = next_id_ = options_.first_id.value_or(
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count()));
}

EventPtr Hub::Make(std::string_view type, std::string data) {
  auto e = std::make_shared<Event>();
  e->id = next_id_++;
  e->type = std::string(type);
  e->wire = Frame(e->id, type, data);
  e->data = std::move(data);
  return e;
}

std::uint64_t Hub::Publish(std::string_view topic, std::string_view type, std::string data) {
  std::vector<std::function<void()>> wakers;
  std::uint64_t id = 0;
  {
    std::lock_guard lock(mu_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) it = topics_.emplace(std::string(topic), Topic{first_id_ - 1}).first;
    Topic& t = it->second;
    EventPtr e = Make(type, std::move(data));
    id = e->id;
    t.history.push_back(e);
    while (t.history.size() > options_.history) {
      t.dropped_up_to = t.history.front()->id;
      t.history.pop_front();
    }
    std::erase_if(t.subscribers, [&](const std::weak_ptr<Subscription>& weak) {
      auto sub = weak.lock();
      if (!sub || sub->closed() || sub->overflowed()) return true;
      std::function<void()> wake;
      sub->Push(e, &wake);
      if (wake) wakers.push_back(std::move(wake));
      return false;
    });
  }
  for (auto& wake : wakers) wake();
  return id;
}

std::shared_ptr<Subscription> Hub::Subscribe(std::string_view topic,
                                             std::optional<std::uint64_t> last_event_id,
                                             std::size_t replay) {
  auto sub = std::make_shared<Subscription>(options_.client_buffer);
  std::lock_guard lock(mu_);
  auto it = topics_.find(topic);
  if (it == topics_.end()) it = topics_.emplace(std::string(topic), Topic{first_id_ - 1}).first;
  Topic& t = it->second;
  std::function<void()> unused;
  auto replay_last = [&] {
    const std::size_t n = std::min(replay, t.history.size());
    for (std::size_t i = t.history.size() - n; i < t.history.size(); ++i) {
      sub->Push(t.history[i], &unused);
    }
  };
  if (!last_event_id) {
    replay_last();
  } else {
    // The client missed nothing it cannot get again when it saw every event history dropped
    // (and its id is from this run: ids of an earlier run are below the boot id).
    if (*last_event_id >= t.dropped_up_to && *last_event_id < next_id_) {
      for (const auto& e : t.history) {
        if (e->id > *last_event_id) sub->Push(e, &unused);
      }
    } else {
      sub->Push(Make("reset", "{}"), &unused);
      replay_last();
    }
  }
  t.subscribers.push_back(sub);
  return sub;
}

void Hub::CloseAll() {
  std::vector<std::shared_ptr<Subscription>> all;
  {
    std::lock_guard lock(mu_);
    for (auto& [name, t] : topics_) {
      for (auto& weak : t.subscribers) {
        if (auto sub = weak.lock()) all.push_back(std::move(sub));
      }
      t.subscribers.clear();
    }
  }
  for (auto& sub : all) sub->Close();
}

void Hub::Forget(std::string_view prefix) {
  std::vector<std::shared_ptr<Subscription>> dropped;
  {
    std::lock_guard lock(mu_);
    for (auto it = topics_.lower_bound(prefix); it != topics_.end();) {
      if (!std::string_view(it->first).starts_with(prefix)) break;
      for (auto& weak : it->second.subscribers) {
        if (auto sub = weak.lock()) dropped.push_back(std::move(sub));
      }
      it = topics_.erase(it);
    }
  }
  for (auto& sub : dropped) sub->Close();
}

std::size_t Hub::Subscribers(std::string_view topic) const {
  std::lock_guard lock(mu_);
  auto it = topics_.find(topic);
  if (it == topics_.end()) return 0;
  std::size_t n = 0;
  for (const auto& weak : it->second.subscribers) {
    if (auto sub = weak.lock(); sub && !sub->closed() && !sub->overflowed()) ++n;
  }
  return n;
}

}  // namespace amtszeit::live
