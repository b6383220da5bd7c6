// Central steering API: the roster of a centre, absences, extra shifts and openings, staff moves,
// the appointments waiting to be rebooked, the audit of every change, and the measures of the
// implementation plan. Staff only (issue 9 puts sign-in and roles in front of it).
#include <boost/json.hpp>

#include "amtszeit/booking/api_json.h"
#include "amtszeit/domain/json_codec.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/bodies/steering_bodies.h"
#include "amtszeit/server/body.h"
#include "amtszeit/server/routes/steering_params.h"
#include "amtszeit/server/routes/targets.h"

namespace amtszeit::server {

namespace {

namespace json = boost::json;

constexpr int kMaxRosterDays = 62;

json::object AffectedJson(const steering::Affected& a, const App& app) {
  json::object o = booking::AppointmentJson(a.appointment, app.engine, false).as_object();
  o["staff_id"] = a.appointment.staff_id;
  o["previous_staff_id"] = a.previous_staff_id;
  o["reassigned"] = a.reassigned;
  return o;
}

Response OutcomeJson(const steering::Outcome& out, const App& app, int status) {
  json::array ids;
  for (std::int64_t id : out.ids) ids.push_back(id);
  json::array affected;
  int to_rebook = 0;
  for (const auto& a : out.affected) {
    affected.push_back(AffectedJson(a, app));
    if (!a.reassigned) ++to_rebook;
  }
  return Json({{"action_id", out.action_id},
               {"ids", std::move(ids)},
               {"affected", std::move(affected)},
               {"to_rebook", to_rebook}},
              status);
}

Response Roster(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(range, DayRange(app, req, 14, kMaxRosterDays));
  const std::string location = req.Query("location").value_or("");
  if (!location.empty() && app.catalog->FindLocation(location) == nullptr) {
    return Problem(404, "no centre '" + location + "'");
  }
  AMTSZEIT_OR_PROBLEM(roster, app.store.ReadRoster(range->first, range->second));
  std::set<std::string> staff_ids;
  json::array shifts;
  for (const Shift& s : roster->shifts) {
    if (!location.empty() && s.location_id != location) continue;
    staff_ids.insert(s.staff_id);
    shifts.push_back(ToJson(s));
  }
  json::array staff;
  for (const Staff& s : roster->staff) {
    if (!location.empty() && s.home_location_id != location && !staff_ids.contains(s.id)) continue;
    staff_ids.insert(s.id);
    staff.push_back(ToJson(s));
  }
  json::array absences;
  for (const Absence& a : roster->absences) {
    if (staff_ids.contains(a.staff_id)) absences.push_back(ToJson(a));
  }
  return Json({{"from", FormatDay(range->first)},
               {"to", FormatDay(range->second)},
               {"staff", std::move(staff)},
               {"shifts", std::move(shifts)},
               {"absences", std::move(absences)}});
}

Response RecordAbsence(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Open(req));
  AMTSZEIT_OR_PROBLEM(actor, ActorOf(req, *body));
  AMTSZEIT_OR_PROBLEM(absence, DecodeAbsence(std::move(*body)));
  AMTSZEIT_OR_PROBLEM(out, app.steering.RecordAbsence(*absence, *actor));
  return OutcomeJson(*out, app, 201);
}

Response RemoveAbsence(App& app, const Request& req) {
  auto id = IdParam(req);
  if (!id) return Problem(404, "no such absence");
  AMTSZEIT_OR_PROBLEM(out, app.steering.RemoveAbsence(*id, ActorOf(req)));
  return OutcomeJson(*out, app, 200);
}

Response AddShift(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Open(req));
  AMTSZEIT_OR_PROBLEM(actor, ActorOf(req, *body));
  AMTSZEIT_OR_PROBLEM(shift, DecodeShift(std::move(*body)));
  AMTSZEIT_OR_PROBLEM(out, app.steering.AddShift(*shift, *actor));
  return OutcomeJson(*out, app, 201);
}

Response RemoveShift(App& app, const Request& req) {
  auto id = IdParam(req);
  if (!id) return Problem(404, "no such shift");
  AMTSZEIT_OR_PROBLEM(out, app.steering.RemoveShift(*id, ActorOf(req)));
  return OutcomeJson(*out, app, 200);
}

Response MoveStaff(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, kMoveFields));
  AMTSZEIT_OR_PROBLEM(actor, ActorOf(req, *body));
  AMTSZEIT_OR_PROBLEM(move, DecodeMove(*body));
  AMTSZEIT_OR_PROBLEM(out, app.steering.MoveStaff(*move, *actor));
  return OutcomeJson(*out, app, 201);
}

Response ToRebook(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(range, DayRange(app, req, 92, 400));
  AMTSZEIT_OR_PROBLEM(list, app.steering.ToRebook(range->first, range->second));
  json::array items;
  for (const Appointment& a : *list) {
    // The call centre rebooks these by phone: it needs the contact.
    json::object o = booking::AppointmentJson(a, app.engine, true).as_object();
    o["staff_id"] = a.staff_id;
    items.push_back(std::move(o));
  }
  return Json({{"appointments", std::move(items)}});
}

Response Resolve(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, kResolveFields));
  AMTSZEIT_OR_PROBLEM(actor, ActorOf(req, *body));
  AMTSZEIT_OR_PROBLEM(bounds, DecodeResolve(*body));
  const absl::CivilDay first = bounds->from.value_or(app.steering.Today());
  AMTSZEIT_OR_PROBLEM(out, app.steering.Resolve(first, bounds->to.value_or(first + 91), *actor));
  return OutcomeJson({.affected = std::move(*out)}, app, 200);
}

