#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "amtszeit/dataset/dataset.h"
#include "amtszeit/domain/json_codec.h"
#include "amtszeit/domain/online_form.h"
#include "amtszeit/domain/validation.h"

namespace amtszeit::dataset {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 7> kWeekdayKeys = {"mon", "tue", "wed", "thu",
                                                          "fri", "sat", "sun"};

std::unexpected<Error> Invalid(std::string_view path, std::string_view message) {
  return Fail(ErrorCode::kInvalidArgument, "{}: {}", path, message);
}

std::string At(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string Index(std::string_view path, std::size_t i) { return fmt::format("{}[{}]", path, i); }

Result<json::value> ReadJsonFile(const fs::path& dir, std::string_view name) {
  const fs::path file = dir / name;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return Fail(ErrorCode::kNotFound, "{}: missing from {}", name, dir.string());
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "{}: cannot be opened in {}", name, dir.string());
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseJson(text.str());
  if (!parsed) return std::unexpected(WithContext(parsed.error(), name));
  if (!parsed->is_object()) return Invalid(name, "expected a JSON object");
  return parsed;
}

// The file's single list `key` (besides "_meta"), each element decoded as T.
template <typename T>
Result<std::vector<T>> ReadList(const fs::path& dir, std::string_view name, std::string_view key) {
  auto doc = ReadJsonFile(dir, name);
  if (!doc) return std::unexpected(doc.error());
  for (const auto& [k, _] : doc->as_object()) {
    if (k != key && k != "_meta") return Invalid(name, fmt::format("{}: unknown field", k));
  }
  const json::value* list = doc->as_object().if_contains(key);
  if (list == nullptr) return Invalid(name, fmt::format("{}: is required", key));
  if (!list->is_array()) return Invalid(name, fmt::format("{}: expected an array", key));
  std::vector<T> out;
  out.reserve(list->as_array().size());
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    auto item = FromJson<T>(list->as_array()[i], Index(key, i));
    if (!item) return std::unexpected(WithContext(item.error(), name));
    out.push_back(std::move(*item));
  }
  return out;
}

// Strict reading of one object of staffing.json: every key read or "_meta", types checked, the
// error naming the path.
class ObjectReader {
 public:
  static Result<ObjectReader> Of(const json::value& v, std::string path) {
    if (!v.is_object()) return Invalid(path, "expected an object");
    return ObjectReader(v.as_object(), std::move(path));
  }

  // nullptr when absent (or null) and not required.
  Result<const json::value*> Get(std::string_view key, bool required = true) {
    read_.emplace(key);
    const json::value* v = object_.if_contains(key);
    if (v != nullptr && v->is_null()) v = nullptr;
    if (v == nullptr && required) return Invalid(Path(key), "is required");
    return v;
  }

  Result<std::string> String(std::string_view key) {
    auto v = Get(key);
    if (!v) return std::unexpected(v.error());
    if (!(*v)->is_string()) return Invalid(Path(key), "expected a string");
    return std::string((*v)->as_string());
  }

  Result<double> Number(std::string_view key, double lo, double hi) {
    auto v = Get(key);
    if (!v) return std::unexpected(v.error());
    if (!(*v)->is_number()) return Invalid(Path(key), "expected a number");
    const double x = (*v)->to_number<double>();
    if (!(x >= lo && x <= hi)) {
      return Invalid(Path(key), fmt::format("{} is not in [{}, {}]", x, lo, hi));
    }
    return x;
  }

  Result<int> Int(std::string_view key, int lo, int hi) {
    auto v = Get(key);
    if (!v) return std::unexpected(v.error());
    if (!(*v)->is_int64()) return Invalid(Path(key), "expected a whole number");
    const std::int64_t x = (*v)->as_int64();
    if (x < lo || x > hi)
      return Invalid(Path(key), fmt::format("{} is not in [{}, {}]", x, lo, hi));
    return static_cast<int>(x);
  }

  Result<const json::array*> Array(std::string_view key, bool required = true) {
    auto v = Get(key, required);
    if (!v) return std::unexpected(v.error());
    if (*v == nullptr) return nullptr;
    if (!(*v)->is_array()) return Invalid(Path(key), "expected an array");
    return &(*v)->as_array();
  }

  Result<void> NoOthers() const {
    for (const auto& [key, _] : object_) {
      if (key != "_meta" && !read_.contains(std::string_view(key))) {
        return Invalid(Path(key), "unknown field");
      }
    }
    return {};
  }

  const json::object& object() const { return object_; }
  std::string Path(std::string_view key) const { return At(path_, key); }

 private:
  ObjectReader(const json::object& o, std::string path) : object_(o), path_(std::move(path)) {}

  const json::object& object_;
  std::string path_;
  std::set<std::string, std::less<>> read_;
};

