// Hub: publish/subscribe for live views (Server-Sent Events). Topics are strings
// ("display/kz-altona", "ticket/42"); each keeps its last events so a client that reconnects with
// Last-Event-ID catches up, and a new display shows the latest calls at once. No sockets here:
// the server drains a Subscription into its connection when the waker tells it to.
//
// Event ids grow across topics and restarts (they start at the boot time in microseconds), so a
// Last-Event-ID from before a restart is recognised as too old and answered with a "reset" event.
// A client that falls more than `client_buffer` events behind is cut off (overflowed()); its
// connection closes and the browser reconnects with Last-Event-ID.
//
//   live::Hub hub;
//   auto sub = hub.Subscribe("display/kz-altona", std::nullopt, /*replay=*/10);
//   sub->SetWaker([&] { post_to_connection(); });
//   hub.Publish("display/kz-altona", "call", R"({"number":"A017","counter":"5"})");
//   for (const auto& e : sub->Take()) write(e->wire);
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amtszeit::live {

struct Event {
  std::uint64_t id = 0;
  std::string type;
  std::string data;
  std::string wire;  // "id: …\nevent: …\ndata: …\n\n", built once for every subscriber
};
using EventPtr = std::shared_ptr<const Event>;

// The text/event-stream framing of one event (data split on newlines).
std::string Frame(std::uint64_t id, std::string_view type, std::string_view data);

class Subscription {
 public:
  explicit Subscription(std::size_t capacity) : capacity_(capacity) {}
  // Queued events, oldest first; empties the queue.
  std::vector<EventPtr> Take();
  // Called whenever events are queued while none were pending; it must only schedule work (the
  // publisher's thread runs it).
  void SetWaker(std::function<void()> waker);
  bool overflowed() const;
  bool closed() const;
  void Close();  // ends the stream; the waker runs once more so the connection notices

  // For the hub.
  void Push(EventPtr event, std::function<void()>* wake);

 private:
  mutable std::mutex mu_;
  const std::size_t capacity_;
  std::vector<EventPtr> pending_;  // GUARDED_BY(mu_)
  std::function<void()> waker_;    // GUARDED_BY(mu_)
  bool overflowed_ = false;        // GUARDED_BY(mu_)
  bool closed_ = false;            // GUARDED_BY(mu_)
};

struct HubOptions {
  std::size_t history = 64;               // events kept per topic for replay
  std::size_t client_buffer = 256;        // events one client may fall behind
  std::optional<std::uint64_t> first_id;  // default: boot time in microseconds
};

class Hub {
 public:
  explicit Hub(HubOptions options = {});
  // Returns the event's id.
  std::uint64_t Publish(std::string_view topic, std::string_view type, std::string data);
  // With last_event_id: the events after it, or a "reset" event and the last `replay` events
  // when some were already dropped from history. Without: the last `replay` events.
  std::shared_ptr<Subscription> Subscribe(std::string_view topic,
                                          std::optional<std::uint64_t> last_event_id,
                                          std::size_t replay);
  // Closes every subscription (server shutdown).
  void CloseAll();
  // Drops topics starting with `prefix` (their history and subscribers).
  void Forget(std::string_view prefix);
  std::size_t Subscribers(std::string_view topic) const;

 private:
  struct Topic {
    std::uint64_t dropped_up_to = 0;  // the newest event no longer in history
    std::deque<EventPtr> history;
    std::vector<std::weak_ptr<Subscription>> subscribers;
  };
  EventPtr Make(std::string_view type, std::string data);  // REQUIRES: mu_ held

  HubOptions options_;
  mutable std::mutex mu_;
  std::uint64_t first_id_ = 0;
  std::uint64_t next_id_ = 0;                         // GUARDED_BY(mu_)
  std::map<std::string, Topic, std::less<>> topics_;  // GUARDED_BY(mu_)
};

}  // namespace amtszeit::live
