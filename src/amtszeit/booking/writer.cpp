#include "amtszeit/booking/writer.h"

#include <pthread.h>
#include <spdlog/spdlog.h>
#include <time.h>

#include <algorithm>
#include <vector>

#include "amtszeit/store/audit_scope.h"

namespace amtszeit::booking {

namespace {

absl::Duration ThreadCpuTime() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return absl::DurationFromTimespec(ts);
}

// The hand-over between the writer's threads: waits (with `lock` held) until `from` has entries
// or its producer is `done`, and takes them all; nothing once the producer is done and `from` is
// drained.
template <typename T>
std::deque<T> TakeAll(std::unique_lock<std::mutex>& lock, std::condition_variable& work,
                      std::deque<T>& from, const bool& done) {
  work.wait(lock, [&] { return done || !from.empty(); });
  std::deque<T> taken;
  taken.swap(from);
  return taken;
}

Result<void> RefusedAfterFailedSync() {
  return Fail(ErrorCode::kUnavailable,
              "the disk did not confirm an earlier write; the server needs a restart");
}

}  // namespace

// Shared by the submitter and the writer's threads, so the thread that answers may still touch
// it after the submitter has seen the answer and returned.
//
// A mutex and a condition variable, not std::atomic<bool>::wait: libstdc++ 12 spins on
// sched_yield before it sleeps, and with dozens of submitters waiting on two cores those spins
// took a third of the submitters' CPU from the writer (commit_bench, perf).
struct Writer::Pending {
  WriteCommand command;
  Result<void> result;
  std::mutex mu;
  std::condition_variable answered;
  bool done = false;  // GUARDED_BY(mu); set once `result` is final
  void Answer() {
    {
      std::lock_guard lock(mu);
      done = true;
    }
    answered.notify_one();
  }
  void AwaitAnswer() {
    std::unique_lock lock(mu);
    answered.wait(lock, [&] { return done; });
  }
};

Writer::Writer(store::Store& store, std::size_t max_group, std::shared_mutex* memory_mu)
    : store_(store),
      max_group_(std::max<std::size_t>(1, max_group)),
      memory_mu_(memory_mu),
      answer_thread_([this] {
        pthread_setname_np(pthread_self(), "amtszeit-answer");
        RunAnswers();
      }),
      sync_thread_([this] {
        // Named, so `top -H`, perf and a debugger tell the writer's three threads apart.
        pthread_setname_np(pthread_self(), "amtszeit-sync");
        RunSync();
      }),
      thread_([this] {
        pthread_setname_np(pthread_self(), "amtszeit-write");
        Run();
      }) {}

Writer::~Writer() { Stop(); }

void Writer::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  // REQUIRES: Stop() is not called concurrently from two threads (the owner stops it once).
  if (thread_.joinable()) thread_.join();
  {
    std::lock_guard lock(mu_);
    writer_done_ = true;
  }
  synced_work_.notify_all();
  if (sync_thread_.joinable()) sync_thread_.join();
  {
    std::lock_guard lock(mu_);
    sync_done_ = true;
  }
  answer_work_.notify_all();
  if (answer_thread_.joinable()) answer_thread_.join();
}

Result<void> Writer::Submit(WriteCommand command) {
  // The staff action this thread runs (if any) is audited inside the command's own savepoint.
  if (command.write) command.write = store::WithAudit(std::move(command.write));
  auto pending = std::make_shared<Pending>();
  pending->command = std::move(command);
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Fail(ErrorCode::kUnavailable, "the server is shutting down");
    if (broken_) return RefusedAfterFailedSync();
    queue_.push_back(pending);
  }
  work_.notify_one();
  pending->AwaitAnswer();
  return std::move(pending->result);
}

std::uint64_t Writer::commits() const {
  std::lock_guard lock(mu_);
  return commits_;
}

std::uint64_t Writer::commands() const {
  std::lock_guard lock(mu_);
  return commands_;
}

std::uint64_t Writer::largest_group() const {
  std::lock_guard lock(mu_);
  return largest_group_;
}

absl::Duration Writer::busy() const {
  std::lock_guard lock(mu_);
  return busy_;
}

Writer::CommitTimes Writer::commit_times() const {
  std::lock_guard lock(mu_);
  return commit_times_;
}