#define AMTSZEIT_DATASET_TRY(var, expr) \
  auto var = (expr);                    \
  if (!var) return std::unexpected(std::move(var).error())

Result<StaffingPlan::ShiftPattern> ReadPattern(const json::value& v, const std::string& path) {
  AMTSZEIT_DATASET_TRY(r, ObjectReader::Of(v, path));
  StaffingPlan::ShiftPattern p;
  AMTSZEIT_DATASET_TRY(name, r->String("name"));
  AMTSZEIT_DATASET_TRY(from, r->Get("from"));
  AMTSZEIT_DATASET_TRY(to, r->Get("to"));
  // The pattern's own object carries "from"/"to" beside other keys, so decode them as a range.
  json::object range{{"from", **from}, {"to", **to}};
  AMTSZEIT_DATASET_TRY(time, FromJson<TimeRange>(range, path));
  p.name = std::move(*name);
  p.time = *time;
  AMTSZEIT_DATASET_TRY(brk, r->Get("break", false));
  if (*brk != nullptr) {
    AMTSZEIT_DATASET_TRY(b, FromJson<TimeRange>(**brk, r->Path("break")));
    p.break_time = *b;
  }
  AMTSZEIT_DATASET_TRY(days, r->Array("days", false));
  if (*days != nullptr) {
    p.weekdays.fill(false);
    for (std::size_t i = 0; i < (*days)->size(); ++i) {
      const json::value& d = (**days)[i];
      const auto* it =
          d.is_string() ? std::ranges::find(kWeekdayKeys, d.as_string()) : kWeekdayKeys.end();
      if (it == kWeekdayKeys.end()) {
        return Invalid(Index(r->Path("days"), i), "expected one of mon, tue, ... sun");
      }
      p.weekdays[it - kWeekdayKeys.begin()] = true;
    }
  }
  AMTSZEIT_DATASET_TRY(rest, r->NoOthers());
  return p;
}

Result<StaffingPlan> DecodeStaffing(const json::value& doc) {
  AMTSZEIT_DATASET_TRY(r, ObjectReader::Of(doc, ""));
  StaffingPlan plan;
  AMTSZEIT_DATASET_TRY(locations, r->Array("locations"));
  for (std::size_t i = 0; i < (*locations)->size(); ++i) {
    AMTSZEIT_DATASET_TRY(l, ObjectReader::Of((**locations)[i], Index("locations", i)));
    AMTSZEIT_DATASET_TRY(id, l->String("location_id"));
    AMTSZEIT_DATASET_TRY(staff, l->Int("staff", 1, 500));
    AMTSZEIT_DATASET_TRY(rest, l->NoOthers());
    plan.locations.push_back({std::move(*id), *staff});
  }
  AMTSZEIT_DATASET_TRY(basic, r->Array("basic_skills"));
  for (std::size_t i = 0; i < (*basic)->size(); ++i) {
    const json::value& s = (**basic)[i];
    if (!s.is_string()) return Invalid(Index("basic_skills", i), "expected a string");
    plan.basic_skills.emplace_back(s.as_string());
  }
  AMTSZEIT_DATASET_TRY(extra, r->Array("extra_skills"));
  for (std::size_t i = 0; i < (*extra)->size(); ++i) {
    AMTSZEIT_DATASET_TRY(s, ObjectReader::Of((**extra)[i], Index("extra_skills", i)));
    AMTSZEIT_DATASET_TRY(skill, s->String("skill"));
    AMTSZEIT_DATASET_TRY(share, s->Number("share", 0, 1));
    AMTSZEIT_DATASET_TRY(rest, s->NoOthers());
    plan.extra_skills.push_back({std::move(*skill), *share});
  }
  AMTSZEIT_DATASET_TRY(modes_value, r->Get("modes"));
  AMTSZEIT_DATASET_TRY(modes, ObjectReader::Of(**modes_value, "modes"));
  for (const auto& [key, _] : modes->object()) {
    if (key == "_meta") continue;
    auto mode = ParseShiftMode(key);
    if (!mode) return Invalid(modes->Path(key), mode.error().message);
    AMTSZEIT_DATASET_TRY(share, modes->Number(key, 0, 1));
    plan.modes.push_back({*mode, *share});
  }
  AMTSZEIT_DATASET_TRY(part_time, r->Array("part_time"));
  for (std::size_t i = 0; i < (*part_time)->size(); ++i) {
    AMTSZEIT_DATASET_TRY(p, ObjectReader::Of((**part_time)[i], Index("part_time", i)));
    AMTSZEIT_DATASET_TRY(fte, p->Number("fte", 0.05, 1));
    AMTSZEIT_DATASET_TRY(share, p->Number("share", 0, 1));
    AMTSZEIT_DATASET_TRY(rest, p->NoOthers());
    plan.part_time.push_back({*fte, *share});
  }
  AMTSZEIT_DATASET_TRY(patterns, r->Array("shift_patterns"));
  for (std::size_t i = 0; i < (*patterns)->size(); ++i) {
    AMTSZEIT_DATASET_TRY(p, ReadPattern((**patterns)[i], Index("shift_patterns", i)));
    plan.shift_patterns.push_back(std::move(*p));
  }
  AMTSZEIT_DATASET_TRY(hours, r->Number("full_time_hours_per_week", 1, 60));
  AMTSZEIT_DATASET_TRY(min_on_duty, r->Int("min_on_duty", 1, 100));
  AMTSZEIT_DATASET_TRY(saturday, r->Number("saturday_share", 0, 1));
  AMTSZEIT_DATASET_TRY(sickness, r->Number("sickness_rate", 0, 0.5));
  AMTSZEIT_DATASET_TRY(vacation, r->Int("vacation_days_per_year", 0, 60));
  AMTSZEIT_DATASET_TRY(rest, r->NoOthers());
  plan.full_time_hours_per_week = *hours;
  plan.min_on_duty = *min_on_duty;
  plan.saturday_share = *saturday;
  plan.sickness_rate = *sickness;
  plan.vacation_days_per_year = *vacation;
  return plan;
}

