// Internal to the report module: a line chart drawn with cairo (axes, round y ticks, thinned x
// labels, legend, gaps for missing values, a dashed threshold line with its value).
//
//   ChartLayout chart(typesetter, report.charts[0], 495);  // measures everything once
//   composer.Need(chart.height());
//   chart.Paint(cr, 50, y);                                  // on any page, any surface
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "amtszeit/report/committee_report.h"
#include "amtszeit/report/typesetter.h"

namespace amtszeit::report::internal {

// A y axis from `lo` to `hi` with ticks every `step` (1, 2 or 5 × 10^k).
struct Axis {
  double lo = 0;
  double hi = 1;
  double step = 0.2;
};

// Round bounds around [lo, hi] with about five to seven ticks. Non-finite or empty ranges give
// a usable axis too.
Axis NiceAxis(double lo, double hi);

// "2,5", "12", "1.500": German decimal comma and grouping, as many decimals as `step` needs.
std::string FormatNumber(double value, double step);

class ChartLayout {
 public:
  ChartLayout(const Typesetter& ts, const Chart& chart, double width);

  double height() const { return height_; }
  const Axis& axis() const { return axis_; }
  // Draws the chart (without its title) with its top-left corner at (x, y).
  void Paint(cairo_t* cr, double x, double y) const;

 private:
  struct Label {
    LayoutPtr layout;
    double x = 0;  // relative to the chart's corner
    double y = 0;
  };
  struct LegendEntry {
    Label label;
    double sample_x = 0;
    double sample_y = 0;
    std::size_t series = 0;
  };

  double X(std::size_t i) const;
  double Y(double v) const;
  // Whether a series' line or marker passes through the rectangle.
  bool Crosses(double x0, double y0, double x1, double y1) const;
  void PaintSeries(cairo_t* cr) const;

  Chart chart_;
  double width_ = 0;
  double height_ = 0;
  std::size_t points_ = 0;  // positions on the x axis
  bool has_data_ = false;
  Axis axis_;
  double plot_left_ = 0, plot_right_ = 0, plot_top_ = 0, plot_bottom_ = 0;
  std::vector<Label> y_ticks_;
  std::vector<double> y_tick_values_;
  std::vector<Label> x_labels_;
  std::vector<std::size_t> x_label_index_;
  std::vector<LegendEntry> legend_;
  Label unit_;
  Label no_data_;
  Label threshold_;
};

}  // namespace amtszeit::report::internal
