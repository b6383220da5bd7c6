// `amtszeit migrate --from sqlite:PATH --to postgresql://...`: moves a whole installation from its
// SQLite file into a new PostgreSQL database, verified table by table (rows and checksums).
#include <fmt/format.h>

#include "amtszeit/store/pg_copy.h"
#include "commands.h"

namespace amtszeit::cli {

void AddMigrateCommand(CLI::App& app, int& exit_code) {
  struct Options {
    std::string from;
    std::string to;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "migrate", "Copy an installation from SQLite into a new PostgreSQL database, verified");
  cmd->add_option("--from", options->from, "sqlite:PATH (or a plain path)")->required();
  cmd->add_option("--to", options->to, "postgresql://... (a new, empty database)")->required();
  cmd->callback([options, &exit_code] {
    std::string from = options->from;
    if (from.starts_with("sqlite:")) from.erase(0, 7);
    if (!options->to.starts_with("postgres")) {
      exit_code = ReportFailure("--to must be a postgresql:// URL");
      return;
    }
    auto copied = store::CopySqliteToPostgres(from, options->to);
    if (!copied) {
      exit_code = ReportFailure(copied.error().message);
      return;
    }
    std::int64_t rows = 0;
    for (const auto& t : *copied) {
      fmt::print("{:<28} {:>9} rows  checksum {:016x}  verified\n", t.name, t.rows, t.checksum);
      rows += t.rows;
    }
    fmt::print("copied {} tables, {} rows; counts and checksums match\n", copied->size(), rows);
    exit_code = 0;
  });
}

}  // namespace amtszeit::cli
