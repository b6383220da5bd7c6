// SSE fan-out: how long after a counter calls a ticket does the last of N connected call displays
// receive it? Measured against a running server (scripts/bench starts one on a fresh database):
// first with one display (the reference), then with N, the same calls, in the same run.
//
//   sse_fanout --port 8080 --clients 2000 --calls 40 [--location kz-wilhelmsburg]
//
// Opening the counter and calling are staff actions: the counter account to sign in with comes
// from AMTSZEIT_BENCH_STAFF and AMTSZEIT_BENCH_STAFF_PASSWORD (the environment, not the command
// line, where `ps` would show the password).
//
// Prints "name|measured|reference|ratio" rows for scripts/bench and a human summary on stderr.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int Connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::perror("connect");
    std::exit(1);
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// The signed-in counter's headers (session cookie and CSRF token), sent with every request.
std::string staff_headers;

struct Answer {
  int status = 0;
  std::string text;  // status line, headers and body
};

// One blocking HTTP/1.1 request on its own connection.
Answer Exchange(int port, const std::string& method, const std::string& target,
                const std::string& body) {
  const int fd = Connect(port);
  const std::string request =
      method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" +
      staff_headers +
      "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n" + body;
  (void)!::write(fd, request.data(), request.size());
  Answer answer;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0)
    answer.text.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  answer.status = answer.text.size() > 12 ? std::atoi(answer.text.c_str() + 9) : 0;
  return answer;
}

int Http(int port, const std::string& method, const std::string& target, const std::string& body) {
  return Exchange(port, method, target, body).status;
}

// The text after `key` up to the first of `ends`; empty when `key` is absent.
std::string After(const std::string& text, const std::string& key, const char* ends) {
  const std::size_t at = text.find(key);
  if (at == std::string::npos) return {};
  const std::size_t from = at + key.size();
  return text.substr(from, text.find_first_of(ends, from) - from);
}

// Counters are staff endpoints: signs in as the account scripts/bench created for the centre.
bool SignIn(int port, const std::string& name, const std::string& password) {
  const Answer a = Exchange(port, "POST", "/api/v1/session",
                            R"({"name":")" + name + R"(","password":")" + password + R"("})");
  const std::string cookie = After(a.text, "Set-Cookie: ", ";\r");
  const std::string csrf = After(a.text, R"("csrf_token":")", "\"");
  if (a.status != 201 || cookie.empty() || csrf.empty()) return false;
  staff_headers = "Cookie: " + cookie + "\r\nX-CSRF-Token: " + csrf + "\r\n";
  return true;
}

struct Display {
  int fd = -1;
  std::string carry;  // tail of the last read, so a marker split across reads is still found
  int calls = 0;      // "event: call" lines seen
  std::vector<Clock::time_point> received;
};

class Fleet {
 public:
  Fleet(int port, const std::string& location, int n) : epoll_(::epoll_create1(0)) {
    const std::string request = "GET /api/v1/locations/" + location +
                                "/display/events HTTP/1.1\r\nHost: localhost\r\n"
                                "Accept: text/event-stream\r\n\r\n";
    displays_.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      Display& d = displays_[static_cast<std::size_t>(i)];
      d.fd = Connect(port);
      (void)!::write(d.fd, request.data(), request.size());
      ::fcntl(d.fd, F_SETFL, ::fcntl(d.fd, F_GETFL) | O_NONBLOCK);
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u32 = static_cast<std::uint32_t>(i);
      ::epoll_ctl(epoll_, EPOLL_CTL_ADD, d.fd, &ev);
    }
    Drain(std::chrono::milliseconds(500));  // headers, and anything replayed
    for (auto& d : displays_) d.calls = 0, d.received.clear();
  }
  ~Fleet() {
    for (auto& d : displays_) ::close(d.fd);
    ::close(epoll_);
  }

  // Reads until every display has seen `calls` call events or `timeout` passed.
  bool WaitAll(int calls, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      if (std::all_of(displays_.begin(), displays_.end(),
                      [&](const Display& d) { return d.calls >= calls; })) {
        return true;
      }
      Poll(10);
    }
    return false;
  }

  const std::vector<Display>& displays() const { return displays_; }

 private:
  void Drain(std::chrono::milliseconds for_how_long) {
    const auto until = Clock::now() + for_how_long;
    while (Clock::now() < until) Poll(10);
  }

  void Poll(int timeout_ms) {
    epoll_event events[256];
    const int n = ::epoll_wait(epoll_, events, 256, timeout_ms);
    const auto now = Clock::now();
    for (int i = 0; i < n; ++i) {
      Display& d = displays_[events[i].data.u32];
      char buf[8192];
      ssize_t got;
      while ((got = ::read(d.fd, buf, sizeof buf)) > 0) {
        std::string text = d.carry + std::string(buf, static_cast<std::size_t>(got));
        const std::string marker = "event: call\n";
        for (std::size_t at = text.find(marker); at != std::string::npos;
             at = text.find(marker, at + marker.size())) {
          ++d.calls;
          d.received.push_back(now);
        }
        d.carry = text.size() > marker.size() ? text.substr(text.size() - marker.size() + 1) : text;
      }
    }
  }

  int epoll_;
  std::vector<Display> displays_;
};

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

