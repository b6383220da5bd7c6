// Writer: the one thread that writes bookings (DESIGN.md §2, single node). Callers Submit() a
// command and block until it is durable. The thread drains every waiting command into one
// transaction and commits it once (one sync for the whole group, as LevelDB's DBImpl::Write
// batches writers); a second thread then waits for the disk (Store::SyncCommitted), while the
// first already runs the next group, and a third wakes the callers, while the second already
// waits for the next sync. So the disk's time, the rows' time and the wake-ups overlap instead of
// adding up, and one sync covers every group committed while the last one ran. (Answering on the
// sync thread kept each sync waiting for a score of wake-ups: a command spent 300 µs between its
// commit and its answer on a disk that syncs in 90.)
//
// A command has up to four steps, all run on the writer thread in this order:
//   prepare  checks and reserves in memory (e.g. claims the slot in the capacity index);
//   write    its rows, inside the group transaction;
//   undo     reverses prepare when write or the commit failed;
//   publish  makes committed effects visible in memory (e.g. schedules a freed slot's release).
// prepare, undo and publish run with the owner's memory lock held exclusively (if it gave one),
// taken once for a group's prepares and once for its undos and publishes. When each step took
// the lock itself, that was three acquisitions per command, and with dozens of readers (searches,
// the checks before a hold) on two cores a reader preempted while holding it stalled the writer:
// after an empty queue, the writer's most frequent reason to sleep (perf, sched_switch).
// Publishing before the sync shows nobody outside the process anything undurable: its effects
// reach others only through later commands, whose groups the WAL can only keep after this one.
//
//   Writer writer(store);
//   Result<void> r = writer.Submit({.prepare = ..., .write = ..., .undo = ..., .publish = ...});
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/store/store.h"

namespace amtszeit::booking {

struct WriteCommand {
  std::function<Result<void>()> prepare;
  std::function<Result<void>(store::WriteTx&)> write;
  std::function<void()> undo;
  std::function<void()> publish;
};

class Writer {
 public:
  static constexpr std::size_t kMaxGroup = 512;

  // max_group = 1 commits every command on its own (the benchmark's no-grouping reference).
  // memory_mu, if given, outlives the writer.
  explicit Writer(store::Store& store, std::size_t max_group = kMaxGroup,
                  std::shared_mutex* memory_mu = nullptr);
  ~Writer();  // finishes every submitted command, then stops
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Blocks until the command is durable or failed. Fails with kUnavailable after Stop(), and
  // after the disk once failed to confirm a sync (then what it holds is unknown, as in
  // PostgreSQL's fsync rule, and only a restart, which recovers from the disk, may write again).
  Result<void> Submit(WriteCommand command);
  void Stop();

  // Figures for benchmarks and /metrics.
  std::uint64_t commits() const;
  std::uint64_t commands() const;
  std::uint64_t largest_group() const;
  // CPU time the writer thread spent on groups (prepare, write, commit, publish): the serial part
  // of every write, which bounds writes per second once the sync overlaps with it.
  absl::Duration busy() const;

  // Wall time of each group's transaction in the store, from BEGIN until the sync after its
  // COMMIT returned: on a slow disk the sync, on a fast one the rows. Buckets end at kCommitBounds
  // seconds; the last bucket is open-ended.
  static constexpr std::array<double, 12> kCommitBounds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0};
  struct CommitTimes {
    std::array<std::uint64_t, kCommitBounds.size() + 1> buckets{};
    absl::Duration sum;
  };
  CommitTimes commit_times() const;

 private:
  struct Pending;
  // A committed group on its way to the disk.
  struct Synced {
    std::vector<std::shared_ptr<Pending>> members;
    std::chrono::steady_clock::time_point begin;
    bool reached_store = false;
  };
  void Run();
  void RunSync();
  void RunAnswers();
  // Prepares, writes and commits one group; true when a command reached the store.
  bool Process(std::deque<std::shared_ptr<Pending>>& group);

  // Held exclusively while a group's prepares, undos and publishes run (none: no lock).
  std::unique_lock<std::shared_mutex> LockMemory();

  store::Store& store_;
  const std::size_t max_group_;
  std::shared_mutex* const memory_mu_;
  mutable std::mutex mu_;
  std::condition_variable work_;
  std::condition_variable synced_work_;
  std::condition_variable answer_work_;
  std::deque<std::shared_ptr<Pending>> queue_;      // GUARDED_BY(mu_)
  std::deque<Synced> to_sync_;                      // GUARDED_BY(mu_)
  std::deque<std::shared_ptr<Pending>> to_answer_;  // GUARDED_BY(mu_); synced, in commit order
  bool stopping_ = false;                           // GUARDED_BY(mu_)
  bool writer_done_ = false;                        // GUARDED_BY(mu_)
  bool sync_done_ = false;                          // GUARDED_BY(mu_)
  bool broken_ = false;                             // GUARDED_BY(mu_)
  std::uint64_t commits_ = 0;                       // GUARDED_BY(mu_)
  std::uint64_t commands_ = 0;                      // GUARDED_BY(mu_)
  std::uint64_t largest_group_ = 0;                 // GUARDED_BY(mu_)
  absl::Duration busy_;                             // GUARDED_BY(mu_)
  CommitTimes commit_times_;                        // GUARDED_BY(mu_)
  std::thread answer_thread_;
  std::thread sync_thread_;
  std::thread thread_;
};

}  // namespace amtszeit::booking
