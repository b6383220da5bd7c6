// `amtszeit simulate --scenario FILE [--compare OTHER] [--json]`: a planning scenario on the city's
// data (the demo roster generated for the horizon, the demand profile), as a table per centre or
// as JSON; with --compare, two scenarios side by side. A progress bar goes to the terminal only
// when both stdout and stderr are one, so pipes and CI logs stay clean.
#include "simulate_scenario.h"

#include <fmt/core.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <future>
#include <sstream>

#include "amtszeit/dataset/dataset.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/planning/demand.h"
#include "amtszeit/planning/scenario.h"
#include "amtszeit/planning/scenario_json.h"
#include "commands.h"

namespace amtszeit::cli {
namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read scenario file '{}'", path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Loaded {
  planning::Scenario scenario;
  planning::CitySimulationResult result;
};

void DrawBar(std::string_view label, double share) {
  constexpr int kWidth = 40;
  const int filled = static_cast<int>(share * kWidth);
  fmt::print(stderr, "\r{:<24} [{}{}] {:3.0f}%", label.substr(0, 24), std::string(filled, '#'),
             std::string(kWidth - filled, '.'), share * 100);
  std::fflush(stderr);
}

Result<Loaded> Run(const std::string& path, const dataset::Dataset& data, bool bar) {
  auto text = ReadFile(path);
  if (!text) return std::unexpected(text.error());
  auto scenario = planning::ParseScenario(*text, data.catalog);
  if (!scenario) {
    return Fail(ErrorCode::kInvalidArgument, "{}: {}", path, scenario.error().message);
  }
  const absl::CivilDay first = planning::ScenarioRosterFirst(*scenario);
  const absl::CivilDay last = planning::ScenarioRosterLast(*scenario);
  const HolidayCalendar holidays(static_cast<int>(first.year()) - 1,
                                 static_cast<int>(last.year()) + 1);
  const SchoolCalendar school(data.school_holidays);
  const Roster roster = dataset::GenerateRoster(data.catalog, data.staffing, first,
                                                static_cast<int>(last - first) + 1, 1, holidays);
  const planning::DemandModel demand = planning::DemandModel::FromProfile(data.catalog, holidays);
  std::atomic<std::int64_t> done{0};
  auto job = std::async(std::launch::async, [&] {
    return planning::RunScenario(*scenario,
                                 {.catalog = &data.catalog,
                                  .roster = &roster,
                                  .holidays = &holidays,
                                  .school = &school,
                                  .demand = &demand},
                                 &done);
  });
  const double total = static_cast<double>(planning::ScenarioTotalDays(*scenario));
  const std::string label = scenario->name.empty() ? path : scenario->name;
  while (job.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
    if (bar) DrawBar(label, std::min(1.0, static_cast<double>(done.load()) / total));
  }
  if (bar) {
    DrawBar(label, 1.0);
    fmt::print(stderr, "\n");
  }
  auto result = job.get();
  if (!result) return std::unexpected(result.error());
  return Loaded{std::move(*scenario), std::move(*result)};
}

std::string Cell(const planning::Estimate& e, double scale, int decimals, std::string_view unit) {
  if (!std::isfinite(e.mean)) return "-";
  const std::string ci =
      std::isfinite(e.ci95) ? fmt::format("{:.{}f}", e.ci95 * scale, decimals) : std::string("?");
  return fmt::format("{:.{}f}{} ±{}", e.mean * scale, decimals, unit, ci);
}

struct Column {
  std::string_view title;
  planning::Estimate planning::CentreEstimate::*field;
  double scale;
  int decimals;
  std::string_view unit;
};
constexpr Column kColumns[] = {
    {"lead time d", &planning::CentreEstimate::lead_time, 1, 1, ""},
    {"worst day d", &planning::CentreEstimate::lead_time_max, 1, 0, ""},
    {"booked <=14 d", &planning::CentreEstimate::within_14_share, 100, 0, "%"},
    {"walk-in p90 min", &planning::CentreEstimate::walk_in_p90, 1, 0, ""},
    {"express p95 min", &planning::CentreEstimate::express_p95, 1, 0, ""},
    {"utilisation", &planning::CentreEstimate::utilisation, 100, 0, "%"},
};

void PrintHeading(const Loaded& l) {
  const planning::Scenario& s = l.scenario;
  fmt::print("{}{}{}{} to {}, {} replications, seed {}; {:.0f} visits per replication\n",
             s.name.empty() ? "" : "\"", s.name, s.name.empty() ? "" : "\": ", FormatDay(s.from),
             FormatDay(s.to), s.replications, s.seed, l.result.visits.mean);
}

void PrintTable(const Loaded& l) {
  PrintHeading(l);
  fmt::print("means with 95% confidence half-widths over the replications\n\n");
  fmt::print("{:<28}", "centre");
  for (const Column& c : kColumns) fmt::print("{:>18}", c.title);
  fmt::print("\n");
  for (const planning::CentreEstimate& e : l.result.centres) {
    fmt::print("{:<28}", e.location_id);
    for (const Column& c : kColumns) {
      fmt::print("{:>18}", Cell(e.*(c.field), c.scale, c.decimals, c.unit));
    }
    fmt::print("\n");
  }
}

// Two scenarios side by side: per centre and figure, A then B.
void PrintComparison(const Loaded& a, const Loaded& b) {
  fmt::print("A: ");
  PrintHeading(a);
  fmt::print("B: ");
  PrintHeading(b);
  fmt::print("\n{:<28}", "centre");
  for (const Column& c : kColumns) fmt::print("{:>34}", fmt::format("{} A | B", c.title));
  fmt::print("\n");
  for (const planning::CentreEstimate& x : a.result.centres) {
    const planning::CentreEstimate* y = nullptr;
    for (const planning::CentreEstimate& e : b.result.centres) {
      if (e.location_id == x.location_id) y = &e;
    }
    fmt::print("{:<28}", x.location_id);
    for (const Column& c : kColumns) {
      const std::string left = Cell(x.*(c.field), c.scale, c.decimals, c.unit);
      const std::string right =
          y == nullptr ? std::string("-") : Cell(y->*(c.field), c.scale, c.decimals, c.unit);
      fmt::print("{:>34}", fmt::format("{} | {}", left, right));
    }
    fmt::print("\n");
  }
}

}  // namespace

int RunScenarioCommand(const ScenarioFlags& flags, const Environment& env) {
  if (flags.file.empty()) {
    ReportFailure("--scenario needs a file");
    return 2;
  }
  const std::string dir = flags.data_dir.empty() ? env.data_dir : flags.data_dir;
  auto data = dataset::LoadDataset(dir);
  if (!data) return ReportFailure(data.error().message);
  const bool bar = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1 && !flags.json;
  auto a = Run(flags.file, *data, bar);
  if (!a) {
    ReportFailure(a.error().message);
    return 2;
  }
  if (flags.compare.empty()) {
    if (flags.json) {
      fmt::print("{}\n",
                 boost::json::serialize(planning::ScenarioResultToJson(a->scenario, a->result)));
    } else {
      PrintTable(*a);
    }
    return 0;
  }
  auto b = Run(flags.compare, *data, bar);
  if (!b) {
    ReportFailure(b.error().message);
    return 2;
  }
  if (flags.json) {
    boost::json::object out{{"a", planning::ScenarioResultToJson(a->scenario, a->result)},
                            {"b", planning::ScenarioResultToJson(b->scenario, b->result)}};
    fmt::print("{}\n", boost::json::serialize(out));
  } else {
    PrintComparison(*a, *b);
  }
  return 0;
}

}  // namespace amtszeit::cli
