// `amtszeit simulate`: the capacity-planning simulator on the command line. The M/M/c queue,
// printed beside Erlang C, so that a planner sees how closely the simulation reproduces the
// formula before trusting it where no formula exists; and the city's scenarios
// (simulate_scenario.cpp).
#include <fmt/core.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

#include "amtszeit/planning/erlang.h"
#include "amtszeit/planning/mmc_simulation.h"
#include "commands.h"
#include "simulate_scenario.h"

namespace amtszeit::cli {
namespace {

// Numbers are taken as text and parsed here rather than by CLI11, so that every bad input (a
// missing flag, "abc", ρ ≥ 1) is refused the same way: one line and exit code 2.
struct SimulateFlags {
  bool mmc = false;
  bool json = false;
  std::string scenario_file;
  bool scenario = false;  // --scenario given at all, even empty: refused by name
  std::string compare_file;
  std::string data_dir;
  std::string lambda;
  std::string mu;
  std::string servers;
  std::string replications = "20";
  std::string customers = "200000";
  std::string seed = "1";
};

// The exit code for input that cannot run, as for a command line that does not parse.
int Refuse(std::string_view message) {
  ReportFailure(message);
  return 2;
}

template <typename T>
Result<T> ParseNumber(std::string_view flag, const std::string& text) {
  if (text.empty()) return Fail(ErrorCode::kInvalidArgument, "missing {}", flag);
  T value{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec == std::errc::result_out_of_range) {
    return Fail(ErrorCode::kInvalidArgument, "{} is out of range: '{}'", flag, text);
  }
  if (ec != std::errc() || ptr != end) {
    return Fail(ErrorCode::kInvalidArgument, "{} must be a number, got '{}'", flag, text);
  }
  return value;
}

Result<planning::MmcSimulationOptions> ToOptions(const SimulateFlags& f) {
  auto lambda = ParseNumber<double>("--lambda", f.lambda);
  if (!lambda) return std::unexpected(lambda.error());
  auto mu = ParseNumber<double>("--mu", f.mu);
  if (!mu) return std::unexpected(mu.error());
  auto servers = ParseNumber<int>("--servers", f.servers);
  if (!servers) return std::unexpected(servers.error());
  auto replications = ParseNumber<int>("--replications", f.replications);
  if (!replications) return std::unexpected(replications.error());
  auto customers = ParseNumber<std::int64_t>("--customers", f.customers);
  if (!customers) return std::unexpected(customers.error());
  auto seed = ParseNumber<std::uint64_t>("--seed", f.seed);
  if (!seed) return std::unexpected(seed.error());
  return planning::MmcSimulationOptions{
      .model = {.arrival_rate = *lambda, .service_rate = *mu, .servers = *servers},
      .replications = *replications,
      .customers = *customers,
      .seed = *seed,
      .wait_thresholds = {1.0},  // one mean service time
      .service_time_units = true,
  };
}

void PrintJson(const planning::MmcSimulationOptions& o, const planning::MmcSimulationResult& sim,
               const planning::MmcAnalysis& erlang) {
  // Times are in units of 1/μ: the analytic wait is converted the same way.
  const double mu = o.model.service_rate;
  boost::json::object out{
      {"simulated",
       {{"mean_wait", sim.mean_wait.mean},
        {"p_wait", sim.p_wait.mean},
        {"ci95", {{"mean_wait", sim.mean_wait.ci95}, {"p_wait", sim.p_wait.ci95}}},
        {"replications", o.replications},
        {"customers", o.customers}}},
      {"analytic", {{"mean_wait", erlang.mean_wait * mu}, {"p_wait", erlang.p_wait}}},
  };
  fmt::print("{}\n", boost::json::serialize(out));
}

void PrintTable(const planning::MmcSimulationOptions& o, const planning::MmcSimulationResult& sim,
                const planning::MmcAnalysis& erlang) {
  const planning::MmcModel& m = o.model;
  const double mu = m.service_rate;
  fmt::print("M/M/{}  lambda {:g}  mu {:g}  rho {:.3f}\n", m.servers, m.arrival_rate, mu,
             erlang.utilisation);
  fmt::print("{} replications x {} customers after {} warm-up, seed {}; times in units of 1/mu\n\n",
             o.replications, o.customers, planning::WarmupCustomers(o), o.seed);
  fmt::print("{:<22}{:>24}{:>14}\n", "", "simulated +- 95% CI", "Erlang C");
  auto row = [](std::string_view name, const planning::Estimate& e, double analytic) {
    fmt::print("{:<22}{:>12.4f} +- {:<8.4f}{:>14.4f}\n", name, e.mean, e.ci95, analytic);
  };
  row("mean wait", sim.mean_wait, erlang.mean_wait * mu);
  row("P(wait > 0)", sim.p_wait, erlang.p_wait);
  row("P(wait > 1/mu)", sim.p_wait_exceeds[0], WaitExceedsProbability(erlang, 1 / mu));
  row("mean queue (Lq)", sim.mean_queue, erlang.mean_queue);
  row("mean in system (L)", sim.mean_in_system, erlang.mean_in_system);
  row("arrivals per 1/mu", sim.arrival_rate, m.arrival_rate / mu);
}

int RunSimulate(const SimulateFlags& flags, const Environment& env) {
  if (flags.scenario && flags.mmc) return Refuse("--scenario and --mmc exclude each other");
  if (flags.scenario) {
    return RunScenarioCommand({.file = flags.scenario_file,
                               .compare = flags.compare_file,
                               .data_dir = flags.data_dir,
                               .json = flags.json},
                              env);
  }
  if (!flags.compare_file.empty()) return Refuse("--compare needs --scenario");
  if (!flags.mmc) return Refuse("simulate needs --mmc or --scenario FILE");
  auto options = ToOptions(flags);
  if (!options) return Refuse(options.error().message);
  auto erlang = planning::AnalyseMmc(options->model);
  if (!erlang) return Refuse(erlang.error().message);
  auto sim = planning::SimulateMmc(*options);
  if (!sim) return Refuse(sim.error().message);
  if (flags.json) {
    PrintJson(*options, *sim, *erlang);
  } else {
    PrintTable(*options, *sim, *erlang);
  }
  return 0;
}

}  // namespace

void AddSimulateCommand(CLI::App& app, const Environment& env, int& exit_code) {
  auto flags = std::make_shared<SimulateFlags>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "Simulate a queue against Erlang C (--mmc), or the city in a planning scenario (--scenario)");
  cmd->add_flag("--mmc", flags->mmc, "The M/M/c queue: Poisson arrivals, exponential service");
  cmd->add_option("--lambda", flags->lambda, "Arrival rate (customers per time unit)")
      ->type_name("RATE");
  cmd->add_option("--mu", flags->mu, "Service rate of one server (per time unit)")
      ->type_name("RATE");
  cmd->add_option("--servers", flags->servers, "Number of servers c")->type_name("INT");
  cmd->add_option("--replications", flags->replications, "Independent replications (default 20)")
      ->type_name("INT");
  cmd->add_option("--customers", flags->customers,
                  "Measured customers per replication, after a tenth as many warm-up "
                  "(default 200000)")
      ->type_name("INT");
  cmd->add_option("--seed", flags->seed, "Replication r uses seed + r (default 1)")
      ->type_name("INT");
  cmd->add_option("--scenario", flags->scenario_file,
                  "A planning scenario (JSON, see data/hamburg/scenarios/)")
      ->type_name("FILE");
  cmd->add_option("--compare", flags->compare_file, "A second scenario, shown side by side")
      ->type_name("FILE");
  cmd->add_option("--data", flags->data_dir, "Folder with the city's JSON data files")
      ->type_name("DIR");
  cmd->add_flag("--json", flags->json, "Print one JSON object; times in units of 1/mu");
  cmd->callback([flags, cmd, &env, &exit_code] {
    flags->scenario = cmd->count("--scenario") > 0;
    exit_code = RunSimulate(*flags, env);
  });
}

}  // namespace amtszeit::cli
