#include "amtszeit/report/committee_report.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <numbers>
#include <string_view>
#include <utility>

#include "amtszeit/report/chart.h"
#include "amtszeit/report/typesetter.h"

namespace amtszeit::report {

namespace {

using internal::ChartLayout;
using internal::LayoutPtr;
using internal::Rgb;
using internal::Show;
using internal::SizeOf;
using internal::Typesetter;

constexpr double kPageWidth = 595;  // A4 portrait in points
constexpr double kPageHeight = 842;
constexpr double kMargin = 50;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kTop = kMargin;
constexpr double kBottom = kPageHeight - kMargin;  // the footer sits in the bottom margin

constexpr double kTableFont = 8.5;
constexpr double kCellPadX = 5;
constexpr double kCellPadY = 3.5;
constexpr double kLightIndent = 13;  // room for the traffic light before the word
constexpr double kDateWidth = 70;    // the measures' date column

// One drawing step of a page. Steps own (share) what they draw, so pages can be painted after
// the layout, onto any surface, as often as needed.
using Paint = std::function<void(cairo_t*)>;
using Page = std::vector<Paint>;

struct Heading {
  std::string text;
  int level = 1;
  std::size_t page = 0;
  double y = 0;
};

struct Document {
  std::vector<Page> pages;
  std::vector<Heading> headings;  // for the PDF's outline
};

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

double Points(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }
int Units(double points) { return std::max(1, static_cast<int>(points * PANGO_SCALE)); }

// A laid-out line of a paragraph, in the paragraph's coordinates (points).
struct LineBox {
  double top = 0;
  double bottom = 0;
  double baseline = 0;
  double x = 0;  // where the line's origin is
};

std::vector<LineBox> Lines(PangoLayout* layout) {
  std::vector<LineBox> lines;
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    PangoRectangle in_layout;
    pango_layout_iter_get_line_extents(it, nullptr, &in_layout);
    PangoRectangle in_line;
    pango_layout_line_get_extents(pango_layout_iter_get_line_readonly(it), nullptr, &in_line);
    lines.push_back({Points(in_layout.y), Points(in_layout.y + in_layout.height),
                     Points(pango_layout_iter_get_baseline(it)), Points(in_layout.x - in_line.x)});
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return lines;
}

// The height of a paragraph's first `n` lines: what must fit before it is worth starting it.
double FirstLines(PangoLayout* layout, std::size_t n) {
  const std::vector<LineBox> lines = Lines(layout);
  if (lines.empty() || n == 0) return 0;
  return lines[std::min(n, lines.size()) - 1].bottom - lines.front().top;
}

// Flows blocks down A4 pages; knows nothing of the surface the pages are painted on.
class Composer {
 public:
  explicit Composer(const Typesetter& ts) : ts_(ts) { pages_.emplace_back(); }