// Calls `calls` tickets one after another; per call, the delay (ms) until the last display had it.
std::vector<double> Run(int port, const std::string& location, int clients, int calls) {
  Fleet fleet(port, location, clients);
  const std::string base = "/api/v1/locations/" + location;
  std::vector<double> to_last;
  for (int i = 0; i < calls; ++i) {
    if (Http(port, "POST", base + "/tickets", R"({"services":["personalausweis"]})") != 201) {
      std::fprintf(stderr, "sse_fanout: could not issue a ticket\n");
      std::exit(1);
    }
    const auto t0 = Clock::now();
    std::thread caller([&] {
      if (Http(port, "POST", base + "/counters/1/call-next", "") != 200) {
        std::fprintf(stderr, "sse_fanout: call-next failed\n");
        std::exit(1);
      }
    });
    const bool all = fleet.WaitAll(i + 1, std::chrono::seconds(10));
    caller.join();
    if (!all) {
      std::fprintf(stderr, "sse_fanout: not every display got call %d\n", i + 1);
      std::exit(1);
    }
    Clock::time_point last = t0;
    for (const Display& d : fleet.displays()) last = std::max(last, d.received.at(i));
    to_last.push_back(std::chrono::duration<double, std::milli>(last - t0).count());
    Http(port, "POST", base + "/counters/1/finish", "");
  }
  return to_last;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, clients = 2000, calls = 40;
  std::string location = "kz-wilhelmsburg";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--port") port = std::atoi(argv[i + 1]);
    if (flag == "--clients") clients = std::atoi(argv[i + 1]);
    if (flag == "--calls") calls = std::atoi(argv[i + 1]);
    if (flag == "--location") location = argv[i + 1];
  }
  if (port <= 0 || clients <= 0 || calls <= 0) {
    std::fprintf(stderr, "usage: sse_fanout --port P [--clients N] [--calls K] [--location ID]\n");
    return 2;
  }
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  const char* staff = std::getenv("AMTSZEIT_BENCH_STAFF");
  const char* password = std::getenv("AMTSZEIT_BENCH_STAFF_PASSWORD");
  if (staff == nullptr || password == nullptr || !SignIn(port, staff, password)) {
    std::fprintf(stderr,
                 "sse_fanout: cannot sign in; set AMTSZEIT_BENCH_STAFF and "
                 "AMTSZEIT_BENCH_STAFF_PASSWORD to a counter account of %s\n",
                 location.c_str());
    return 1;
  }
  const std::string base = "/api/v1/locations/" + location;
  if (Http(port, "PUT", base + "/counters/1", R"({"mode":"walk_in","staff":"Bench"})") != 200) {
    std::fprintf(stderr, "sse_fanout: cannot open counter 1 at %s\n", location.c_str());
    return 1;
  }
  const auto one = Run(port, location, 1, calls);
  const auto many = Run(port, location, clients, calls);
  const double ref_median = Percentile(one, 0.5);
  const double median = Percentile(many, 0.5);
  const double p99 = Percentile(many, 0.99);
  std::fprintf(stderr,
               "sse_fanout: %d calls; 1 display: median %.2f ms; %d displays: call -> last "
               "display median %.2f ms, p99 %.2f ms, max %.2f ms\n",
               calls, ref_median, clients, median, p99, Percentile(many, 1.0));
  std::printf("sse call -> last of %d displays, median ms|%.2f|%.2f|%.1f\n", clients, median,
              ref_median, median / ref_median);
  std::printf("sse call -> last of %d displays, p99 ms|%.2f|%.2f|%.1f\n", clients, p99,
              Percentile(one, 0.99), p99 / Percentile(one, 0.99));
  return 0;
}
