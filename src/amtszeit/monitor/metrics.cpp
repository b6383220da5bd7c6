#include "amtszeit/monitor/metrics.h"

#include <fmt/format.h>

namespace amtszeit::monitor {

namespace {

void Header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

std::string ScopeLabels(const Scope& scope) {
  switch (scope.kind) {
    case Scope::Kind::kCity:
      return R"(scope="city",id="hamburg")";
    case Scope::Kind::kDistrict:
      return fmt::format(R"(scope="district",id="{}")", EscapeLabel(scope.id));
    case Scope::Kind::kLocation:
      return fmt::format(R"(scope="location",id="{}")", EscapeLabel(scope.id));
  }
  return {};
}

int LightCode(Light light) {
  switch (light) {
    case Light::kGreen:
      return 0;
    case Light::kAmber:
      return 1;
    case Light::kRed:
      return 2;
    case Light::kNone:
      break;
  }
  return -1;
}

}  // namespace

std::string EscapeLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string PrometheusText(const LiveView& view, const Counters& c) {
  std::string out;
  Header(out, "amtszeit_build_info", "gauge", "The running version.");
  out += fmt::format("amtszeit_build_info{{version=\"{}\"}} 1\n", EscapeLabel(c.version));

  Header(out, "amtszeit_promise_threshold", "gauge", "Threshold of each service promise.");
  for (const Promise& p : view.promises.promises) {
    if (p.direction == Direction::kInformative) continue;
    out += fmt::format("amtszeit_promise_threshold{{promise=\"{}\"}} {}\n", p.id, p.threshold);
  }
  Header(out, "amtszeit_promise_value", "gauge",
         "Current figure of each promise (lead time over the last 60 days, waits today, first "
         "free slots now).");
  for (const KpiRow& r : view.rows) {
    if (!r.value) continue;
    out += fmt::format("amtszeit_promise_value{{promise=\"{}\",{}}} {}\n", r.promise,
                       ScopeLabels(r.scope), *r.value);
  }
  Header(out, "amtszeit_promise_light", "gauge",
         "Traffic light of each promise: 0 kept, 1 narrowly missed, 2 missed.");
  for (const KpiRow& r : view.rows) {
    if (r.light == Light::kNone) continue;
    out += fmt::format("amtszeit_promise_light{{promise=\"{}\",{}}} {}\n", r.promise,
                       ScopeLabels(r.scope), LightCode(r.light));
  }
  Header(out, "amtszeit_unstaffed_appointments", "gauge",
         "Upcoming appointments whose staff member is absent and no colleague could take.");
  out += fmt::format("amtszeit_unstaffed_appointments {}\n", c.unstaffed_appointments);
  Header(out, "amtszeit_waiting_tickets", "gauge", "Tickets waiting in all queues now.");
  out += fmt::format("amtszeit_waiting_tickets {}\n", c.waiting_tickets);
  Header(out, "amtszeit_writer_commits_total", "counter", "Durable group commits since start.");
  out += fmt::format("amtszeit_writer_commits_total {}\n", c.writer_commits);
  Header(out, "amtszeit_writer_commands_total", "counter", "Booking commands written since start.");
  out += fmt::format("amtszeit_writer_commands_total {}\n", c.writer_commands);
  Header(out, "amtszeit_writer_largest_group", "gauge",
         "Most booking commands one commit has carried since start.");
  out += fmt::format("amtszeit_writer_largest_group {}\n", c.writer_largest_group);
  Header(out, "amtszeit_writer_cpu_seconds_total", "counter",
         "CPU time of the writer thread since start: the serial part of every write.");
  out += fmt::format("amtszeit_writer_cpu_seconds_total {}\n", c.writer_cpu_seconds);
  Header(out, "amtszeit_writer_commit_seconds", "histogram",
         "Wall time of each group transaction, from BEGIN to the durable COMMIT (fsync).");
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < c.writer_commit_counts.size(); ++i) {
    cumulative += c.writer_commit_counts[i];
    const std::string le =
        i < c.writer_commit_bounds.size() ? fmt::format("{}", c.writer_commit_bounds[i]) : "+Inf";
    out += fmt::format("amtszeit_writer_commit_seconds_bucket{{le=\"{}\"}} {}\n", le, cumulative);
  }
  if (c.writer_commit_counts.size() <= c.writer_commit_bounds.size()) {
    out += fmt::format("amtszeit_writer_commit_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  }
  out += fmt::format("amtszeit_writer_commit_seconds_sum {}\n", c.writer_commit_seconds);
  out += fmt::format("amtszeit_writer_commit_seconds_count {}\n", cumulative);
  return out;
}

}  // namespace amtszeit::monitor
