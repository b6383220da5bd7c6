#include "support/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

extern char** environ;

namespace amtszeit::testing {

namespace {

std::vector<char*> Argv(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

}  // namespace

int RunAmtszeit(const std::vector<std::string>& args, const std::string& input) {
  std::vector<std::string> all = {AMTSZEIT_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  auto argv = Argv(all);
  int in[2];
  if (pipe(in) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_addclose(&actions, in[1]);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, AMTSZEIT_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  if (rc != 0) {
    close(in[1]);
    return -1;
  }
  const std::string line = input + "\n";
  (void)!write(in[1], line.data(), line.size());
  close(in[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int RunAmtszeit(const std::vector<std::string>& args) {
  std::vector<std::string> all = {AMTSZEIT_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  auto argv = Argv(all);
  pid_t pid = 0;
  if (posix_spawn(&pid, AMTSZEIT_BINARY, nullptr, nullptr, argv.data(), environ) != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

ServerProcess::ServerProcess() : ServerProcess(Options{}) {}

ServerProcess::ServerProcess(Options options) : options_(std::move(options)) {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("amtszeit-it-" + std::to_string(rd()));
  std::filesystem::create_directories(web_root());
  // No synthetic history: these tests talk to today's state, and 100 MB per server is waste.
  if (options_.load_demo) RunAmtszeit({"demo", "--db", db(), "--no-serve", "--no-history"});
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop(SIGKILL);
  std::filesystem::remove_all(dir_);
}

bool ServerProcess::Start() {
  int out[2];
  if (pipe(out) != 0) return false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  // The request log goes to a file, so a test runner's pipe never waits on a leftover server.
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, (dir_ / "server.log").c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::vector<std::string> args = {AMTSZEIT_BINARY, "serve",
                                   "--db",          db(),
                                   "--port",        std::to_string(options_.port),
                                   "--web-root",    web_root().string(),
                                   "--threads",     "2"};
  if (!options_.phone_api_key.empty()) {
    args.push_back("--phone-api-key");
    args.push_back(options_.phone_api_key);
  }
  if (!options_.client_limits) {
    args.insert(args.end(), {"--search-burst", "0", "--hold-burst", "0", "--max-open-holds", "0"});
  }
  if (!options_.proof_of_work) args.insert(args.end(), {"--proof-bits", "0"});
  args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
  auto argv = Argv(args);
  const int rc = posix_spawn(&pid_, AMTSZEIT_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    pid_ = -1;
    return false;
  }
  // Read stdout until the listening line (at most 20 s).
  std::string seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  const std::string marker = "listening on http://127.0.0.1:";
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buf[512];
    const ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<std::size_t>(n));
    const auto at = seen.find(marker);
    if (at != std::string::npos && seen.find('\n', at) != std::string::npos) {
      port_ = static_cast<std::uint16_t>(std::stoi(seen.substr(at + marker.size())));
      // Keep draining stdout in the background so the server never blocks on a full pipe.
      std::thread([fd = out[0]] {
        char sink[512];
        while (read(fd, sink, sizeof sink) > 0) {
        }
        close(fd);
      }).detach();
      return true;
    }
  }
  close(out[0]);
  Stop(SIGKILL);
  return false;
}

std::optional<int> ServerProcess::Stop(int signal) {
  if (pid_ <= 0) return std::nullopt;
  kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      if (code != 0 && signal != SIGKILL) {
        // A server that stops uncleanly says why in its log (sanitizer reports go there too).
        std::ifstream log(dir_ / "server.log");
        std::cerr << "server exited with " << code << "; its log:\n" << log.rdbuf() << "\n";
      }
      return code;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  return std::nullopt;
}

}  // namespace amtszeit::testing
