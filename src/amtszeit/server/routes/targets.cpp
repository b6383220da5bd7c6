#include "amtszeit/server/routes/targets.h"

#include <boost/json.hpp>

#include "amtszeit/server/routes/steering_params.h"

namespace amtszeit::server::targets {

namespace {

namespace json = boost::json;

Result<std::string> BodyString(const Request& req, std::string_view member) {
  boost::system::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec || !v.is_object())
    return Fail(ErrorCode::kInvalidArgument, "the body is not a JSON object");
  const json::value* m = v.as_object().if_contains(member);
  if (m == nullptr || m->is_null()) return std::string();
  if (!m->is_string()) return Fail(ErrorCode::kInvalidArgument, "'{}' must be a string", member);
  return std::string(m->as_string());
}

Result<auth::Target> OneLocation(std::string id) { return auth::Target{.locations = {id}}; }

Result<std::string> HomeOf(App& app, const std::string& staff_id) {
  const absl::CivilDay today = app.steering.Today();
  auto roster = app.store.ReadRoster(today, today);
  if (!roster) return std::unexpected(roster.error());
  for (const Staff& s : roster->staff) {
    if (s.id == staff_id) return s.home_location_id;
  }
  return Fail(ErrorCode::kNotFound, "no staff member '{}'", staff_id);
}

// Finds a stored record by the path's id inside a transaction that changes nothing: the
// write transaction is the one place the store looks these up by id.
template <typename T, typename Find>
Result<T> Stored(App& app, const Request& req, std::string_view what, Find find) {
  auto id = IdParam(req);
  if (!id) return Fail(ErrorCode::kNotFound, "no such {}", what);
  std::optional<T> found;
  auto read = app.store.Write([&](store::WriteTx& tx) -> Result<void> {
    auto r = find(tx, *id);
    if (!r) return std::unexpected(r.error());
    found = std::move(*r);
    return {};
  });
  if (!read) return std::unexpected(read.error());
  if (!found) return Fail(ErrorCode::kNotFound, "no such {}", what);
  return std::move(*found);
}

}  // namespace

TargetFn PathLocation() {
  return [](const Request& req) { return OneLocation(req.Param("id")); };
}

TargetFn QueryLocationOrCity() {
  return [](const Request& req) -> Result<auth::Target> {
    const std::string location = req.Query("location").value_or("");
    if (location.empty()) return auth::Target{.city_wide = true};
    return OneLocation(location);
  };
}

TargetFn QueryDistrictOrCity(std::string name) {
  return [name](const Request& req) -> Result<auth::Target> {
    const std::string district = req.Query(name).value_or("");
    if (district.empty()) return auth::Target{.city_wide = true};
    return auth::Target{.districts = {district}};
  };
}

TargetFn KpiScopes() {
  return [](const Request& req) -> Result<auth::Target> {
    auth::Target t;
    bool any = false;
    for (const auto& [name, value] : req.query) {
      if (name != "scope") continue;
      any = true;
      if (value.starts_with("district:")) {
        t.districts.push_back(value.substr(9));
      } else if (value.starts_with("location:")) {
        t.locations.push_back(value.substr(9));
      } else {
        t.city_wide = true;
      }
    }
    if (!any) t.city_wide = true;
    return t;
  };
}

TargetFn BodyLocation(std::string member) {
  return [member](const Request& req) -> Result<auth::Target> {
    auto id = BodyString(req, member);
    if (!id) return std::unexpected(id.error());
    if (id->empty()) return Fail(ErrorCode::kInvalidArgument, "'{}' is required", member);
    return OneLocation(*id);
  };
}

TargetFn BodyDistrictOrCity(std::string member) {
  return [member](const Request& req) -> Result<auth::Target> {
    auto id = BodyString(req, member);
    if (!id) return std::unexpected(id.error());
    if (id->empty()) return auth::Target{.city_wide = true};
    return auth::Target{.districts = {*id}};
  };
}

TargetFn StaffHome(App& app, std::string also_location_member) {
  return [&app, also_location_member](const Request& req) -> Result<auth::Target> {
    auto staff = BodyString(req, "staff_id");
    if (!staff) return std::unexpected(staff.error());
    if (staff->empty()) return Fail(ErrorCode::kInvalidArgument, "'staff_id' is required");
    auto home = HomeOf(app, *staff);
    if (!home) return std::unexpected(home.error());
    auth::Target t{.locations = {*home}};
    if (!also_location_member.empty()) {
      auto to = BodyString(req, also_location_member);
      if (!to) return std::unexpected(to.error());
      if (to->empty()) {
        return Fail(ErrorCode::kInvalidArgument, "'{}' is required", also_location_member);
      }
      t.locations.push_back(*to);
    }
    return t;
  };
}

TargetFn StoredShift(App& app) {
  return [&app](const Request& req) -> Result<auth::Target> {
    auto shift = Stored<Shift>(
        app, req, "shift", [](store::WriteTx& tx, std::int64_t id) { return tx.FindShift(id); });
    if (!shift) return std::unexpected(shift.error());
    return OneLocation(shift->location_id);
  };
}

TargetFn StoredAbsence(App& app) {
  return [&app](const Request& req) -> Result<auth::Target> {
    auto absence = Stored<Absence>(app, req, "absence", [](store::WriteTx& tx, std::int64_t id) {
      return tx.FindAbsence(id);
    });
    if (!absence) return std::unexpected(absence.error());
    auto home = HomeOf(app, absence->staff_id);
    if (!home) return std::unexpected(home.error());
    return OneLocation(*home);
  };
}

TargetFn StoredClosure(App& app) {
  return [&app](const Request& req) -> Result<auth::Target> {
    auto closure = Stored<CentreClosure>(
        app, req, "closure",
        [](store::WriteTx& tx, std::int64_t id) { return tx.FindCentreClosure(id); });
    if (!closure) return std::unexpected(closure.error());
    return OneLocation(closure->location_id);
  };
}

}  // namespace amtszeit::server::targets