  const Typesetter& ts() const { return ts_; }
  double y() const { return y_; }
  bool AtTop() const { return y_ <= kTop + 1e-6; }
  // Starts a new page unless `height` fits below the current position (or the page is empty:
  // what is taller than a page starts at the top and is cut or flowed by its owner).
  void Need(double height) {
    if (y_ + height > kBottom + 1e-6 && !AtTop()) NewPage();
  }
  void NewPage() {
    pages_.emplace_back();
    y_ = kTop;
  }
  void Skip(double dy) { y_ += dy; }
  void Space(double dy) {  // vertical space, but none at the top of a page
    if (!AtTop()) y_ += dy;
  }
  void Add(Paint paint) { pages_.back().push_back(std::move(paint)); }
  void Text(LayoutPtr layout, double x, double y, Rgb colour) {
    Add([layout = std::move(layout), x, y, colour](cairo_t* cr) {
      Show(cr, layout.get(), x, y, colour);
    });
  }
  // Places the layout at the current position and moves below it.
  void Block(LayoutPtr layout, double x, Rgb colour) {
    const double h = SizeOf(layout.get()).height;
    Text(std::move(layout), x, y_, colour);
    y_ += h;
  }
  void Rule(double x0, double x1, double y, double width, Rgb colour) {
    Add([=](cairo_t* cr) {
      internal::SetColour(cr, colour);
      cairo_set_line_width(cr, width);
      cairo_move_to(cr, x0, y);
      cairo_line_to(cr, x1, y);
      cairo_stroke(cr);
    });
  }
  void Fill(double x, double y, double w, double h, Rgb colour) {
    Add([=](cairo_t* cr) {
      internal::SetColour(cr, colour);
      cairo_rectangle(cr, x, y, w, h);
      cairo_fill(cr);
    });
  }
  // A paragraph that continues on the next page, line by line, when it does not fit.
  void Flow(const LayoutPtr& layout, double x, Rgb colour) {
    const std::vector<LineBox> lines = Lines(layout.get());
    std::size_t i = 0;
    while (i < lines.size()) {
      const double top = lines[i].top;
      std::size_t end = i;
      while (end < lines.size() && y_ + (lines[end].bottom - top) <= kBottom + 1e-6) ++end;
      if (end == i) {
        if (!AtTop()) {
          NewPage();
          continue;
        }
        end = i + 1;  // a line taller than a page: set it anyway
      }
      const double origin = y_ - top;
      for (std::size_t k = i; k < end; ++k) {
        Add([layout, k, x = x + lines[k].x, y = origin + lines[k].baseline, colour](cairo_t* cr) {
          internal::SetColour(cr, colour);
          cairo_move_to(cr, x, y);
          pango_cairo_show_layout_line(
              cr, pango_layout_get_line_readonly(layout.get(), static_cast<int>(k)));
        });
      }
      y_ += lines[end - 1].bottom - top;
      i = end;
      if (i < lines.size()) NewPage();
    }
  }
  void MarkHeading(std::string text, int level) {
    headings_.push_back({std::move(text), level, pages_.size() - 1, y_});
  }

  Document Finish() && { return {std::move(pages_), std::move(headings_)}; }

