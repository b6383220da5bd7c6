#include "amtszeit/planning/jobs.h"

#include <fmt/core.h>

#include <random>

namespace amtszeit::planning {

std::string_view ToString(JobState state) {
  switch (state) {
    case JobState::kQueued:
      return "queued";
    case JobState::kRunning:
      return "running";
    case JobState::kDone:
      return "done";
    case JobState::kFailed:
      return "failed";
  }
  return "unknown";
}

JobRunner::JobRunner(std::size_t keep, std::size_t max_queued)
    : keep_(keep), max_queued_(max_queued), worker_([this](std::stop_token s) { Loop(s); }) {}

JobRunner::~JobRunner() {
  worker_.request_stop();
  changed_.notify_all();
}

Result<std::string> JobRunner::Submit(std::string kind, Work work) {
  std::lock_guard lock(mu_);
  if (queue_.size() >= max_queued_) {
    return Fail(ErrorCode::kTooManyRequests, "{} planning jobs are waiting; try again later",
                queue_.size());
  }
  // Ids are not guessable counters alone: a random part keeps one planner from reading another's
  // job by counting.
  std::random_device rd;
  auto job = std::make_shared<Job>();
  job->status.id = fmt::format("{}-{:08x}", next_++, rd());
  job->status.kind = std::move(kind);
  job->work = std::move(work);
  jobs_[job->status.id] = job;
  queue_.push_back(job);
  changed_.notify_all();
  return job->status.id;
}

std::optional<JobStatus> JobRunner::Status(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  JobStatus s = it->second->status;
  if (s.state == JobState::kRunning) s.progress = it->second->progress->Share();
  return s;
}

bool JobRunner::Wait(const std::string& id) const {
  std::unique_lock lock(mu_);
  if (!jobs_.contains(id)) return false;
  changed_.wait(lock, [&] {
    auto it = jobs_.find(id);
    return it == jobs_.end() || it->second->status.state == JobState::kDone ||
           it->second->status.state == JobState::kFailed;
  });
  return true;
}

void JobRunner::Loop(std::stop_token stop) {
  while (true) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mu_);
      if (!changed_.wait(lock, stop, [&] { return !queue_.empty(); })) return;
      job = queue_.front();
      queue_.pop_front();
      job->status.state = JobState::kRunning;
    }
    Result<boost::json::value> out = Fail(ErrorCode::kInternal, "not run");
    try {
      out = job->work(*job->progress);
    } catch (const std::exception& e) {
      out = Fail(ErrorCode::kInternal, "planning job failed: {}", e.what());
    }
    std::lock_guard lock(mu_);
    job->work = nullptr;
    job->status.progress = 1;
    if (out) {
      job->status.state = JobState::kDone;
      job->status.result = std::move(*out);
    } else {
      job->status.state = JobState::kFailed;
      job->status.error = out.error();
    }
    finished_.push_back(job->status.id);
    while (finished_.size() > keep_) {
      jobs_.erase(finished_.front());
      finished_.pop_front();
    }
    changed_.notify_all();
  }
}

}  // namespace amtszeit::planning
