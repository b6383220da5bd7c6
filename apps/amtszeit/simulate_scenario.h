// `amtszeit simulate --scenario`: see simulate_scenario.cpp.
#pragma once

#include <string>

#include "commands.h"

namespace amtszeit::cli {

struct ScenarioFlags {
  std::string file;
  std::string compare;   // empty: none
  std::string data_dir;  // empty: the environment's
  bool json = false;
};

// Exit code 0, or 2 for a scenario that cannot run (bad file), 1 for other failures.
int RunScenarioCommand(const ScenarioFlags& flags, const Environment& env);

}  // namespace amtszeit::cli
