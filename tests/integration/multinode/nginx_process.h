// Debian's nginx as the reverse proxy in front of several amtszeit nodes, for the multi-node
// test: its whole configuration, pid file, logs and temp folders live in a folder of its own, it
// listens on a free loopback port and runs as the current user in the foreground.
//
//   NginxProcess proxy({a.port(), b.port()});
//   ASSERT_TRUE(proxy.Start()) << proxy.Log();
//   HttpClient c(proxy.port());
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace amtszeit::testing {

class NginxProcess {
 public:
  explicit NginxProcess(std::vector<std::uint16_t> upstreams);
  ~NginxProcess();
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;

  // Writes the configuration and starts nginx; false when it did not come up.
  bool Start();
  void Stop();
  std::uint16_t port() const { return port_; }
  // nginx's error log, for a failure message.
  std::string Log() const;

 private:
  std::vector<std::uint16_t> upstreams_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace amtszeit::testing
