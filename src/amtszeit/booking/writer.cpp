#include "amtszeit/booking/writer.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <vector>

#include "amtszeit/store/audit_scope.h"

namespace amtszeit::booking {

namespace {

// A futex on `done` rather than std::atomic::wait, whose spin phase yields the processor four
// times before it sleeps: with many submitters on few cores each yield is a switch to another
// thread, work the machine could spend on bookings.
int* FutexWord(std::atomic<int>& word) { return reinterpret_cast<int*>(&word); }

void AwaitNonZero(std::atomic<int>& word) {
  while (word.load(std::memory_order_acquire) == 0) {
    syscall(SYS_futex, FutexWord(word), FUTEX_WAIT_PRIVATE, 0, nullptr, nullptr, 0);
  }
}

absl::Duration ThreadCpuTime() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return absl::DurationFromTimespec(ts);
}

}  // namespace

struct Writer::Pending {
  WriteCommand command;
  Result<void> result;
  // Set once the result is final. The writer wakes its submitter through this word, after
  // releasing mu_: a condition variable signalled under mu_ woke threads that then blocked at
  // once on mu_, a second sleep and wake per command on the writer's serial path.
  std::atomic<int> done = 0;  // a futex word
  void Wake() {
    // The submitter may return (and this Pending end) as soon as it sees `done`; the wake only
    // uses the address (a futex wake), never what is there.
    done.store(1, std::memory_order_release);
    syscall(SYS_futex, FutexWord(done), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
  }
};

Writer::Writer(store::Store& store, std::size_t max_group)
    : store_(store), max_group_(std::max<std::size_t>(1, max_group)), thread_([this] { Run(); }) {}

Writer::~Writer() { Stop(); }

void Writer::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  // REQUIRES: Stop() is not called concurrently from two threads (the owner stops it once).
  if (thread_.joinable()) thread_.join();
}

Result<void> Writer::Submit(WriteCommand command) {
  // The staff action this thread runs (if any) is audited inside the command's own savepoint.
  if (command.write) command.write = store::WithAudit(std::move(command.write));
  Pending pending{.command = std::move(command)};
  {
    std::lock_guard lock(mu_);
    if (stopping_) return Fail(ErrorCode::kUnavailable, "the server is shutting down");
    queue_.push_back(&pending);
  }
  work_.notify_one();
  AwaitNonZero(pending.done);
  return std::move(pending.result);
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
    if (queue_.empty()) return;  // stopping, and everything submitted is answered
    std::deque<Pending*> group;
    while (!queue_.empty() && group.size() < max_group_) {
      group.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    const absl::Duration cpu_before = ThreadCpuTime();
    const std::optional<absl::Duration> transaction = Process(group);
    const absl::Duration cpu = ThreadCpuTime() - cpu_before;
    lock.lock();
    ++commits_;
    commands_ += group.size();
    largest_group_ = std::max<std::uint64_t>(largest_group_, group.size());
    busy_ += cpu;
    if (transaction) {
      const double seconds = absl::ToDoubleSeconds(*transaction);
      const auto bucket = std::ranges::lower_bound(kCommitBounds, seconds) - kCommitBounds.begin();
      ++commit_times_.buckets[bucket];
      commit_times_.sum += *transaction;
    }
    lock.unlock();
    for (Pending* p : group) p->Wake();
    lock.lock();
  }
}

std::optional<absl::Duration> Writer::Process(std::deque<Pending*>& group) {
  std::vector<Pending*> prepared;
  for (Pending* p : group) {
    p->result = p->command.prepare ? p->command.prepare() : Result<void>();
    if (p->result) prepared.push_back(p);
  }
  if (prepared.empty()) return std::nullopt;

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
  // A steady clock: a wall-clock step (NTP) must not show up as a slow commit.
  const auto begin = std::chrono::steady_clock::now();
  auto results = store_.WriteGroup(writes);
  const absl::Duration transaction = absl::FromChrono(std::chrono::steady_clock::now() - begin);
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    Pending* p = prepared[i];
    p->result = results ? std::move((*results)[i]) : Result<void>(std::unexpected(results.error()));
    if (!p->result) {
      if (p->command.undo) p->command.undo();
    } else if (p->command.publish) {
      p->command.publish();
    }
  }
  return transaction;
}

}  // namespace amtszeit::booking
