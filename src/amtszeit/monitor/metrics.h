// GET /metrics: the promises and the engine's counters in the Prometheus text format (0.0.4), so
// a city's existing monitoring can alert on a broken promise.
//
//   std::string text = PrometheusText(view, {.version = "0.1.0", .commits = w.commits(), ...});
#pragma once

#include <cstdint>
#include <string>

#include "amtszeit/monitor/status.h"

namespace amtszeit::monitor {

struct Counters {
  std::string version;
  std::uint64_t writer_commits = 0;
  std::uint64_t writer_commands = 0;
  std::int64_t unstaffed_appointments = 0;
  std::int64_t waiting_tickets = 0;
};

std::string PrometheusText(const LiveView& view, const Counters& counters);

// A label value with backslash, double quote and newline escaped as the format requires.
std::string EscapeLabel(std::string_view value);

}  // namespace amtszeit::monitor
