// Committee report: the document a district committee receives each month — promise table,
// charts of lead time and waits, capacity and absences, measures taken and planned — rendered
// with cairo + pango to PDF (A4 portrait) or to a PNG of one page.
//
//   auto pdf = RenderPdf(report);            // Result<std::string>: the file's bytes
//   auto png = RenderPng(report, 0, 96);     // the first page as a picture
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "amtszeit/domain/error.h"

namespace amtszeit::report {

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
  std::optional<double> threshold;  // drawn as a dashed red line
};

struct Table {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct Measure {
  std::string date;
  std::string title;
  std::string status;  // "umgesetzt", "geplant"
  std::string text;
};

struct CommitteeReport {
  std::string title;
  std::string subtitle;
  std::string generated_at;
  std::string source_note;
  std::vector<PromiseRow> promises;
  std::vector<Chart> charts;
  std::vector<Table> tables;
  std::vector<Measure> measures_taken;
  std::vector<Measure> measures_planned;
};

// The PDF's bytes. Content flows onto further pages; every page has "Seite N von M".
Result<std::string> RenderPdf(const CommitteeReport& report);
// One page (0-based) as PNG bytes at `dpi`; kNotFound when the page does not exist.
Result<std::string> RenderPng(const CommitteeReport& report, int page, double dpi = 96);

}  // namespace amtszeit::report