void Writer::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (broken_) {
      // Nothing more is written on top of a state the disk may not hold.
      for (auto& p : queue_) {
        p->result = RefusedAfterFailedSync();
        p->Answer();
      }
      queue_.clear();
      if (stopping_) return;
      continue;
    }
    if (queue_.empty()) return;  // stopping, and everything submitted is committed
    std::deque<std::shared_ptr<Pending>> group;
    while (!queue_.empty() && group.size() < max_group_) {
      group.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    const absl::Duration cpu_before = ThreadCpuTime();
    Synced synced{.begin = std::chrono::steady_clock::now()};
    synced.reached_store = Process(group);
    const absl::Duration cpu = ThreadCpuTime() - cpu_before;
    synced.members.assign(std::make_move_iterator(group.begin()),
                          std::make_move_iterator(group.end()));
    lock.lock();
    ++commits_;
    commands_ += synced.members.size();
    largest_group_ = std::max<std::uint64_t>(largest_group_, synced.members.size());
    busy_ += cpu;
    to_sync_.push_back(std::move(synced));
    synced_work_.notify_one();
  }
}

void Writer::RunSync() {
  std::unique_lock lock(mu_);
  while (true) {
    // One sync for every group committed so far: it covers all of them.
    std::deque<Synced> groups = TakeAll(lock, synced_work_, to_sync_, writer_done_);
    if (groups.empty()) return;  // the writer stopped and every group is synced
    lock.unlock();
    const bool any = std::ranges::any_of(groups, &Synced::reached_store);
    const Result<void> synced = any ? store_.SyncCommitted() : Result<void>();
    const auto end = std::chrono::steady_clock::now();
    if (!synced) {
      spdlog::critical("writes are refused from now on: {}", synced.error().message);
    }
    lock.lock();
    if (!synced) broken_ = true;
    for (const Synced& g : groups) {
      if (!g.reached_store) continue;
      const absl::Duration transaction = absl::FromChrono(end - g.begin);
      const double seconds = absl::ToDoubleSeconds(transaction);
      const auto bucket = std::ranges::lower_bound(kCommitBounds, seconds) - kCommitBounds.begin();
      ++commit_times_.buckets[bucket];
      commit_times_.sum += transaction;
    }
    for (Synced& g : groups) {
      for (auto& p : g.members) {
        if (!synced && p->result) {
          p->result = Fail(ErrorCode::kUnavailable, "the write may not have reached the disk: {}",
                           synced.error().message);
        }
        to_answer_.push_back(std::move(p));
      }
    }
    lock.unlock();
    if (!synced) work_.notify_all();
    answer_work_.notify_one();
    lock.lock();
  }
}

void Writer::RunAnswers() {
  std::unique_lock lock(mu_);
  while (true) {
    auto synced = TakeAll(lock, answer_work_, to_answer_, sync_done_);
    if (synced.empty()) return;  // the sync thread stopped and everyone is answered
    lock.unlock();
    for (auto& p : synced) p->Answer();
    lock.lock();
  }
}

std::unique_lock<std::shared_mutex> Writer::LockMemory() {
  if (memory_mu_ == nullptr) return {};
  return std::unique_lock(*memory_mu_);
}

bool Writer::Process(std::deque<std::shared_ptr<Pending>>& group) {
  std::vector<Pending*> prepared;
  {
    auto memory = LockMemory();
    for (auto& p : group) {
      p->result = p->command.prepare ? p->command.prepare() : Result<void>();
      if (p->result) prepared.push_back(p.get());
    }
  }
  if (prepared.empty()) return false;

  std::vector<std::function<Result<void>(store::WriteTx&)>> writes;
  writes.reserve(prepared.size());
  for (Pending* p : prepared) {
    // Moved, not copied: a closure of many captures lives on the heap, and the command's own
    // copy is not needed again.
    if (p->command.write) {
      writes.push_back(std::move(p->command.write));
    } else {
      writes.push_back([](store::WriteTx&) -> Result<void> { return {}; });
    }
  }
  auto results = store_.CommitGroup(writes);
  auto memory = LockMemory();
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    Pending* p = prepared[i];
    p->result = results ? std::move((*results)[i]) : Result<void>(std::unexpected(results.error()));
    if (!p->result) {
      if (p->command.undo) p->command.undo();
    } else if (p->command.publish) {
      p->command.publish();
    }
  }
  return true;
}

}  // namespace amtszeit::booking
