// The `amtszeit` command line: one Add*Command per sub-command, each in its own file.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/notify/notifier.h"
#include "amtszeit/server/client_limits.h"
#include "amtszeit/server/proof_of_work.h"
#include "amtszeit/store/store.h"

namespace amtszeit::cli {

// Where the CLI runs: the zone rules are written in, and where the demo data lives.
struct Environment {
  std::string zone = "Europe/Berlin";
  std::string data_dir;  // data/hamburg of this build unless --data says otherwise
  std::string web_root;  // the built web front end
};

// Each Add*Command registers its sub-command and sets `exit_code` when it ran.
void AddServeCommand(CLI::App& app, const Environment& env, int& exit_code);
void AddDemoCommand(CLI::App& app, const Environment& env, int& exit_code);
void AddHolidaysCommand(CLI::App& app, int& exit_code);
void AddSimulateCommand(CLI::App& app, const Environment& env, int& exit_code);
void AddPlanCommand(CLI::App& app, const Environment& env, int& exit_code);
void AddReportCommand(CLI::App& app, const Environment& env, int& exit_code);
void AddMigrateCommand(CLI::App& app, int& exit_code);
void AddUserCommand(CLI::App& app, int& exit_code);

// Options shared by `serve` and `demo`.
struct ServeFlags {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 2;
  std::string web_root;
  std::string phone_api_key;  // also from AMTSZEIT_PHONE_API_KEY
  std::string public_url;
  notify::NotifierOptions notify;  // key_file defaults to the database's path + ".notify-key"
  server::ClientLimitOptions limits;
  server::ProofOptions proof;
  std::vector<std::string> trusted_proxies;
  int retention_days = 30;
  int offer_minutes = 30;
  int cancel_cooldown_seconds = 600;
};
void AddServeFlags(CLI::App& cmd, ServeFlags& flags);

// Serves `store` until SIGINT/SIGTERM; returns the process exit code. Prints
// "amtszeit listening on http://ADDR:PORT" once listening, then calls `banner` if given.
using Banner = std::function<void(const std::string& bind, std::uint16_t port)>;
int RunServer(store::Store& store, const ServeFlags& flags, const Environment& env,
              const Banner& banner = {});

Result<absl::TimeZone> LoadZone(const std::string& name);

// Prints "amtszeit: <message>" to stderr and returns the exit code for a failed command.
int ReportFailure(std::string_view message);

}  // namespace amtszeit::cli
