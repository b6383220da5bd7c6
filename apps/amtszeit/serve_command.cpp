#include <fmt/core.h>
#include <sys/resource.h>

#include <cstdio>
#include <memory>

#include "amtszeit/server/server.h"
#include "commands.h"

namespace amtszeit::cli {

Result<absl::TimeZone> LoadZone(const std::string& name) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(name, &zone)) {
    return Fail(ErrorCode::kUnavailable, "time zone '{}' not found (is tzdata installed?)", name);
  }
  return zone;
}

void AddServeFlags(CLI::App& cmd, ServeFlags& flags) {
  cmd.add_option("--port", flags.port, "TCP port; 0 picks a free one")->capture_default_str();
  cmd.add_option("--bind", flags.bind, "Address to listen on")->capture_default_str();
  cmd.add_option("--threads", flags.threads, "Server threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd.add_option("--web-root", flags.web_root, "Folder with the built web front end");
  cmd.add_option("--phone-api-key", flags.phone_api_key,
                 "Secret the call centre sends as 'Authorization: Bearer KEY' to book by phone")
      ->envname("AMTSZEIT_PHONE_API_KEY");
  cmd.add_option("--public-url", flags.public_url,
                 "Base URL of links in answers and mails (default http://localhost:PORT)");
}

// Every open connection (event streams of call displays included) is a file descriptor; the
// default soft limit of 1024 would cap a centre's displays and phones well below what one server
// handles.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    (void)setrlimit(RLIMIT_NOFILE, &limit);
  }
}

int RunServer(store::Store& store, const ServeFlags& flags, const Environment& env,
              const Banner& banner) {
  RaiseOpenFileLimit();
  server::ServerOptions options;
  options.bind_address = flags.bind;
  options.port = flags.port;
  options.threads = flags.threads;
  options.web_root = flags.web_root.empty() ? env.web_root : flags.web_root;
  options.zone = env.zone;
  options.phone_api_key = flags.phone_api_key;
  options.public_url = flags.public_url;
  options.version = AMTSZEIT_VERSION;
  auto served = server::Serve(options, store, [&](std::uint16_t port) {
    fmt::print("amtszeit listening on http://{}:{}\n", flags.bind, port);
    std::fflush(stdout);
    if (banner) banner(flags.bind, port);
  });
  if (!served) return ReportFailure(served.error().message);
  return 0;
}

void AddServeCommand(CLI::App& app, const Environment& env, int& exit_code) {
  struct Options {
    std::string db = "var/amtszeit.db";
    ServeFlags serve;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the API and web pages from a database");
  cmd->add_option("--db", options->db, "Database: a SQLite file path")->capture_default_str();
  AddServeFlags(*cmd, options->serve);
  cmd->callback([options, &env, &exit_code] {
    auto store = store::OpenStore(options->db, {.create_if_missing = false});
    if (!store) {
      exit_code = ReportFailure(store.error().message +
                                " (create one with 'amtszeit demo --no-serve --db PATH')");
      return;
    }
    exit_code = RunServer(**store, options->serve, env);
  });
}

}  // namespace amtszeit::cli
