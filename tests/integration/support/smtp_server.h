// A real SMTP server on loopback for integration tests (Debian's python3-aiosmtpd writing a
// Maildir), and what tests need to read the mails it received.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace amtszeit::testing {

inline std::uint16_t FreePort() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
  close(s);
  return ntohs(a.sin_port);
}

inline bool Accepts(std::uint16_t port) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(s);
  return ok;
}

// aiosmtpd with its Mailbox handler: every accepted message becomes a file in DIR/new.
class SmtpServer {
 public:
  explicit SmtpServer(std::uint16_t port) : port_(port) {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("amtszeit-smtp-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  ~SmtpServer() {
    Stop();
    std::filesystem::remove_all(dir_);
  }

  bool Start() {
    std::vector<std::string> args = {"/usr/bin/python3",
                                     "-m",
                                     "aiosmtpd",
                                     "-n",
                                     "-l",
                                     "127.0.0.1:" + std::to_string(port_),
                                     "-c",
                                     "aiosmtpd.handlers.Mailbox",
                                     (dir_ / "maildir").string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return false;
    for (int i = 0; i < 250; ++i) {
      if (Accepts(port_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  // The messages received so far, oldest first.
  std::vector<std::string> Messages() const {
    std::vector<std::pair<std::filesystem::file_time_type, std::string>> found;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir_ / "maildir" / "new", ec)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      found.emplace_back(e.last_write_time(), text.str());
    }
    std::ranges::sort(found);
    std::vector<std::string> out;
    for (auto& [t, text] : found) out.push_back(std::move(text));
    return out;
  }

  // Waits (at most `limit`) until `count` messages arrived.
  std::vector<std::string> Await(std::size_t count,
                                 std::chrono::milliseconds limit = std::chrono::seconds(10)) const {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    auto got = Messages();
    while (got.size() < count && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
      got = Messages();
    }
    return got;
  }

  std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
};

inline std::string Header(const std::string& mail, const std::string& name) {
  const std::string key = "\n" + name + ": ";
  auto at = ("\n" + mail).find(key);
  if (at == std::string::npos) return "";
  std::string value;
  std::size_t i = at + key.size() - 1;
  // Folded lines continue with white space.
  while (i < mail.size()) {
    const std::size_t end = mail.find('\n', i);
    value += mail.substr(i, end - i);
    if (end == std::string::npos || end + 1 >= mail.size() ||
        (mail[end + 1] != ' ' && mail[end + 1] != '\t')) {
      break;
    }
    i = end + 1;
  }
  std::erase(value, '\r');
  return value;
}

inline int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// RFC 2047 "=?UTF-8?B?...?=" words, decoded and joined.
inline std::string DecodeSubject(const std::string& header) {
  std::string out;
  std::size_t at = 0;
  while ((at = header.find("=?UTF-8?B?", at)) != std::string::npos) {
    at += 10;
    const std::size_t end = header.find("?=", at);
    unsigned bits = 0;
    int count = 0;
    for (std::size_t i = at; i < end; ++i) {
      const int v = Base64Value(header[i]);
      if (v < 0) continue;
      bits = (bits << 6) | static_cast<unsigned>(v);
      count += 6;
      if (count >= 8) {
        count -= 8;
        out += static_cast<char>((bits >> count) & 0xFF);
      }
    }
    at = end + 2;
  }
  return out.empty() ? header : out;
}

inline std::vector<std::string> MailFlags(std::uint16_t smtp_port) {
  return {"--smtp",
          "smtp://127.0.0.1:" + std::to_string(smtp_port),
          "--mail-from",
          "termine@hamburg.example",
          "--notify-poll-ms",
          "50",
          "--notify-retry-ms",
          "200"};
}

}  // namespace amtszeit::testing
