#include "amtszeit/planning/scenario.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <set>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/json_codec.h"

namespace amtszeit::planning {

namespace json = boost::json;

namespace {

// Reads one object's fields by name and refuses the ones nobody asked for.
class Fields {
 public:
  Fields(const json::object& object, std::string path) : object_(object), path_(std::move(path)) {}

  const json::value* Find(std::string_view key) {
    seen_.insert(std::string(key));
    return object_.if_contains(key);
  }
  std::string At(std::string_view key) const { return Join(path_, key); }
  Result<void> NoOthers() const {
    for (const auto& [key, value] : object_) {
      if (!seen_.contains(std::string(key))) {
        return Fail(ErrorCode::kInvalidArgument, "{}: unknown field", Join(path_, key));
      }
    }
    return {};
  }
  static std::string Join(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  }

 private:
  const json::object& object_;
  std::string path_;
  std::set<std::string> seen_;
};

Result<const json::object*> AsObject(const json::value& v, std::string_view path) {
  if (!v.is_object()) return Fail(ErrorCode::kInvalidArgument, "{}: expected an object", path);
  return &v.get_object();
}

Result<const json::array*> AsArray(const json::value* v, std::string_view path) {
  static const json::array kEmpty;
  if (v == nullptr) return &kEmpty;
  if (!v->is_array()) return Fail(ErrorCode::kInvalidArgument, "{}: expected a list", path);
  return &v->get_array();
}

Result<std::string> AsString(const json::value* v, std::string_view path) {
  if (v == nullptr) return Fail(ErrorCode::kInvalidArgument, "{}: missing", path);
  if (!v->is_string()) return Fail(ErrorCode::kInvalidArgument, "{}: expected a string", path);
  return std::string(v->get_string());
}

Result<double> AsNumber(const json::value* v, std::string_view path, double fallback) {
  if (v == nullptr) return fallback;
  if (!v->is_number()) return Fail(ErrorCode::kInvalidArgument, "{}: expected a number", path);
  const double x = v->to_number<double>();
  if (!std::isfinite(x)) return Fail(ErrorCode::kInvalidArgument, "{}: not a finite number", path);
  return x;
}

Result<std::int64_t> AsInteger(const json::value* v, std::string_view path, std::int64_t fallback) {
  if (v == nullptr) return fallback;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  return Fail(ErrorCode::kInvalidArgument, "{}: expected a whole number", path);
}

Result<absl::CivilDay> AsDay(const json::value* v, std::string_view path) {
  auto text = AsString(v, path);
  if (!text) return std::unexpected(text.error());
  auto day = ParseDay(*text);
  if (!day) {
    return Fail(ErrorCode::kInvalidArgument, "{}: expected a date YYYY-MM-DD, got '{}'", path,
                *text);
  }
  return *day;
}

Result<std::string> AsCentre(const json::value* v, std::string_view path, const Catalog& c) {
  auto id = AsString(v, path);
  if (!id) return id;
  if (c.FindLocation(*id) == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "{}: unknown centre '{}'", path, *id);
  }
  return id;
}

#define AMTSZEIT_TRY(var, expr) \
  auto var = (expr);            \
  if (!var) return std::unexpected(std::move(var).error())

Result<Scenario> Parse(const json::value& root, const Catalog& catalog) {
  AMTSZEIT_TRY(object, AsObject(root, "scenario"));
  Fields f(**object, "");
  Scenario s;
  if (const json::value* name = f.Find("name")) {
    AMTSZEIT_TRY(text, AsString(name, "name"));
    s.name = *text;
  }
  AMTSZEIT_TRY(from, AsDay(f.Find("from"), "from"));
  AMTSZEIT_TRY(to, AsDay(f.Find("to"), "to"));
  s.from = *from;
  s.to = *to;
  if (s.to < s.from) return Fail(ErrorCode::kInvalidArgument, "to: before from");
  if (s.days() > kScenarioMaxDays) {
    return Fail(ErrorCode::kInvalidArgument, "to: at most {} days from 'from'", kScenarioMaxDays);
  }
  // The simulator and the optimizer need the public holidays of every year the roster spans
  // (warm-up and booking window included) and of one year on each side.
  if (ScenarioRosterFirst(s).year() - 1 < kFirstHolidayYear ||
      ScenarioRosterLast(s).year() + 1 > kLastHolidayYear) {
    return Fail(ErrorCode::kInvalidArgument,
                "from, to: the horizon with its warm-up and booking window must lie within {} "
                "and {}",
                kFirstHolidayYear + 1, kLastHolidayYear - 1);
  }
  AMTSZEIT_TRY(sick, AsNumber(f.Find("sickness_rate"), "sickness_rate", 0));
  if (*sick < 0 || *sick > 0.9) {
    return Fail(ErrorCode::kInvalidArgument, "sickness_rate: expected 0 to 0.9, got {}", *sick);
  }
  s.sickness_rate = *sick;
  AMTSZEIT_TRY(reps, AsInteger(f.Find("replications"), "replications", 10));
  if (*reps < 2 || *reps > kScenarioMaxReplications) {
    return Fail(ErrorCode::kInvalidArgument, "replications: expected 2 to {}, got {}",
                kScenarioMaxReplications, *reps);
  }
  s.replications = static_cast<int>(*reps);
  AMTSZEIT_TRY(seed, AsInteger(f.Find("seed"), "seed", 1));
  if (*seed < 0) return Fail(ErrorCode::kInvalidArgument, "seed: expected 0 or more");
  s.seed = static_cast<std::uint64_t>(*seed);

  AMTSZEIT_TRY(demand, AsArray(f.Find("demand"), "demand"));
  for (std::size_t i = 0; i < (*demand)->size(); ++i) {
    const std::string path = fmt::format("demand[{}]", i);
    AMTSZEIT_TRY(item, AsObject((**demand)[i], path));
    Fields g(**item, path);
    ScenarioDemand d;
    AMTSZEIT_TRY(service, AsString(g.Find("service"), g.At("service")));
    if (*service != "*" && catalog.FindService(*service) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "{}: unknown service '{}'", g.At("service"),
                  *service);
    }
    d.service = *service;
    AMTSZEIT_TRY(months, AsArray(g.Find("months"), g.At("months")));
    for (const json::value& m : **months) {
      AMTSZEIT_TRY(month, AsInteger(&m, g.At("months"), 0));
      if (*month < 1 || *month > 12) {
        return Fail(ErrorCode::kInvalidArgument, "{}: months are 1 to 12", g.At("months"));
      }
      d.months.push_back(static_cast<int>(*month));
    }
    AMTSZEIT_TRY(factor, AsNumber(g.Find("factor"), g.At("factor"), 1));
    if (*factor < 0 || *factor > 10) {
      return Fail(ErrorCode::kInvalidArgument, "{}: expected 0 to 10, got {}", g.At("factor"),
                  *factor);
    }
    d.factor = *factor;
    if (auto ok = g.NoOthers(); !ok) return std::unexpected(ok.error());
    s.demand.push_back(std::move(d));
  }

