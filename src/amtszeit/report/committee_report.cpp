#include "amtszeit/report/committee_report.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

namespace amtszeit::report {

namespace {

constexpr double kPageWidth = 595;  // A4 in points
constexpr double kPageHeight = 842;
constexpr double kMargin = 50;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kFooter = 30;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kGreen{0.18, 0.49, 0.2};
constexpr Rgb kAmber{0.98, 0.66, 0.15};
constexpr Rgb kRed{0.78, 0.16, 0.16};
constexpr Rgb kInk{0.1, 0.1, 0.12};
constexpr std::array<Rgb, 4> kSeriesColours{
    {{0.08, 0.4, 0.75}, {0.42, 0.11, 0.6}, {0.94, 0.42, 0}, {0.2, 0.2, 0.2}}};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Where pages go: each page gets a cairo context; the layout does not know whether it draws into
// a PDF, a PNG or only counts pages.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual cairo_t* Page() = 0;  // the context of the current page
  virtual void NextPage() = 0;
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using ContextPtr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;
using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

class PdfSink final : public Sink {
 public:
  explicit PdfSink(std::string& out)
      : surface_(cairo_pdf_surface_create_for_stream(AppendToString, &out, kPageWidth, kPageHeight),
                 cairo_surface_destroy),
        cr_(cairo_create(surface_.get()), cairo_destroy) {}
  cairo_t* Page() override { return cr_.get(); }
  void NextPage() override { cairo_show_page(cr_.get()); }
  cairo_status_t Finish() {
    cairo_show_page(cr_.get());
    const cairo_status_t status = cairo_status(cr_.get());
    cairo_surface_finish(surface_.get());
    return status != CAIRO_STATUS_SUCCESS ? status : cairo_surface_status(surface_.get());
  }

 private:
  SurfacePtr surface_;
  ContextPtr cr_;
};

// Draws page `wanted` onto an image; every other page into a recording that is thrown away.
class PngSink final : public Sink {
 public:
  PngSink(int wanted, double scale)
      : wanted_(wanted),
        image_(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                          static_cast<int>(std::ceil(kPageWidth * scale)),
                                          static_cast<int>(std::ceil(kPageHeight * scale))),
               cairo_surface_destroy),
        scratch_(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr),
                 cairo_surface_destroy),
        image_cr_(cairo_create(image_.get()), cairo_destroy),
        scratch_cr_(cairo_create(scratch_.get()), cairo_destroy) {
    cairo_set_source_rgb(image_cr_.get(), 1, 1, 1);
    cairo_paint(image_cr_.get());
    cairo_scale(image_cr_.get(), scale, scale);
  }
  cairo_t* Page() override { return page_ == wanted_ ? image_cr_.get() : scratch_cr_.get(); }
  void NextPage() override { ++page_; }
  int pages() const { return page_ + 1; }
  cairo_surface_t* image() { return image_.get(); }
  cairo_status_t status() { return cairo_status(image_cr_.get()); }

 private:
  int wanted_;
  int page_ = 0;
  SurfacePtr image_;
  SurfacePtr scratch_;
  ContextPtr image_cr_;
  ContextPtr scratch_cr_;
};

class Document {
 public:
  Document(Sink& sink, int total_pages) : sink_(sink), total_(total_pages) {}

  int pages() const { return page_ + 1; }

  void Render(const CommitteeReport& r) {
    Paragraph(r.title, 17, true);
    if (!r.subtitle.empty()) Paragraph(r.subtitle, 11, false);
    if (!r.generated_at.empty()) Paragraph(r.generated_at, 9, false);
    y_ += 8;
    if (!r.promises.empty()) PromiseTable(r.promises);
    for (const Chart& c : r.charts) DrawChart(c);
    for (const Table& t : r.tables) DrawTable(t);
    Measures("Umgesetzte Maßnahmen", r.measures_taken);
    Measures("Geplante Maßnahmen", r.measures_planned);
    if (!r.source_note.empty()) {
      y_ += 6;
      Paragraph(r.source_note, 8, false);
    }
    Footer();
  }

