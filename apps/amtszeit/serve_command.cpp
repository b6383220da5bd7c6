#include <fmt/core.h>
#include <sys/resource.h>

#include <cstdio>
#include <memory>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
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

// Citizens' limits per client address; 0 turns one off. The call centre's key is exempt.
void AddLimitFlags(CLI::App& cmd, ServeFlags& flags) {
  server::ClientLimitOptions& limits = flags.limits;
  cmd.add_option("--search-burst", limits.search.burst, "Slot searches a client may make at once")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  cmd.add_option("--search-rate", limits.search.per_second,
                 "Slot searches per second and client after the burst")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  cmd.add_option("--hold-burst", limits.holds.burst, "Holds a client may make at once")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  cmd.add_option_function<double>(
         "--holds-per-minute", [&limits](double n) { limits.holds.per_second = n / 60; },
         "Holds per minute and client after the burst")
      ->check(CLI::Range(0.0, 1e6))
      ->default_str(fmt::format("{:g}", limits.holds.per_second * 60));
  cmd.add_option("--max-open-holds", limits.max_open_holds,
                 "Unconfirmed holds a client may have at once")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  cmd.add_option("--proof-bits", flags.proof.base_bits,
                 "Proof of work on a citizen's hold: leading zero bits of SHA-256 for a client "
                 "that holds nothing (0 = off)")
      ->check(CLI::Range(0, 24))
      ->capture_default_str();
  cmd.add_option("--proof-max-bits", flags.proof.max_bits,
                 "The most the proof grows to for a client that holds a lot (one bit per open or "
                 "recent hold)")
      ->check(CLI::Range(1, 32))
      ->capture_default_str();
  cmd.add_option("--trusted-proxy", flags.trusted_proxies,
                 "Address of a reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are "
                 "believed (repeatable)")
      ->expected(1)
      ->take_all();
}

// Messages to citizens. Without --smtp (or --sms-webhook) they are queued in the outbox only.
void AddNotifyFlags(CLI::App& cmd, ServeFlags& flags) {
  notify::NotifierOptions& n = flags.notify;
  cmd.add_option("--smtp", n.smtp_url,
                 "SMTP server for mails to citizens, e.g. smtp://127.0.0.1:25 (STARTTLS when "
                 "offered) or smtps://host:465")
      ->envname("AMTSZEIT_SMTP_URL");
  cmd.add_option("--mail-from", n.mail_from, "Sender address of those mails");
  cmd.add_option("--sms-webhook", n.sms_webhook,
                 "URL that receives POST {\"to\", \"text\", \"reference\"} to send an SMS")
      ->envname("AMTSZEIT_SMS_WEBHOOK");
  cmd.add_option("--notify-key", n.key_file,
                 "File with the key that seals link tokens of pending messages (created 0600; "
                 "default: the database's path + .notify-key)");
  cmd.add_option_function<std::string>(
         "--reminders",
         [&n](const std::string& text) {
           n.reminders.clear();
           for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
             absl::Duration d;
             if (!absl::ParseDuration(absl::StripAsciiWhitespace(part), &d) ||
                 d <= absl::ZeroDuration()) {
               throw CLI::ValidationError("--reminders", "durations like 48h,2h or 90m");
             }
             n.reminders.push_back(d);
           }
         },
         "Reminders before the start, comma-separated; empty for none")
      ->default_str("48h,2h");
  cmd.add_option_function<int>(
         "--notify-poll-ms", [&n](int ms) { n.poll = absl::Milliseconds(ms); },
         "How often the sender looks for due messages")
      ->check(CLI::Range(10, 600000))
      ->default_str("2000");
  cmd.add_option_function<int>(
         "--notify-retry-ms", [&n](int ms) { n.first_retry = absl::Milliseconds(ms); },
         "Pause after a failed send; doubles per attempt, 8 attempts at most")
      ->check(CLI::Range(10, 86400000))
      ->default_str("30000");
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
  cmd.add_option("--retention-days", flags.retention_days,
                 "Days after an appointment's day until its personal data is cleared")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();
  cmd.add_option("--offer-minutes", flags.offer_minutes,
                 "Minutes a freed slot is held for the first matching waitlisted citizen")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str();
  cmd.add_option("--cancel-cooldown-seconds", flags.cancel_cooldown_seconds,
                 "Seconds before a cancelled slot goes to the waitlist or back to the pool")
      ->check(CLI::Range(0, 24 * 3600))
      ->capture_default_str();
  AddLimitFlags(cmd, flags);
  AddNotifyFlags(cmd, flags);
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
  options.notify = flags.notify;
  options.client_limits = flags.limits;
  options.proof = flags.proof;
  options.trusted_proxies = flags.trusted_proxies;
  options.retention_days = flags.retention_days;
  options.offer_minutes = flags.offer_minutes;
  options.cancel_cooldown_seconds = flags.cancel_cooldown_seconds;
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
  cmd->add_option("--db", options->db, "Database: a SQLite file path or a postgresql:// URL")
      ->capture_default_str();
  AddServeFlags(*cmd, options->serve);
  cmd->callback([options, &env, &exit_code] {
    auto store = store::OpenStore(options->db, {.create_if_missing = false});
    if (!store) {
      exit_code = ReportFailure(store.error().message +
                                " (create one with 'amtszeit demo --no-serve --db PATH')");
      return;
    }
    if (options->serve.notify.key_file.empty()) {
      if (options->db.starts_with("postgres")) {
        // Every node must unseal what another node sealed: the key is shared, so it is named.
        exit_code = ReportFailure("--notify-key FILE is needed with a PostgreSQL database");
        return;
      }
      options->serve.notify.key_file = options->db + ".notify-key";
    }
    exit_code = RunServer(**store, options->serve, env);
  });
}

}  // namespace amtszeit::cli