  AMTSZEIT_TRY(saturdays, AsArray(f.Find("extra_saturdays"), "extra_saturdays"));
  for (std::size_t i = 0; i < (*saturdays)->size(); ++i) {
    const std::string path = fmt::format("extra_saturdays[{}]", i);
    AMTSZEIT_TRY(item, AsObject((**saturdays)[i], path));
    Fields g(**item, path);
    ScenarioSaturday sat;
    AMTSZEIT_TRY(centre, AsCentre(g.Find("centre"), g.At("centre"), catalog));
    sat.centre = *centre;
    AMTSZEIT_TRY(dates, AsArray(g.Find("dates"), g.At("dates")));
    for (const json::value& v : **dates) {
      AMTSZEIT_TRY(day, AsDay(&v, g.At("dates")));
      if (WeekdayIndex(*day) != 5) {
        return Fail(ErrorCode::kInvalidArgument, "{}: {} is not a Saturday", g.At("dates"),
                    FormatDay(*day));
      }
      sat.dates.push_back(*day);
    }
    if (auto ok = g.NoOthers(); !ok) return std::unexpected(ok.error());
    s.extra_saturdays.push_back(std::move(sat));
  }

  AMTSZEIT_TRY(closings, AsArray(f.Find("closings"), "closings"));
  for (std::size_t i = 0; i < (*closings)->size(); ++i) {
    const std::string path = fmt::format("closings[{}]", i);
    AMTSZEIT_TRY(item, AsObject((**closings)[i], path));
    Fields g(**item, path);
    AMTSZEIT_TRY(centre, AsCentre(g.Find("centre"), g.At("centre"), catalog));
    AMTSZEIT_TRY(first, AsDay(g.Find("from"), g.At("from")));
    AMTSZEIT_TRY(last, AsDay(g.Find("to"), g.At("to")));
    if (*last < *first) return Fail(ErrorCode::kInvalidArgument, "{}: before from", g.At("to"));
    if (auto ok = g.NoOthers(); !ok) return std::unexpected(ok.error());
    s.closings.push_back({.centre = *centre, .first = *first, .last = *last});
  }

