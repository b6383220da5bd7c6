// Runs the real `amtszeit` binary for integration tests: loads the Hamburg demo into a fresh
// SQLite file, starts `amtszeit serve --port 0`, reads the port from its "listening" line, and
// stops it with a signal at the end.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace amtszeit::testing {

// Runs the binary with arguments to completion; returns its exit status.
int RunAmtszeit(const std::vector<std::string>& args);
// The same with `input` on its standard input (e.g. a password for `amtszeit user add`).
int RunAmtszeit(const std::vector<std::string>& args, const std::string& input);

class ServerProcess {
 public:
  struct Options {
    std::string phone_api_key = "test-phone-key";
    bool load_demo = true;
    // The citizens' per-address limits. Off unless a test is about them: the other tests make
    // hundreds of requests from one address on purpose.
    bool client_limits = false;
    // The proof of work on holds: off unless a test is about it, as the limits above.
    bool proof_of_work = false;
    std::vector<std::string> extra_args;  // appended to `amtszeit serve`
    // A database URL (postgresql://...) several servers share; empty: a fresh SQLite file in
    // this server's folder.
    std::string db;
    // 0: any free port. A node restarted after a crash keeps its port (a proxy names it).
    std::uint16_t port = 0;
  };
  ServerProcess();  // with default options
  explicit ServerProcess(Options options);
  ~ServerProcess();

  // Starts (or restarts, on the same database) the server; false when it did not come up.
  bool Start();
  // Sends `signal`; returns the exit status, or nullopt when it did not exit within 10 s.
  std::optional<int> Stop(int signal);
  bool running() const { return pid_ > 0; }

  // Changes what the next Start() runs with (e.g. flags that depend on what a test saw).
  Options& options() { return options_; }
  std::uint16_t port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::string db() const { return options_.db.empty() ? (dir_ / "t.db").string() : options_.db; }
  std::filesystem::path web_root() const { return dir_ / "web"; }

 private:
  Options options_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace amtszeit::testing
