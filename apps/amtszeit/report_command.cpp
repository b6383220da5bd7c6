#include <fmt/core.h>

#include <fstream>

#include "absl/time/clock.h"
#include "amtszeit/monitor/committee.h"
#include "amtszeit/monitor/history.h"
#include "amtszeit/report/committee_report.h"
#include "commands.h"

namespace amtszeit::cli {

namespace {

bool WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out.flush());
}

}  // namespace

void AddReportCommand(CLI::App& app, const Environment& env, int& exit_code) {
  struct Options {
    std::string db;
    std::string district;
    std::string month;
    std::string out;
    std::string png;
    std::string csv;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Write a district committee's monthly report (PDF; optionally page 1 as PNG)");
  cmd->add_option("--db", o->db, "Database (a SQLite file)")->required();
  cmd->add_option("--district", o->district, "District id or name, e.g. altona or Altona")
      ->required();
  cmd->add_option("--month", o->month, "YYYY-MM")->required();
  cmd->add_option("--out", o->out, "PDF file to write")->required();
  cmd->add_option("--png", o->png, "Also write the first page as PNG (96 dpi)");
  cmd->add_option("--csv", o->csv, "Also write the district's KPI table of the month as CSV");
  cmd->callback([o, &env, &exit_code] {
    auto zone = LoadZone(env.zone);
    if (!zone) return void(exit_code = ReportFailure(zone.error().message));
    auto month = monitor::ParseMonth(o->month);
    if (!month) return void(exit_code = ReportFailure(month.error().message));
    auto store = store::OpenStore(o->db, {.create_if_missing = false});
    if (!store) return void(exit_code = ReportFailure(store.error().message));
    auto catalog = (*store)->ReadCatalog();
    if (!catalog) return void(exit_code = ReportFailure(catalog.error().message));
    auto built =
        monitor::BuildCommitteeReport(**store, *catalog, *zone, o->district, *month, absl::Now());
    if (!built) return void(exit_code = ReportFailure(built.error().message));
    auto pdf = report::RenderPdf(*built);
    if (!pdf) return void(exit_code = ReportFailure(pdf.error().message));
    if (!WriteFile(o->out, *pdf)) {
      return void(exit_code = ReportFailure(fmt::format("cannot write {}", o->out)));
    }
    fmt::print("report: {} ({} bytes)\n", o->out, pdf->size());
    if (!o->png.empty()) {
      auto png = report::RenderPng(*built, 0, 96);
      if (!png) return void(exit_code = ReportFailure(png.error().message));
      if (!WriteFile(o->png, *png)) {
        return void(exit_code = ReportFailure(fmt::format("cannot write {}", o->png)));
      }
      fmt::print("first page: {}\n", o->png);
    }
    if (!o->csv.empty()) {
      const absl::CivilDay first(*month);
      const std::vector<monitor::Scope> scope = {monitor::Scope::District(o->district)};
      auto rows = monitor::LoadKpis(**store, *catalog, *zone, monitor::Period::kMonth, first,
                                    absl::CivilDay(*month + 1) - 1, scope);
      if (!rows) return void(exit_code = ReportFailure(rows.error().message));
      if (!WriteFile(o->csv, monitor::KpiCsv(*rows))) {
        return void(exit_code = ReportFailure(fmt::format("cannot write {}", o->csv)));
      }
      fmt::print("KPIs: {}\n", o->csv);
    }
  });
}

}  // namespace amtszeit::cli
