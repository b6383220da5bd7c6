#include "amtszeit/server/server.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>
#include <thread>

#include "amtszeit/booking/engine.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/monitor/snapshot.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/change_listener.h"
#include "amtszeit/server/client_address.h"
#include "amtszeit/server/notify_hook.h"
#include "amtszeit/server/request_target.h"
#include "amtszeit/server/waitlist_hook.h"

namespace amtszeit::server {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Shared {
  const ServerOptions& options;
  const Router& router;
  asio::thread_pool& workers;
  const TrustedProxies& proxies;
  std::atomic<int> in_flight{0};
  std::atomic<int> streams{0};
  std::atomic<bool> stopping{false};
};

// Beast request -> our Request. Fails for targets that are not a valid origin-form.
Result<Request> Convert(http::request<http::string_body>& in) {
  Request out;
  if (auto parsed = ParseTarget(in.target(), out); !parsed) return std::unexpected(parsed.error());
  out.method = std::string(in.method_string());
  if (out.method == "HEAD") out.method = "GET";
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = std::move(in.body());
  return out;
}

// Online requests carry their documents; only they may be larger than an ordinary body.
bool IsCaseSubmission(const http::request_header<>& header) {
  if (header.method() != http::verb::post) return false;
  const std::string_view target = header.target();
  return target.substr(0, target.find('?')) == "/api/v1/cases";
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared)
      : stream_(std::move(socket)), shared_(shared), heartbeat_(stream_.get_executor()) {
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = peer.address().to_string();
    // The peer is the same for every request of the connection: without a trusted proxy in
    // between, so is the client key, which parses and prints the address.
    behind_proxy_ = shared_.proxies.Contains(peer_);
    if (!behind_proxy_) direct_client_ = ClientKey(peer_);
  }

