// The authorization matrix over HTTP against the real server: every route the router has, for a
// caller without an account and for each staff role, on the caller's own centre (or district)
// and on another one. The expected policy is written out here, independently of the routes'
// declarations, and a route without an entry fails the test.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <set>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "support/http_client.h"
#include "support/routes.h"
#include "support/server_process.h"
#include "support/staff.h"

namespace amtszeit::testing {
namespace {

namespace json = boost::json;

// Own scope: Wilhelmsburg and its district; the other: Altona, in another district.
const std::string kOwn = "kz-wilhelmsburg";
const std::string kOwnDistrict = "hamburg-mitte";
const std::string kOther = "kz-altona";
const std::string kOtherDistrict = "altona";

const std::vector<std::string> kRoles = {"phone_agent",   "counter_staff",   "centre_manager",
                                         "district_lead", "central_control", "administrator"};

// Who may call a route. `scoped`: centre-bound roles and district leads only on their own
// centre or district.
struct Policy {
  bool is_public = false;
  std::set<std::string> roles;
  bool scoped = false;
};

const Policy kPublic{.is_public = true};
const Policy kSteering{
    .roles = {"centre_manager", "district_lead", "central_control", "administrator"},
    .scoped = true};
const Policy kCounter{.roles = {"counter_staff", "centre_manager"}, .scoped = true};
const Policy kQueueView{.roles = {"counter_staff", "centre_manager", "district_lead",
                                  "central_control", "administrator"},
                        .scoped = true};
const Policy kDistrict{.roles = {"district_lead", "central_control", "administrator"},
                       .scoped = true};
// The live status of every centre: for all who steer, not bound to a centre (like /now).
const Policy kStatus{
    .roles = {"centre_manager", "district_lead", "central_control", "administrator"}};
const Policy kAdmin{.roles = {"administrator"}};
const Policy kCentral{.roles = {"central_control", "administrator"}};
const Policy kPhone{.roles = {"phone_agent", "central_control", "administrator"}};
const Policy kBackOffice{.roles = {"counter_staff", "centre_manager", "district_lead",
                                   "central_control", "administrator"}};
const Policy kAllStaff{.roles = {"phone_agent", "counter_staff", "centre_manager", "district_lead",
                                 "central_control", "administrator"}};

// Where a case acts: a centre and its district.
struct Where {
  std::string location;
  std::string district;
};

struct Case {
  Policy policy;
  std::function<std::string(const Where&)> path;
  std::function<std::string(const Where&)> body = [](const Where&) { return std::string(); };
  bool stream = false;       // an event stream: read only the status line
  bool new_session = false;  // ends the session it is called with
};

class AuthMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    ASSERT_TRUE(server_->Start());
    for (const auto& role : kRoles) {
      const std::string scope = role == "district_lead"                               ? kOwnDistrict
                                : role == "counter_staff" || role == "centre_manager" ? kOwn
                                                                                      : "";
      ASSERT_TRUE(AddStaff(*server_, "m." + role, role, scope)) << role;
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static ServerProcess* server_;
};
ServerProcess* AuthMatrix::server_ = nullptr;

bool Weekend(absl::CivilDay d) {
  return absl::GetWeekday(d) == absl::Weekday::saturday ||
         absl::GetWeekday(d) == absl::Weekday::sunday;
}

// The `skip`-th weekday from `days_ahead` days after today (Berlin).
std::string Day(int days_ahead, int skip = 0) {
  absl::TimeZone berlin;
  absl::LoadTimeZone("Europe/Berlin", &berlin);
  absl::CivilDay d = absl::ToCivilDay(absl::Now(), berlin) + days_ahead;
  while (Weekend(d)) ++d;
  for (int i = 0; i < skip; ++i) {
    do {
      ++d;
    } while (Weekend(d));
  }
  return absl::FormatCivilTime(d);
}

// A staff member whose home is `location`, from the roster.
std::string StaffAt(HttpClient& central, const std::string& location) {
  auto r = central.Get("/api/v1/roster?location=" + location);
  EXPECT_EQ(r.status, 200) << r.body;
  for (const auto& s : r.Json().at("staff").as_array()) {
    if (s.at("home_location_id").as_string() == location)
      return std::string(s.at("id").as_string());
  }
  ADD_FAILURE() << "no staff at " << location;
  return "";
}

// The days ("YYYY-MM-DD") in the next half year on which `staff_id` is away: the demo's roster
// has holidays and sickness weeks ahead, and a shift or absence made on such a day is refused.
std::set<std::string> AwayDays(HttpClient& central, const std::string& location,
                               const std::string& staff_id) {
  std::set<std::string> away;
  for (int first = 0; first < 180; first += 60) {  // the roster answers at most 62 days at once
    auto r = central.Get("/api/v1/roster?location=" + location + "&from=" + Day(first) +
                         "&to=" + Day(first + 59));
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) continue;
    for (const auto& a : r.Json().at("absences").as_array()) {
      if (a.at("staff_id").as_string() != staff_id) continue;
      absl::CivilDay d, last;
      EXPECT_TRUE(absl::ParseCivilTime(std::string(a.at("first").as_string()), &d));
      EXPECT_TRUE(absl::ParseCivilTime(std::string(a.at("last").as_string()), &last));
      for (; d <= last; ++d) away.insert(absl::FormatCivilTime(d));
    }
  }
  return away;
}

std::int64_t Created(const HttpResponse& r, const char* what) {
  EXPECT_EQ(r.status, 201) << what << ": " << r.body;
  if (r.status != 201) return 0;
  const auto& o = r.Json().as_object();
  if (o.contains("ids") && !o.at("ids").as_array().empty()) {
    return o.at("ids").as_array().front().as_int64();
  }
  if (o.contains("closure")) return o.at("closure").at("id").as_int64();
  return o.at("id").as_int64();
}

TEST_F(AuthMatrix, EveryRouteByEveryRoleOnOwnAndOtherCentre) {
  ServerProcess& server = *server_;
  HttpClient central(server.port());
  ASSERT_TRUE(SignInAs(central, server, "central_control"));
  std::map<std::string, std::string> staff = {{kOwn, StaffAt(central, kOwn)},
                                              {kOther, StaffAt(central, kOther)}};
  std::set<std::string> away;  // "staff|day"
  for (const auto& [location, id] : staff) {
    for (const std::string& day : AwayDays(central, location, id)) away.insert(id + "|" + day);
  }
  int made = 0;  // each made thing on its own day, so none overlaps another
  // The next such day on which `staff_id` is at work.
  const auto working_day = [&](const std::string& staff_id) {
    std::string day = Day(20, made++);
    while (away.contains(staff_id + "|" + day)) day = Day(20, made++);
    return day;
  };
  // The first weekday from `ahead` days on which `staff_id` is at work.
  const auto working_from = [&](const std::string& staff_id, int ahead) {
    std::string day = Day(ahead);
    for (int k = 1; away.contains(staff_id + "|" + day); ++k) day = Day(ahead, k);
    return day;
  };

  // Things the DELETE routes remove: a fresh one for every call, made by the control room.
  const auto new_shift = [&](const Where& w) {
    return Created(central.PostJson(
                       "/api/v1/shifts",
                       json::serialize(json::object{{"staff_id", staff[w.location]},
                                                    {"location_id", w.location},
                                                    {"day", working_day(staff[w.location])},
                                                    {"time", {{"from", "21:00"}, {"to", "21:30"}}},
                                                    {"mode", "back_office"},
                                                    {"reason", "matrix"}})),
                   "shift");
  };
  const auto new_absence = [&](const Where& w) {
    const std::string day = working_day(staff[w.location]);
    return Created(central.PostJson("/api/v1/absences",
                                    json::serialize(json::object{{"staff_id", staff[w.location]},
                                                                 {"first", day},
                                                                 {"last", day},
                                                                 {"kind", "training"},
                                                                 {"reason", "matrix"}})),
                   "absence");
  };
  const auto new_closure = [&](const Where& w) {
    return Created(central.PostJson("/api/v1/closures",
                                    json::serialize(json::object{{"location_id", w.location},
                                                                 {"first", Day(20, made)},
                                                                 {"last", Day(20, made++)},
                                                                 {"reason", "matrix"}})),
                   "closure");
  };
  const auto loc = [](const std::string& rest) {
    return [rest](const Where& w) { return "/api/v1/locations/" + w.location + rest; };
  };
  const auto fixed = [](const std::string& path) { return [path](const Where&) { return path; }; };
  const auto json_body = [](json::object o) {
    return [o](const Where&) { return json::serialize(o); };
  };
  const auto counter = [&](const std::string& action) {
    return Case{.policy = kCounter, .path = loc("/counters/7/" + action), .body = fixed("")};
  };

  std::map<std::string, Case> cases = {
      {"GET /api/v1/health", {kPublic, fixed("/api/v1/health")}},
      {"GET /api/v1/districts", {kPublic, fixed("/api/v1/districts")}},
      {"GET /api/v1/locations", {kPublic, fixed("/api/v1/locations")}},
      {"GET /api/v1/locations/{id}", {kPublic, loc("")}},
      {"GET /api/v1/locations/{id}/opening-hours", {kPublic, loc("/opening-hours")}},
      {"GET /api/v1/services", {kPublic, fixed("/api/v1/services")}},
      {"GET /api/v1/services/{id}", {kPublic, fixed("/api/v1/services/personalausweis")}},
      {"GET /api/v1/slots", {kPublic, fixed("/api/v1/slots?services=personalausweis&limit=3")}},
      {"GET /api/v1/locations/{id}/days", {kPublic, loc("/days?services=personalausweis")}},
      {"POST /api/v1/holds", {kPublic, fixed("/api/v1/holds"), fixed("{}")}},
      {"POST /api/v1/appointments", {kPublic, fixed("/api/v1/appointments"), fixed("{}")}},
      {"GET /api/v1/appointments", {kPhone, fixed("/api/v1/appointments?contact=x%40example.org")}},
      {"GET /api/v1/appointments/{code}",
       {kPublic, fixed("/api/v1/appointments/ABCD-EFGH?token=x")}},
      {"DELETE /api/v1/appointments/{code}",
       {kPublic, fixed("/api/v1/appointments/ABCD-EFGH?token=x")}},
      {"PATCH /api/v1/appointments/{code}",
       {kPublic, fixed("/api/v1/appointments/ABCD-EFGH?token=x"), fixed("{}")}},
      {"GET /api/v1/appointments/{code}.ics",
       {kPublic, fixed("/api/v1/appointments/ABCD-EFGH.ics?token=x")}},
      {"GET /api/v1/appointments/{code}/export",
       {kPublic, fixed("/api/v1/appointments/ABCD-EFGH/export?token=x")}},
      {"POST /api/v1/locations/{id}/tickets",
       {kPublic, loc("/tickets"),
        json_body({{"services", {"personalausweis"}}, {"source", "kiosk"}})}},
      {"POST /api/v1/locations/{id}/checkins",
       {kPublic, loc("/checkins"), json_body({{"code", "ABCD-EFGH"}})}},
      {"GET /api/v1/tickets/{id}", {kPublic, fixed("/api/v1/tickets/999999?token=x")}},
      {"DELETE /api/v1/tickets/{id}", {kPublic, fixed("/api/v1/tickets/999999?token=x")}},
      {"GET /api/v1/tickets/{id}/events",
       {kPublic, fixed("/api/v1/tickets/999999/events?token=x"), {}, true}},
      {"GET /api/v1/locations/{id}/queue", {kQueueView, loc("/queue")}},
      {"GET /api/v1/locations/{id}/counters", {kQueueView, loc("/counters")}},
      {"PUT /api/v1/locations/{id}/counters/{name}",
       {kCounter, loc("/counters/7"), json_body({{"mode", "walk_in"}, {"staff", "Matrix"}})}},
      {"POST /api/v1/locations/{id}/counters/{name}/call-next", counter("call-next")},
      {"POST /api/v1/locations/{id}/counters/{name}/transfer",
       {kCounter, loc("/counters/7/transfer"), json_body({{"services", {"personalausweis"}}})}},
      {"POST /api/v1/locations/{id}/counters/{name}/recall", counter("recall")},
      {"POST /api/v1/locations/{id}/counters/{name}/start", counter("start")},
      {"POST /api/v1/locations/{id}/counters/{name}/finish", counter("finish")},
      {"POST /api/v1/locations/{id}/counters/{name}/no-show", counter("no-show")},
      {"POST /api/v1/locations/{id}/counters/{name}/pause", counter("pause")},
      {"POST /api/v1/locations/{id}/counters/{name}/resume", counter("resume")},
      {"POST /api/v1/locations/{id}/counters/{name}/close", counter("close")},
      {"GET /api/v1/locations/{id}/counters/{name}/events",
       {kQueueView, loc("/counters/7/events"), {}, true}},
      {"GET /api/v1/locations/{id}/display", {kPublic, loc("/display")}},
      {"GET /api/v1/locations/{id}/display/events", {kPublic, loc("/display/events"), {}, true}},
      {"GET /api/v1/now", {kPublic, fixed("/api/v1/now")}},
      {"GET /api/v1/roster",
       {kSteering, [](const Where& w) { return "/api/v1/roster?location=" + w.location; }}},
      {"POST /api/v1/absences",
       {kSteering, fixed("/api/v1/absences"),
        [&](const Where& w) {
          const std::string day = working_from(staff[w.location], 100);
          return json::serialize(json::object{{"staff_id", staff[w.location]},
                                              {"first", day},
                                              {"last", day},
                                              {"kind", "training"},
                                              {"reason", "matrix"}});
        }}},
      {"DELETE /api/v1/absences/{id}",
       {kSteering,
        [&](const Where& w) {
          return "/api/v1/absences/" + std::to_string(new_absence(w)) + "?reason=matrix";
        }}},
      {"POST /api/v1/shifts",
       {kSteering, fixed("/api/v1/shifts"),
        [&](const Where& w) {
          return json::serialize(json::object{{"staff_id", staff[w.location]},
                                              {"location_id", w.location},
                                              {"day", working_from(staff[w.location], 31)},
                                              {"time", {{"from", "21:30"}, {"to", "22:00"}}},
                                              {"mode", "back_office"},
                                              {"reason", "matrix"}});
        }}},
      {"DELETE /api/v1/shifts/{id}",
       {kSteering,
        [&](const Where& w) {
          return "/api/v1/shifts/" + std::to_string(new_shift(w)) + "?reason=matrix";
        }}},
      {"POST /api/v1/moves",
       {kSteering, fixed("/api/v1/moves"),
        [&](const Where& w) {
          return json::serialize(json::object{{"staff_id", staff[w.location]},
                                              {"to_location_id", w.location},
                                              {"first", Day(101)},
                                              {"reason", "matrix"}});
        }}},
      {"GET /api/v1/steering/rebook", {kPhone, fixed("/api/v1/steering/rebook")}},
      {"POST /api/v1/steering/resolve",
       {kCentral, fixed("/api/v1/steering/resolve"), json_body({{"reason", "matrix"}})}},
      {"GET /api/v1/steering/actions", {kCentral, fixed("/api/v1/steering/actions")}},
      {"GET /api/v1/measures",
       {kDistrict, [](const Where& w) { return "/api/v1/measures?district=" + w.district; }}},
      {"POST /api/v1/measures",
       {kDistrict, fixed("/api/v1/measures"),
        [](const Where& w) {
          return json::serialize(
              json::object{{"district_id", w.district}, {"title", "Matrix"}, {"reason", "matrix"}});
        }}},
      {"PUT /api/v1/measures/{id}",
       {kDistrict, fixed("/api/v1/measures/999999"),
        [](const Where& w) {
          return json::serialize(
              json::object{{"district_id", w.district}, {"title", "Matrix"}, {"reason", "matrix"}});
        }}},
      {"GET /api/v1/closures", {kAllStaff, fixed("/api/v1/closures")}},
      {"POST /api/v1/closures",
       {kSteering, fixed("/api/v1/closures"),
        [](const Where& w) {
          return json::serialize(json::object{{"location_id", w.location},
                                              {"first", Day(81)},
                                              {"dry_run", true},
                                              {"reason", "matrix"}});
        }}},
      {"DELETE /api/v1/closures/{id}",
       {kSteering,
        [&](const Where& w) {
          return "/api/v1/closures/" + std::to_string(new_closure(w)) + "?reason=matrix";
        }}},
      {"POST /api/v1/interim-locations",
       {kCentral, fixed("/api/v1/interim-locations"),
        [](const Where& w) {
          return json::serialize(json::object{{"id", "matrix-interim-" + w.location},
                                              {"name", "Matrix interim"},
                                              {"district_id", w.district},
                                              {"geo", {{"lat", 53.55}, {"lon", 10.0}}},
                                              {"valid_from", Day(90)},
                                              {"valid_to", Day(95)},
                                              {"interim_for", w.location},
                                              {"reason", "matrix"}});
        }}},
      {"GET /api/v1/promises", {kPublic, fixed("/api/v1/promises")}},
      {"PUT /api/v1/promises/{id}",
       {kCentral, fixed("/api/v1/promises/no-such-promise"),
        json_body({{"threshold", 14}, {"reason", "matrix"}})}},
      {"GET /api/v1/status", {kStatus, fixed("/api/v1/status")}},
      {"GET /api/v1/kpis",
       {kSteering,
        [](const Where& w) {
          return "/api/v1/kpis?period=month&from=" + Day(-40) + "&scope=location:" + w.location;
        }}},
      {"GET /api/v1/transparency", {kPublic, fixed("/api/v1/transparency")}},
      {"GET /metrics", {kPublic, fixed("/metrics")}},
      {"GET /api/v1/reports/committee",
       {kDistrict,
        [](const Where& w) {
          return "/api/v1/reports/committee?district=" + w.district + "&month=2026-01";
        }}},
      // A malformed body: refused before any password is checked, so the address is not throttled.
      {"POST /api/v1/session", {kPublic, fixed("/api/v1/session"), fixed(R"({"name":5})")}},
      {"GET /api/v1/session", {kAllStaff, fixed("/api/v1/session")}},
      {"DELETE /api/v1/session", {kAllStaff, fixed("/api/v1/session"), {}, false, true}},
      {"GET /api/v1/audit", {kAdmin, fixed("/api/v1/audit")}},
      {"GET /api/v1/challenge", {kPublic, fixed("/api/v1/challenge")}},
      // Online services: citizens by code and token, the back office city-wide.
      {"GET /api/v1/online-services", {kPublic, fixed("/api/v1/online-services")}},
      {"POST /api/v1/cases", {kPublic, fixed("/api/v1/cases"), fixed("{}")}},
      {"GET /api/v1/cases/{code}", {kPublic, fixed("/api/v1/cases/XXXX-XXXX?token=x")}},
      {"POST /api/v1/cases/{code}/answer",
       {kPublic, fixed("/api/v1/cases/XXXX-XXXX/answer?token=x"), fixed("{}")}},
      {"GET /api/v1/cases/{code}/documents/{n}",
       {kPublic, fixed("/api/v1/cases/XXXX-XXXX/documents/1?token=x")}},
      {"GET /api/v1/backoffice/cases", {kBackOffice, fixed("/api/v1/backoffice/cases")}},
      {"GET /api/v1/backoffice/cases/{code}",
       {kBackOffice, fixed("/api/v1/backoffice/cases/XXXX-XXXX")}},
      {"POST /api/v1/backoffice/cases/{code}/status",
       {kBackOffice, fixed("/api/v1/backoffice/cases/XXXX-XXXX/status"), fixed("{}")}},
      {"GET /api/v1/backoffice/cases/{code}/documents/{n}",
       {kBackOffice, fixed("/api/v1/backoffice/cases/XXXX-XXXX/documents/1")}},
      {"GET /api/v1/backoffice/workload", {kBackOffice, fixed("/api/v1/backoffice/workload")}},
      // Planning: simulations for all who steer (changing nothing), proposals for the control room.
      {"POST /api/v1/planning/simulations",
       {kStatus, fixed("/api/v1/planning/simulations"), fixed("{}")}},
      {"GET /api/v1/planning/simulations/{id}",
       {kStatus, fixed("/api/v1/planning/simulations/999999")}},
      {"POST /api/v1/planning/proposals",
       {kCentral, fixed("/api/v1/planning/proposals"), fixed("{}")}},
      {"GET /api/v1/planning/proposals/{id}",
       {kCentral, fixed("/api/v1/planning/proposals/999999")}},
      {"POST /api/v1/planning/proposals/{id}/apply",
       {kCentral, fixed("/api/v1/planning/proposals/999999/apply"), fixed("{}")}},
      // The waitlist: citizens by code and token.
      {"POST /api/v1/waitlist", {kPublic, fixed("/api/v1/waitlist"), fixed("{}")}},
      {"GET /api/v1/waitlist/{code}", {kPublic, fixed("/api/v1/waitlist/W-XXXX?token=x")}},
      {"DELETE /api/v1/waitlist/{code}", {kPublic, fixed("/api/v1/waitlist/W-XXXX?token=x")}},
      {"GET /api/v1/waitlist/offers/{code}",
       {kPublic, fixed("/api/v1/waitlist/offers/W-XXXX?token=x")}},
      {"POST /api/v1/waitlist/offers/{code}/accept",
       {kPublic, fixed("/api/v1/waitlist/offers/W-XXXX/accept?token=x"), fixed("{}")}},
      {"POST /api/v1/waitlist/offers/{code}/decline",
       {kPublic, fixed("/api/v1/waitlist/offers/W-XXXX/decline?token=x"), fixed("{}")}},
  };

  const auto routes = ServerRoutes();
  ASSERT_GT(routes.size(), 60u);
  std::map<std::string, StaffSession> sessions;
  for (const auto& role : kRoles) {
    auto s = SignIn(server.port(), "m." + role);
    ASSERT_TRUE(s) << role;
    sessions[role] = *s;
  }
  int checked = 0;
  for (const std::string& route : routes) {
    auto it = cases.find(route);
    if (it == cases.end()) {
      ADD_FAILURE() << "no authorization matrix entry for " << route;
      continue;
    }
    const Case& c = it->second;
    const std::string method = route.substr(0, route.find(' '));
    std::vector<std::string> callers = {""};
    callers.insert(callers.end(), kRoles.begin(), kRoles.end());
    for (const std::string& caller : callers) {
      for (const Where& where : {Where{kOwn, kOwnDistrict}, Where{kOther, kOtherDistrict}}) {
        const bool own = where.location == kOwn;
        const std::string path = c.path(where);
        const std::string body = c.body ? c.body(where) : std::string();
        std::map<std::string, std::string> headers;
        if (!caller.empty()) {
          StaffSession s = sessions[caller];
          if (c.new_session) s = *SignIn(server.port(), "m." + caller);
          headers = s.Headers();
        }
        if (!body.empty()) headers["Content-Type"] = "application/json";
        int status = 0;
        HttpClient client(server.port());
        if (c.stream) {
          std::string raw = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
          if (headers.contains("Cookie")) raw += "Cookie: " + headers["Cookie"] + "\r\n";
          status = RawStatus(RawExchange(server.port(), raw + "\r\n", 400));
        } else {
          status = client.Request(method, path, body, headers).status;
        }
        const bool allowed =
            c.policy.is_public || (!caller.empty() && c.policy.roles.contains(caller) &&
                                   (own || !c.policy.scoped ||
                                    (caller != "counter_staff" && caller != "centre_manager" &&
                                     caller != "district_lead")));
        const std::string what = route + " as " + (caller.empty() ? "nobody" : caller) + " on " +
                                 (own ? "own" : "other") + " centre: " + std::to_string(status);
        ASSERT_NE(status, 0) << what;
        EXPECT_LT(status, 500) << what;
        if (allowed) {
          EXPECT_TRUE(status != 401 && status != 403) << what << " (expected to be let in)";
        } else if (caller.empty()) {
          EXPECT_EQ(status, 401) << what;
        } else {
          EXPECT_EQ(status, 403) << what;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(routes.size()) * 7 * 2);
  // And the other direction: an entry for a route that no longer exists is a stale policy.
  for (const auto& [route, c] : cases) {
    EXPECT_NE(std::ranges::find(routes, route), routes.end()) << "not a route: " << route;
  }
}

}  // namespace
}  // namespace amtszeit::testing
