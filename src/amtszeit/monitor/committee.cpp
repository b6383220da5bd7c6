#include "amtszeit/monitor/committee.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "absl/strings/match.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/monitor/history.h"

namespace amtszeit::monitor {

namespace {

constexpr int kChartMonths = 6;
constexpr std::array kMonthNames = {"Januar",    "Februar", "März",     "April",
                                    "Mai",       "Juni",    "Juli",     "August",
                                    "September", "Oktober", "November", "Dezember"};

std::string German(double v, int digits) {
  std::string s = fmt::format("{:.{}f}", v, digits);
  for (char& c : s) {
    if (c == '.') c = ',';
  }
  return s;
}

std::string Value(const std::optional<double>& v, const Promise& p) {
  if (!v) return "";
  return German(*v, p.unit == "%" ? 0 : 1) + " " + p.unit;
}

report::Light ToReport(Light l) {
  switch (l) {
    case Light::kGreen:
      return report::Light::kGreen;
    case Light::kAmber:
      return report::Light::kAmber;
    case Light::kRed:
      return report::Light::kRed;
    case Light::kNone:
      break;
  }
  return report::Light::kNone;
}

std::string MonthLabel(absl::CivilMonth m) {
  return fmt::format("{:02}/{}", m.month(), m.year() % 100);
}

}  // namespace

Result<absl::CivilMonth> ParseMonth(std::string_view text) {
  auto day = ParseDay(std::string(text) + "-01");
  if (text.size() != 7 || !day) {
    return Fail(ErrorCode::kInvalidArgument, "month: YYYY-MM, not '{}'", text);
  }
  return absl::CivilMonth(*day);
}

Result<report::CommitteeReport> BuildCommitteeReport(store::Store& store, const Catalog& catalog,
                                                     absl::TimeZone zone,
                                                     std::string_view district_text,
                                                     absl::CivilMonth month, absl::Time now) {
  const District* district = catalog.FindDistrict(district_text);
  for (const District& d : catalog.districts) {
    if (district == nullptr &&
        absl::EqualsIgnoreCase(d.name,
                               absl::string_view(district_text.data(), district_text.size())))
      district = &d;
  }
  if (district == nullptr) return Fail(ErrorCode::kNotFound, "no district '{}'", district_text);
  auto promises = LoadPromises(store);
  if (!promises) return std::unexpected(promises.error());

  const absl::CivilDay first(month);
  const absl::CivilDay last = absl::CivilDay(month + 1) - 1;
  const absl::CivilMonth chart_start = month - (kChartMonths - 1);
  const std::vector<Scope> scope = {Scope::District(district->id)};
  auto history =
      LoadKpis(store, catalog, zone, Period::kMonth, absl::CivilDay(chart_start), last, scope);
  if (!history) return std::unexpected(history.error());
  auto cell = [&](absl::CivilMonth m, std::string_view promise) -> const KpiRow* {
    for (const KpiRow& r : *history) {
      if (r.period_start == absl::CivilDay(m) && r.promise == promise) return &r;
    }
    return nullptr;
  };

  report::CommitteeReport out;
  out.title = fmt::format("Kundenzentren im Bezirk {} – Bericht {} {}", district->name,
                          kMonthNames[month.month() - 1], month.year());
  out.subtitle =
      "Leistungsversprechen, Kapazität und Maßnahmen für den Ausschuss der "
      "Bezirksversammlung";
  out.generated_at = "erstellt am " + absl::FormatTime("%d.%m.%Y %H:%M Uhr", now, zone);
  out.source_note =
      "Quelle: amtszeit, aus gespeicherten Ereignissen (Buchungen, Wartemarken, Aufrufe) und den "
      "morgendlichen Stichproben freier Termine berechnet; ohne personenbezogene Daten. "
      "Terminvorlauf = Tage von der Buchung bis zum Termin, Mittel über die im Monat gebuchten "
      "Termine.";

  for (const Promise& p : promises->promises) {
    const KpiRow* now_row = cell(month, p.id);
    const KpiRow* before = cell(month - 1, p.id);
    std::string threshold = "–";
    if (p.direction == Direction::kAtMost) threshold = "≤ " + German(p.threshold, 0) + " " + p.unit;
    if (p.direction == Direction::kAtLeast)
      threshold = "≥ " + German(p.threshold, 0) + " " + p.unit;
    out.promises.push_back({.name = p.name_de,
                            .threshold = threshold,
                            .value = now_row && now_row->value ? Value(now_row->value, p) : "–",
                            .previous = before ? Value(before->value, p) : "",
                            .light = now_row ? ToReport(now_row->light) : report::Light::kNone});
  }

  std::vector<std::string> labels;
  for (absl::CivilMonth m = chart_start; m <= month; ++m) labels.push_back(MonthLabel(m));
  auto series = [&](std::string_view promise, std::string label) {
    report::Series s{.label = std::move(label)};
    for (absl::CivilMonth m = chart_start; m <= month; ++m) {
      const KpiRow* r = cell(m, promise);
      s.values.push_back(r && r->value ? *r->value : std::nan(""));
    }
    return s;
  };
  out.charts.push_back({.title = "Terminvorlauf und nächster freier Termin",
                        .y_unit = "Tage",
                        .x_labels = labels,
                        .series = {series("lead_time_days", "Terminvorlauf (gebucht)"),
                                   series("first_free_days", "nächster freier Termin")},
                        .threshold = promises->Find("lead_time_days")->threshold});
  out.charts.push_back({.title = "Wartezeiten vor Ort",
                        .y_unit = "Minuten",
                        .x_labels = labels,
                        .series = {series("walk_in_wait_p90", "ohne Termin (90 %)"),
                                   series("express_wait_p95", "Express (95 %)")},
                        .threshold = promises->Find("walk_in_wait_p90")->threshold});

  // One row per centre of the district for the month.
  std::vector<Scope> centres;
  for (const Location& l : catalog.locations) {
    if (l.district_id == district->id) centres.push_back(Scope::Location(l.id));
  }
  auto per_centre = LoadKpis(store, catalog, zone, Period::kMonth, first, last, centres);
  if (!per_centre) return std::unexpected(per_centre.error());
  report::Table centre_table{.title = "Kundenzentren im Monat",
                             .header = {"Kundenzentrum", "Vorlauf", "Freier Termin",
                                        "Wartezeit 90 %", "Nicht erschienen", "Buchungen"}};
  for (const Scope& s : centres) {
    std::map<std::string, const KpiRow*> row;
    for (const KpiRow& r : *per_centre) {
      if (r.scope == s) row[r.promise] = &r;
    }
    auto v = [&](const char* id) {
      const KpiRow* r = row[id];
      return r && r->value ? Value(r->value, *promises->Find(id)) : std::string("–");
    };
    const Location* l = catalog.FindLocation(s.id);
    centre_table.rows.push_back(
        {l->name, v("lead_time_days"), v("first_free_days"), v("walk_in_wait_p90"),
         v("no_show_pct"),
         std::to_string(row["lead_time_days"] ? row["lead_time_days"]->samples : 0)});
  }
  out.tables.push_back(std::move(centre_table));

  // Capacity and absences of the district's own staff in the month.
  auto roster = store.ReadRoster(first, last);
  if (!roster) return std::unexpected(roster.error());
  std::map<std::string, int> absence_days;
  int staff = 0;
  for (const Staff& s : roster->staff) {
    if (s.home_district_id == district->id) ++staff;
  }
  for (const Absence& a : roster->absences) {
    const Staff* s = roster->FindStaff(a.staff_id);
    if (s == nullptr || s->home_district_id != district->id) continue;
    for (absl::CivilDay d = std::max(a.first, first); d <= std::min(a.last, last); ++d) {
      if (WeekdayIndex(d) < 5) ++absence_days[std::string(ToString(a.kind))];
    }
  }
  double appointment_hours = 0;
  for (const Shift& s : roster->shifts) {
    const Location* l = catalog.FindLocation(s.location_id);
    if (l != nullptr && l->district_id == district->id && s.mode == ShiftMode::kAppointments) {
      appointment_hours += (s.time.end - s.time.begin) / 60.0;
    }
  }
  report::Table capacity{.title = "Kapazität und Abwesenheiten", .header = {"Kennzahl", "Wert"}};
  capacity.rows.push_back({"Mitarbeitende (Stammbezirk)", std::to_string(staff)});
  capacity.rows.push_back({"Geplante Terminstunden in den Zentren", German(appointment_hours, 0)});
  const std::map<std::string, std::string> kinds = {{"sick", "Krankheitstage"},
                                                    {"vacation", "Urlaubstage"},
                                                    {"training", "Fortbildungstage"},
                                                    {"vacancy", "unbesetzte Stellentage"}};
  for (const auto& [kind, label] : kinds) {
    capacity.rows.push_back({label + " (Werktage)", std::to_string(absence_days[kind])});
  }
  out.tables.push_back(std::move(capacity));

  // Steering changes that touched the district in the month.
  auto actions = store.ReadActions(ToInstant(first, 0, zone), ToInstant(last + 1, 0, zone));
  if (!actions) return std::unexpected(actions.error());
  std::map<std::string, int> by_kind;
  for (const SteeringAction& a : *actions) {
    const Location* l = catalog.FindLocation(a.location_id);
    const Staff* s = roster->FindStaff(a.staff_id);
    if ((l != nullptr && l->district_id == district->id) ||
        (s != nullptr && s->home_district_id == district->id)) {
      ++by_kind[a.kind];
    }
  }
  if (!by_kind.empty()) {
    report::Table steering{.title = "Zentrale Steuerung im Monat", .header = {"Art", "Anzahl"}};
    for (const auto& [kind, n] : by_kind) steering.rows.push_back({kind, std::to_string(n)});
    out.tables.push_back(std::move(steering));
  }

  auto measures = store.ReadMeasures();
  if (!measures) return std::unexpected(measures.error());
  for (const Measure& m : *measures) {
    if (!m.district_id.empty() && m.district_id != district->id) continue;
    report::Measure entry{.date = FormatDay(m.day),
                          .title = m.title,
                          .status = m.status == MeasureStatus::kDone ? "umgesetzt" : "geplant",
                          .text = m.text};
    if (m.status == MeasureStatus::kDone && m.day <= last) {
      out.measures_taken.push_back(std::move(entry));
    } else if (m.status == MeasureStatus::kPlanned) {
      out.measures_planned.push_back(std::move(entry));
    }
  }
  return out;
}

}  // namespace amtszeit::monitor
