#include "amtszeit/domain/json_codec.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace amtszeit {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 7> kWeekdayKeys = {"mon", "tue", "wed", "thu",
                                                          "fri", "sat", "sun"};

std::string At(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return std::string(path) + "." + std::string(key);
}

std::string Index(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

Error PathError(std::string_view path, std::string_view message) {
  return Error{ErrorCode::kInvalidArgument, path.empty()
                                                ? std::string(message)
                                                : std::string(path) + ": " + std::string(message)};
}

// Strict reader of one JSON object: every key must be read or allowed, else it is an error.
class Fields {
 public:
  static Result<Fields> Of(const json::value& v, std::string_view path) {
    if (!v.is_object()) return std::unexpected(PathError(path, "expected an object"));
    return Fields(v.as_object(), path);
  }

  const json::value* Find(std::string_view key) {
    seen_.push_back(std::string(key));
    const json::value* v = object_.if_contains(key);
    return v == nullptr || v->is_null() ? nullptr : v;
  }

  Result<std::string> String(std::string_view key, bool required = true) {
    const json::value* v = Find(key);
    if (v == nullptr) {
      if (required) return std::unexpected(PathError(At(path_, key), "is required"));
      return std::string();
    }
    if (!v->is_string()) return std::unexpected(PathError(At(path_, key), "expected a string"));
    return std::string(v->as_string());
  }

  // A whole number in [lo, hi]; a double such as 15.0 is refused so that typos like 15.5 cannot
  // slip through as 15.
  Result<std::optional<std::int64_t>> Int(std::string_view key, bool required,
                                          std::int64_t lo = std::numeric_limits<int>::min(),
                                          std::int64_t hi = std::numeric_limits<int>::max()) {
    const json::value* v = Find(key);
    if (v == nullptr) {
      if (required) return std::unexpected(PathError(At(path_, key), "is required"));
      return std::optional<std::int64_t>();
    }
    // Boost.JSON only uses uint64 for numbers above INT64_MAX, which no bound admits.
    const bool in_range = v->is_int64() && v->as_int64() >= lo && v->as_int64() <= hi;
    if (in_range) return std::optional<std::int64_t>(v->as_int64());
    if (!v->is_int64() && !v->is_uint64()) {
      return std::unexpected(PathError(At(path_, key), "expected a whole number"));
    }
    return std::unexpected(PathError(
        At(path_, key), fmt::format("{} is out of range [{}, {}]", json::serialize(*v), lo, hi)));
  }

  Result<double> Double(std::string_view key) {
    const json::value* v = Find(key);
    if (v == nullptr) return std::unexpected(PathError(At(path_, key), "is required"));
    if (v->is_double()) return v->as_double();
    if (v->is_int64()) return static_cast<double>(v->as_int64());
    if (v->is_uint64()) return static_cast<double>(v->as_uint64());
    return std::unexpected(PathError(At(path_, key), "expected a number"));
  }

  Result<bool> Bool(std::string_view key, bool fallback) {
    const json::value* v = Find(key);
    if (v == nullptr) return fallback;
    if (!v->is_bool()) return std::unexpected(PathError(At(path_, key), "expected true or false"));
    return v->as_bool();
  }

  Result<std::optional<absl::CivilDay>> Day(std::string_view key, bool required) {
    auto text = String(key, required);
    if (!text) return std::unexpected(text.error());
    if (text->empty() && !required) return std::optional<absl::CivilDay>();
    auto day = ParseDay(*text);
    if (!day) return std::unexpected(PathError(At(path_, key), day.error().message));
    return std::optional<absl::CivilDay>(*day);
  }

  Result<std::vector<std::string>> Strings(std::string_view key) {
    const json::value* v = Find(key);
    std::vector<std::string> out;
    if (v == nullptr) return out;
    if (!v->is_array()) return std::unexpected(PathError(At(path_, key), "expected an array"));
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const json::value& item = v->as_array()[i];
      if (!item.is_string()) {
        return std::unexpected(PathError(Index(At(path_, key), i), "expected a string"));
      }
      out.emplace_back(item.as_string());
    }
    return out;
  }

  // Fails naming the first key that was neither read nor allowed.
  Result<void> NoOthers(std::initializer_list<std::string_view> allowed = {}) const {
    for (const auto& [key, _] : object_) {
      const std::string_view k(key);
      if (k == "_meta" || std::ranges::find(seen_, k) != seen_.end() ||
          std::ranges::find(allowed, k) != allowed.end()) {
        continue;
      }
      return std::unexpected(PathError(At(path_, k), "unknown field"));
    }
    return {};
  }

  std::string Path(std::string_view key) const { return At(path_, key); }

 private:
  Fields(const json::object& o, std::string_view path) : object_(o), path_(path) {}
  const json::object& object_;
  std::string path_;
  std::vector<std::string> seen_;
};

