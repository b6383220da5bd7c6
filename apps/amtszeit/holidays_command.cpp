#include <fmt/core.h>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/json_codec.h"
#include "commands.h"

namespace amtszeit::cli {

void AddHolidaysCommand(CLI::App& app, int& exit_code) {
  struct Options {
    int year = 0;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("holidays", "Print Hamburg's public holidays of a year");
  cmd->add_option("--year", options->year, "Year, 1990-2100")->required();
  cmd->add_flag("--json", options->json, "Print a JSON array of {date, name}");
  cmd->callback([options, &exit_code] {
    auto holidays = HamburgPublicHolidays(options->year);
    if (!holidays) {
      exit_code = ReportFailure(holidays.error().message);
      return;
    }
    if (options->json) {
      boost::json::array out;
      for (const Holiday& h : *holidays) out.push_back(ToJson(h));
      fmt::print("{}\n", boost::json::serialize(out));
      return;
    }
    for (const Holiday& h : *holidays) fmt::print("{} {}\n", FormatDay(h.day), h.name);
  });
}

}  // namespace amtszeit::cli