 private:
  const Typesetter& ts_;
  std::vector<Page> pages_;
  std::vector<Heading> headings_;
  double y_ = kTop;
};

// A section heading (level 1, with a rule) or a sub-heading (level 2), kept on one page with
// the first `keep_with` points of what follows.
void AddHeading(Composer& c, const std::string& text, int level, double keep_with) {
  LayoutPtr layout =
      c.ts().Layout(text, {.size = level == 1 ? 13.0 : 10.5, .bold = true}, kContentWidth);
  const double h = SizeOf(layout.get()).height;
  const double before = level == 1 ? 16 : 10;
  const double after = level == 1 ? 7 : 4;
  c.Need((c.AtTop() ? 0 : before) + h + after + keep_with);
  c.Space(before);
  c.MarkHeading(text, level);
  c.Block(std::move(layout), kMargin, internal::kAccent);
  if (level == 1) c.Rule(kMargin, kMargin + kContentWidth, c.y() + 1.5, 0.6, internal::kAccent);
  c.Skip(after);
}

std::string_view LightWord(Light light) {
  switch (light) {
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

Rgb LightColour(Light light) {
  switch (light) {
    case Light::kGreen:
      return internal::kGreen;
    case Light::kAmber:
      return internal::kAmber;
    case Light::kRed:
    case Light::kNone:
      break;
  }
  return internal::kRed;
}

// Digits with separators, signs, units of percent: set flush right in a table.
bool LooksNumeric(std::string_view s) {
  bool digit = false;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= '0' && c <= '9') {
      digit = true;
      ++i;
    } else if (std::string_view(",.%+- ").find(static_cast<char>(c)) != std::string_view::npos) {
      ++i;
    } else if (s.substr(i).starts_with("\u2212") || s.substr(i).starts_with("\u2009")) {
      i += 3;  // minus sign, thin space
    } else if (s.substr(i).starts_with("\u00a0")) {
      i += 2;  // no-break space
    } else {
      return false;
    }
  }
  return digit;
}

// Column widths from content. When every column fits unbroken, all widen in proportion to fill
// `total`. Otherwise columns narrower than a fair share keep their natural width, and the others
// share the rest in proportion to their natural widths, but none narrower than its widest word
// (when even that does not fit, words are broken).
std::vector<double> ColumnWidths(const std::vector<double>& natural,
                                 const std::vector<double>& minimum, double total) {
  const std::size_t n = natural.size();
  std::vector<double> widths(n, 0);
  double sum_natural = 0;
  for (double w : natural) sum_natural += w;
  if (sum_natural <= total) {
    for (std::size_t i = 0; i < n; ++i) widths[i] = natural[i] * total / sum_natural;
    return widths;
  }
  std::vector<bool> fixed(n, false);
  double left = total;
  std::size_t open = n;
  for (bool changed = true; changed && open > 0;) {  // narrow columns keep their natural width
    changed = false;
    const double fair = left / static_cast<double>(open);
    for (std::size_t i = 0; i < n; ++i) {
      if (!fixed[i] && natural[i] <= fair) {
        widths[i] = natural[i];
        fixed[i] = true;
        left -= natural[i];
        --open;
        changed = true;
      }
    }
  }
  for (bool changed = true; changed && open > 0;) {  // the rest in proportion, at least a word
    changed = false;
    double share = 0;
    for (std::size_t i = 0; i < n; ++i) share += fixed[i] ? 0 : natural[i];
    for (std::size_t i = 0; i < n; ++i) {
      if (fixed[i]) continue;
      widths[i] = natural[i] * left / share;
      if (widths[i] < minimum[i]) {
        widths[i] = minimum[i];
        fixed[i] = true;
        left -= minimum[i];
        --open;
        changed = true;
        break;
      }
    }
  }
  double sum = 0;
  for (double w : widths) sum += w;
  if (sum > total) {
    for (double& w : widths) w *= total / sum;  // words are broken
  }
  return widths;
}

struct TableSpec {
  std::string title;
  int title_level = 1;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<Light> lights;  // per row, shown in `light_column`; empty: none
  std::size_t light_column = 0;
};

// One row as laid out: cells with their positions relative to the row's top.
struct RowLayout {
  std::vector<LayoutPtr> cells;
  std::vector<double> x;
  double height = 0;
  std::optional<Light> light;
  double light_x = 0;
  double light_y = 0;  // centre of the first line
};

class TableBuilder {
 public:
  TableBuilder(Composer& c, const TableSpec& t) : c_(c), t_(t) {
    columns_ = t.header.size();
    for (const auto& row : t.rows) columns_ = std::max(columns_, row.size());
  }

  void Add() {
    if (columns_ == 0) return;
    LayOut();
    RowLayout header = header_;
    const double first_rows = [&] {
      double h = 0;
      for (std::size_t r = 0; r < std::min<std::size_t>(3, body_.size()); ++r) h += body_[r].height;
      return body_.empty() ? empty_height_ : h;
    }();
    if (!t_.title.empty()) {
      AddHeading(c_, t_.title, t_.title_level, header.height + first_rows);
    } else {
      c_.Need(header.height + first_rows);
    }
    PaintRow(header, std::nullopt, true);
    if (body_.empty()) {
      c_.Text(c_.ts().Layout("Keine Einträge.", {.size = kTableFont, .italic = true}),
              kMargin + kCellPadX, c_.y() + kCellPadY, internal::kMuted);
      c_.Skip(empty_height_);
    }
    for (std::size_t r = 0; r < body_.size(); ++r) {
      if (c_.y() + body_[r].height > kBottom + 1e-6) {
        c_.Rule(kMargin, kMargin + kContentWidth, c_.y(), 0.8, internal::kRule);
        c_.NewPage();
        if (!t_.title.empty()) {
          LayoutPtr more = c_.ts().Layout(t_.title + " (Fortsetzung)",
                                          {.size = 8.5, .italic = true}, kContentWidth);
          c_.Block(std::move(more), kMargin, internal::kMuted);
          c_.Skip(3);
        }
        PaintRow(header, std::nullopt, true);
      }
      PaintRow(body_[r], r % 2 == 1 ? std::optional<Rgb>(internal::kShade) : std::nullopt, false);
    }
    c_.Rule(kMargin, kMargin + kContentWidth, c_.y(), 0.8, internal::kRule);
    c_.Skip(4);
  }