  void Start() { ReadHeader(); }
  beast::tcp_stream::executor_type executor() { return stream_.get_executor(); }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.header_limit));
    // The larger limit lets a submission's Content-Length pass the header; OnHeader narrows it
    // again for every other request before any of the body is read.
    parser_->body_limit(std::max(shared_.options.body_limit, shared_.options.case_body_limit));
    stream_.expires_after(first_ ? shared_.options.read_timeout : shared_.options.idle_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const bool submission = IsCaseSubmission(parser_->get());
    if (!submission) {
      const auto length = parser_->content_length();
      if (length && *length > shared_.options.body_limit) {
        return OnReadError(http::error::body_limit);
      }
      parser_->body_limit(shared_.options.body_limit);
    }
    stream_.expires_after(submission ? shared_.options.case_read_timeout
                                     : shared_.options.read_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    first_ = false;
    stream_.expires_never();
    auto request = std::make_shared<http::request<http::string_body>>(parser_->release());
    const auto started = std::chrono::steady_clock::now();
    ++shared_.in_flight;
    // Reads are answered here; writes wait for a durable commit, so they go to the worker pool
    // and the I/O threads keep serving (and the writer can group many clients' commits).
    const bool reads =
        request->method() == http::verb::get || request->method() == http::verb::head;
    if (reads) return Deliver(Compute(*request), started);
    asio::post(shared_.workers, [self = shared_from_this(), request, started] {
      auto answer = std::make_shared<Answer>(self->Compute(*request));
      asio::post(self->stream_.get_executor(),
                 [self, answer, started] { self->Deliver(std::move(*answer), started); });
    });
  }

  struct Answer {
    Response response;
    bool head = false;
    bool keep_alive = false;
    unsigned version = 11;
    std::string method;
    std::string path;
  };

  // Routes the request; safe on any thread (touches no socket state).
  Answer Compute(http::request<http::string_body>& request) const {
    Answer a{.head = request.method() == http::verb::head,
             .keep_alive = request.keep_alive(),
             .version = request.version(),
             .method = std::string(request.method_string())};
    const Origin origin =
        behind_proxy_ ? ResolveOrigin(peer_, LastField(request, "X-Forwarded-For"),
                                      LastField(request, "X-Forwarded-Proto"), shared_.proxies)
                      : Origin{.client = direct_client_};
    if (auto converted = Convert(request)) {
      a.path = converted->path;
      converted->client = origin.client;
      converted->https = origin.https;
      a.response = Handle(shared_.router, shared_.options.web_root, *converted);
    } else {
      a.response = Problem(converted.error());
    }
    // Only over TLS: a browser that met the header over plain HTTP would ignore it anyway, and
    // a site still reachable without TLS must not be pinned to it by a forged header.
    if (origin.https) {
      a.response.headers.emplace_back("Strict-Transport-Security",
                                      "max-age=31536000; includeSubDomains");
    }
    return a;
  }

  void Deliver(Answer a, std::chrono::steady_clock::time_point started) {
    if (a.response.stream && !a.head) return StartStream(std::move(a), started);
    Write(std::move(a.response), a.head, a.keep_alive, a.version, a.method, a.path, started);
  }

  // Server-Sent Events: headers without a length (the stream ends when the connection closes),
  // then whatever the subscription queues, written in batches, and a heartbeat comment when idle.
  void StartStream(Answer a, std::chrono::steady_clock::time_point started) {
    if (++shared_.streams > shared_.options.max_streams || shared_.stopping) {
      --shared_.streams;
      Response busy = Problem(503, "too many live connections; try again shortly");
      busy.headers.emplace_back("Retry-After", "5");
      return Write(std::move(busy), false, false, a.version, a.method, a.path, started);
    }
    --shared_.in_flight;  // a stream must not hold up a graceful shutdown
    subscription_ = std::move(a.response.stream);
    auto res = std::make_shared<http::response<http::empty_body>>(http::status::ok, a.version);
    res->set(http::field::server, "amtszeit");
    res->set(http::field::content_type, a.response.content_type);
    res->set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : a.response.headers) res->set(name, value);
    res->keep_alive(false);
    auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*res);
    spdlog::info("{} {} 200 stream", a.method, a.path);
    stream_.expires_after(shared_.options.read_timeout);
    http::async_write_header(
        stream_, *serializer,
        [self = shared_from_this(), res, serializer](beast::error_code ec, std::size_t) {
          if (ec) return self->EndStream();
          std::weak_ptr<Session> weak = self;
          self->subscription_->SetWaker([weak] {
            if (auto s = weak.lock()) {
              asio::post(s->stream_.get_executor(), [s] { s->Pump(); });
            }
          });
          self->WatchForHangUp();
          self->ScheduleHeartbeat();
          self->Pump();
        });
  }

  // The client sends nothing on an event stream; a completed read means it went away.
  void WatchForHangUp() {
    stream_.socket().async_read_some(
        asio::buffer(hang_up_probe_),
        [self = shared_from_this()](beast::error_code ec, std::size_t) {
          if (ec) return self->EndStream();
          self->WatchForHangUp();
        });
  }

  void ScheduleHeartbeat() {
    heartbeat_.expires_after(shared_.options.heartbeat);
    heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->ended_) return;
      self->heartbeat_due_ = true;
      self->Pump();
      self->ScheduleHeartbeat();
    });
  }

  void Pump() {
    if (ended_ || writing_) return;
    if (subscription_->closed() || subscription_->overflowed()) return EndStream();
    out_.clear();
    for (const auto& e : subscription_->Take()) out_ += e->wire;
    if (out_.empty() && heartbeat_due_) out_ = ": heartbeat\n\n";
    heartbeat_due_ = false;
    if (out_.empty()) return;
    writing_ = true;
    stream_.expires_after(shared_.options.read_timeout);
    asio::async_write(stream_, asio::buffer(out_),
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->writing_ = false;
                        if (ec) return self->EndStream();
                        self->stream_.expires_never();
                        self->Pump();
                      });
  }

  void EndStream() {
    if (ended_) return;
    ended_ = true;
    --shared_.streams;
    heartbeat_.cancel();
    subscription_->Close();
    Close();
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::header_limit) {
      return Write(Problem(431, "request headers are larger than the server accepts"), false, false,
                   11, "-", "-", std::chrono::steady_clock::now(), true);
    }
    if (ec == http::error::body_limit) {
      return Write(Problem(413, "request body is larger than the server accepts"), false, false, 11,
                   "-", "-", std::chrono::steady_clock::now(), true);
    }
    const bool parse_error =
        ec.category() == beast::http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message;
    if (parse_error) {
      return Write(Problem(400, "malformed HTTP request"), false, false, 11, "-", "-",
                   std::chrono::steady_clock::now(), true);
    }
    Close();  // end of stream, timeout or a reset: nothing to answer
  }

  void Write(Response r, bool head, bool keep_alive, unsigned version, const std::string& method,
             const std::string& path, std::chrono::steady_clock::time_point started,
             bool after_error = false) {
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(r.status), version);
    res->set(http::field::server, "amtszeit");
    res->set(http::field::content_type, r.content_type);
    res->set("X-Content-Type-Options", "nosniff");
    res->set("Referrer-Policy", "no-referrer");
    res->set("Content-Security-Policy",
             "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; "
             "form-action 'self'");
    for (const auto& [name, value] : r.headers) res->set(name, value);
    const std::size_t size = r.body.size();
    res->body() = head ? std::string() : std::move(r.body);
    const bool keep = keep_alive && !after_error && !shared_.stopping;
    res->keep_alive(keep);
    res->prepare_payload();
    if (head) res->content_length(size);
    if (!after_error) {
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
      spdlog::info("{} {} {} {}B {}us", method, path, r.status, size, us);
    }
    stream_.expires_after(shared_.options.read_timeout);
    http::async_write(
        stream_, *res,
        [self = shared_from_this(), res, keep, after_error](beast::error_code ec, std::size_t) {
          if (!after_error) --self->shared_.in_flight;
          if (ec || !keep) return self->Close();
          self->ReadHeader();
        });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  // A repeated header counts by its last occurrence, as proxies append theirs.
  static std::optional<std::string_view> LastField(const http::request<http::string_body>& r,
                                                   std::string_view name) {
    std::optional<std::string_view> last;
    for (auto [it, end] = r.equal_range(name); it != end; ++it) last = it->value();
    return last;
  }

  beast::tcp_stream stream_;
  std::string peer_;           // the connection's remote address
  bool behind_proxy_ = false;  // the peer is a trusted proxy: each request names its client
  std::string direct_client_;  // the client key of a peer that is not a proxy
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Shared& shared_;
  bool first_ = true;
  // Event streams; touched only on the session's strand.
  bool writing_ = false;
  bool heartbeat_due_ = false;
  bool ended_ = false;
  std::shared_ptr<live::Subscription> subscription_;
  std::string out_;
  std::array<char, 64> hang_up_probe_{};
  asio::steady_timer heartbeat_;
};

