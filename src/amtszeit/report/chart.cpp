#include "amtszeit/report/chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>

namespace amtszeit::report::internal {

namespace {

constexpr double kPlotHeight = 135;
constexpr double kTickFont = 7.5;
constexpr double kInset = 8;  // between the y axis / right edge and the first / last point
constexpr std::array<Rgb, 6> kSeriesColours{Hex(0x1565c0), Hex(0xef6c00), Hex(0x6a1b9a),
                                            Hex(0x00838f), Hex(0x5d4037), Hex(0x455a64)};

Rgb SeriesColour(std::size_t s) { return kSeriesColours[s % kSeriesColours.size()]; }

// Each series has its own marker too, so the lines stay apart in black-and-white print.
void Marker(cairo_t* cr, std::size_t series, double x, double y) {
  constexpr double r = 2.6;
  switch (series % 4) {
    case 0:
      cairo_new_sub_path(cr);
      cairo_arc(cr, x, y, r, 0, 2 * std::numbers::pi);
      break;
    case 1:
      cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case 2:
      cairo_move_to(cr, x, y - r * 1.2);
      cairo_line_to(cr, x + r * 1.15, y + r * 0.9);
      cairo_line_to(cr, x - r * 1.15, y + r * 0.9);
      cairo_close_path(cr);
      break;
    default:
      cairo_move_to(cr, x, y - r * 1.3);
      cairo_line_to(cr, x + r * 1.3, y);
      cairo_line_to(cr, x, y + r * 1.3);
      cairo_line_to(cr, x - r * 1.3, y);
      cairo_close_path(cr);
      break;
  }
  cairo_fill(cr);
}

void Line(cairo_t* cr, double x0, double y0, double x1, double y1) {
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

}  // namespace

Axis NiceAxis(double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
  if (lo > hi) std::swap(lo, hi);
  if (hi - lo < 1e-12) {  // one value: a band around it (or 0 to 1)
    const double pad = std::abs(hi) * 0.1;
    if (pad == 0) {
      hi = lo + 1;
    } else {
      lo -= pad;
      hi += pad;
    }
  }
  const double raw = (hi - lo) / 6;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / magnitude;
  const double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  const double step = nice * magnitude;
  Axis axis{std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step, step};
  if (!std::isfinite(axis.lo) || !std::isfinite(axis.hi) || !(axis.step > 0) ||
      (axis.hi - axis.lo) / axis.step > 20) {
    return {};
  }
  return axis;
}

std::string FormatNumber(double value, double step) {
  int decimals = 0;
  while (decimals < 6) {
    const double scaled = std::abs(step) * std::pow(10.0, decimals);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) break;
    ++decimals;
  }
  std::string text = fmt::format("{:.{}f}", std::abs(value), decimals);
  std::string integer = text.substr(0, text.find('.'));
  const std::string fraction =
      text.find('.') == std::string::npos ? "" : "," + text.substr(text.find('.') + 1);
  if (integer.size() > 4) {  // 1500 stays as it is, 15.000 is grouped
    for (int at = static_cast<int>(integer.size()) - 3; at > 0; at -= 3) integer.insert(at, ".");
  }
  const bool zero =
      std::all_of(text.begin(), text.end(), [](char c) { return c == '0' || c == '.'; });
  return (value < 0 && !zero ? "−" : "") + integer + fraction;
}

ChartLayout::ChartLayout(const Typesetter& ts, const Chart& chart, double width)
    : chart_(chart), width_(width) {
  const TextStyle small{.size = kTickFont};
  // The range: every finite value, the threshold, and zero (lead times and waits start at 0).
  double lo = 0;
  double hi = 0;
  for (const Series& s : chart_.series) points_ = std::max(points_, s.values.size());
  points_ = std::max(points_, chart_.x_labels.size());
  for (const Series& s : chart_.series) {
    for (double v : s.values) {
      if (!std::isfinite(v)) continue;
      has_data_ = true;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  const bool threshold = chart_.threshold && std::isfinite(*chart_.threshold);
  if (threshold) {
    lo = std::min(lo, *chart_.threshold);
    hi = std::max(hi, *chart_.threshold);
  }
  axis_ = NiceAxis(lo, hi);

  // Unit above the y axis, tick labels right-aligned left of it.
  plot_top_ = 6;
  if (!chart_.y_unit.empty()) {
    unit_.layout = ts.Layout(chart_.y_unit, {.size = kTickFont, .italic = true});
    plot_top_ = SizeOf(unit_.layout.get()).height + 6;
  }
  plot_bottom_ = plot_top_ + kPlotHeight;
  double widest = 0;
  for (int k = 0;; ++k) {
    const double v = axis_.lo + k * axis_.step;
    if (v > axis_.hi + axis_.step * 1e-6) break;
    y_tick_values_.push_back(v);
    y_ticks_.push_back({ts.Layout(FormatNumber(v, axis_.step), small)});
    widest = std::max(widest, SizeOf(y_ticks_.back().layout.get()).width);
  }
  plot_left_ = std::max(18.0, widest + 7);
  plot_right_ = width_ - 4;
  for (std::size_t k = 0; k < y_ticks_.size(); ++k) {
    const Size s = SizeOf(y_ticks_[k].layout.get());
    y_ticks_[k].x = plot_left_ - 5 - s.width;
    y_ticks_[k].y = Y(y_tick_values_[k]) - s.height / 2;
  }

  // X labels: as many as fit side by side, always starting with the first.
  double label_height = 0;
  if (!chart_.x_labels.empty()) {
    std::vector<LayoutPtr> layouts;
    double label_width = 0;
    for (const std::string& text : chart_.x_labels) {
      layouts.push_back(ts.Layout(text, small));
      const Size s = SizeOf(layouts.back().get());
      label_width = std::max(label_width, s.width);
      label_height = std::max(label_height, s.height);
    }
    const double spacing =
        points_ > 1 ? (plot_right_ - plot_left_ - 2 * kInset) / static_cast<double>(points_ - 1)
                    : plot_right_ - plot_left_;
    const std::size_t every =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((label_width + 8) / spacing)));
    for (std::size_t i = 0; i < layouts.size(); i += every) {
      const double w = SizeOf(layouts[i].get()).width;
      const double x = std::clamp(X(i) - w / 2, 0.0, std::max(0.0, width_ - w));
      x_labels_.push_back({layouts[i], x, plot_bottom_ + 5});
      x_label_index_.push_back(i);
    }
  }

  // The legend under the x labels, wrapping onto further rows.
  double legend_y = plot_bottom_ + 5 + label_height + 8;
  double legend_x = plot_left_;
  double row_height = 0;
  for (std::size_t s = 0; s < chart_.series.size(); ++s) {
    LayoutPtr layout = ts.Layout(chart_.series[s].label, {.size = 8}, width_ - plot_left_ - 24);
    const Size size = SizeOf(layout.get());
    const double entry = 22 + size.width;
    if (legend_x > plot_left_ && legend_x + entry > width_) {
      legend_x = plot_left_;
      legend_y += row_height + 3;
      row_height = 0;
    }
    legend_.push_back({.label = {layout, legend_x + 22, legend_y},
                       .sample_x = legend_x,
                       .sample_y = legend_y + std::min(size.height, 10.0) / 2,
                       .series = s});
    legend_x += entry + 16;
    row_height = std::max(row_height, size.height);
  }
  height_ = legend_y + row_height + 2;

  if (threshold) {
    // As precise as the threshold itself: "14", "7,5".
    std::string text = "Grenze " + FormatNumber(*chart_.threshold, *chart_.threshold);
    if (!chart_.y_unit.empty()) text += " " + chart_.y_unit;
    threshold_.layout = ts.Layout(text, {.size = kTickFont, .bold = true});
    // Above or below the line, right or left: the first place no series runs through.
    const Size s = SizeOf(threshold_.layout.get());
    const double ty = Y(*chart_.threshold);
    const double right = plot_right_ - s.width - 3;
    const double left = plot_left_ + 4;
    const double above = ty - s.height - 1;
    const double below = ty + 1;
    bool placed = false;
    for (auto [x, y] : {std::pair{right, above}, std::pair{left, above}, std::pair{right, below},
                        std::pair{left, below}}) {
      if (y < plot_top_ - 4 || y + s.height > plot_bottom_) continue;
      if (Crosses(x - 5, y - 3, x + s.width + 5, y + s.height + 3)) continue;
      threshold_.x = x;
      threshold_.y = y;
      placed = true;
      break;
    }
    if (!placed) {  // on a white ground above the lines, wherever it fits
      threshold_.x = right;
      threshold_.y = above < plot_top_ - 4 ? below : above;
    }
  }
  if (!has_data_) {
    no_data_.layout = ts.Layout("keine Daten", {.size = 9, .italic = true});
    const Size s = SizeOf(no_data_.layout.get());
    no_data_.x = (plot_left_ + plot_right_ - s.width) / 2;
    no_data_.y = (plot_top_ + plot_bottom_ - s.height) / 2;
  }
}

bool ChartLayout::Crosses(double x0, double y0, double x1, double y1) const {
  auto inside = [&](double x, double y) { return x >= x0 && x <= x1 && y >= y0 && y <= y1; };
  for (const Series& s : chart_.series) {
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (!std::isfinite(s.values[i])) continue;
      const double xa = X(i);
      const double ya = Y(s.values[i]);
      if (inside(xa, ya)) return true;
      if (i + 1 >= s.values.size() || !std::isfinite(s.values[i + 1])) continue;
      const double xb = X(i + 1);
      const double yb = Y(s.values[i + 1]);
      for (int k = 1; k < 32; ++k) {  // sampled: labels are far wider than a step
        const double t = k / 32.0;
        if (inside(xa + (xb - xa) * t, ya + (yb - ya) * t)) return true;
      }
    }
  }
  return false;
}