 private:
  bool HasLight(std::size_t column) const {
    return !t_.lights.empty() && column == t_.light_column;
  }

  void LayOut() {
    const Typesetter& ts = c_.ts();
    std::vector<bool> numeric(columns_, false);
    for (std::size_t i = 0; i < columns_; ++i) {
      bool any = false;
      bool all = true;
      for (const auto& row : t_.rows) {
        if (i >= row.size() || row[i].empty() || row[i] == "–" || row[i] == "-") continue;
        any = true;
        all = all && LooksNumeric(row[i]);
      }
      numeric[i] = any && all && !HasLight(i);
    }
    std::vector<std::vector<LayoutPtr>> cells;  // header first
    auto make_row = [&](const std::vector<std::string>& texts, bool bold) {
      std::vector<LayoutPtr> row;
      for (std::size_t i = 0; i < columns_; ++i) {
        row.push_back(
            ts.Layout(i < texts.size() ? texts[i] : "", {.size = kTableFont, .bold = bold}));
      }
      cells.push_back(std::move(row));
    };
    make_row(t_.header, true);
    for (const auto& row : t_.rows) make_row(row, false);

    std::vector<double> natural(columns_, 2 * kCellPadX);
    std::vector<double> minimum(columns_, 2 * kCellPadX);
    for (const auto& row : cells) {
      for (std::size_t i = 0; i < columns_; ++i) {
        const double extra = 2 * kCellPadX + (HasLight(i) ? kLightIndent : 0);
        natural[i] = std::max(natural[i], SizeOf(row[i].get()).width + extra);
        minimum[i] = std::max(minimum[i], internal::WidestWord(row[i].get()) + extra);
      }
    }
    const std::vector<double> widths = ColumnWidths(natural, minimum, kContentWidth);

    // Final widths; cells taller than a page are cut with "…" so every row fits on one.
    const double max_cell = (kBottom - kTop) - 80;
    std::vector<double> x(columns_);
    double at = kMargin;
    for (std::size_t i = 0; i < columns_; ++i) {
      x[i] = at;
      at += widths[i];
    }
    for (std::size_t r = 0; r < cells.size(); ++r) {
      RowLayout row;
      double text_height = 0;
      for (std::size_t i = 0; i < columns_; ++i) {
        PangoLayout* l = cells[r][i].get();
        const double indent = HasLight(i) && r > 0 ? kLightIndent : 0;
        pango_layout_set_width(l, Units(widths[i] - 2 * kCellPadX - indent));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        if (numeric[i]) pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
        if (SizeOf(l).height > max_cell) {
          pango_layout_set_height(l, Units(max_cell));
          pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        }
        text_height = std::max(text_height, SizeOf(l).height);
        row.cells.push_back(cells[r][i]);
        row.x.push_back(x[i] + kCellPadX + indent);
        if (indent > 0 && r - 1 < t_.lights.size() && t_.lights[r - 1] != Light::kNone) {
          row.light = t_.lights[r - 1];
          row.light_x = x[i] + kCellPadX + 4.5;
          row.light_y = kCellPadY + FirstLines(l, 1) / 2;
        }
      }
      row.height = text_height + 2 * kCellPadY;
      if (r == 0) {
        header_ = std::move(row);
      } else {
        body_.push_back(std::move(row));
      }
    }
    empty_height_ = kTableFont * 1.3 + 2 * kCellPadY;
  }