// Accepts on the main context and hands each connection to one of the I/O threads' own contexts
// in turn, where it stays: one thread per context needs neither a strand per connection nor
// wake-ups of another thread for its handlers (a tenth less CPU per search request than all
// threads sharing one context, measured with wrk).
class Listener {
 public:
  Listener(asio::io_context& ioc, std::vector<std::unique_ptr<asio::io_context>>& sessions,
           Shared& shared)
      : sessions_(sessions), acceptor_(ioc), shared_(shared) {}

  Result<std::uint16_t> Open(const std::string& address, std::uint16_t port) {
    beast::error_code ec;
    const auto ip = asio::ip::make_address(address, ec);
    if (ec) return Fail(ErrorCode::kInvalidArgument, "'{}' is not an IP address", address);
    const tcp::endpoint endpoint(ip, port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Fail(ErrorCode::kUnavailable, "cannot listen on {}:{}: {}", address, port,
                  ec.message());
    }
    return acceptor_.local_endpoint().port();
  }

  void Accept() {
    asio::io_context& next = *sessions_[next_++ % sessions_.size()];
    acceptor_.async_accept(next, [this](beast::error_code ec, tcp::socket s) {
      if (ec) {
        if (!acceptor_.is_open()) return;  // shutting down
        return Accept();
      }
      beast::error_code ignored;
      s.set_option(tcp::no_delay(true), ignored);
      auto session = std::make_shared<Session>(std::move(s), shared_);
      // Started on its own thread, like everything it does later.
      asio::post(session->executor(), [session] { session->Start(); });
      Accept();
    });
  }

  void Close() {
    beast::error_code ignored;
    acceptor_.close(ignored);
  }

 private:
  std::vector<std::unique_ptr<asio::io_context>>& sessions_;
  std::size_t next_ = 0;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

}  // namespace