double ChartLayout::X(std::size_t i) const {
  if (points_ <= 1) return (plot_left_ + plot_right_) / 2;
  return plot_left_ + kInset +
         (plot_right_ - plot_left_ - 2 * kInset) * static_cast<double>(i) /
             static_cast<double>(points_ - 1);
}

double ChartLayout::Y(double v) const {
  return plot_bottom_ - (plot_bottom_ - plot_top_) * (v - axis_.lo) / (axis_.hi - axis_.lo);
}

void ChartLayout::PaintSeries(cairo_t* cr) const {
  cairo_save(cr);
  cairo_rectangle(cr, plot_left_, plot_top_ - 4, plot_right_ - plot_left_,
                  plot_bottom_ - plot_top_ + 8);
  cairo_clip(cr);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  for (std::size_t s = 0; s < chart_.series.size(); ++s) {
    const std::vector<double>& values = chart_.series[s].values;
    SetColour(cr, SeriesColour(s));
    cairo_set_line_width(cr, 1.8);
    bool drawing = false;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!std::isfinite(values[i])) {
        drawing = false;  // a gap
        continue;
      }
      if (drawing) {
        cairo_line_to(cr, X(i), Y(values[i]));
      } else {
        cairo_move_to(cr, X(i), Y(values[i]));
        drawing = true;
      }
    }
    cairo_stroke(cr);
    // Markers on every point while there is room; when crowded only on points without
    // neighbours, which would otherwise not show.
    const bool room = points_ < 2 || X(1) - X(0) >= 7;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!std::isfinite(values[i])) continue;
      const bool alone = (i == 0 || !std::isfinite(values[i - 1])) &&
                         (i + 1 >= values.size() || !std::isfinite(values[i + 1]));
      if (room || alone) Marker(cr, s, X(i), Y(values[i]));
    }
  }
  cairo_restore(cr);
}

