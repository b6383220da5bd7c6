#include <fmt/core.h>

#include <cstdio>
#include <memory>

#include "absl/time/clock.h"
#include "amtszeit/dataset/dataset.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/provision/demo_history.h"
#include "amtszeit/provision/demo_load.h"
#include "commands.h"
#include "demo_accounts.h"

namespace amtszeit::cli {

namespace {

void PrintWelcome(const provision::LoadSummary& s, const std::string& db) {
  fmt::print(
      "amtszeit demo: {} districts, {} centres, {} services, {} staff, {} shifts, {} absences in "
      "{}{}\n",
      s.districts, s.locations, s.services, s.staff, s.shifts, s.absences, db,
      s.roster_generated ? "" : " (existing roster kept)");
}

void PrintHistory(const provision::HistorySummary& h) {
  if (h.days == 0) {
    fmt::print("demo history: not written, the database already holds past events\n");
    return;
  }
  fmt::print(
      "demo history: {} days, {} appointment events, {} ticket events (synthetic, for the "
      "monitoring views)\n",
      h.days, h.appointment_events, h.ticket_events);
}

// The demo's call-centre key: printed, never a secret of a real installation.
constexpr const char* kDemoPhoneKey = "demo-115";

void PrintAccounts(const std::vector<DemoAccount>& accounts, const std::string& base) {
  fmt::print("  Anmelden (staff sign-in):  {}/anmelden — demo accounts, new passwords each run:\n",
             base);
  for (const DemoAccount& a : accounts) {
    fmt::print("    {:<16} {:<16} {:<16} {}\n", a.name, a.role, a.scope.empty() ? "-" : a.scope,
               a.password);
  }
}

void PrintUrls(const std::string& bind, std::uint16_t port,
               const std::vector<DemoAccount>& accounts) {
  const std::string host = bind == "0.0.0.0" || bind == "127.0.0.1" ? "localhost" : bind;
  const std::string base = fmt::format("http://{}:{}", host, port);
  fmt::print(
      "  Termin buchen (citizens):  {0}/\n"
      "  Telefonservice (115):      {0}/phone   (key: {1} unless --phone-api-key)\n"
      "  Schalter (counter):        {0}/counter\n"
      "  Aufrufanzeige (display):   {0}/display/kz-wilhelmsburg\n"
      "  Leitstelle (control room): {0}/control\n"
      "  Planung (planning):        {0}/planning\n"
      "  Online-Antrag (online):    {0}/online\n"
      "  Backoffice (online cases): {0}/backoffice\n"
      "  Warteliste (waitlist):     from the booking page when nothing suits\n"
      "  Transparenz (public):      {0}/transparenz\n"
      "  Jetzt (all centres now):   {0}/api/v1/now\n"
      "  API:                       {0}/api/v1/health, /api/v1/locations, /api/v1/services\n",
      base, kDemoPhoneKey);
  PrintAccounts(accounts, base);
  fmt::print("Stop with Ctrl+C.\n");
  std::fflush(stdout);
}

}  // namespace

void AddDemoCommand(CLI::App& app, const Environment& env, int& exit_code) {
  struct Options {
    std::string db = "var/amtszeit.db";
    std::string data_dir;
    bool no_serve = false;
    bool no_history = false;
    ServeFlags serve;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Load the Hamburg demo data into a database (idempotent), then serve it");
  cmd->add_option("--db", options->db, "SQLite file to create or update, or a postgresql:// URL")
      ->capture_default_str();
  cmd->add_option("--data", options->data_dir, "Folder with the city's JSON data files");
  cmd->add_flag("--no-serve", options->no_serve, "Load only; do not start the server");
  cmd->add_flag("--no-history", options->no_history,
                "Do not write the synthetic past (events and snapshots for the monitoring views)");
  AddServeFlags(*cmd, options->serve);
  cmd->callback([options, &env, &exit_code] {
    auto zone = LoadZone(env.zone);
    if (!zone) {
      exit_code = ReportFailure(zone.error().message);
      return;
    }
    const std::string dir = options->data_dir.empty() ? env.data_dir : options->data_dir;
    auto dataset = dataset::LoadDataset(dir);
    if (!dataset) {
      exit_code = ReportFailure(dataset.error().message);
      return;
    }
    auto store = store::OpenStore(options->db);
    if (!store) {
      exit_code = ReportFailure(store.error().message);
      return;
    }
    const absl::CivilDay today = absl::ToCivilDay(absl::Now(), *zone);
    const HolidayCalendar holidays(static_cast<int>(today.year()) - 1,
                                   static_cast<int>(today.year()) + 2);
    auto summary = provision::LoadDemo(*dataset, **store, today, holidays);
    if (!summary) {
      exit_code = ReportFailure(summary.error().message);
      return;
    }
    PrintWelcome(*summary, options->db);
    if (!options->no_history) {
      auto history =
          provision::WriteDemoHistory(**store, dataset->catalog, holidays, *zone, {.today = today});
      if (!history) {
        exit_code = ReportFailure(history.error().message);
        return;
      }
      PrintHistory(*history);
    }
    auto accounts = EnsureDemoAccounts(**store);
    if (!accounts) {
      exit_code = ReportFailure(accounts.error().message);
      return;
    }
    if (options->no_serve) {
      PrintAccounts(*accounts, "http://localhost:" + std::to_string(options->serve.port));
      return;
    }
    if (options->serve.phone_api_key.empty()) {
      options->serve.phone_api_key = kDemoPhoneKey;
    }
    if (options->serve.notify.key_file.empty()) {
      // A PostgreSQL URL is no path to put a file beside.
      options->serve.notify.key_file = options->db.starts_with("postgres")
                                           ? "var/amtszeit-postgresql.notify-key"
                                           : options->db + ".notify-key";
    }
    exit_code = RunServer(**store, options->serve, env,
                          [&accounts](const std::string& bind, std::uint16_t port) {
                            PrintUrls(bind, port, *accounts);
                          });
  });
}

}  // namespace amtszeit::cli