  void PaintRow(const RowLayout& row, std::optional<Rgb> fill, bool header) {
    const double y = c_.y();
    if (header) {
      c_.Fill(kMargin, y, kContentWidth, row.height, internal::kHeaderFill);
    } else if (fill) {
      c_.Fill(kMargin, y, kContentWidth, row.height, *fill);
    }
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      c_.Text(row.cells[i], row.x[i], y + kCellPadY, internal::kInk);
    }
    if (row.light) {
      c_.Add(
          [x = row.light_x, cy = y + row.light_y, colour = LightColour(*row.light)](cairo_t* cr) {
            internal::SetColour(cr, colour);
            cairo_new_sub_path(cr);
            cairo_arc(cr, x, cy, 4, 0, 2 * std::numbers::pi);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);  // an outline keeps it visible in grey print
            cairo_set_line_width(cr, 0.4);
            cairo_stroke(cr);
          });
    }
    if (header) c_.Rule(kMargin, kMargin + kContentWidth, y + row.height, 0.8, internal::kRule);
    c_.Skip(row.height);
  }

  Composer& c_;
  const TableSpec& t_;
  std::size_t columns_ = 0;
  RowLayout header_;
  std::vector<RowLayout> body_;
  double empty_height_ = 0;
};

void AddTitle(Composer& c, const CommitteeReport& r) {
  const Typesetter& ts = c.ts();
  if (!r.title.empty()) {
    c.Block(ts.Layout(r.title, {.size = 18, .bold = true}, kContentWidth), kMargin,
            internal::kAccent);
    c.Skip(4);
  }
  if (!r.subtitle.empty()) {
    c.Block(ts.Layout(r.subtitle, {.size = 11}, kContentWidth), kMargin, internal::kInk);
    c.Skip(3);
  }
  if (!r.generated_at.empty()) {
    c.Block(ts.Layout(r.generated_at, {.size = 8.5}, kContentWidth), kMargin, internal::kMuted);
  }
  c.Skip(6);
  c.Rule(kMargin, kMargin + kContentWidth, c.y(), 1.5, internal::kAccent);
  c.Skip(6);
}

void AddPromises(Composer& c, const std::vector<PromiseRow>& promises) {
  if (promises.empty()) return;
  TableSpec t{.title = "Leistungsversprechen",
              .header = {"Versprechen", "Ziel", "Wert", "Vormonat", "Bewertung"},
              .light_column = 4};
  int counts[4] = {0, 0, 0, 0};
  for (const PromiseRow& p : promises) {
    t.rows.push_back({p.name, p.threshold, p.value, p.previous.empty() ? "–" : p.previous,
                      std::string(LightWord(p.light))});
    t.lights.push_back(p.light);
    if (const int k = static_cast<int>(p.light); k >= 0 && k < 4) ++counts[k];
  }
  TableBuilder(c, t).Add();
  if (counts[1] + counts[2] + counts[3] > 0) {
    std::string summary = fmt::format("{} von {} Versprechen erfüllt", counts[1], promises.size());
    if (counts[2] > 0) summary += fmt::format(", {} knapp", counts[2]);
    if (counts[3] > 0) summary += fmt::format(", {} verfehlt", counts[3]);
    summary += ".";
    LayoutPtr layout = c.ts().Layout(summary, {.size = 8.5, .italic = true}, kContentWidth);
    c.Need(SizeOf(layout.get()).height);
    c.Block(std::move(layout), kMargin, internal::kMuted);
  }
}

void AddCharts(Composer& c, const std::vector<Chart>& charts) {
  bool first = true;
  for (const Chart& chart : charts) {
    auto layout = std::make_shared<ChartLayout>(c.ts(), chart, kContentWidth);
    const double h = layout->height();
    if (first) {  // the section heading stays with the first chart
      LayoutPtr sub = c.ts().Layout(chart.title, {.size = 10.5, .bold = true}, kContentWidth);
      AddHeading(c, "Entwicklung", 1, SizeOf(sub.get()).height + 14 + h);
      first = false;
    }
    if (!chart.title.empty()) AddHeading(c, chart.title, 2, h);
    c.Need(h);
    c.Add([layout, y = c.y()](cairo_t* cr) { layout->Paint(cr, kMargin, y); });
    c.Skip(h + 4);
  }
}