 private:
  cairo_t* cr() { return sink_.Page(); }

  LayoutPtr Layout(const std::string& text, double size, bool bold, double width) {
    LayoutPtr layout(pango_cairo_create_layout(cr()), g_object_unref);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, "Sans");
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout.get(), text.c_str(), -1);
    return layout;
  }

  static double Height(PangoLayout* layout) {
    int w = 0;
    int h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  // Draws text at (x, y) in the ink colour (or `colour`); returns its height.
  double Text(const std::string& text, double x, double y, double size, bool bold, double width,
              Rgb colour = kInk) {
    LayoutPtr layout = Layout(text, size, bold, width);
    cairo_set_source_rgb(cr(), colour.r, colour.g, colour.b);
    cairo_move_to(cr(), x, y);
    pango_cairo_show_layout(cr(), layout.get());
    return Height(layout.get());
  }

  double TextHeight(const std::string& text, double size, bool bold, double width) {
    LayoutPtr layout = Layout(text, size, bold, width);
    return Height(layout.get());
  }

  void Ensure(double height) {
    if (y_ + height <= kPageHeight - kMargin - kFooter) return;
    Footer();
    sink_.NextPage();
    ++page_;
    y_ = kMargin;
  }

  void Footer() {
    const std::string text = total_ > 0 ? fmt::format("Seite {} von {}", page_ + 1, total_)
                                        : fmt::format("Seite {}", page_ + 1);
    Text(text, kMargin, kPageHeight - kMargin + 6, 8, false, kContentWidth);
  }

  void Paragraph(const std::string& text, double size, bool bold) {
    const double h = TextHeight(text, size, bold, kContentWidth);
    Ensure(h);
    y_ += Text(text, kMargin, y_, size, bold, kContentWidth) + 4;
  }

  void Heading(const std::string& text, double following) {
    Ensure(TextHeight(text, 12, true, kContentWidth) + following);
    y_ += 6;
    y_ += Text(text, kMargin, y_, 12, true, kContentWidth) + 4;
  }

  static std::string LightWord(Light l) {
    switch (l) {
      case Light::kGreen:
        return "erfüllt";
      case Light::kAmber:
        return "knapp";
      case Light::kRed:
        return "verfehlt";
      case Light::kNone:
        break;
    }
    return "–";
  }

  void PromiseTable(const std::vector<PromiseRow>& rows) {
    Table t{.title = "Leistungsversprechen",
            .header = {"Versprechen", "Ziel", "Wert", "Vormonat", "Bewertung"}};
    lights_.clear();
    for (const PromiseRow& p : rows) {
      t.rows.push_back({p.name, p.threshold, p.value, p.previous.empty() ? "–" : p.previous,
                        LightWord(p.light)});
      lights_.push_back(p.light);
    }
    DrawTable(t, 4);
    lights_.clear();
  }

  // Column widths from the longest cell, shrunk proportionally to the content width.
  std::vector<double> Widths(const Table& t) {
    std::vector<double> widths(t.header.size(), 30);
    auto widen = [&](const std::vector<std::string>& row) {
      for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
        LayoutPtr layout = Layout(row[i], 9, true, -1);
        int w = 0;
        int h = 0;
        pango_layout_get_size(layout.get(), &w, &h);
        widths[i] = std::max(widths[i], static_cast<double>(w) / PANGO_SCALE + 14);
      }
    };
    widen(t.header);
    for (const auto& row : t.rows) widen(row);
    double sum = 0;
    for (double w : widths) sum += w;
    if (sum > kContentWidth) {
      for (double& w : widths) w *= kContentWidth / sum;
    }
    return widths;
  }

  double RowHeight(const std::vector<std::string>& row, const std::vector<double>& widths,
                   bool bold) {
    double h = 0;
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      h = std::max(h, TextHeight(row[i], 9, bold, widths[i] - 8));
    }
    return h + 6;
  }

  void DrawRow(const std::vector<std::string>& row, const std::vector<double>& widths, bool bold,
               bool shaded, std::optional<Light> light, std::size_t light_column) {
    const double h = RowHeight(row, widths, bold);
    if (shaded || bold) {
      cairo_set_source_rgb(cr(), bold ? 0.85 : 0.95, bold ? 0.88 : 0.96, bold ? 0.92 : 0.97);
      cairo_rectangle(cr(), kMargin, y_, kContentWidth, h);
      cairo_fill(cr());
    }
    double x = kMargin;
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      double indent = 4;
      if (light && i == light_column && *light != Light::kNone) {
        const Rgb c = *light == Light::kGreen ? kGreen : *light == Light::kAmber ? kAmber : kRed;
        cairo_set_source_rgb(cr(), c.r, c.g, c.b);
        cairo_arc(cr(), x + 9, y_ + h / 2, 4, 0, 2 * M_PI);
        cairo_fill(cr());
        indent = 17;
      }
      Text(row[i], x + indent, y_ + 3, 9, bold, widths[i] - indent - 4);
      x += widths[i];
    }
    y_ += h;
  }

  void DrawTable(const Table& t, std::size_t light_column = 0) {
    if (t.header.empty()) return;
    const std::vector<double> widths = Widths(t);
    const double first_row = t.rows.empty() ? 0 : RowHeight(t.rows[0], widths, false);
    Heading(t.title, RowHeight(t.header, widths, true) + first_row);
    DrawRow(t.header, widths, true, false, std::nullopt, 0);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const double h = RowHeight(t.rows[r], widths, false);
      if (y_ + h > kPageHeight - kMargin - kFooter) {
        Ensure(kPageHeight);  // new page, header repeated
        DrawRow(t.header, widths, true, false, std::nullopt, 0);
      }
      std::optional<Light> light;
      if (r < lights_.size()) light = lights_[r];
      DrawRow(t.rows[r], widths, false, r % 2 == 1, light, light_column);
    }
    y_ += 6;
  }

  static double NiceStep(double range) {
    const double raw = range / 5;
    const double magnitude = std::pow(10, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 5.0, 10.0}) {
      if (raw <= f * magnitude) return f * magnitude;
    }
    return 10 * magnitude;
  }

  void DrawChart(const Chart& c) {
    constexpr double kHeight = 190;
    Heading(c.title, kHeight);
    const double left = kMargin + 40;
    const double right = kMargin + kContentWidth - 10;
    const double top = y_ + 6;
    const double bottom = y_ + kHeight - 45;
    double hi = c.threshold.value_or(0);
    for (const Series& s : c.series) {
      for (double v : s.values) {
        if (std::isfinite(v)) hi = std::max(hi, v);
      }
    }
    if (hi <= 0) hi = 1;
    const double step = NiceStep(hi);
    hi = std::ceil(hi / step) * step;
    auto ypos = [&](double v) { return bottom - (bottom - top) * v / hi; };
    const std::size_t n = c.x_labels.size();
    auto xpos = [&](std::size_t i) {
      return n <= 1 ? (left + right) / 2 : left + (right - left) * static_cast<double>(i) / (n - 1);
    };
    // Axes and grid.
    cairo_set_line_width(cr(), 0.5);
    for (double v = 0; v <= hi + step / 2; v += step) {
      cairo_set_source_rgb(cr(), 0.85, 0.85, 0.85);
      cairo_move_to(cr(), left, ypos(v));
      cairo_line_to(cr(), right, ypos(v));
      cairo_stroke(cr());
      Text(fmt::format("{:g}", v), kMargin, ypos(v) - 6, 8, false, 36);
    }
    Text(c.y_unit, kMargin, top - 14, 8, false, 60);
    const std::size_t every = std::max<std::size_t>(1, (n + 7) / 8);
    for (std::size_t i = 0; i < n; i += every) {
      Text(c.x_labels[i], xpos(i) - 20, bottom + 4, 8, false, 40);
    }
    if (c.threshold) {
      cairo_set_source_rgb(cr(), kRed.r, kRed.g, kRed.b);
      const double dash[] = {5, 3};
      cairo_set_dash(cr(), dash, 2, 0);
      cairo_set_line_width(cr(), 1);
      cairo_move_to(cr(), left, ypos(*c.threshold));
      cairo_line_to(cr(), right, ypos(*c.threshold));
      cairo_stroke(cr());
      cairo_set_dash(cr(), nullptr, 0, 0);
      Text(fmt::format("Grenze {:g}", *c.threshold), right - 60, ypos(*c.threshold) - 12, 8, false,
           60, kRed);
    }
    // Lines with gaps where a value is missing.
    double legend_x = left;
    for (std::size_t s = 0; s < c.series.size(); ++s) {
      const Rgb colour = kSeriesColours[s % kSeriesColours.size()];
      cairo_set_source_rgb(cr(), colour.r, colour.g, colour.b);
      cairo_set_line_width(cr(), 2);
      bool drawing = false;
      for (std::size_t i = 0; i < c.series[s].values.size() && i < n; ++i) {
        const double v = c.series[s].values[i];
        if (!std::isfinite(v)) {
          drawing = false;
          continue;
        }
        if (drawing) {
          cairo_line_to(cr(), xpos(i), ypos(v));
        } else {
          cairo_move_to(cr(), xpos(i), ypos(v));
          drawing = true;
        }
        cairo_arc(cr(), xpos(i), ypos(v), 1.5, 0, 2 * M_PI);
        cairo_move_to(cr(), xpos(i), ypos(v));
      }
      cairo_stroke(cr());
      cairo_rectangle(cr(), legend_x, bottom + 22, 10, 3);
      cairo_fill(cr());
      Text(c.series[s].label, legend_x + 14, bottom + 17, 8, false, 150);
      legend_x += 170;
    }
    y_ += kHeight;
  }

  void Measures(const std::string& title, const std::vector<Measure>& measures) {
    if (measures.empty()) return;
    Heading(title, 30);
    for (const Measure& m : measures) {
      const std::string head = fmt::format("{} – {} ({})", m.date, m.title, m.status);
      Ensure(TextHeight(head, 9.5, true, kContentWidth) +
             TextHeight(m.text, 9, false, kContentWidth));
      y_ += Text(head, kMargin, y_, 9.5, true, kContentWidth) + 1;
      if (!m.text.empty()) y_ += Text(m.text, kMargin + 10, y_, 9, false, kContentWidth - 10);
      y_ += 5;
    }
  }

  Sink& sink_;
  int total_;
  int page_ = 0;
  double y_ = kMargin;
  std::vector<Light> lights_;  // for the promise table's rows
};

