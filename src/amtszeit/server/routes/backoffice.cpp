// The back office's online cases: the queue (oldest first), a case with its answers and
// documents, status changes with a note, and the open workload in minutes for planning.
// Staff only: the role check is attached where staff sign-in exists.
#include <boost/json.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/server/actor.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/bodies/case_bodies.h"
#include "amtszeit/server/routes/case_json.h"

namespace amtszeit::server {

Result<int> DocumentNumber(const Request& req);  // cases.cpp

namespace {

namespace json = boost::json;

Result<store::CaseFilter> Filter(const Request& req) {
  store::CaseFilter filter;
  const std::string status = req.Query("status").value_or("open");
  if (status == "open") {
    filter.statuses = {CaseStatus::kReceived, CaseStatus::kInProgress,
                       CaseStatus::kWaitingForCitizen};
  } else if (status != "all") {
    for (absl::string_view part : absl::StrSplit(status, ',', absl::SkipEmpty())) {
      auto s = ParseCaseStatus(std::string_view(part.data(), part.size()));
      if (!s) return std::unexpected(s.error());
      filter.statuses.push_back(*s);
    }
  }
  filter.service_id = req.Query("service").value_or("");
  return filter;
}

Response Queue(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(filter, Filter(req));
  AMTSZEIT_OR_PROBLEM(items, app.cases->Queue(*filter));
  json::array out;
  for (const OnlineCase& c : *items) out.push_back(QueueItemJson(c, app));
  return Json({{"items", std::move(out)}});
}

Response ChangeStatus(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, kStatusChangeFields));
  AMTSZEIT_OR_PROBLEM(change, DecodeStatusChange(*body));
  AMTSZEIT_OR_PROBLEM(actor, ActorName(req, *body));
  if (actor->empty()) return Problem(400, "actor is required");
  if (!change->location.empty() && app.catalog->FindLocation(change->location) == nullptr) {
    return Problem(400, fmt::format("unknown location '{}'", change->location));
  }
  AMTSZEIT_OR_PROBLEM(changed, app.cases->ChangeStatus(req.Param("code"), change->status,
                                                       change->note, *actor, change->location));
  AMTSZEIT_OR_PROBLEM(view, app.cases->ForStaff(changed->code));
  return Json(CaseJson(*view, app, true));
}

Response Workload(App& app, const Request& req) {
  int days = 28;
  if (auto text = req.Query("inflow_days")) {
    if (!absl::SimpleAtoi(*text, &days) || days < 1 || days > 366) {
      return Problem(400, "inflow_days must be a whole number in 1..366");
    }
  }
  AMTSZEIT_OR_PROBLEM(w, app.cases->CurrentWorkload(days));
  json::object by_service;
  for (const auto& [service, minutes] : w->open_minutes_by_service) by_service[service] = minutes;
  json::array by_day;
  for (const auto& d : w->open_by_received_day) {
    by_day.push_back({{"day", FormatDay(d.day)}, {"cases", d.cases}, {"minutes", d.minutes}});
  }
  json::object handling;
  for (const OnlineForm& f : app.cases->Forms()) handling[f.service_id] = f.handling_minutes;
  return Json({{"open_cases", w->open_cases},
               {"open_minutes", w->open_minutes},
               {"open_minutes_by_service", std::move(by_service)},
               {"open_by_received_day", std::move(by_day)},
               {"inflow_days", w->inflow_days},
               {"inflow_cases", w->inflow_cases},
               {"inflow_minutes_per_day", w->inflow_minutes_per_day},
               {"handling_minutes", std::move(handling)}});
}

}  // namespace

void AddBackOfficeRoutes(Router& router, App& app) {
  // Online cases are worked city-wide by whoever serves at the centres; not bound to one centre.
  const Access office = Access::Staff(roles::kBackOffice);
  router.Add("GET", "/api/v1/backoffice/cases", office,
             [&app](const Request& r) { return Queue(app, r); });
  router.Add("GET", "/api/v1/backoffice/cases/{code}", office, [&app](const Request& r) {
    AMTSZEIT_OR_PROBLEM(view, app.cases->ForStaff(r.Param("code")));
    Response out = Json(CaseJson(*view, app, true));
    out.headers.emplace_back("Cache-Control", "no-store");
    return out;
  });
  router.Add("POST", "/api/v1/backoffice/cases/{code}/status", office,
             [&app](const Request& r) { return ChangeStatus(app, r); });
  router.Add("GET", "/api/v1/backoffice/cases/{code}/documents/{n}", office,
             [&app](const Request& r) {
               AMTSZEIT_OR_PROBLEM(n, DocumentNumber(r));
               AMTSZEIT_OR_PROBLEM(doc, app.cases->StaffDocument(r.Param("code"), *n));
               return DocumentResponse(*doc);
             });
  router.Add("GET", "/api/v1/backoffice/workload", office,
             [&app](const Request& r) { return Workload(app, r); });
}

}  // namespace amtszeit::server
