#include "amtszeit/report/committee_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <string>

#include "amtszeit/report/chart.h"
#include "amtszeit/testing/temp_dir.h"

// fontconfig's process-lifetime caches are suppressed for LeakSanitizer in tests/lsan.supp.

namespace amtszeit::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return out;
  }
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << command;
  return out;
}

// Writes the PDF into the folder and returns its path.
std::string Save(const amtszeit::testing::TempDir& dir, const std::string& pdf) {
  std::string path = dir.File("report.pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  return path;
}

std::string PdfText(const std::string& path, int first = 0, int last = 0) {
  std::string range;
  if (first > 0) range = " -f " + std::to_string(first) + " -l " + std::to_string(last);
  return RunCommand("pdftotext -layout" + range + " '" + path + "' -");
}

int PdfPages(const std::string& path) {
  const std::string info = RunCommand("pdfinfo '" + path + "'");
  const auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

std::uint32_t Be32(const std::string& bytes, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

CommitteeReport Sample() {
  CommitteeReport r{
      .title = "Kundenzentren Bezirk Altona — Bericht November 2026",
      .subtitle = "für den Ausschuss für Bürgerservice und Digitalisierung",
      .generated_at = "erstellt am 01.12.2026 06:00",
      .source_note =
          "Quellen: Buchungs- und Wartenummernereignisse der Kundenzentren, "
          "Morgenstände der Dienstpläne. Geschätzte Werte sind gekennzeichnet.",
  };
  r.promises = {
      {"Terminvorlauf (Tage)", "≤ 14", "11,2", "12,9", Light::kGreen},
      {"Wartezeit Spontankunden, 90 % (Minuten)", "≤ 30", "34,5", "28,0", Light::kAmber},
      {"Termine an Samstagen", "≥ 200", "87", "", Light::kRed},
      {"Erreichbarkeit 115", "≥ 75 %", "81 %", "79 %", Light::kNone},
  };
  r.charts.push_back({.title = "Terminvorlauf",
                      .y_unit = "Tage",
                      .x_labels = {"Jun", "Jul", "Aug", "Sep", "Okt", "Nov"},
                      .series = {{"Bezirk Altona", {9.5, 12.1, 16.8, kNaN, 13.0, 11.2}},
                                 {"Hamburg", {10.2, 11.0, 14.9, 15.5, 13.9, 12.4}}},
                      .threshold = 14});
  r.charts.push_back({.title = "Wartezeit Spontankunden (90 %)",
                      .y_unit = "Minuten",
                      .x_labels = {"Jun", "Jul", "Aug", "Sep", "Okt", "Nov"},
                      .series = {{"Bezirk Altona", {22, 25, 41, 37, 29, 34.5}}},
                      .threshold = 30});
  r.tables.push_back({.title = "Kundenzentren im Monat",
                      .header = {"Kundenzentrum", "Termine", "Terminvorlauf", "Öffnungsstunden"},
                      .rows = {{"Kundenzentrum Altona", "4.212", "11,0", "212"},
                               {"Kundenzentrum Blankenese", "1.087", "9,4", "96"},
                               {"Kundenzentrum Othmarschen (Zweigstelle)", "604", "13,8", "48"}}});
  r.measures_taken.push_back(
      {.date = "2026-11-03",
       .title = "Samstagsöffnung Altona",
       .status = "umgesetzt",
       .text = "Seit dem 7. November öffnet das Kundenzentrum Altona samstags von 9 bis 13 Uhr. "
               "Die zusätzlichen Termine wurden überwiegend für Personalausweise und Reisepässe "
               "gebucht; die Wartezeit der Spontankunden sank in der zweiten Monatshälfte "
               "spürbar. Größere Änderungen der Öffnungszeiten folgen im Frühjahr."});
  r.measures_planned.push_back({.date = "2026-12-01",
                                .title = "Zwei Stellen besetzen",
                                .status = "geplant",
                                .text = "Ausschreibung läuft; Einstellung zum 1. Februar."});
  return r;
}

TEST(CommitteeReport, PdfContainsTheTitleAndThePromiseFigures) {
  auto pdf = RenderPdf(Sample());
  ASSERT_TRUE(pdf) << pdf.error().message;
  ASSERT_TRUE(pdf->starts_with("%PDF-"));
  amtszeit::testing::TempDir dir;
  const std::string text = PdfText(Save(dir, *pdf));
  EXPECT_THAT(text, HasSubstr("Kundenzentren Bezirk Altona — Bericht November 2026"));
  EXPECT_THAT(text, HasSubstr("für den Ausschuss"));
  EXPECT_THAT(text, HasSubstr("erstellt am 01.12.2026 06:00"));
  for (const PromiseRow& p : Sample().promises) {
    EXPECT_THAT(text, HasSubstr(p.name)) << text;
    EXPECT_THAT(text, HasSubstr(p.value));
    EXPECT_THAT(text, HasSubstr(p.threshold));
  }
  EXPECT_THAT(text, HasSubstr("12,9"));  // previous month
  EXPECT_THAT(text, HasSubstr("erfüllt"));
  EXPECT_THAT(text, HasSubstr("knapp"));
  EXPECT_THAT(text, HasSubstr("verfehlt"));
  EXPECT_THAT(text, HasSubstr("1 von 4 Versprechen erfüllt, 1 knapp, 1 verfehlt."));
}

TEST(CommitteeReport, PdfContainsTablesMeasuresWithUmlautsAndTheSourceNote) {
  auto pdf = RenderPdf(Sample());
  ASSERT_TRUE(pdf) << pdf.error().message;
  amtszeit::testing::TempDir dir;
  const std::string text = PdfText(Save(dir, *pdf));
  EXPECT_THAT(text, HasSubstr("Öffnungsstunden"));
  EXPECT_THAT(text, HasSubstr("Kundenzentrum Blankenese"));
  EXPECT_THAT(text, HasSubstr("1.087"));
  EXPECT_THAT(text, HasSubstr("Umgesetzte Maßnahmen"));
  EXPECT_THAT(text, HasSubstr("Samstagsöffnung Altona"));
  EXPECT_THAT(text, HasSubstr("überwiegend für Personalausweise"));
  EXPECT_THAT(text, HasSubstr("Größere Änderungen"));
  EXPECT_THAT(text, HasSubstr("Geplante Maßnahmen"));
  EXPECT_THAT(text, HasSubstr("Zwei Stellen besetzen"));
  EXPECT_THAT(text, HasSubstr("Morgenstände der Dienstpläne"));
  EXPECT_THAT(text, HasSubstr("Terminvorlauf"));
  EXPECT_THAT(text, HasSubstr("Grenze 14 Tage"));
}

TEST(CommitteeReport, EveryPageHasAFooterWithThePageCount) {
  CommitteeReport r = Sample();
  Table long_table{.title = "Lange Tabelle", .header = {"Spalte A", "Spalte B"}};
  for (int i = 0; i < 120; ++i) long_table.rows.push_back({"Zeile " + std::to_string(i), "x"});
  r.tables.push_back(long_table);
  auto pdf = RenderPdf(r);
  ASSERT_TRUE(pdf) << pdf.error().message;
  amtszeit::testing::TempDir dir;
  const std::string path = Save(dir, *pdf);
  const int pages = PdfPages(path);
  ASSERT_GE(pages, 3);
  for (int p = 1; p <= pages; ++p) {
    EXPECT_THAT(PdfText(path, p, p), HasSubstr(fmt::format("Seite {} von {}", p, pages)));
  }
}

TEST(CommitteeReport, LongTableContinuesOnTheNextPageWithItsHeader) {
  CommitteeReport r{.title = "Test"};
  Table t{.title = "Lange Tabelle", .header = {"Spalte A", "Spalte B"}};
  for (int i = 0; i < 120; ++i) t.rows.push_back({"Zeile " + std::to_string(i), "x"});
  r.tables.push_back(t);
  auto pdf = RenderPdf(r);
  ASSERT_TRUE(pdf) << pdf.error().message;
  amtszeit::testing::TempDir dir;
  const std::string path = Save(dir, *pdf);
  EXPECT_GE(PdfPages(path), 2);
  const std::string page2 = PdfText(path, 2, 2);
  EXPECT_THAT(page2, HasSubstr("Spalte A")) << page2;
  EXPECT_THAT(page2, HasSubstr("Lange Tabelle (Fortsetzung)"));
  EXPECT_THAT(page2, HasSubstr("Seite 2 von"));
  EXPECT_THAT(PdfText(path, 1, 1), HasSubstr("Seite 1 von"));
  const std::string all = PdfText(path);
  for (int i = 0; i < 120; ++i) {  // no row lost at a page break
    EXPECT_THAT(all, HasSubstr("Zeile " + std::to_string(i) + " ")) << i;
  }
}

TEST(CommitteeReport, LongMeasureTextFlowsOntoTheNextPage) {
  CommitteeReport r{.title = "Test"};
  std::string text;
  for (int i = 0; i < 700; ++i) text += "Wörter über Maßnahmen ";
  text += "SCHLUSSWORT";
  r.measures_taken.push_back({"2026-11-03", "Sehr lange Maßnahme", "umgesetzt", text});
  auto pdf = RenderPdf(r);
  ASSERT_TRUE(pdf) << pdf.error().message;
  amtszeit::testing::TempDir dir;
  const std::string path = Save(dir, *pdf);
  EXPECT_GE(PdfPages(path), 2);
  EXPECT_THAT(PdfText(path), HasSubstr("SCHLUSSWORT"));
}

TEST(CommitteeReport, PdfCarriesTheTitleAsMetadata) {
  auto pdf = RenderPdf(Sample());
  ASSERT_TRUE(pdf) << pdf.error().message;
  amtszeit::testing::TempDir dir;
  const std::string info = RunCommand("pdfinfo '" + Save(dir, *pdf) + "'");
  EXPECT_THAT(info, HasSubstr("Kundenzentren Bezirk Altona — Bericht November 2026"));
  EXPECT_THAT(info, HasSubstr("595 x 842 pts (A4)"));
}

TEST(CommitteeReport, PngIsOnePageOfA4AtTheRequestedDpi) {
  for (auto [dpi, width, height] : {std::tuple{96.0, 794u, 1123u}, std::tuple{72.0, 595u, 842u}}) {
    auto png = RenderPng(Sample(), 0, dpi);
    ASSERT_TRUE(png) << png.error().message;
    ASSERT_GT(png->size(), 24u);
    EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_EQ(png->substr(12, 4), "IHDR");
    EXPECT_EQ(Be32(*png, 16), width) << dpi;
    EXPECT_EQ(Be32(*png, 20), height) << dpi;
  }
}

TEST(CommitteeReport, PngOfAPageBeyondTheEndIsNotFound) {
  CommitteeReport r{.title = "Kurz"};
  ASSERT_TRUE(RenderPng(r, 0));
  auto beyond = RenderPng(r, 1);
  ASSERT_FALSE(beyond);
  EXPECT_EQ(beyond.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(RenderPng(r, -1).error().code, ErrorCode::kNotFound);
}

TEST(CommitteeReport, PngRefusesAnUnreasonableDpi) {
  EXPECT_EQ(RenderPng(Sample(), 0, 0).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(RenderPng(Sample(), 0, 10000).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(RenderPng(Sample(), 0, kNaN).error().code, ErrorCode::kInvalidArgument);
}

TEST(CommitteeReport, PngAndPdfAgreeOnThePageCount) {
  CommitteeReport r = Sample();
  Table t{.title = "Lange Tabelle", .header = {"Nr.", "Text"}};
  for (int i = 0; i < 90; ++i) {
    t.rows.push_back({std::to_string(i), "ein etwas längerer Text, der in der Spalte umbricht"});
  }
  r.tables.push_back(t);
  auto pdf = RenderPdf(r);
  ASSERT_TRUE(pdf) << pdf.error().message;
  amtszeit::testing::TempDir dir;
  const int pages = PdfPages(Save(dir, *pdf));
  ASSERT_GE(pages, 2);
  EXPECT_TRUE(RenderPng(r, pages - 1, 30));
  EXPECT_EQ(RenderPng(r, pages, 30).error().code, ErrorCode::kNotFound);
}

TEST(CommitteeReport, ChartsWithGapsOrWithoutDataDoNotCrash) {
  CommitteeReport r{.title = "Diagramme"};
  r.charts = {
      {.title = "Lücken", .x_labels = {"a", "b", "c"}, .series = {{"s", {kNaN, 1, kNaN}}}},
      {.title = "Ohne Reihen", .x_labels = {"a", "b"}, .threshold = 5},
      {.title = "Nur Lücken", .series = {{"leer", {kNaN, kNaN}}, {"ohne Werte", {}}}},
      {.title = "Ohne alles"},
      {.title = "Unendlich und negativ",
       .x_labels = {"x"},
       .series = {{"s", {std::numeric_limits<double>::infinity()}}, {"t", {-3.5}}}},
      {.title = "Mehr Werte als Beschriftungen",
       .y_unit = "Minuten",
       .x_labels = {"eins"},
       .series = {{"viele", {1, 2, 3, 4, 5, 6, 7, 8}}},
       .threshold = kNaN},
  };
  Chart crowded{.title = "Gedrängt", .series = {{"a", {}}, {"b", {}}, {"c", {}}, {"d", {}}}};
  for (int i = 0; i < 365; ++i) {
    crowded.x_labels.push_back(fmt::format("{:02}.{:02}.", i % 28 + 1, i / 31 + 1));
    for (Series& s : crowded.series) s.values.push_back(i % 7 == 0 ? kNaN : std::sin(i) * 40);
  }
  r.charts.push_back(crowded);
  auto pdf = RenderPdf(r);
  ASSERT_TRUE(pdf) << pdf.error().message;
  amtszeit::testing::TempDir dir;
  const std::string text = PdfText(Save(dir, *pdf));
  EXPECT_THAT(text, HasSubstr("Ohne Reihen"));
  EXPECT_THAT(text, HasSubstr("keine Daten"));
  EXPECT_THAT(text, HasSubstr("Gedrängt"));
  for (int page = 0; RenderPng(r, page, 20).has_value(); ++page) ASSERT_LT(page, 10);
}

TEST(CommitteeReport, EmptyReportIsOnePageWithAFooter) {
  auto pdf = RenderPdf({});
  ASSERT_TRUE(pdf) << pdf.error().message;
  amtszeit::testing::TempDir dir;
  const std::string path = Save(dir, *pdf);
  EXPECT_EQ(PdfPages(path), 1);
  EXPECT_THAT(PdfText(path), HasSubstr("Seite 1 von 1"));
}

TEST(CommitteeReport, OddInputIsRenderedNotRefused) {
  CommitteeReport r{.title = "Kaputt \xff\xfe Titel <b>&amp;"};
  r.tables.push_back({.title = "Ohne Kopf", .rows = {{"a", "b", "c"}, {"nur eine Zelle"}}});
  r.tables.push_back({.title = "Ohne Zeilen", .header = {"A", "B"}});
  r.tables.push_back({.title = "Leer"});
  r.tables.push_back(
      {.title = "Riesenzelle", .header = {"A"}, .rows = {{std::string(20000, 'x')}}});
  r.measures_planned.push_back({.title = "<i>nicht kursiv</i> & so", .text = ""});
  auto pdf = RenderPdf(r);
  ASSERT_TRUE(pdf) << pdf.error().message;
  amtszeit::testing::TempDir dir;
  const std::string text = PdfText(Save(dir, *pdf));
  EXPECT_THAT(text, HasSubstr("Titel <b>&amp;"));
  EXPECT_THAT(text, HasSubstr("nur eine Zelle"));
  EXPECT_THAT(text, HasSubstr("Keine Einträge."));
  EXPECT_THAT(text, HasSubstr("<i>nicht kursiv</i> & so"));
  EXPECT_THAT(text, Not(HasSubstr("Riesenzelle (Fortsetzung)")));
}

TEST(ChartAxis, TicksUseRoundSteps) {
  internal::Axis a = internal::NiceAxis(0, 11.2);
  EXPECT_EQ(a.lo, 0);
  EXPECT_EQ(a.hi, 12);
  EXPECT_EQ(a.step, 2);
  a = internal::NiceAxis(0, 95);
  EXPECT_EQ(a.hi, 100);
  EXPECT_EQ(a.step, 20);
  a = internal::NiceAxis(-3.5, 0);
  EXPECT_EQ(a.lo, -3.5);
  EXPECT_EQ(a.hi, 0);
  EXPECT_EQ(a.step, 0.5);
  a = internal::NiceAxis(0, 1430);
  EXPECT_EQ(a.hi, 1600);
  EXPECT_EQ(a.step, 200);
  a = internal::NiceAxis(0, 0);
  EXPECT_LT(a.lo, a.hi);
  a = internal::NiceAxis(kNaN, 1);
  EXPECT_LT(a.lo, a.hi);
}

TEST(ChartAxis, NumbersAreWrittenTheGermanWay) {
  EXPECT_EQ(internal::FormatNumber(2.5, 0.5), "2,5");
  EXPECT_EQ(internal::FormatNumber(12, 2), "12");
  EXPECT_EQ(internal::FormatNumber(1500, 500), "1500");
  EXPECT_EQ(internal::FormatNumber(25000, 5000), "25.000");
  EXPECT_EQ(internal::FormatNumber(-0.25, 0.05), "−0,25");
  EXPECT_EQ(internal::FormatNumber(-0.0, 1), "0");
}

}  // namespace
}  // namespace amtszeit::report
