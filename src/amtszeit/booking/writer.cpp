#include "amtszeit/booking/writer.h"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "amtszeit/store/audit_scope.h"

namespace amtszeit::booking {

namespace {

absl::Duration ThreadCpuTime() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return absl::DurationFromTimespec(ts);
}

}  // namespace

struct Writer::Pending {
  WriteCommand command;
  Result<void> result;
  bool done = false;
  std::condition_variable finished;
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
  std::unique_lock lock(mu_);
  if (stopping_) return Fail(ErrorCode::kUnavailable, "the server is shutting down");
  queue_.push_back(&pending);
  work_.notify_one();
  pending.finished.wait(lock, [&] { return pending.done; });
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
    for (Pending* p : group) {
      p->done = true;
      p->finished.notify_one();
    }
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