Response Actions(App& app, const Request& req) {
  auto from = req.OptionalDay("from");
  if (!from) return Problem(from.error());
  auto to = req.OptionalDay("to");
  if (!to) return Problem(to.error());
  const absl::CivilDay today = app.steering.Today();
  const absl::CivilDay first = from->value_or(today - 6);
  const absl::CivilDay last = to->value_or(today);
  AMTSZEIT_OR_PROBLEM(actions, app.store.ReadActions(ToInstant(first, 0, app.zone),
                                                     ToInstant(last + 1, 0, app.zone)));
  json::array items;
  for (auto it = actions->rbegin(); it != actions->rend(); ++it) {  // newest first
    json::object o{
        {"id", it->id},        {"at", FormatInstant(it->at, app.zone)}, {"actor", it->actor},
        {"kind", it->kind},    {"location_id", it->location_id},        {"staff_id", it->staff_id},
        {"reason", it->reason}};
    o["before"] = it->before.empty() ? json::value(nullptr) : json::parse(it->before);
    o["after"] = it->after.empty() ? json::value(nullptr) : json::parse(it->after);
    items.push_back(std::move(o));
  }
  return Json({{"actions", std::move(items)}});
}

json::object MeasureJson(const Measure& m, const App& app) {
  return {{"id", m.id},
          {"district_id", m.district_id},
          {"day", FormatDay(m.day)},
          {"title", m.title},
          {"text", m.text},
          {"status", ToString(m.status)},
          {"actor", m.actor},
          {"updated_at", FormatInstant(m.updated_at, app.zone)}};
}

Response Measures(App& app, const Request& req) {
  const std::string district = req.Query("district").value_or("");
  AMTSZEIT_OR_PROBLEM(measures, app.store.ReadMeasures());
  json::array items;
  for (const Measure& m : *measures) {
    if (!district.empty() && !m.district_id.empty() && m.district_id != district) continue;
    items.push_back(MeasureJson(m, app));
  }
  return Json({{"measures", std::move(items)}});
}

Response SaveMeasure(App& app, const Request& req, std::int64_t id) {
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, kMeasureFields));
  AMTSZEIT_OR_PROBLEM(actor, ActorOf(req, *body));
  AMTSZEIT_OR_PROBLEM(fields, DecodeMeasure(*body));
  Measure m{.id = id,
            .district_id = std::move(fields->district_id),
            .day = fields->day.value_or(app.steering.Today()),
            .title = std::move(fields->title),
            .text = std::move(fields->text)};
  if (fields->status) m.status = *fields->status;
  AMTSZEIT_OR_PROBLEM(saved, app.steering.SaveMeasure(m, *actor));
  return Json(MeasureJson(*saved, app), id == 0 ? 201 : 200);
}

}  // namespace

void AddSteeringRoutes(Router& router, App& app) {
  router.Add("GET", "/api/v1/roster",
             Access::Staff(roles::kSteering, targets::QueryLocationOrCity()),
             [&app](const Request& r) { return Roster(app, r); });
  router.Add("POST", "/api/v1/absences", Access::Staff(roles::kSteering, targets::StaffHome(app)),
             [&app](const Request& r) { return RecordAbsence(app, r); });
  router.Add("DELETE", "/api/v1/absences/{id}",
             Access::Staff(roles::kSteering, targets::StoredAbsence(app)),
             [&app](const Request& r) { return RemoveAbsence(app, r); });
  router.Add("POST", "/api/v1/shifts",
             Access::Staff(roles::kSteering, targets::BodyLocation("location_id")),
             [&app](const Request& r) { return AddShift(app, r); });
  router.Add("DELETE", "/api/v1/shifts/{id}",
             Access::Staff(roles::kSteering, targets::StoredShift(app)),
             [&app](const Request& r) { return RemoveShift(app, r); });
  router.Add("POST", "/api/v1/moves",
             Access::Staff(roles::kSteering, targets::StaffHome(app, "to_location_id")),
             [&app](const Request& r) { return MoveStaff(app, r); });
  router.Add("GET", "/api/v1/steering/rebook", Access::Staff(roles::kPhone),
             [&app](const Request& r) { return ToRebook(app, r); });
  router.Add("POST", "/api/v1/steering/resolve", Access::Staff(roles::kCentral),
             [&app](const Request& r) { return Resolve(app, r); });
  router.Add("GET", "/api/v1/steering/actions", Access::Staff(roles::kCentral),
             [&app](const Request& r) { return Actions(app, r); });
  router.Add("GET", "/api/v1/measures",
             Access::Staff(roles::kDistrict, targets::QueryDistrictOrCity("district")),
             [&app](const Request& r) { return Measures(app, r); });
  router.Add("POST", "/api/v1/measures",
             Access::Staff(roles::kDistrict, targets::BodyDistrictOrCity("district_id")),
             [&app](const Request& r) { return SaveMeasure(app, r, 0); });
  router.Add("PUT", "/api/v1/measures/{id}",
             Access::Staff(roles::kDistrict, targets::BodyDistrictOrCity("district_id")),
             [&app](const Request& r) {
               auto id = IdParam(r);
               if (!id) return Problem(404, "no such measure");
               return SaveMeasure(app, r, *id);
             });
}

}  // namespace amtszeit::server