void ChartLayout::Paint(cairo_t* cr, double x, double y) const {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  // Grid and y ticks.
  cairo_set_line_width(cr, 0.5);
  for (std::size_t k = 0; k < y_ticks_.size(); ++k) {
    SetColour(cr, kGrid);
    Line(cr, plot_left_, Y(y_tick_values_[k]), plot_right_, Y(y_tick_values_[k]));
    Show(cr, y_ticks_[k].layout.get(), y_ticks_[k].x, y_ticks_[k].y, kMuted);
  }
  if (unit_.layout) Show(cr, unit_.layout.get(), 0, 0, kMuted);
  // Axes, with a tick under every point that has a label.
  SetColour(cr, kRule);
  cairo_set_line_width(cr, 0.8);
  Line(cr, plot_left_, plot_top_, plot_left_, plot_bottom_);
  Line(cr, plot_left_, Y(std::clamp(0.0, axis_.lo, axis_.hi)), plot_right_,
       Y(std::clamp(0.0, axis_.lo, axis_.hi)));
  for (std::size_t k = 0; k < x_labels_.size(); ++k) {
    SetColour(cr, kRule);
    Line(cr, X(x_label_index_[k]), plot_bottom_, X(x_label_index_[k]), plot_bottom_ + 3);
    Show(cr, x_labels_[k].layout.get(), x_labels_[k].x, x_labels_[k].y, kMuted);
  }
  if (threshold_.layout) {
    const double ty = Y(*chart_.threshold);
    SetColour(cr, kRed);
    cairo_set_line_width(cr, 1.1);
    const double dash[] = {5, 3};
    cairo_set_dash(cr, dash, 2, 0);
    Line(cr, plot_left_, ty, plot_right_, ty);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
  PaintSeries(cr);
  if (threshold_.layout) {
    // On top of the lines, on a white ground so it stays readable.
    const Size s = SizeOf(threshold_.layout.get());
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, threshold_.x - 2, threshold_.y, s.width + 4, s.height);
    cairo_fill(cr);
    Show(cr, threshold_.layout.get(), threshold_.x, threshold_.y, kRed);
  }
  if (no_data_.layout) Show(cr, no_data_.layout.get(), no_data_.x, no_data_.y, kMuted);
  // Legend: a short line with the series' marker, then its label.
  for (const LegendEntry& e : legend_) {
    SetColour(cr, SeriesColour(e.series));
    cairo_set_line_width(cr, 1.8);
    Line(cr, e.sample_x, e.sample_y, e.sample_x + 16, e.sample_y);
    Marker(cr, e.series, e.sample_x + 8, e.sample_y);
    Show(cr, e.label.layout.get(), e.label.x, e.label.y, kInk);
  }
  cairo_restore(cr);
}

}  // namespace amtszeit::report::internal