Result<void> Serve(const ServerOptions& options, store::Store& store,
                   const std::function<void(std::uint16_t port)>& on_listening) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(options.zone, &zone)) {
    return Fail(ErrorCode::kUnavailable, "time zone '{}' not found (is tzdata installed?)",
                options.zone);
  }
  static const SystemClock clock;
  auto notifier = notify::Notifier::Open(store, clock, options.notify);
  if (!notifier) return std::unexpected(notifier.error());
  // The other nodes' changes the booking index is built from (0 with SQLite): the change listener
  // reloads when they moved before it started listening.
  auto loaded_version = store::ChangeVersion(store);
  if (!loaded_version) return std::unexpected(loaded_version.error());
  // The waitlist needs the engine, and the engine tells it of freed time: it is bound once made.
  waitlist::WaitlistService* waitlist_target = nullptr;
  auto engine = booking::BookingEngine::Open(
      store, clock,
      {.rules = {.cancel_cooldown = absl::Seconds(options.cancel_cooldown_seconds)},
       .zone = zone,
       .on_change = WaitlistNotifyHook(**notifier),
       .on_freed = WaitlistFreedHook(waitlist_target)});
  if (!engine) return std::unexpected(engine.error());
  waitlist::WaitlistService waitlist(store, **engine, clock,
                                     WaitlistOptionsFor(**notifier, options.offer_minutes));
  waitlist_target = &waitlist;
  static const HolidayCalendar holidays(kFirstHolidayYear, kLastHolidayYear);

  auto proxies = TrustedProxies::Parse(options.trusted_proxies);
  if (!proxies) return std::unexpected(proxies.error());
  ClientLimits limits(options.client_limits, clock);
  auto proof_key = SharedProofKey(store);
  if (!proof_key) return std::unexpected(proof_key.error());
  ProofOfWork proof(options.proof, clock, *proof_key);
  auth::AuthService auth(store, clock);

  // The engine's catalogue, which an interim location opened at runtime extends.
  const CatalogView shared_catalog = (*engine)->live_catalog();
  live::Hub hub;
  auto queue =
      queue::QueueService::Open(store, clock, shared_catalog, holidays, hub, {.zone = zone});
  if (!queue) return std::unexpected(queue.error());

  auto case_service = cases::CaseService::Open(store, clock, zone, *shared_catalog);
  if (!case_service) return std::unexpected(case_service.error());
  (*case_service)
      ->OnChange([&notifier = **notifier](store::WriteTx& tx, const cases::CaseChange& change) {
        return notifier.outbox().CaseChanged(tx, change.online_case, change.email, change.token,
                                             change.at);
      });

  steering::SteeringService steering(store, **engine, clock, zone);
  steering.OnRosterChanged([&queue = **queue] { queue.RosterChanged(); });
  steering.OnListed(
      [&notifier = **notifier](store::WriteTx& tx, const Appointment& a, absl::Time now) {
        return notifier.outbox().Listed(tx, a, now);
      });

  // The connections' contexts, one per I/O thread (Listener). Made before the main context and so
  // destroyed after it: an accept still pending there holds a socket of one of these.
  std::vector<std::unique_ptr<asio::io_context>> session_contexts;
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    session_contexts.push_back(std::make_unique<asio::io_context>(1));
  }
  // Accepting, the ticks, signals and the change feed: the main thread runs this context alone.
  asio::io_context ioc(1);
  asio::thread_pool workers(static_cast<std::size_t>(std::max(1, options.worker_threads)));
  Router router;
  App app{.store = store,
          .catalog = shared_catalog,
          .holidays = holidays,
          .zone = zone,
          .clock = clock,
          .engine = **engine,
          .queue = **queue,
          .steering = steering,
          .hub = hub,
          .phone_api_key = options.phone_api_key,
          .public_url = options.public_url,
          .version = options.version,
          .limits = &limits,
          .retention = {.days = options.retention_days},
          .cases = case_service->get(),
          .proof = &proof,
          .waitlist = &waitlist,
          .auth = &auth};
  AddAllRoutes(router, app);
  Shared shared{.options = options, .router = router, .workers = workers, .proxies = *proxies};
  Listener listener(ioc, session_contexts, shared);
  auto port = listener.Open(options.bind_address, options.port);
  if (!port) return std::unexpected(port.error());
  if (app.public_url.empty()) app.public_url = fmt::format("http://localhost:{}", *port);
  (*notifier)->Start(shared_catalog, app.public_url, zone);
  listener.Accept();

  // Other nodes on the same PostgreSQL database: reload the catalogue and the booking index when
  // they change them, and reread a location's queue when they change that.
  ChangeListener changes(ioc, workers, store, [&](const store::Changes& changed) {
    // First, so an index reload of the same burst already sees the new centres.
    if (changed.catalog) {
      auto ok = (*engine)->ReloadCatalog();
      if (!ok) {
        spdlog::warn("reloading the catalogue after another node's change failed: {}",
                     ok.error().message);
      }
    }
    if (changed.index) {
      auto ok = (*engine)->ChangeRoster([](store::WriteTx&) -> Result<void> { return {}; });
      if (!ok) spdlog::warn("reloading after another node's change failed: {}", ok.error().message);
    }
    if (changed.all_queues) {
      (*queue)->RefreshAll();
    } else {
      for (const std::string& location : changed.queues) (*queue)->Refresh(location);
    }
  });
  if (auto ok = changes.Start(*loaded_version); !ok) return std::unexpected(ok.error());

  // Holds expire and cancelled time returns on the engine's clock; tick it every second. Each new
  // day (and at start) the morning snapshot of the promises is taken once.
  asio::steady_timer ticker(ioc);
  std::optional<absl::CivilDay> snapshot_day;
  absl::Time next_challenge_prune = absl::InfinitePast();
  std::function<void()> tick = [&] {
    ticker.expires_after(std::chrono::seconds(1));
    ticker.async_wait([&](beast::error_code ec) {
      if (ec || shared.stopping) return;
      asio::post(workers, [&] {
        (*engine)->Tick();
        (*queue)->Tick();
        if (auto flushed = auth.FlushTouches(); !flushed) {
          spdlog::warn("session last-seen times not written: {}", flushed.error().message);
        }
      });
      // Spent challenges are worth keeping only until they expire (minutes); a minute late is
      // harmless, and one DELETE a minute of the engine's clock keeps the table at a few minutes
      // of holds.
      if (const absl::Time now = clock.Now(); now >= next_challenge_prune) {
        next_challenge_prune = now + absl::Minutes(1);
        asio::post(workers, [&, now] {
          auto pruned = store.Write([&](store::WriteTx& tx) -> Result<void> {
            auto n = tx.PruneSpentChallenges(now);
            if (!n) return std::unexpected(n.error());
            return {};
          });
          if (!pruned) spdlog::warn("spent challenges not pruned: {}", pruned.error().message);
        });
      }
      if (const absl::CivilDay today = steering.Today(); snapshot_day != today) {
        snapshot_day = today;
        asio::post(workers, [&, today] {
          auto taken = monitor::EnsureSnapshot(store, **engine, holidays, today);
          if (!taken) spdlog::warn("morning snapshot failed: {}", taken.error().message);
          auto forgotten = privacy::ApplyRetention(store, clock.Now(), zone, app.retention);
          if (!forgotten) {
            spdlog::warn("retention failed: {}", forgotten.error().message);
          } else if (forgotten->appointments + forgotten->idempotency_keys + forgotten->cases > 0) {
            spdlog::info(
                "retention: personal data of {} appointments and {} online cases cleared, {} "
                "idempotency records deleted",
                forgotten->appointments, forgotten->cases, forgotten->idempotency_keys);
          }
        });
      }
      tick();
    });
  };
  tick();

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer drain(ioc);
  std::function<void(std::chrono::steady_clock::time_point)> wait_for_drain =
      [&](std::chrono::steady_clock::time_point until) {
        if (shared.in_flight == 0 || std::chrono::steady_clock::now() >= until) {
          ioc.stop();
          for (auto& context : session_contexts) context->stop();
          return;
        }
        drain.expires_after(std::chrono::milliseconds(20));
        drain.async_wait([&, until](beast::error_code) { wait_for_drain(until); });
      };
  signals.async_wait([&](beast::error_code ec, int signal) {
    if (ec) return;
    spdlog::info("signal {}: stopping; finishing {} requests", signal, shared.in_flight.load());
    shared.stopping = true;
    listener.Close();
    ticker.cancel();
    hub.CloseAll();  // live streams end; browsers reconnect to whoever serves next
    wait_for_drain(std::chrono::steady_clock::now() + options.shutdown_grace);
  });

  on_listening(*port);
  std::vector<std::thread> threads;
  // Kept running while they have no connection; stopped with the main context.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> idle_guards;
  for (auto& context : session_contexts) {
    idle_guards.push_back(asio::make_work_guard(*context));
    threads.emplace_back([&context] { context->run(); });
  }
  ioc.run();
  for (auto& t : threads) t.join();
  workers.join();
  // What the tick did not write yet; a failure only shortens the sessions' idle time.
  (void)auth.FlushTouches();
  (*notifier)->Stop();  // a mail in flight is aborted; it stays queued for the next start
  spdlog::info("stopped");
  return {};
}

}  // namespace amtszeit::server
