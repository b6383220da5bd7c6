#include "amtszeit/monitor/committee.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "amtszeit/monitor/metrics.h"
#include "amtszeit/report/committee_report.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::monitor {
namespace {

using absl::CivilDay;
using testing::Berlin;
using testing::TempDir;

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << command;
  return out;
}

void Write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// A district with one centre and a November of two bookings (8 and 12 days ahead), a measure
// taken and one planned: the PDF must carry the figures a committee member reads.
TEST(CommitteeReport, PdfCarriesTheMonthsFigures) {
  TempDir dir;
  auto store = store::OpenStore(dir.File("r.db"));
  ASSERT_TRUE(store);
  Catalog catalog;
  catalog.districts = {{"altona", "Altona"}};
  Location l{.id = "kz-altona", .name = "Kundenzentrum Altona", .district_id = "altona"};
  for (int d = 0; d < 5; ++d) l.hours.weekly[d] = {{7 * 60, 19 * 60}};
  catalog.locations = {l};
  auto at = [](int day, int hour) {
    return absl::FromCivil(absl::CivilSecond(2026, 11, day, hour, 0, 0), Berlin());
  };
  ASSERT_TRUE((*store)->Write([&](store::WriteTx& tx) -> Result<void> {
    if (auto r = PutCatalog(tx, catalog); !r) return r;
    for (auto [booked, day] : {std::pair{2, 10}, std::pair{3, 15}}) {
      auto id = tx.AppendEvent({.kind = EventKind::kConfirmed,
                                .at = at(booked, 9),
                                .location_id = "kz-altona",
                                .day = CivilDay(2026, 11, day),
                                .start_minute = 9 * 60,
                                .booked_at = at(booked, 9)});
      if (!id) return std::unexpected(id.error());
    }
    for (auto [day, status] :
         {std::pair{3, MeasureStatus::kDone}, std::pair{20, MeasureStatus::kPlanned}}) {
      auto id = tx.PutMeasure(
          {.district_id = "altona",
           .day = CivilDay(2026, 11, day),
           .title = status == MeasureStatus::kDone ? "Samstagsöffnung" : "Zwei Stellen besetzen",
           .text = "Maßnahme für Größere Zufriedenheit",
           .status = status});
      if (!id) return std::unexpected(id.error());
    }
    return {};
  }));
  auto built = BuildCommitteeReport(**store, catalog, Berlin(), "Altona",
                                    absl::CivilMonth(2026, 11), at(30, 12));
  ASSERT_TRUE(built) << built.error().message;
  auto pdf = report::RenderPdf(*built);
  ASSERT_TRUE(pdf) << pdf.error().message;
  Write(dir.File("r.pdf"), *pdf);
  const std::string text = RunCommand("pdftotext -layout " + dir.File("r.pdf") + " -");
  EXPECT_NE(text.find("Bezirk Altona"), std::string::npos) << text;
  EXPECT_NE(text.find("November 2026"), std::string::npos);
  EXPECT_NE(text.find("Terminvorlauf (gebuchte Termine)"), std::string::npos);
  EXPECT_NE(text.find("10,0 Tage"), std::string::npos);  // (8 + 12) / 2
  EXPECT_NE(text.find("erfüllt"), std::string::npos);
  EXPECT_NE(text.find("Samstagsöffnung"), std::string::npos);
  EXPECT_NE(text.find("Zwei Stellen besetzen"), std::string::npos);
  EXPECT_NE(text.find("Seite 1 von"), std::string::npos);

  auto png = report::RenderPng(*built, 0, 96);
  ASSERT_TRUE(png);
  ASSERT_GT(png->size(), 24u);
  EXPECT_EQ(png->substr(1, 3), "PNG");
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>((*png)[at]) << 24) |
           (static_cast<unsigned char>((*png)[at + 1]) << 16) |
           (static_cast<unsigned char>((*png)[at + 2]) << 8) |
           static_cast<unsigned char>((*png)[at + 3]);
  };
  EXPECT_EQ(be32(16), 794u);  // A4 at 96 dpi
  EXPECT_EQ(be32(20), 1123u);
  EXPECT_EQ(report::RenderPng(*built, 99, 96).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(BuildCommitteeReport(**store, catalog, Berlin(), "Nirgendwo",
                                 absl::CivilMonth(2026, 11), at(30, 12))
                .error()
                .code,
            ErrorCode::kNotFound);
}

TEST(CommitteeReport, LongTablesFlowOntoMorePagesWithTheirHeader) {
  report::CommitteeReport r{.title = "Test"};
  report::Table t{.title = "Lange Tabelle", .header = {"Spalte A", "Spalte B"}};
  for (int i = 0; i < 120; ++i) t.rows.push_back({"Zeile " + std::to_string(i), "x"});
  r.tables.push_back(t);
  r.charts.push_back(
      {.title = "Leer", .x_labels = {"a", "b"}, .series = {{"s", {std::nan(""), 1}}}});
  auto pdf = report::RenderPdf(r);
  ASSERT_TRUE(pdf);
  TempDir dir;
  Write(dir.File("l.pdf"), *pdf);
  const std::string page2 = RunCommand("pdftotext -f 2 -l 2 -layout " + dir.File("l.pdf") + " -");
  EXPECT_NE(page2.find("Spalte A"), std::string::npos) << page2;
  EXPECT_NE(page2.find("Seite 2 von"), std::string::npos);
}

TEST(Metrics, PassPromtoolsLint) {
  LiveView view{.promises = DefaultPromises()};
  view.rows.push_back({.scope = Scope::Location("kz-\"odd\"\\id"),
                       .promise = "walk_in_wait_p90",
                       .value = 12.5,
                       .light = Light::kGreen});
  view.rows.push_back(
      {.scope = Scope::City(), .promise = "lead_time_days", .value = 17, .light = Light::kRed});
  const std::string text = PrometheusText(view, {.version = "0.1.0",
                                                 .writer_commits = 3,
                                                 .writer_commands = 5,
                                                 .writer_largest_group = 2,
                                                 .writer_cpu_seconds = 0.0125,
                                                 .writer_commit_bounds = {0.001, 0.01},
                                                 .writer_commit_counts = {1, 0, 2},
                                                 .writer_commit_seconds = 0.75});
  TempDir dir;
  Write(dir.File("m.txt"), text);
  RunCommand("promtool check metrics < " + dir.File("m.txt"));
  EXPECT_NE(text.find(R"(id="kz-\"odd\"\\id")"), std::string::npos);
  EXPECT_NE(
      text.find(R"(amtszeit_promise_light{promise="lead_time_days",scope="city",id="hamburg"} 2)"),
      std::string::npos);
  // Buckets are cumulative and end in +Inf, which equals the count.
  EXPECT_NE(text.find("amtszeit_writer_commit_seconds_bucket{le=\"0.01\"} 1\n"
                      "amtszeit_writer_commit_seconds_bucket{le=\"+Inf\"} 3\n"
                      "amtszeit_writer_commit_seconds_sum 0.75\n"
                      "amtszeit_writer_commit_seconds_count 3\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace amtszeit::monitor
