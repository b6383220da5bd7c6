// Committee report: the document a district committee receives each month — promise table,
// charts of lead time and waits, capacity and absences, measures taken and planned — rendered
// with cairo + pango to PDF (A4 portrait) or to a PNG of one page.
//
//   CommitteeReport r{.title = "Kundenzentren Bezirk Altona — Bericht November 2026"};
//   r.promises.push_back({.name = "Terminvorlauf (Tage)", .threshold = "≤ 14", .value = "11,2",
//                         .light = Light::kGreen});
//   Result<std::string> pdf = RenderPdf(r);       // the file's bytes
//   Result<std::string> png = RenderPng(r, 0);    // the first page as a picture, 96 dpi
//
// Layout: A4 portrait, 50 pt margins, font "Sans" (fontconfig picks it, e.g. DejaVu Sans). The
// document is laid out once and then painted, so PDF and PNG always agree on pages. Blocks
// (headings with what follows, charts, table headers with their first rows) move to the next
// page when they do not fit; long tables continue there with their header repeated; long texts
// flow line by line. Each page has the footer "Seite N von M".
//
// Pure rendering: no files, no store, no state kept between calls (each call has its own pango
// font map; fontconfig's process-wide configuration is loaded once). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "amtszeit/domain/error.h"

namespace amtszeit::report {

// A promise's traffic light; printed as a coloured circle and as a word ("erfüllt", "knapp",
// "verfehlt") so that it reads in black-and-white print too.
enum class Light { kNone, kGreen, kAmber, kRed };

struct PromiseRow {
  std::string name;       // "Terminvorlauf (Tage)"
  std::string threshold;  // "≤ 14"
  std::string value;      // "11,2"
  std::string previous;   // previous month, "" when unknown
  Light light = Light::kNone;
};

struct Series {
  std::string label;
  std::vector<double> values;  // one per x label; NaN = no value (a gap in the line)
};

struct Chart {
  std::string title;
  std::string y_unit;
  std::vector<std::string> x_labels;
  std::vector<Series> series;
  std::optional<double> threshold;  // drawn as a dashed red line, labelled
};

struct Table {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct Measure {
  std::string date;  // "2026-11-03"
  std::string title;
  std::string status;  // "umgesetzt", "geplant"
  std::string text;
};

struct CommitteeReport {
  std::string title;         // "Kundenzentren Bezirk Altona — Bericht November 2026"
  std::string subtitle;      // "für den Ausschuss …"
  std::string generated_at;  // "erstellt am 01.12.2026 06:00"
  std::string source_note;   // footnote on data sources
  std::vector<PromiseRow> promises;
  std::vector<Chart> charts;
  std::vector<Table> tables;
  std::vector<Measure> measures_taken;
  std::vector<Measure> measures_planned;
};

// The PDF's bytes. Long tables flow onto further pages; every page has a footer "Seite N von M".
// kInternal when cairo fails.
Result<std::string> RenderPdf(const CommitteeReport& report);
// One page (0-based) as PNG bytes at `dpi`; kNotFound when the page does not exist.
// A4 at 96 dpi is 794×1123 pixels. kInvalidArgument unless 10 <= dpi <= 600.
Result<std::string> RenderPng(const CommitteeReport& report, int page, double dpi = 96);

}  // namespace amtszeit::report
