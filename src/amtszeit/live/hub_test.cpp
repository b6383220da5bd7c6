#include "amtszeit/live/hub.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace amtszeit::live {
namespace {

std::vector<std::string> Types(const std::vector<EventPtr>& events) {
  std::vector<std::string> out;
  out.reserve(events.size());
  for (const auto& e : events) out.push_back(e->type + ":" + e->data);
  return out;
}

TEST(Frame, SplitsDataOnNewlines) {
  EXPECT_EQ(Frame(7, "call", "a\nb"), "id: 7\nevent: call\ndata: a\ndata: b\n\n");
  EXPECT_EQ(Frame(8, "x", ""), "id: 8\nevent: x\ndata: \n\n");
}

TEST(Hub, DeliversEachEventOnceToEverySubscriberOfTheTopic) {
  Hub hub({.first_id = 100});
  auto a = hub.Subscribe("display/x", std::nullopt, 0);
  auto b = hub.Subscribe("display/x", std::nullopt, 0);
  auto other = hub.Subscribe("display/y", std::nullopt, 0);
  int wakes = 0;
  a->SetWaker([&] { ++wakes; });
  hub.Publish("display/x", "call", "1");
  hub.Publish("display/x", "call", "2");
  EXPECT_EQ(wakes, 1) << "one wake per batch, not per event";
  EXPECT_EQ(Types(a->Take()), (std::vector<std::string>{"call:1", "call:2"}));
  EXPECT_TRUE(a->Take().empty());
  EXPECT_EQ(Types(b->Take()), (std::vector<std::string>{"call:1", "call:2"}));
  EXPECT_TRUE(other->Take().empty());
  hub.Publish("display/x", "call", "3");
  EXPECT_EQ(wakes, 2);
}

TEST(Hub, NewSubscriberSeesTheLastEventsAndIdsIncrease) {
  Hub hub({.history = 3, .first_id = 100});
  for (int i = 0; i < 5; ++i) hub.Publish("t", "e", std::to_string(i));
  auto sub = hub.Subscribe("t", std::nullopt, 2);
  auto got = sub->Take();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0]->data, "3");
  EXPECT_EQ(got[1]->data, "4");
  EXPECT_LT(got[0]->id, got[1]->id);
}

TEST(Hub, LastEventIdCatchesUpExactlyTheMissedEvents) {
  Hub hub({.history = 10, .first_id = 100});
  hub.Publish("t", "e", "a");                    // 100
  const auto seen = hub.Publish("t", "e", "b");  // 101
  hub.Publish("other", "e", "noise");            // 102, another topic
  hub.Publish("t", "e", "c");                    // 103
  hub.Publish("t", "e", "d");                    // 104
  auto sub = hub.Subscribe("t", seen, 10);
  EXPECT_EQ(Types(sub->Take()), (std::vector<std::string>{"e:c", "e:d"}));
}

TEST(Hub, TooOldLastEventIdGetsResetThenRecentHistory) {
  Hub hub({.history = 2, .first_id = 100});
  const auto first = hub.Publish("t", "e", "a");
  hub.Publish("t", "e", "b");
  hub.Publish("t", "e", "c");  // "a" dropped from history
  auto sub = hub.Subscribe("t", first - 1, 1);
  EXPECT_EQ(Types(sub->Take()), (std::vector<std::string>{"reset:{}", "e:c"}));
  // An id from before this run (a restart) is too old as well.
  auto stale = hub.Subscribe("fresh", 5, 0);
  EXPECT_EQ(Types(stale->Take()), (std::vector<std::string>{"reset:{}"}));
  // A client that saw everything dropped catches up without a reset.
  auto fine = hub.Subscribe("t", first, 5);
  EXPECT_EQ(Types(fine->Take()), (std::vector<std::string>{"e:b", "e:c"}));
}

TEST(Hub, SlowClientIsCutOffNotBuffered) {
  Hub hub({.client_buffer = 3, .first_id = 1});
  auto slow = hub.Subscribe("t", std::nullopt, 0);
  for (int i = 0; i < 4; ++i) hub.Publish("t", "e", "x");
  EXPECT_TRUE(slow->overflowed());
  EXPECT_TRUE(slow->Take().empty());
  EXPECT_EQ(hub.Subscribers("t"), 0u);
}

TEST(Hub, CloseAllWakesSubscribers) {
  Hub hub;
  auto sub = hub.Subscribe("t", std::nullopt, 0);
  bool woken = false;
  sub->SetWaker([&] { woken = true; });
  hub.CloseAll();
  EXPECT_TRUE(woken);
  EXPECT_TRUE(sub->closed());
}

TEST(Hub, ForgetDropsTopicsByPrefix) {
  Hub hub;
  hub.Publish("ticket/1", "e", "x");
  auto sub = hub.Subscribe("ticket/1", std::nullopt, 0);
  hub.Forget("ticket/");
  EXPECT_TRUE(sub->closed());
  auto again = hub.Subscribe("ticket/1", std::nullopt, 5);
  EXPECT_TRUE(again->Take().empty());
}

TEST(Hub, ConcurrentPublishersLoseNothing) {
  Hub hub({.client_buffer = 100000});
  auto sub = hub.Subscribe("t", std::nullopt, 0);
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) hub.Publish("t", "e", "x");
    });
  }
  for (auto& t : threads) t.join();
  auto got = sub->Take();
  ASSERT_EQ(got.size(), 4000u);
  for (std::size_t i = 1; i < got.size(); ++i) EXPECT_LT(got[i - 1]->id, got[i]->id);
}

}  // namespace
}  // namespace amtszeit::live