  AMTSZEIT_TRY(sick_staff, AsArray(f.Find("sick_staff"), "sick_staff"));
  for (std::size_t i = 0; i < (*sick_staff)->size(); ++i) {
    const std::string path = fmt::format("sick_staff[{}]", i);
    AMTSZEIT_TRY(item, AsObject((**sick_staff)[i], path));
    Fields g(**item, path);
    AMTSZEIT_TRY(centre, AsCentre(g.Find("centre"), g.At("centre"), catalog));
    AMTSZEIT_TRY(first, AsDay(g.Find("from"), g.At("from")));
    AMTSZEIT_TRY(last, AsDay(g.Find("to"), g.At("to")));
    if (*last < *first) return Fail(ErrorCode::kInvalidArgument, "{}: before from", g.At("to"));
    AMTSZEIT_TRY(share, AsNumber(g.Find("share"), g.At("share"), 1));
    if (*share < 0 || *share > 1) {
      return Fail(ErrorCode::kInvalidArgument, "{}: expected 0 to 1", g.At("share"));
    }
    if (auto ok = g.NoOthers(); !ok) return std::unexpected(ok.error());
    s.sick_staff.push_back({.centre = *centre, .first = *first, .last = *last, .share = *share});
  }
  if (auto ok = f.NoOthers(); !ok) return std::unexpected(ok.error());
  return s;
}

#undef AMTSZEIT_TRY

json::array Days(const std::vector<absl::CivilDay>& days) {
  json::array out;
  for (absl::CivilDay d : days) out.emplace_back(FormatDay(d));
  return out;
}

}  // namespace

Result<Scenario> ParseScenario(std::string_view text, const Catalog& catalog) {
  auto root = ParseJson(text);
  if (!root) return std::unexpected(root.error());
  return Parse(*root, catalog);
}