#define AMTSZEIT_JSON_TRY(var, expr) \
  auto var = (expr);                 \
  if (!var) return std::unexpected(std::move(var).error())

template <typename E>
Result<E> EnumField(Fields& f, std::string_view key, Result<E> (*parse)(std::string_view),
                    std::optional<E> fallback) {
  auto text = f.String(key, !fallback.has_value());
  if (!text) return std::unexpected(text.error());
  if (text->empty() && fallback) return *fallback;
  auto value = parse(*text);
  if (!value) return std::unexpected(PathError(f.Path(key), value.error().message));
  return *value;
}

Result<std::vector<TimeRange>> RangesFromJson(const json::value& v, std::string_view path) {
  if (!v.is_array()) return std::unexpected(PathError(path, "expected an array of time ranges"));
  std::vector<TimeRange> out;
  for (std::size_t i = 0; i < v.as_array().size(); ++i) {
    auto r = FromJson<TimeRange>(v.as_array()[i], Index(path, i));
    if (!r) return std::unexpected(r.error());
    out.push_back(*r);
  }
  return out;
}

json::array RangesToJson(const std::vector<TimeRange>& ranges) {
  json::array out;
  for (const TimeRange& r : ranges) out.push_back(ToJson(r));
  return out;
}

}  // namespace

json::value ToJson(const TimeRange& v) {
  return {{"from", FormatClock(v.begin)}, {"to", FormatClock(v.end)}};
}

json::value ToJson(const OpeningHours& v) {
  json::object weekly;
  for (int d = 0; d < 7; ++d) weekly[kWeekdayKeys[d]] = RangesToJson(v.weekly[d]);
  json::array exceptions;
  for (const OpeningException& e : v.exceptions) {
    exceptions.push_back(
        {{"day", FormatDay(e.day)}, {"ranges", RangesToJson(e.ranges)}, {"reason", e.reason}});
  }
  json::array closures;
  for (const Closure& c : v.closures) {
    closures.push_back(
        {{"first", FormatDay(c.first)}, {"last", FormatDay(c.last)}, {"reason", c.reason}});
  }
  return {{"weekly", std::move(weekly)},
          {"exceptions", std::move(exceptions)},
          {"closures", std::move(closures)},
          {"closed_on_public_holidays", v.closed_on_public_holidays}};
}

json::value ToJson(const District& v) { return {{"id", v.id}, {"name", v.name}}; }

json::value ToJson(const Location& v) {
  json::object o;
  o["id"] = v.id;
  o["name"] = v.name;
  o["district_id"] = v.district_id;
  o["address"] = {
      {"street", v.address.street}, {"postcode", v.address.postcode}, {"city", v.address.city}};
  o["geo"] = {{"lat", v.geo.lat}, {"lon", v.geo.lon}};
  o["status"] = ToString(v.status);
  if (v.valid_from) o["valid_from"] = FormatDay(*v.valid_from);
  if (v.valid_to) o["valid_to"] = FormatDay(*v.valid_to);
  o["counters"] = v.counters;
  o["hours"] = ToJson(v.hours);
  if (!v.note.empty()) o["note"] = v.note;
  if (!v.interim_for.empty()) o["interim_for"] = v.interim_for;
  return o;
}

