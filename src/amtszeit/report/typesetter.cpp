#include "amtszeit/report/typesetter.h"

#include <algorithm>
#include <utility>

namespace amtszeit::report::internal {

namespace {

double Points(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

int Units(double points) { return static_cast<int>(points * PANGO_SCALE); }

}  // namespace

void SetColour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

Result<Typesetter> Typesetter::Create() {
  // A font map of our own rather than pango's per-thread default: a few milliseconds more per
  // report, but nothing stays behind in pango's or cairo's caches once the report is rendered,
  // and no state is shared with other code in the process.
  std::unique_ptr<PangoFontMap, decltype(&g_object_unref)> map(pango_cairo_font_map_new(),
                                                               g_object_unref);
  if (map == nullptr) return Fail(ErrorCode::kInternal, "pango could not create a font map");
  // The context keeps its own reference to the map.
  std::shared_ptr<PangoContext> context(pango_font_map_create_context(map.get()), g_object_unref);
  if (context == nullptr) return Fail(ErrorCode::kInternal, "pango could not create a context");
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  const cairo_status_t status = cairo_font_options_status(options);
  if (status == CAIRO_STATUS_SUCCESS) pango_cairo_context_set_font_options(context.get(), options);
  cairo_font_options_destroy(options);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal, "cairo font options: {}", cairo_status_to_string(status));
  }
  pango_cairo_context_set_resolution(context.get(), 72);  // font sizes in points = user units
  pango_context_set_language(context.get(), pango_language_from_string("de-DE"));
  return Typesetter(std::move(context));
}

LayoutPtr Typesetter::NewLayout(const TextStyle& style, double width) const {
  LayoutPtr layout(pango_layout_new(context_.get()), g_object_unref);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, "Sans");
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  if (width > 0) {
    pango_layout_set_width(layout.get(), std::max(1, Units(width)));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize(layout.get(), style.ellipsize);
  }
  pango_layout_set_alignment(layout.get(), style.align);
  return layout;
}

LayoutPtr Typesetter::Layout(std::string_view text, const TextStyle& style, double width) const {
  LayoutPtr layout = NewLayout(style, width);
  const std::string valid = ValidUtf8(text);
  pango_layout_set_text(layout.get(), valid.data(), static_cast<int>(valid.size()));
  return layout;
}

LayoutPtr Typesetter::Markup(std::string_view markup, const TextStyle& style, double width) const {
  LayoutPtr layout = NewLayout(style, width);
  const std::string valid = ValidUtf8(markup);
  pango_layout_set_markup(layout.get(), valid.data(), static_cast<int>(valid.size()));
  return layout;
}

std::string ValidUtf8(std::string_view text) {
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    // Pango stops at an embedded NUL; so does cairo's metadata. Cut there.
    return std::string(text.substr(0, text.find('\0')));
  }
  gchar* repaired = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(repaired);
  g_free(repaired);
  return out;
}

std::string Escape(std::string_view text) {
  const std::string valid = ValidUtf8(text);
  gchar* escaped = g_markup_escape_text(valid.data(), static_cast<gssize>(valid.size()));
  std::string out(escaped);
  g_free(escaped);
  return out;
}

Size SizeOf(PangoLayout* layout) {
  int w = 0;
  int h = 0;
  pango_layout_get_size(layout, &w, &h);
  return {Points(w), Points(h)};
}

double WidestWord(PangoLayout* layout) {
  const int width = pango_layout_get_width(layout);
  const PangoWrapMode wrap = pango_layout_get_wrap(layout);
  const PangoEllipsizeMode ellipsize = pango_layout_get_ellipsize(layout);
  pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
  pango_layout_set_width(layout, 1);  // every break opportunity taken; words stay whole
  int widest = 0;
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    widest = std::max(widest, logical.width);
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  pango_layout_set_width(layout, width);
  pango_layout_set_wrap(layout, wrap);
  pango_layout_set_ellipsize(layout, ellipsize);
  return Points(widest);
}

void Show(cairo_t* cr, PangoLayout* layout, double x, double y, Rgb colour) {
  SetColour(cr, colour);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

}  // namespace amtszeit::report::internal
