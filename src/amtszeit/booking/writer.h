// Writer: the one thread that writes bookings (DESIGN.md §2, single node). Callers Submit() a
// command and block until it is durable. The thread drains every waiting command into one
// transaction, each inside its own savepoint, commits once (one fsync for the whole group, as
// LevelDB's DBImpl::Write batches writers), and only then publishes the effects and answers.
//
// A command has up to four steps, all run on the writer thread in this order:
//   prepare  checks and reserves in memory (e.g. claims the slot in the capacity index);
//   write    its rows, inside the group transaction;
//   undo     reverses prepare when write or the commit failed;
//   publish  makes committed effects visible (e.g. schedules a freed slot's release).
//
//   Writer writer(store);
//   Result<void> r = writer.Submit({.prepare = ..., .write = ..., .undo = ..., .publish = ...});
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

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
  explicit Writer(store::Store& store, std::size_t max_group = kMaxGroup);
  ~Writer();  // finishes every submitted command, then stops
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Blocks until the command is durable or failed. Fails with kUnavailable after Stop().
  Result<void> Submit(WriteCommand command);
  void Stop();

  // Figures for benchmarks and /metrics.
  std::uint64_t commits() const;
  std::uint64_t commands() const;
  std::uint64_t largest_group() const;
  // CPU time the writer thread spent on groups (prepare, write, commit, publish): the serial part
  // of every write, which bounds writes per second once fsync is cheap.
  absl::Duration busy() const;

 private:
  struct Pending;
  void Run();
  void Process(std::deque<Pending*>& group);

  store::Store& store_;
  const std::size_t max_group_;
  mutable std::mutex mu_;
  std::condition_variable work_;
  std::deque<Pending*> queue_;       // GUARDED_BY(mu_)
  bool stopping_ = false;            // GUARDED_BY(mu_)
  std::uint64_t commits_ = 0;        // GUARDED_BY(mu_)
  std::uint64_t commands_ = 0;       // GUARDED_BY(mu_)
  std::uint64_t largest_group_ = 0;  // GUARDED_BY(mu_)
  absl::Duration busy_;              // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace amtszeit::booking
