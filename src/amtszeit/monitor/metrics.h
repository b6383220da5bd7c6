// GET /metrics: the promises and the engine's counters in the Prometheus text format (0.0.4), so
// a city's existing monitoring can alert on a broken promise.
//
//   std::string text = PrometheusText(view, {.version = "0.1.0", .commits = w.commits(), ...});
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "amtszeit/monitor/status.h"

namespace amtszeit::monitor {

struct Counters {
  std::string version;
  std::uint64_t writer_commits = 0;
  std::uint64_t writer_commands = 0;
  std::uint64_t writer_largest_group = 0;
  double writer_cpu_seconds = 0;
  // The writer's group transactions by wall time: bucket upper bounds in seconds, and one count
  // per bucket (not cumulative) with one more for the open-ended last bucket.
  std::vector<double> writer_commit_bounds;
  std::vector<std::uint64_t> writer_commit_counts;
  double writer_commit_seconds = 0;
  std::int64_t unstaffed_appointments = 0;
  std::int64_t waiting_tickets = 0;
};

std::string PrometheusText(const LiveView& view, const Counters& counters);

// A label value with backslash, double quote and newline escaped as the format requires.
std::string EscapeLabel(std::string_view value);

}  // namespace amtszeit::monitor