json::value ToJson(const Service& v) {
  json::object o;
  o["id"] = v.id;
  o["name_de"] = v.name_de;
  o["name_en"] = v.name_en;
  o["duration_minutes"] = v.duration_minutes;
  o["needs_presence"] = v.needs_presence;
  if (!v.online_url.empty()) o["online_url"] = v.online_url;
  o["express"] = v.express;
  if (v.legal_deadline_days) o["legal_deadline_days"] = *v.legal_deadline_days;
  o["priority"] = ToString(v.priority);
  o["skill"] = v.skill;
  if (!v.leika.empty()) o["leika"] = v.leika;
  if (!v.category.empty()) o["category"] = v.category;
  return o;
}

json::value ToJson(const Staff& v) {
  json::array skills;
  for (const std::string& s : v.skills) skills.push_back(json::value(s));
  return {{"id", v.id},
          {"display_name", v.display_name},
          {"home_district_id", v.home_district_id},
          {"home_location_id", v.home_location_id},
          {"skills", std::move(skills)},
          {"fte", v.fte}};
}

json::value ToJson(const Shift& v) {
  json::object o;
  o["id"] = v.id;
  o["staff_id"] = v.staff_id;
  o["location_id"] = v.location_id;
  o["day"] = FormatDay(v.day);
  o["time"] = ToJson(v.time);
  o["mode"] = ToString(v.mode);
  if (v.break_time) o["break"] = ToJson(*v.break_time);
  if (v.extra_opening) o["extra_opening"] = true;
  return o;
}

json::value ToJson(const Absence& v) {
  return {{"id", v.id},
          {"staff_id", v.staff_id},
          {"first", FormatDay(v.first)},
          {"last", FormatDay(v.last)},
          {"kind", ToString(v.kind)},
          {"note", v.note}};
}

json::value ToJson(const CentreClosure& v) {
  return {{"id", v.id},
          {"location_id", v.location_id},
          {"first", FormatDay(v.first)},
          {"last", FormatDay(v.last)},
          {"reason", v.reason}};
}

json::value ToJson(const Holiday& v) { return {{"date", FormatDay(v.day)}, {"name", v.name}}; }

json::value ToJson(const SchoolHoliday& v) {
  return {{"kind", ToString(v.kind)},
          {"name", v.name},
          {"first", FormatDay(v.first)},
          {"last", FormatDay(v.last)}};
}

template <>
Result<TimeRange> FromJson<TimeRange>(const json::value& v, std::string_view path) {
  AMTSZEIT_JSON_TRY(f, Fields::Of(v, path));
  AMTSZEIT_JSON_TRY(from, f->String("from"));
  AMTSZEIT_JSON_TRY(to, f->String("to"));
  AMTSZEIT_JSON_TRY(rest, f->NoOthers());
  auto begin = ParseClock(*from);
  if (!begin) return std::unexpected(PathError(At(path, "from"), begin.error().message));
  auto end = ParseClock(*to);
  if (!end) return std::unexpected(PathError(At(path, "to"), end.error().message));
  if (*end <= *begin) {
    return std::unexpected(PathError(path, fmt::format("{} does not end after {}", *to, *from)));
  }
  return TimeRange{*begin, *end};
}