#undef AMTSZEIT_DATASET_TRY

}  // namespace

Result<void> ValidateStaffingPlan(const StaffingPlan& plan, const Catalog& catalog) {
  const auto invalid = [](std::string_view what) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what));
  };
  if (plan.locations.empty()) return invalid("locations: no centre has staff");
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < plan.locations.size(); ++i) {
    const auto& ls = plan.locations[i];
    const std::string path = Index("locations", i);
    const Location* l = catalog.FindLocation(ls.location_id);
    if (l == nullptr) return Invalid(path, fmt::format("unknown location '{}'", ls.location_id));
    if (l->status == LocationStatus::kClosed ||
        (l->status == LocationStatus::kPlanned && !l->valid_from)) {
      return Invalid(path,
                     fmt::format("{} is {} and cannot be staffed", l->id, ToString(l->status)));
    }
    if (!seen.insert(ls.location_id).second) {
      return Invalid(path, fmt::format("{} is listed twice", ls.location_id));
    }
    if (ls.staff < 1) return Invalid(path, fmt::format("staff {} is not positive", ls.staff));
  }

  std::set<std::string_view> service_skills;
  for (const Service& s : catalog.services) service_skills.insert(s.skill);
  if (plan.basic_skills.empty()) return invalid("basic_skills: everyone needs some skill");
  for (std::size_t i = 0; i < plan.basic_skills.size(); ++i) {
    if (!service_skills.contains(plan.basic_skills[i])) {
      return Invalid(Index("basic_skills", i),
                     fmt::format("skill '{}' is needed by no service", plan.basic_skills[i]));
    }
  }
  for (std::size_t i = 0; i < plan.extra_skills.size(); ++i) {
    const auto& s = plan.extra_skills[i];
    if (!service_skills.contains(s.skill)) {
      return Invalid(Index("extra_skills", i),
                     fmt::format("skill '{}' is needed by no service", s.skill));
    }
    if (!(s.share >= 0 && s.share <= 1)) {
      return Invalid(Index("extra_skills", i), fmt::format("share {} is not in [0, 1]", s.share));
    }
  }

  double modes = 0;
  bool appointments = false;
  for (const auto& m : plan.modes) {
    if (!(m.share >= 0))
      return Invalid("modes", fmt::format("{} has a negative share", ToString(m.mode)));
    modes += m.share;
    appointments = appointments || (m.mode == ShiftMode::kAppointments && m.share > 0);
  }
  if (std::abs(modes - 1) > 0.001) {
    return Invalid("modes", fmt::format("shares add up to {}, not 1", modes));
  }
  if (!appointments) return Invalid("modes", "appointments need a share");

  double part_time = 0;
  for (std::size_t i = 0; i < plan.part_time.size(); ++i) {
    const auto& p = plan.part_time[i];
    if (!(p.fte > 0 && p.fte <= 1 && p.share >= 0)) {
      return Invalid(Index("part_time", i), "fte must be in (0, 1] and share not negative");
    }
    part_time += p.share;
  }
  if (part_time > 1.001) {
    return Invalid("part_time", fmt::format("shares add up to {}, more than 1", part_time));
  }

  bool long_pattern = false;
  bool short_pattern = false;
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < plan.shift_patterns.size(); ++i) {
    const auto& p = plan.shift_patterns[i];
    const std::string path = Index("shift_patterns", i);
    if (p.name.empty() || !names.insert(p.name).second) {
      return Invalid(path, fmt::format("name '{}' is empty or not unique", p.name));
    }
    if (p.time.Empty() || !IsOnGrid(p.time.begin) || !IsOnGrid(p.time.end)) {
      return Invalid(path, fmt::format("{} is not a range on the grid", FormatTimeRange(p.time)));
    }
    if (p.break_time && (p.break_time->Empty() || !p.time.Contains(*p.break_time) ||
                         p.break_time->begin == p.time.begin || p.break_time->end == p.time.end)) {
      return Invalid(path, fmt::format("break {} does not lie inside {}",
                                       FormatTimeRange(*p.break_time), FormatTimeRange(p.time)));
    }
    const int breaks = p.break_time ? p.break_time->Minutes() : 0;
    // Arbeitszeitgesetz §3, §4: at most ten hours of work; more than six need 30 minutes' rest,
    // and nobody works more than six hours in a row.
    if (p.WorkMinutes() > 600) return Invalid(path, "more than ten hours of work");
    if (p.WorkMinutes() > 360) {
      const int before = p.break_time ? p.break_time->begin - p.time.begin : p.time.Minutes();
      const int after = p.break_time ? p.time.end - p.break_time->end : 0;
      if (breaks < 30 || before > 360 || after > 360) {
        return Invalid(path, "more than six hours of work need a break of 30 minutes in between");
      }
    }
    if (std::ranges::none_of(p.weekdays, [](bool b) { return b; })) {
      return Invalid(path, "applies on no weekday");
    }
    (p.WorkMinutes() > 360 ? long_pattern : short_pattern) = true;
  }
  if (!long_pattern || !short_pattern) {
    return invalid(
        "shift_patterns: needs full-day patterns (over six hours) for full-time staff and "
        "shorter ones for part-timers");
  }
  return {};
}

