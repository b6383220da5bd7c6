// `amtszeit plan --scenario FILE [--json]`: the staff optimizer's proposal for a scenario on the
// city's data (the demo roster generated for the horizon): which staff serve where on which days
// so that every centre keeps the 14-day promise, with as few moves and as little travel as
// possible.
#include <fmt/core.h>

#include <boost/json/serialize.hpp>
#include <fstream>
#include <memory>
#include <sstream>

#include "amtszeit/dataset/dataset.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/planning/demand.h"
#include "amtszeit/planning/optimizer.h"
#include "amtszeit/planning/scenario.h"
#include "commands.h"

namespace amtszeit::cli {
namespace {

struct PlanFlags {
  std::string scenario;
  std::string data_dir;
  double time_limit = 20;
  bool json = false;
};

int Refuse(std::string_view message) {
  ReportFailure(message);
  return 2;
}

int RunPlan(const PlanFlags& flags, const Environment& env) {
  auto data = dataset::LoadDataset(flags.data_dir.empty() ? env.data_dir : flags.data_dir);
  if (!data) return ReportFailure(data.error().message);
  std::ifstream in(flags.scenario, std::ios::binary);
  if (!in) return Refuse(fmt::format("cannot read scenario file '{}'", flags.scenario));
  std::ostringstream text;
  text << in.rdbuf();
  auto scenario = planning::ParseScenario(text.str(), data->catalog);
  if (!scenario) return Refuse(fmt::format("{}: {}", flags.scenario, scenario.error().message));
  if (!(flags.time_limit > 0 && flags.time_limit <= 600)) {
    return Refuse("--time-limit must be 0 to 600 seconds");
  }
  // The moves start with the simulation's warm-up, so that the measured days begin staffed.
  const absl::CivilDay first = planning::ScenarioRosterFirst(*scenario);
  const absl::CivilDay last = planning::ScenarioRosterLast(*scenario);
  const HolidayCalendar holidays(static_cast<int>(first.year()) - 1,
                                 static_cast<int>(last.year()) + 1);
  const Roster roster = planning::ApplyScenarioToRoster(
      *scenario, data->catalog,
      dataset::GenerateRoster(data->catalog, data->staffing, first,
                              static_cast<int>(last - first) + 1, 1, holidays));
  const planning::DemandModel demand = planning::DemandModel::FromProfile(data->catalog, holidays);
  auto proposal = planning::ProposeStaffMoves({.catalog = &data->catalog,
                                               .roster = &roster,
                                               .holidays = &holidays,
                                               .demand = &demand,
                                               .first = first,
                                               .last = scenario->to,
                                               .demand_factors = scenario->demand,
                                               .sickness_rate = scenario->sickness_rate,
                                               .time_limit_seconds = flags.time_limit});
  if (!proposal) return ReportFailure(proposal.error().message);
  if (flags.json) {
    fmt::print("{}\n", boost::json::serialize(planning::ProposalToJson(*proposal)));
    return 0;
  }
  fmt::print("{}: {} to {}\n", scenario->name.empty() ? flags.scenario : scenario->name,
             FormatDay(first), FormatDay(scenario->to));
  auto shortages = [](std::string_view title, const std::vector<planning::CentreShortage>& list) {
    if (list.empty()) {
      fmt::print("{}: none\n", title);
      return;
    }
    fmt::print("{}:\n", title);
    for (const planning::CentreShortage& s : list) {
      fmt::print("  {:<28} {:>7.1f} h short in the worst 14-day window\n", s.location_id,
                 s.worst_window_hours);
    }
  };
  shortages("short of capacity doing nothing", proposal->before);
  fmt::print("\n{} moves{}:\n", proposal->moves.size(),
             proposal->optimal ? " (optimal)" : " (best found within the time limit)");
  fmt::print("  {:<10} {:<26} {:<26} {:<23} {:>6} {:>7}\n", "staff", "from", "to", "days", "km",
             "hours");
  for (const planning::StaffMove& m : proposal->moves) {
    fmt::print("  {:<10} {:<26} {:<26} {} to {} {:>6.1f} {:>7.1f}\n", m.staff_id,
               m.from_location_id, m.to_location_id, FormatDay(m.first), FormatDay(m.last), m.km,
               m.minutes / 60);
  }
  fmt::print("\n");
  shortages("still short with the moves", proposal->after);
  return 0;
}

}  // namespace

void AddPlanCommand(CLI::App& app, const Environment& env, int& exit_code) {
  auto flags = std::make_shared<PlanFlags>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Propose staff moves that keep every centre's 14-day promise in a scenario");
  cmd->add_option("--scenario", flags->scenario, "A planning scenario (JSON)")
      ->type_name("FILE")
      ->required();
  cmd->add_option("--data", flags->data_dir, "Folder with the city's JSON data files")
      ->type_name("DIR");
  cmd->add_option("--time-limit", flags->time_limit, "Solver time limit in seconds (default 20)")
      ->type_name("S");
  cmd->add_flag("--json", flags->json, "Print the proposal as JSON");
  cmd->callback([flags, &env, &exit_code] { exit_code = RunPlan(*flags, env); });
}

}  // namespace amtszeit::cli
