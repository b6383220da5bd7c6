#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "amtszeit/dataset/dataset.h"
#include "amtszeit/domain/json_codec.h"
#include "amtszeit/domain/validation.h"

namespace amtszeit::dataset {

namespace json = boost::json;

namespace {

Result<json::value> ReadJsonFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "{}: cannot be read", file.string());
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseJson(text.str());
  if (!parsed) return std::unexpected(WithContext(parsed.error(), file.string()));
  return parsed;
}

template <typename T>
Result<std::vector<T>> ReadList(const std::filesystem::path& dir, std::string_view file,
                                std::string_view key) {
  auto doc = ReadJsonFile(dir / file);
  if (!doc) return std::unexpected(doc.error());
  const json::value* list = doc->is_object() ? doc->as_object().if_contains(key) : nullptr;
  if (list == nullptr || !list->is_array()) {
    return Fail(ErrorCode::kInvalidArgument, "{}: expected an object with an array '{}'", file,
                key);
  }
  std::vector<T> out;
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    auto item = FromJson<T>(list->as_array()[i], fmt::format("{}[{}]", key, i));
    if (!item) return std::unexpected(WithContext(item.error(), file));
    out.push_back(std::move(*item));
  }
  return out;
}

Result<double> Number(const json::value& v, std::string_view what) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  return Fail(ErrorCode::kInvalidArgument, "staffing.json: {} must be a number", what);
}

Result<StaffingPlan> ReadStaffing(const std::filesystem::path& dir) {
  auto doc = ReadJsonFile(dir / "staffing.json");
  if (!doc) return std::unexpected(doc.error());
  auto bad = [](std::string_view what) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.json: {}", what);
  };
  if (!doc->is_object()) return bad("expected an object");
  const json::object& o = doc->as_object();
  StaffingPlan plan;
  try {
    for (const json::value& l : o.at("locations").as_array()) {
      plan.locations.push_back({std::string(l.at("location_id").as_string()),
                                static_cast<int>(l.at("staff").as_int64())});
    }
    for (const json::value& s : o.at("basic_skills").as_array()) {
      plan.basic_skills.emplace_back(s.as_string());
    }
    for (const json::value& s : o.at("extra_skills").as_array()) {
      auto share = Number(s.at("share"), "extra_skills.share");
      if (!share) return std::unexpected(share.error());
      plan.extra_skills.push_back({std::string(s.at("skill").as_string()), *share});
    }
    for (const auto& [mode, share] : o.at("modes").as_object()) {
      auto value = Number(share, "modes");
      if (!value) return std::unexpected(value.error());
      plan.modes.push_back({std::string(mode), *value});
    }
    for (const json::value& p : o.at("part_time").as_array()) {
      auto fte = Number(p.at("fte"), "part_time.fte");
      auto share = Number(p.at("share"), "part_time.share");
      if (!fte || !share) return bad("part_time needs numbers");
      plan.part_time.push_back({*fte, *share});
    }
    plan.shift_minutes = static_cast<int>(o.at("shift_minutes").as_int64());
    plan.break_minutes = static_cast<int>(o.at("break_minutes").as_int64());
    auto saturday = Number(o.at("saturday_share"), "saturday_share");
    auto sickness = Number(o.at("sickness_rate"), "sickness_rate");
    if (!saturday || !sickness) return bad("saturday_share and sickness_rate must be numbers");
    plan.saturday_share = *saturday;
    plan.sickness_rate = *sickness;
    plan.vacation_weeks_per_year = static_cast<int>(o.at("vacation_weeks_per_year").as_int64());
  } catch (const std::exception& e) {
    // Boost.JSON's at()/as_*() throw on missing keys and wrong types; report them as bad input.
    return bad(fmt::format("missing or mistyped field ({})", e.what()));
  }
  return plan;
}

Result<void> ValidateStaffing(const StaffingPlan& plan, const Catalog& catalog) {
  for (const auto& l : plan.locations) {
    if (catalog.FindLocation(l.location_id) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "staffing.json: unknown location '{}'",
                  l.location_id);
    }
    if (l.staff < 1 || l.staff > 500) {
      return Fail(ErrorCode::kInvalidArgument, "staffing.json: {} staff at {} is implausible",
                  l.staff, l.location_id);
    }
  }
  double modes = 0;
  for (const auto& m : plan.modes) {
    if (!ParseShiftMode(m.name)) {
      return Fail(ErrorCode::kInvalidArgument, "staffing.json: unknown mode '{}'", m.name);
    }
    modes += m.share;
  }
  if (modes < 0.99 || modes > 1.01) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.json: mode shares add up to {}", modes);
  }
  if (plan.shift_minutes < 60 || plan.shift_minutes > 600 || plan.shift_minutes % 5 != 0 ||
      plan.break_minutes < 0 || plan.break_minutes % 5 != 0) {
    return Fail(ErrorCode::kInvalidArgument, "staffing.json: shift or break length is invalid");
  }
  return {};
}

}  // namespace

Result<Dataset> LoadDataset(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Fail(ErrorCode::kNotFound, "data folder {} does not exist", dir.string());
  }
  Dataset d;
  auto districts = ReadList<District>(dir, "districts.json", "districts");
  if (!districts) return std::unexpected(districts.error());
  auto locations = ReadList<Location>(dir, "locations.json", "locations");
  if (!locations) return std::unexpected(locations.error());
  auto services = ReadList<Service>(dir, "services.json", "services");
  if (!services) return std::unexpected(services.error());
  auto school = ReadList<SchoolHoliday>(dir, "school_holidays.json", "school_holidays");
  if (!school) return std::unexpected(school.error());
  d.catalog = {std::move(*districts), std::move(*locations), std::move(*services)};
  d.school_holidays = std::move(*school);
  if (auto ok = ValidateCatalog(d.catalog); !ok) return std::unexpected(ok.error());
  if (auto ok = ValidateSchoolHolidays(d.school_holidays); !ok) {
    return std::unexpected(WithContext(ok.error(), "school_holidays.json"));
  }
  auto staffing = ReadStaffing(dir);
  if (!staffing) return std::unexpected(staffing.error());
  if (auto ok = ValidateStaffing(*staffing, d.catalog); !ok) return std::unexpected(ok.error());
  d.staffing = std::move(*staffing);
  return d;
}

}  // namespace amtszeit::dataset