int CountPages(const CommitteeReport& report) {
  PngSink counter(-1, 1);
  Document doc(counter, 0);
  doc.Render(report);
  return doc.pages();
}

}  // namespace

Result<std::string> RenderPdf(const CommitteeReport& report) {
  const int total = CountPages(report);
  std::string out;
  {
    PdfSink sink(out);
    Document doc(sink, total);
    doc.Render(report);
    if (cairo_status_t s = sink.Finish(); s != CAIRO_STATUS_SUCCESS) {
      return Fail(ErrorCode::kInternal, "rendering the PDF failed: {}", cairo_status_to_string(s));
    }
  }
  return out;
}

Result<std::string> RenderPng(const CommitteeReport& report, int page, double dpi) {
  if (!(dpi >= 10 && dpi <= 600)) return Fail(ErrorCode::kInvalidArgument, "dpi: 10 to 600");
  const int total = CountPages(report);
  if (page < 0 || page >= total) {
    return Fail(ErrorCode::kNotFound, "the report has {} pages, not page {}", total, page + 1);
  }
  PngSink sink(page, dpi / 72.0);
  Document doc(sink, total);
  doc.Render(report);
  if (cairo_status_t s = sink.status(); s != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal, "rendering the page failed: {}", cairo_status_to_string(s));
  }
  cairo_surface_flush(sink.image());
  std::string out;
  if (cairo_status_t s = cairo_surface_write_to_png_stream(sink.image(), AppendToString, &out);
      s != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal, "writing the PNG failed: {}", cairo_status_to_string(s));
  }
  return out;
}

}  // namespace amtszeit::report
