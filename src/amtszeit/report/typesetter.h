// Internal to the report module: text with pango, measured the same whatever it is drawn on.
//
// The layout of a report is decided once (where lines wrap, where pages break) and then painted
// onto a PDF page or a PNG image. For that to agree, every PangoLayout comes from one
// PangoContext with fixed font options (no hinted metrics, 72 units per inch = points), never
// from the cairo_t it is later shown on.
//
//   auto ts = Typesetter::Create();
//   LayoutPtr l = ts->Layout("Maßnahmen für Größere Zufriedenheit", {.size = 9}, 300);
//   Size s = SizeOf(l.get());             // points
//   Show(cr, l.get(), 50, 100, kInk);
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <string_view>

#include "amtszeit/domain/error.h"

namespace amtszeit::report::internal {

struct Rgb {
  double r, g, b;
};

// From "#rrggbb"-style bytes.
constexpr Rgb Hex(unsigned rgb) {
  return {((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0};
}

inline constexpr Rgb kInk = Hex(0x21262e);
inline constexpr Rgb kMuted = Hex(0x5f6873);
inline constexpr Rgb kAccent = Hex(0x1c3a66);  // headings and rules
inline constexpr Rgb kRule = Hex(0x8c96a3);
inline constexpr Rgb kGrid = Hex(0xe0e3e8);
inline constexpr Rgb kHeaderFill = Hex(0xdde4ed);
inline constexpr Rgb kShade = Hex(0xf2f4f7);
inline constexpr Rgb kGreen = Hex(0x2e7d32);
inline constexpr Rgb kAmber = Hex(0xf9a825);
inline constexpr Rgb kRed = Hex(0xc62828);

void SetColour(cairo_t* cr, Rgb c);

// Layouts are shared: the painting steps of a page keep the ones they show alive.
using LayoutPtr = std::shared_ptr<PangoLayout>;

struct TextStyle {
  double size = 9;  // points
  bool bold = false;
  bool italic = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  PangoEllipsizeMode ellipsize = PANGO_ELLIPSIZE_NONE;  // with a width: one line, cut with "…"
};

struct Size {
  double width = 0;
  double height = 0;
};

class Typesetter {
 public:
  // Each typesetter has its own font map, freed with the last layout.
  // REQUIRES: the typesetter and its layouts are used by one thread at a time.
  static Result<Typesetter> Create();

  // `text` is plain text (no markup); invalid UTF-8 is repaired. `width` <= 0: no wrapping.
  LayoutPtr Layout(std::string_view text, const TextStyle& style, double width = -1) const;
  // The same from pango markup; use Escape() for the text in it.
  LayoutPtr Markup(std::string_view markup, const TextStyle& style, double width = -1) const;

 private:
  explicit Typesetter(std::shared_ptr<PangoContext> context) : context_(std::move(context)) {}
  LayoutPtr NewLayout(const TextStyle& style, double width) const;

  std::shared_ptr<PangoContext> context_;
};

// Valid UTF-8 (bad bytes replaced) and escaped for pango markup.
std::string ValidUtf8(std::string_view text);
std::string Escape(std::string_view text);

// The logical size in points.
Size SizeOf(PangoLayout* layout);
// The widest word (the narrowest the text can be set without breaking words), in points.
double WidestWord(PangoLayout* layout);
// Draws the layout with its top-left corner at (x, y).
void Show(cairo_t* cr, PangoLayout* layout, double x, double y, Rgb colour);

}  // namespace amtszeit::report::internal