Result<Dataset> LoadDataset(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Fail(ErrorCode::kNotFound, "data folder {} does not exist", dir.string());
  }
  Dataset d;
  // Each list is validated as it joins the catalogue, so an error is blamed on the file that
  // brought it in (a location naming an unknown district is a fault of locations.json).
  auto districts = ReadList<District>(dir, "districts.json", "districts");
  if (!districts) return std::unexpected(districts.error());
  d.catalog.districts = std::move(*districts);
  if (auto ok = ValidateCatalog(d.catalog); !ok) {
    return std::unexpected(WithContext(ok.error(), "districts.json"));
  }
  auto locations = ReadList<Location>(dir, "locations.json", "locations");
  if (!locations) return std::unexpected(locations.error());
  d.catalog.locations = std::move(*locations);
  if (auto ok = ValidateCatalog(d.catalog); !ok) {
    return std::unexpected(WithContext(ok.error(), "locations.json"));
  }
  auto services = ReadList<Service>(dir, "services.json", "services");
  if (!services) return std::unexpected(services.error());
  d.catalog.services = std::move(*services);
  if (auto ok = ValidateCatalog(d.catalog); !ok) {
    return std::unexpected(WithContext(ok.error(), "services.json"));
  }

  auto school = ReadList<SchoolHoliday>(dir, "school_holidays.json", "school_holidays");
  if (!school) return std::unexpected(school.error());
  if (auto ok = ValidateSchoolHolidays(*school); !ok) {
    return std::unexpected(WithContext(ok.error(), "school_holidays.json"));
  }
  d.school_holidays = std::move(*school);

  auto staffing_doc = ReadJsonFile(dir, "staffing.json");
  if (!staffing_doc) return std::unexpected(staffing_doc.error());
  auto staffing = DecodeStaffing(*staffing_doc);
  if (!staffing) return std::unexpected(WithContext(staffing.error(), "staffing.json"));
  if (auto ok = ValidateStaffingPlan(*staffing, d.catalog); !ok) {
    return std::unexpected(WithContext(ok.error(), "staffing.json"));
  }
  d.staffing = std::move(*staffing);

  // Optional: a city without online services has no forms.
  if (std::error_code exists_ec; fs::exists(dir / kOnlineFormsFile, exists_ec)) {
    auto forms_doc = ReadJsonFile(dir, kOnlineFormsFile);
    if (!forms_doc) return std::unexpected(forms_doc.error());
    auto forms = FormsFromJsonText(json::serialize(*forms_doc));
    if (!forms) return std::unexpected(WithContext(forms.error(), kOnlineFormsFile));
    if (auto ok = ValidateOnlineForms(*forms, d.catalog); !ok) {
      return std::unexpected(WithContext(ok.error(), kOnlineFormsFile));
    }
    d.online_forms = std::move(*forms);
  }
  return d;
}

}  // namespace amtszeit::dataset