template <>
Result<OpeningHours> FromJson<OpeningHours>(const json::value& v, std::string_view path) {
  AMTSZEIT_JSON_TRY(f, Fields::Of(v, path));
  OpeningHours h;
  const json::value* weekly = f->Find("weekly");
  if (weekly == nullptr) return std::unexpected(PathError(At(path, "weekly"), "is required"));
  AMTSZEIT_JSON_TRY(days, Fields::Of(*weekly, At(path, "weekly")));
  for (int d = 0; d < 7; ++d) {
    if (const json::value* ranges = days->Find(kWeekdayKeys[d])) {
      AMTSZEIT_JSON_TRY(parsed, RangesFromJson(*ranges, At(At(path, "weekly"), kWeekdayKeys[d])));
      h.weekly[d] = std::move(*parsed);
    }
  }
  AMTSZEIT_JSON_TRY(days_rest, days->NoOthers());
  if (const json::value* exceptions = f->Find("exceptions")) {
    if (!exceptions->is_array()) {
      return std::unexpected(PathError(At(path, "exceptions"), "expected an array"));
    }
    for (std::size_t i = 0; i < exceptions->as_array().size(); ++i) {
      const std::string p = Index(At(path, "exceptions"), i);
      AMTSZEIT_JSON_TRY(e, Fields::Of(exceptions->as_array()[i], p));
      AMTSZEIT_JSON_TRY(day, e->Day("day", true));
      AMTSZEIT_JSON_TRY(reason, e->String("reason", false));
      std::vector<TimeRange> ranges;
      if (const json::value* r = e->Find("ranges")) {
        AMTSZEIT_JSON_TRY(parsed, RangesFromJson(*r, At(p, "ranges")));
        ranges = std::move(*parsed);
      }
      AMTSZEIT_JSON_TRY(rest, e->NoOthers());
      h.exceptions.push_back({**day, std::move(ranges), std::move(*reason)});
    }
  }
  if (const json::value* closures = f->Find("closures")) {
    if (!closures->is_array()) {
      return std::unexpected(PathError(At(path, "closures"), "expected an array"));
    }
    for (std::size_t i = 0; i < closures->as_array().size(); ++i) {
      const std::string p = Index(At(path, "closures"), i);
      AMTSZEIT_JSON_TRY(c, Fields::Of(closures->as_array()[i], p));
      AMTSZEIT_JSON_TRY(first, c->Day("first", true));
      AMTSZEIT_JSON_TRY(last, c->Day("last", true));
      AMTSZEIT_JSON_TRY(reason, c->String("reason", false));
      AMTSZEIT_JSON_TRY(rest, c->NoOthers());
      h.closures.push_back({**first, **last, std::move(*reason)});
    }
  }
  AMTSZEIT_JSON_TRY(closed, f->Bool("closed_on_public_holidays", true));
  h.closed_on_public_holidays = *closed;
  AMTSZEIT_JSON_TRY(rest, f->NoOthers());
  return h;
}

template <>
Result<District> FromJson<District>(const json::value& v, std::string_view path) {
  AMTSZEIT_JSON_TRY(f, Fields::Of(v, path));
  AMTSZEIT_JSON_TRY(id, f->String("id"));
  AMTSZEIT_JSON_TRY(name, f->String("name"));
  AMTSZEIT_JSON_TRY(rest, f->NoOthers());
  return District{std::move(*id), std::move(*name)};
}

template <>
Result<Location> FromJson<Location>(const json::value& v, std::string_view path) {
  AMTSZEIT_JSON_TRY(f, Fields::Of(v, path));
  Location l;
  AMTSZEIT_JSON_TRY(id, f->String("id"));
  AMTSZEIT_JSON_TRY(name, f->String("name"));
  AMTSZEIT_JSON_TRY(district, f->String("district_id"));
  l.id = std::move(*id);
  l.name = std::move(*name);
  l.district_id = std::move(*district);
  if (const json::value* a = f->Find("address")) {
    AMTSZEIT_JSON_TRY(af, Fields::Of(*a, At(path, "address")));
    AMTSZEIT_JSON_TRY(street, af->String("street"));
    AMTSZEIT_JSON_TRY(postcode, af->String("postcode", false));
    AMTSZEIT_JSON_TRY(city, af->String("city", false));
    AMTSZEIT_JSON_TRY(rest, af->NoOthers());
    l.address = {std::move(*street), std::move(*postcode), std::move(*city)};
  }
  const json::value* geo = f->Find("geo");
  if (geo == nullptr) return std::unexpected(PathError(At(path, "geo"), "is required"));
  AMTSZEIT_JSON_TRY(gf, Fields::Of(*geo, At(path, "geo")));
  AMTSZEIT_JSON_TRY(lat, gf->Double("lat"));
  AMTSZEIT_JSON_TRY(lon, gf->Double("lon"));
  AMTSZEIT_JSON_TRY(geo_rest, gf->NoOthers());
  l.geo = {*lat, *lon};
  AMTSZEIT_JSON_TRY(status, EnumField<LocationStatus>(*f, "status", ParseLocationStatus,
                                                      LocationStatus::kActive));
  l.status = *status;
  AMTSZEIT_JSON_TRY(from, f->Day("valid_from", false));
  AMTSZEIT_JSON_TRY(to, f->Day("valid_to", false));
  l.valid_from = *from;
  l.valid_to = *to;
  AMTSZEIT_JSON_TRY(counters, f->Int("counters", false, 0, 10000));
  l.counters = static_cast<int>(counters->value_or(0));
  if (const json::value* hours = f->Find("hours")) {
    AMTSZEIT_JSON_TRY(h, FromJson<OpeningHours>(*hours, At(path, "hours")));
    l.hours = std::move(*h);
  }
  AMTSZEIT_JSON_TRY(note, f->String("note", false));
  l.note = std::move(*note);
  AMTSZEIT_JSON_TRY(interim_for, f->String("interim_for", false));
  l.interim_for = std::move(*interim_for);
  AMTSZEIT_JSON_TRY(rest, f->NoOthers());
  return l;
}