json::value ScenarioToJson(const Scenario& s) {
  json::object out{{"name", s.name},
                   {"from", FormatDay(s.from)},
                   {"to", FormatDay(s.to)},
                   {"sickness_rate", s.sickness_rate},
                   {"replications", s.replications},
                   {"seed", s.seed}};
  json::array demand, saturdays, closings, sick;
  for (const ScenarioDemand& d : s.demand) {
    json::array months(d.months.begin(), d.months.end());
    demand.push_back(
        json::object{{"service", d.service}, {"months", months}, {"factor", d.factor}});
  }
  for (const ScenarioSaturday& d : s.extra_saturdays) {
    saturdays.push_back(json::object{{"centre", d.centre}, {"dates", Days(d.dates)}});
  }
  for (const ScenarioClosing& c : s.closings) {
    closings.push_back(json::object{
        {"centre", c.centre}, {"from", FormatDay(c.first)}, {"to", FormatDay(c.last)}});
  }
  for (const ScenarioSickness& c : s.sick_staff) {
    sick.push_back(json::object{{"centre", c.centre},
                                {"from", FormatDay(c.first)},
                                {"to", FormatDay(c.last)},
                                {"share", c.share}});
  }
  out["demand"] = std::move(demand);
  out["extra_saturdays"] = std::move(saturdays);
  out["closings"] = std::move(closings);
  out["sick_staff"] = std::move(sick);
  return out;
}

double DemandFactorOf(const std::vector<DemandFactor>& factors, std::string_view service,
                      int month) {
  double out = 1;
  for (const DemandFactor& f : factors) {
    if (f.service != "*" && f.service != service) continue;
    if (f.months.empty() || std::ranges::find(f.months, month) != f.months.end()) out *= f.factor;
  }
  return out;
}

Roster ApplyScenarioToRoster(const Scenario& scenario, const Catalog& catalog, Roster roster) {
  for (const ScenarioClosing& c : scenario.closings) {
    roster.closures.push_back(
        {.location_id = c.centre, .first = c.first, .last = c.last, .reason = "scenario"});
  }
  for (const ScenarioSickness& sick : scenario.sick_staff) {
    std::vector<const Staff*> home;
    for (const Staff& st : roster.staff) {
      if (st.home_location_id == sick.centre) home.push_back(&st);
    }
    const auto n = static_cast<std::size_t>(std::llround(sick.share * home.size()));
    for (std::size_t i = 0; i < n; ++i) {
      roster.absences.push_back({.staff_id = home[i]->id,
                                 .first = sick.first,
                                 .last = sick.last,
                                 .kind = AbsenceKind::kSick,
                                 .note = "scenario"});
    }
  }
  std::int64_t next_id = 1;
  for (const Shift& sh : roster.shifts) next_id = std::max(next_id, sh.id + 1);
  for (const ScenarioSaturday& sat : scenario.extra_saturdays) {
    const Location* loc = catalog.FindLocation(sat.centre);
    if (loc == nullptr) continue;
    for (absl::CivilDay day : sat.dates) {
      for (const Staff& st : roster.staff) {
        if (st.home_location_id != sat.centre) continue;
        const bool absent = std::ranges::any_of(roster.absences, [&](const Absence& a) {
          return a.staff_id == st.id && a.Covers(day);
        });
        if (absent) continue;
        roster.shifts.push_back({.id = next_id++,
                                 .staff_id = st.id,
                                 .location_id = sat.centre,
                                 .day = day,
                                 .time = {9 * 60, 13 * 60},
                                 .mode = ShiftMode::kAppointments,
                                 .extra_opening = true});
      }
    }
  }
  return roster;
}

CitySimulationOptions ScenarioOptions(const Scenario& s) {
  CitySimulationOptions o;
  o.first_day = s.from;
  o.days = s.days();
  o.warmup_days = kScenarioWarmupDays;
  o.sickness_rate = s.sickness_rate;
  o.demand_factors = s.demand;
  o.replications = s.replications;
  o.seed = s.seed;
  return o;
}

absl::CivilDay ScenarioRosterFirst(const Scenario& s) { return s.from - kScenarioWarmupDays; }
absl::CivilDay ScenarioRosterLast(const Scenario& s) {
  return s.to + booking::BookingRules{}.max_days_ahead;
}

std::int64_t ScenarioTotalDays(const Scenario& s) {
  return static_cast<std::int64_t>(s.replications) * (kScenarioWarmupDays + s.days());
}

}  // namespace amtszeit::planning
