// The HTTP server (Boost.Beast): N I/O threads (each with its own connections), keep-alive,
// TCP_NODELAY, header and body limits (431/413), read and idle timeouts, graceful shutdown on
// SIGINT/SIGTERM, a request log without query strings (they can carry tokens and personal data),
// and the API and static files.
//
//   auto ok = server::Serve({.port = 8080}, store, [](std::uint16_t port) { ... });
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "amtszeit/domain/error.h"
#include "amtszeit/notify/notifier.h"
#include "amtszeit/server/client_limits.h"
#include "amtszeit/server/http.h"
#include "amtszeit/server/proof_of_work.h"
#include "amtszeit/server/router.h"
#include "amtszeit/store/store.h"

namespace amtszeit::server {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port
  int threads = 2;            // I/O threads
  int worker_threads = 16;    // handlers; durable writes wait here, not on I/O threads
  std::string web_root;       // static files; empty or missing = a built-in index page
  std::size_t header_limit = std::size_t{8} * 1024;
  std::size_t body_limit = std::size_t{1024} * 1024;
  // POST /api/v1/cases carries its documents (base64 in JSON); checked while reading, with
  // time for a slow mobile upload.
  std::size_t case_body_limit = std::size_t{24} * 1024 * 1024;
  std::chrono::seconds case_read_timeout{180};
  std::chrono::seconds read_timeout{15};  // a request must arrive completely within this
  std::chrono::seconds idle_timeout{60};  // keep-alive connection with no request
  std::chrono::seconds shutdown_grace{10};
  std::chrono::seconds heartbeat{15};  // comment line on idle event streams
  int max_streams = 20000;             // open event streams; more are answered 503
  std::string zone = "Europe/Berlin";
  std::string phone_api_key;  // empty: the phone channel is off
  std::string public_url;     // base for links; default http://localhost:PORT
  std::string version = "0.1.0";
  notify::NotifierOptions notify;            // messages to citizens: SMTP, SMS webhook, reminders
  ClientLimitOptions client_limits;          // citizens' search and hold limits per address
  ProofOptions proof;                        // proof of work on citizens' holds
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For/-Proto are believed
  int retention_days = 30;  // personal data of appointments is cleared this long after their day
  int offer_minutes = 30;   // how long a freed slot is held for a waitlisted citizen
  int cancel_cooldown_seconds = 600;  // before a cancelled slot goes to the waitlist or the pool
};

// Serves until SIGINT or SIGTERM, then stops accepting, finishes in-flight requests (bounded by
// shutdown_grace) and returns. Calls on_listening(port) once the socket accepts connections.
Result<void> Serve(const ServerOptions& options, store::Store& store,
                   const std::function<void(std::uint16_t port)>& on_listening);

// One request through routing and static files, exceptions turned into 500 problems.
Response Handle(const Router& router, const std::string& web_root, Request& request);

}  // namespace amtszeit::server