template <>
Result<Service> FromJson<Service>(const json::value& v, std::string_view path) {
  AMTSZEIT_JSON_TRY(f, Fields::Of(v, path));
  Service s;
  AMTSZEIT_JSON_TRY(id, f->String("id"));
  AMTSZEIT_JSON_TRY(name_de, f->String("name_de"));
  AMTSZEIT_JSON_TRY(name_en, f->String("name_en", false));
  AMTSZEIT_JSON_TRY(duration, f->Int("duration_minutes", true, 0, kMinutesPerDay));
  AMTSZEIT_JSON_TRY(presence, f->Bool("needs_presence", true));
  AMTSZEIT_JSON_TRY(url, f->String("online_url", false));
  AMTSZEIT_JSON_TRY(express, f->Bool("express", false));
  AMTSZEIT_JSON_TRY(deadline, f->Int("legal_deadline_days", false, 0, 3660));
  AMTSZEIT_JSON_TRY(
      priority, EnumField<PriorityRule>(*f, "priority", ParsePriorityRule, PriorityRule::kNone));
  AMTSZEIT_JSON_TRY(skill, f->String("skill", false));
  AMTSZEIT_JSON_TRY(leika, f->String("leika", false));
  AMTSZEIT_JSON_TRY(category, f->String("category", false));
  AMTSZEIT_JSON_TRY(rest, f->NoOthers());
  s.id = std::move(*id);
  s.name_de = std::move(*name_de);
  s.name_en = std::move(*name_en);
  s.duration_minutes = static_cast<int>(**duration);
  s.needs_presence = *presence;
  s.online_url = std::move(*url);
  s.express = *express;
  if (*deadline) s.legal_deadline_days = static_cast<int>(**deadline);
  s.priority = *priority;
  s.skill = std::move(*skill);
  s.leika = std::move(*leika);
  s.category = std::move(*category);
  return s;
}

template <>
Result<Staff> FromJson<Staff>(const json::value& v, std::string_view path) {
  AMTSZEIT_JSON_TRY(f, Fields::Of(v, path));
  Staff s;
  AMTSZEIT_JSON_TRY(id, f->String("id"));
  AMTSZEIT_JSON_TRY(name, f->String("display_name", false));
  AMTSZEIT_JSON_TRY(district, f->String("home_district_id", false));
  AMTSZEIT_JSON_TRY(location, f->String("home_location_id", false));
  AMTSZEIT_JSON_TRY(skills, f->Strings("skills"));
  s.fte = 1.0;
  if (f->Find("fte") != nullptr) {
    AMTSZEIT_JSON_TRY(fte, f->Double("fte"));
    s.fte = *fte;
  }
  AMTSZEIT_JSON_TRY(rest, f->NoOthers());
  s.id = std::move(*id);
  s.display_name = std::move(*name);
  s.home_district_id = std::move(*district);
  s.home_location_id = std::move(*location);
  s.skills = std::move(*skills);
  return s;
}