void AddMeasures(Composer& c, const std::string& title, const std::vector<Measure>& measures) {
  if (measures.empty()) return;
  const Typesetter& ts = c.ts();
  const double text_width = kContentWidth - kDateWidth;
  bool first = true;
  for (const Measure& m : measures) {
    LayoutPtr date = ts.Layout(m.date, {.size = 9}, kDateWidth - 8);
    std::string head = "<b>" + internal::Escape(m.title) + "</b>";
    if (!m.status.empty()) {
      head += "  <span foreground=\"#5f6873\">· " + internal::Escape(m.status) + "</span>";
    }
    LayoutPtr heading = ts.Markup(head, {.size = 9.5}, text_width);
    LayoutPtr text = m.text.empty() ? nullptr : ts.Layout(m.text, {.size = 9}, text_width);
    const double head_h = std::max(SizeOf(heading.get()).height, SizeOf(date.get()).height);
    const double keep = head_h + 2 + (text ? FirstLines(text.get(), 2) : 0);
    if (first) {
      AddHeading(c, title, 1, keep);
      first = false;
    }
    c.Need(keep);
    c.Text(date, kMargin, c.y(), internal::kMuted);
    c.Text(heading, kMargin + kDateWidth, c.y(), internal::kInk);
    c.Skip(head_h + 2);
    if (text) c.Flow(text, kMargin + kDateWidth, internal::kInk);
    c.Skip(8);
  }
}

void AddSourceNote(Composer& c, const std::string& note) {
  if (note.empty()) return;
  LayoutPtr text = c.ts().Layout(note, {.size = 8}, kContentWidth);
  AddHeading(c, "Datengrundlage", 2, FirstLines(text.get(), 2));
  c.Flow(text, kMargin, internal::kMuted);
}

void AddFooters(const Typesetter& ts, const std::string& title, std::vector<Page>& pages) {
  const double y = kBottom + 16;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    LayoutPtr left =
        ts.Layout(title, {.size = 7.5, .ellipsize = PANGO_ELLIPSIZE_END}, kContentWidth * 0.7);
    LayoutPtr right = ts.Layout(fmt::format("Seite {} von {}", i + 1, pages.size()),
                                {.size = 7.5, .align = PANGO_ALIGN_RIGHT}, kContentWidth * 0.28);
    pages[i].push_back([left, right, y](cairo_t* cr) {
      internal::SetColour(cr, internal::kRule);
      cairo_set_line_width(cr, 0.5);
      cairo_move_to(cr, kMargin, y - 4);
      cairo_line_to(cr, kMargin + kContentWidth, y - 4);
      cairo_stroke(cr);
      Show(cr, left.get(), kMargin, y, internal::kMuted);
      Show(cr, right.get(), kMargin + kContentWidth * 0.72, y, internal::kMuted);
    });
  }
}

Result<Document> Compose(const CommitteeReport& r) {
  auto ts = Typesetter::Create();
  if (!ts) return std::unexpected(ts.error());
  Composer c(*ts);
  AddTitle(c, r);
  AddPromises(c, r.promises);
  AddCharts(c, r.charts);
  for (const Table& t : r.tables) {
    TableBuilder(c, {.title = t.title, .header = t.header, .rows = t.rows}).Add();
  }
  AddMeasures(c, "Umgesetzte Maßnahmen", r.measures_taken);
  AddMeasures(c, "Geplante Maßnahmen", r.measures_planned);
  AddSourceNote(c, r.source_note);
  Document doc = std::move(c).Finish();
  AddFooters(*ts, internal::ValidUtf8(r.title), doc.pages);
  return doc;
}

void PaintPage(cairo_t* cr, const Page& page) {
  for (const Paint& paint : page) {
    cairo_save(cr);
    paint(cr);
    cairo_restore(cr);
  }
}

