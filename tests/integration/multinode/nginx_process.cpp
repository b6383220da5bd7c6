#include "multinode/nginx_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

extern char** environ;

namespace amtszeit::testing {

namespace {

// A loopback port nobody listens on right now. Another process may take it before nginx binds
// it; Start() then tries another one.
std::uint16_t FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  std::uint16_t port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool Accepts(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

const char* Binary() {
  for (const char* path : {"/usr/sbin/nginx", "/usr/bin/nginx"}) {
    if (access(path, X_OK) == 0) return path;
  }
  return "nginx";
}

}  // namespace

NginxProcess::NginxProcess(std::vector<std::uint16_t> upstreams)
    : upstreams_(std::move(upstreams)) {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("amtszeit-nginx-" + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
}

NginxProcess::~NginxProcess() {
  Stop();
  std::filesystem::remove_all(dir_);
}

bool NginxProcess::Start() {
  for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
    port_ = FreePort();
    if (port_ == 0) continue;
    const std::string d = dir_.string();
    std::ostringstream conf;
    // Run as root (a container, CI), nginx would hand its workers to "nobody"; keep them with us.
    if (geteuid() == 0) {
      const passwd* me = getpwuid(geteuid());
      conf << "user " << (me ? me->pw_name : "root") << ";\n";
    }
    conf << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
         << "pid " << d << "/nginx.pid;\nerror_log " << d << "/error.log warn;\n"
         << "events { worker_connections 512; }\n"
         << "http {\n  access_log off;\n"
         << "  client_body_temp_path " << d << "/body;\n  proxy_temp_path " << d << "/proxy;\n"
         << "  fastcgi_temp_path " << d << "/fastcgi;\n  uwsgi_temp_path " << d << "/uwsgi;\n"
         << "  scgi_temp_path " << d
         << "/scgi;\n"
         // A node that stops answering is skipped for a second, then tried again: a restarted
         // node takes requests at once.
         << "  upstream nodes {\n";
    for (std::uint16_t p : upstreams_) {
      conf << "    server 127.0.0.1:" << p << " max_fails=1 fail_timeout=1s;\n";
    }
    conf << "    keepalive 32;\n  }\n"
         << "  server {\n    listen 127.0.0.1:" << port_ << ";\n"
         << "    location / {\n      proxy_pass http://nodes;\n"
         << "      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n"
         << "      proxy_set_header X-Forwarded-For $remote_addr;\n"
         << "      proxy_buffering off;\n    }\n  }\n}\n";
    {
      std::ofstream out(dir_ / "nginx.conf", std::ios::trunc);
      out << conf.str();
    }
    std::vector<std::string> args = {Binary(),
                                     "-p",
                                     d,
                                     "-c",
                                     (dir_ / "nginx.conf").string(),
                                     "-e",
                                     (dir_ / "error.log").string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, (dir_ / "stderr.log").c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return false;
    pid_ = pid;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {  // e.g. the port was taken meanwhile
        pid_ = -1;
        break;
      }
      if (Accepts(port_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    Stop();
  }
  return false;
}

void NginxProcess::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGQUIT);  // graceful: the master stops its workers
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string NginxProcess::Log() const {
  std::ostringstream out;
  for (const char* name : {"error.log", "stderr.log"}) {
    std::ifstream in(dir_ / name);
    out << in.rdbuf();
  }
  return out.str();
}

}  // namespace amtszeit::testing