template <>
Result<Shift> FromJson<Shift>(const json::value& v, std::string_view path) {
  AMTSZEIT_JSON_TRY(f, Fields::Of(v, path));
  Shift s;
  AMTSZEIT_JSON_TRY(id, f->Int("id", false, 0, std::numeric_limits<std::int64_t>::max()));
  AMTSZEIT_JSON_TRY(staff, f->String("staff_id"));
  AMTSZEIT_JSON_TRY(location, f->String("location_id"));
  AMTSZEIT_JSON_TRY(day, f->Day("day", true));
  const json::value* time = f->Find("time");
  if (time == nullptr) return std::unexpected(PathError(At(path, "time"), "is required"));
  AMTSZEIT_JSON_TRY(range, FromJson<TimeRange>(*time, At(path, "time")));
  AMTSZEIT_JSON_TRY(mode,
                    EnumField<ShiftMode>(*f, "mode", ParseShiftMode, ShiftMode::kAppointments));
  if (const json::value* b = f->Find("break")) {
    AMTSZEIT_JSON_TRY(br, FromJson<TimeRange>(*b, At(path, "break")));
    s.break_time = *br;
  }
  AMTSZEIT_JSON_TRY(extra, f->Bool("extra_opening", false));
  AMTSZEIT_JSON_TRY(rest, f->NoOthers());
  s.extra_opening = *extra;
  s.id = id->value_or(0);
  s.staff_id = std::move(*staff);
  s.location_id = std::move(*location);
  s.day = **day;
  s.time = *range;
  s.mode = *mode;
  return s;
}

template <>
Result<Absence> FromJson<Absence>(const json::value& v, std::string_view path) {
  AMTSZEIT_JSON_TRY(f, Fields::Of(v, path));
  AMTSZEIT_JSON_TRY(id, f->Int("id", false, 0, std::numeric_limits<std::int64_t>::max()));
  AMTSZEIT_JSON_TRY(staff, f->String("staff_id"));
  AMTSZEIT_JSON_TRY(first, f->Day("first", true));
  AMTSZEIT_JSON_TRY(last, f->Day("last", true));
  AMTSZEIT_JSON_TRY(kind, EnumField<AbsenceKind>(*f, "kind", ParseAbsenceKind, std::nullopt));
  AMTSZEIT_JSON_TRY(note, f->String("note", false));
  AMTSZEIT_JSON_TRY(rest, f->NoOthers());
  return Absence{id->value_or(0), std::move(*staff), **first, **last, *kind, std::move(*note)};
}

template <>
Result<Holiday> FromJson<Holiday>(const json::value& v, std::string_view path) {
  AMTSZEIT_JSON_TRY(f, Fields::Of(v, path));
  AMTSZEIT_JSON_TRY(day, f->Day("date", true));
  AMTSZEIT_JSON_TRY(name, f->String("name"));
  AMTSZEIT_JSON_TRY(rest, f->NoOthers());
  return Holiday{**day, std::move(*name)};
}

template <>
Result<SchoolHoliday> FromJson<SchoolHoliday>(const json::value& v, std::string_view path) {
  AMTSZEIT_JSON_TRY(f, Fields::Of(v, path));
  AMTSZEIT_JSON_TRY(kind, EnumField<SchoolHolidayKind>(*f, "kind", ParseSchoolHolidayKind,
                                                       SchoolHolidayKind::kOther));
  AMTSZEIT_JSON_TRY(name, f->String("name"));
  AMTSZEIT_JSON_TRY(first, f->Day("first", true));
  AMTSZEIT_JSON_TRY(last, f->Day("last", true));
  AMTSZEIT_JSON_TRY(rest, f->NoOthers());
  return SchoolHoliday{*kind, std::move(*name), **first, **last};
}

Result<json::value> ParseJson(std::string_view text) {
  json::parse_options options;
  options.max_depth = 64;
  json::stream_parser parser({}, options);
  boost::system::error_code ec;
  // On failure `used` is where the parser stopped, which is where a person should look.
  std::size_t used = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    used = std::min(used, text.size());
    const std::string_view before = text.substr(0, used);
    const std::size_t line = 1 + std::ranges::count(before, '\n');
    const std::size_t last_newline = before.rfind('\n');
    const std::size_t column =
        last_newline == std::string_view::npos ? used + 1 : used - last_newline;
    return Fail(ErrorCode::kInvalidArgument, "invalid JSON at line {}, column {}: {}", line, column,
                ec.message());
  }
  return parser.release();
}

}  // namespace amtszeit