Error CairoFailure(std::string_view what, cairo_status_t status) {
  return Error{ErrorCode::kInternal,
               fmt::format("{}: cairo: {}", what, cairo_status_to_string(status))};
}

// Outline entries (bookmarks) for the section headings, nested by level.
void AddOutline(cairo_surface_t* surface, const std::vector<Heading>& headings) {
  int parent = CAIRO_PDF_OUTLINE_ROOT;
  for (const Heading& h : headings) {
    const std::string name = internal::ValidUtf8(h.text);
    const std::string link =
        fmt::format("page={} pos=[{:.0f} {:.0f}]", h.page + 1, kMargin, std::max(0.0, h.y - 4));
    const int id =
        cairo_pdf_surface_add_outline(surface, h.level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                      name.c_str(), link.c_str(), CAIRO_PDF_OUTLINE_FLAG_OPEN);
    if (h.level == 1) parent = id;
  }
}

}  // namespace

Result<std::string> RenderPdf(const CommitteeReport& report) {
  auto doc = Compose(report);
  if (!doc) return std::unexpected(doc.error());
  std::string out;
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(AppendToString, &out, kPageWidth, kPageHeight));
  if (cairo_status_t s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) {
    return std::unexpected(CairoFailure("creating the PDF", s));
  }
  const std::string title = internal::ValidUtf8(report.title);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "amtszeit");
  {
    ContextPtr cr(cairo_create(surface.get()));
    for (std::size_t i = 0; i < doc->pages.size(); ++i) {
      PaintPage(cr.get(), doc->pages[i]);
      cairo_show_page(cr.get());
      if (cairo_status_t s = cairo_status(cr.get()); s != CAIRO_STATUS_SUCCESS) {
        return std::unexpected(CairoFailure(fmt::format("drawing page {}", i + 1), s));
      }
    }
  }
  AddOutline(surface.get(), doc->headings);
  cairo_surface_finish(surface.get());
  if (cairo_status_t s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) {
    return std::unexpected(CairoFailure("writing the PDF", s));
  }
  return out;
}

Result<std::string> RenderPng(const CommitteeReport& report, int page, double dpi) {
  if (!(dpi >= 10 && dpi <= 600)) {
    return Fail(ErrorCode::kInvalidArgument, "dpi must be between 10 and 600, not {}", dpi);
  }
  auto doc = Compose(report);
  if (!doc) return std::unexpected(doc.error());
  if (page < 0 || static_cast<std::size_t>(page) >= doc->pages.size()) {
    return Fail(ErrorCode::kNotFound, "the report has {} page(s); there is no page {}",
                doc->pages.size(), page + 1);
  }
  const double scale = dpi / 72;
  // A4 at 96 dpi is 793.3 × 1122.7 pixels: round up so nothing is cut (794 × 1123).
  const int width = static_cast<int>(std::ceil(kPageWidth * scale - 1e-6));
  const int height = static_cast<int>(std::ceil(kPageHeight * scale - 1e-6));
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  if (cairo_status_t s = cairo_surface_status(surface.get()); s != CAIRO_STATUS_SUCCESS) {
    return std::unexpected(CairoFailure("creating the image", s));
  }
  {
    ContextPtr cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), scale, scale);
    PaintPage(cr.get(), doc->pages[static_cast<std::size_t>(page)]);
    if (cairo_status_t s = cairo_status(cr.get()); s != CAIRO_STATUS_SUCCESS) {
      return std::unexpected(CairoFailure(fmt::format("drawing page {}", page + 1), s));
    }
  }
  cairo_surface_flush(surface.get());
  std::string out;
  if (cairo_status_t s = cairo_surface_write_to_png_stream(surface.get(), AppendToString, &out);
      s != CAIRO_STATUS_SUCCESS) {
    return std::unexpected(CairoFailure("writing the PNG", s));
  }
  return out;
}

}  // namespace amtszeit::report
