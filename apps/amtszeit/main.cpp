// amtszeit: serve, load the demo, compute holidays. `amtszeit --help` lists the commands.
#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

#include "commands.h"

namespace {

std::string EnvOr(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  // The request log is written by a background thread, so logging never slows an answer.
  spdlog::init_thread_pool(8192, 1);
  spdlog::set_default_logger(spdlog::stderr_logger_mt<spdlog::async_factory>("amtszeit"));
  // AMTSZEIT_LOG_LEVEL=warn drops the per-request lines (info) on busy servers.
  spdlog::set_level(spdlog::level::from_str(EnvOr("AMTSZEIT_LOG_LEVEL", "info")));

  amtszeit::cli::Environment env{
      .data_dir = EnvOr("AMTSZEIT_DATA_DIR", AMTSZEIT_DEFAULT_DATA_DIR),
      .web_root = EnvOr("AMTSZEIT_WEB_ROOT", AMTSZEIT_DEFAULT_WEB_ROOT),
  };

  CLI::App app{"amtszeit - appointments, walk-in queues and steering for citizen service centres"};
  app.set_version_flag("--version", std::string("amtszeit ") + AMTSZEIT_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'amtszeit COMMAND --help' for a command's options.");

  int exit_code = 0;
  amtszeit::cli::AddServeCommand(app, env, exit_code);
  amtszeit::cli::AddDemoCommand(app, env, exit_code);
  amtszeit::cli::AddHolidaysCommand(app, exit_code);
  amtszeit::cli::AddSimulateCommand(app, env, exit_code);
  amtszeit::cli::AddPlanCommand(app, env, exit_code);
  amtszeit::cli::AddReportCommand(app, env, exit_code);
  amtszeit::cli::AddMigrateCommand(app, exit_code);
  amtszeit::cli::AddUserCommand(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, so scripts and people see at once what was wrong.
    std::fprintf(stderr, "amtszeit: %s (see 'amtszeit --help')\n", e.what());
    return e.get_exit_code() != 0 ? e.get_exit_code() : 2;
  }
  spdlog::shutdown();  // flushes the log thread
  return exit_code;
}
