// Long planning work (a scenario's simulation, an optimizer's solve) off the HTTP threads: one
// worker thread takes jobs in order, so at most one runs at a time and the machine's other core
// keeps serving requests. A job reports progress (0..1) and ends with a JSON result or an error;
// callers poll by id. The last `keep` finished jobs are remembered, older ones forgotten.
//
//   JobRunner jobs;
//   std::string id = jobs.Submit("simulation", [](JobProgress& p) -> Result<json::value> {
//     p.total = 100; ... p.done += 1; ...; return json::object{...}; });
//   std::optional<JobStatus> s = jobs.Status(id);
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/json/value.hpp>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "amtszeit/domain/error.h"

namespace amtszeit::planning {

// Work done out of a total the job sets first (e.g. simulated days of all replications).
struct JobProgress {
  std::atomic<std::int64_t> done{0};
  std::atomic<std::int64_t> total{0};

  double Share() const {
    const std::int64_t t = total.load(std::memory_order_relaxed);
    if (t <= 0) return 0;
    return std::min(1.0, static_cast<double>(done.load(std::memory_order_relaxed)) / t);
  }
};

enum class JobState { kQueued, kRunning, kDone, kFailed };
std::string_view ToString(JobState state);

struct JobStatus {
  std::string id;
  std::string kind;
  JobState state = JobState::kQueued;
  double progress = 0;
  std::optional<boost::json::value> result;  // kDone
  std::optional<Error> error;                // kFailed
};

class JobRunner {
 public:
  using Work = std::function<Result<boost::json::value>(JobProgress&)>;

  explicit JobRunner(std::size_t keep = 32, std::size_t max_queued = 8);
  ~JobRunner();  // finishes the running job, drops the queued ones
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // The new job's id, or kTooManyRequests when `max_queued` jobs are waiting already.
  Result<std::string> Submit(std::string kind, Work work);
  std::optional<JobStatus> Status(const std::string& id) const;
  // Blocks until the job has finished (tests); false for an unknown id.
  bool Wait(const std::string& id) const;

 private:
  struct Job {
    JobStatus status;
    Work work;
    std::shared_ptr<JobProgress> progress = std::make_shared<JobProgress>();
  };
  void Loop(std::stop_token stop);

  const std::size_t keep_;
  const std::size_t max_queued_;
  mutable std::mutex mu_;
  mutable std::condition_variable_any changed_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::deque<std::string> finished_;  // oldest first
  std::uint64_t next_ = 1;
  std::jthread worker_;  // last: joined first
};

}  // namespace amtszeit::planning
