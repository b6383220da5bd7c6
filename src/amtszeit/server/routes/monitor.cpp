// Monitoring API: the promises and their thresholds, the live status per centre, district and
// city, KPI tables from history (JSON or CSV), the public transparency figures, and /metrics.
#include <boost/json.hpp>

#include "amtszeit/monitor/committee.h"
#include "amtszeit/monitor/history.h"
#include "amtszeit/monitor/metrics.h"
#include "amtszeit/monitor/status.h"
#include "amtszeit/report/committee_report.h"
#include "amtszeit/server/actor.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/body.h"
#include "amtszeit/server/routes/targets.h"

namespace amtszeit::server {

namespace {

namespace json = boost::json;
using monitor::KpiRow;
using monitor::Scope;

constexpr int kTransparencyMonths = 6;

json::object PromiseJson(const monitor::Promise& p) {
  json::object o{{"id", p.id},
                 {"name_de", p.name_de},
                 {"name_en", p.name_en},
                 {"unit", p.unit},
                 {"threshold", p.threshold}};
  switch (p.direction) {
    case monitor::Direction::kAtMost:
      o["direction"] = "at_most";
      break;
    case monitor::Direction::kAtLeast:
      o["direction"] = "at_least";
      break;
    case monitor::Direction::kInformative:
      o["direction"] = "informative";
      o["threshold"] = nullptr;
      break;
  }
  if (p.target) o["target"] = *p.target;
  return o;
}

json::array PromisesJson(const monitor::PromiseSet& set) {
  json::array out;
  for (const auto& p : set.promises) out.push_back(PromiseJson(p));
  return out;
}

json::object CellJson(const KpiRow& r) {
  json::object o{{"samples", r.samples}, {"light", monitor::ToString(r.light)}};
  o["value"] = r.value ? json::value(std::round(*r.value * 100) / 100) : json::value(nullptr);
  return o;
}

std::string ScopeName(const App& app, const Scope& s) {
  if (s.kind == Scope::Kind::kDistrict) {
    if (const District* d = app.catalog->FindDistrict(s.id)) return d->name;
  } else if (s.kind == Scope::Kind::kLocation) {
    if (const Location* l = app.catalog->FindLocation(s.id)) return l->name;
  }
  return "Hamburg";
}

// Rows grouped by scope: [{scope, name, district_id, values: {promise: cell}}].
json::array ByScope(const App& app, const std::vector<KpiRow>& rows) {
  json::array out;
  for (const KpiRow& r : rows) {
    const std::string key = r.scope.Key();
    if (out.empty() || out.back().as_object().at("scope").as_string() != key) {
      json::object scope{
          {"scope", key}, {"name", ScopeName(app, r.scope)}, {"values", json::object()}};
      if (r.scope.kind == Scope::Kind::kLocation) {
        scope["district_id"] = app.catalog->FindLocation(r.scope.id)->district_id;
      }
      out.push_back(std::move(scope));
    }
    out.back().as_object()["values"].as_object()[r.promise] = CellJson(r);
  }
  return out;
}

monitor::Sources SourcesOf(App& app) {
  return {.store = app.store, .engine = app.engine, .holidays = app.holidays, .zone = app.zone};
}

Response Promises(App& app, const Request&) {
  AMTSZEIT_OR_PROBLEM(set, monitor::LoadPromises(app.store));
  return Json({{"promises", PromisesJson(*set)}});
}

Response SetPromise(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, {"threshold", "actor", "reason"}));
  AMTSZEIT_OR_PROBLEM(threshold, body->Number("threshold"));
  if (!*threshold) return Problem(400, "'threshold' is required");
  AMTSZEIT_OR_PROBLEM(actor, ActorName(req, *body));
  AMTSZEIT_OR_PROBLEM(reason, body->RequiredString("reason", 500));
  AMTSZEIT_OR_PROBLEM(promise, monitor::SetThreshold(app.store, {.id = req.Param("id"),
                                                                 .threshold = **threshold,
                                                                 .actor = *actor,
                                                                 .reason = *reason,
                                                                 .at = app.clock.Now()}));
  return Json(PromiseJson(*promise));
}

Response Status(App& app, const Request&) {
  AMTSZEIT_OR_PROBLEM(view, monitor::LiveStatus(SourcesOf(app), app.clock.Now()));
  const absl::CivilDay today = app.steering.Today();
  AMTSZEIT_OR_PROBLEM(rebook, app.steering.ToRebook(today, today + 91));
  return Json({{"at", FormatInstant(view->at, app.zone)},
               {"lead_time_window_days", monitor::kLeadTimeWindowDays},
               {"promises", PromisesJson(view->promises)},
               {"scopes", ByScope(app, view->rows)},
               {"to_rebook", rebook->size()}});
}

Result<std::vector<Scope>> ScopesOf(const App& app, const Request& req) {
  std::vector<Scope> scopes;
  for (const auto& [name, value] : req.query) {
    if (name != "scope") continue;
    auto scope = monitor::ParseScope(value, *app.catalog);
    if (!scope) return std::unexpected(scope.error());
    scopes.push_back(std::move(*scope));
  }
  if (scopes.empty()) scopes.push_back(Scope::City());
  return scopes;
}

Response Kpis(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(period, monitor::ParsePeriod(req.Query("period").value_or("month")));
  AMTSZEIT_OR_PROBLEM(from, req.RequiredDay("from"));
  AMTSZEIT_OR_PROBLEM(to, req.OptionalDay("to"));
  AMTSZEIT_OR_PROBLEM(scopes, ScopesOf(app, req));
  AMTSZEIT_OR_PROBLEM(rows, monitor::LoadKpis(app.store, *app.catalog, app.zone, *period, *from,
                                              to->value_or(app.steering.Today()), *scopes));
  const std::string format = req.Query("format").value_or("json");
  if (format == "csv") {
    Response r{.content_type = "text/csv; charset=utf-8", .body = monitor::KpiCsv(*rows)};
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"kpis.csv\"");
    return r;
  }
  if (format != "json") return Problem(400, "format: 'json' or 'csv'");
  json::array items;
  for (const KpiRow& r : *rows) {
    json::object o = CellJson(r);
    o["period"] = FormatDay(r.period_start);
    o["scope"] = r.scope.Key();
    o["promise"] = r.promise;
    items.push_back(std::move(o));
  }
  return Json({{"period", monitor::ToString(*period)}, {"rows", std::move(items)}});
}

// Public: the city's and districts' promise figures, now and for the last six months. Only
// aggregates of events, never a person.
Response Transparency(App& app, const Request&) {
  AMTSZEIT_OR_PROBLEM(view, monitor::LiveStatus(SourcesOf(app), app.clock.Now()));
  const absl::CivilDay today = app.steering.Today();
  const absl::CivilDay first = absl::CivilDay(absl::CivilMonth(today) - (kTransparencyMonths - 1));
  std::vector<Scope> scopes = {Scope::City()};
  for (const District& d : app.catalog->districts) scopes.push_back(Scope::District(d.id));
  AMTSZEIT_OR_PROBLEM(history, monitor::LoadKpis(app.store, *app.catalog, app.zone,
                                                 monitor::Period::kMonth, first, today, scopes));
  json::array months;
  for (const KpiRow& r : *history) {
    json::object o = CellJson(r);
    o["month"] = FormatDay(r.period_start).substr(0, 7);
    o["scope"] = r.scope.Key();
    o["promise"] = r.promise;
    months.push_back(std::move(o));
  }
  return Json({{"at", FormatInstant(view->at, app.zone)},
               {"promises", PromisesJson(view->promises)},
               {"now", ByScope(app, view->rows)},
               {"months", std::move(months)}});
}

Response Metrics(App& app, const Request&) {
  AMTSZEIT_OR_PROBLEM(view, monitor::LiveStatus(SourcesOf(app), app.clock.Now()));
  const absl::CivilDay today = app.steering.Today();
  AMTSZEIT_OR_PROBLEM(rebook, app.steering.ToRebook(today, today + 91));
  std::int64_t waiting = 0;
  for (const Location& l : app.catalog->locations) {
    if (auto q = app.queue.Queue(l.id)) waiting += static_cast<std::int64_t>(q->waiting.size());
  }
  const booking::Writer& writer = app.engine.writer();
  const booking::Writer::CommitTimes commits = writer.commit_times();
  const std::string text = monitor::PrometheusText(
      *view, {.version = app.version,
              .writer_commits = writer.commits(),
              .writer_commands = writer.commands(),
              .writer_largest_group = writer.largest_group(),
              .writer_cpu_seconds = absl::ToDoubleSeconds(writer.busy()),
              .writer_commit_bounds = {booking::Writer::kCommitBounds.begin(),
                                       booking::Writer::kCommitBounds.end()},
              .writer_commit_counts = {commits.buckets.begin(), commits.buckets.end()},
              .writer_commit_seconds = absl::ToDoubleSeconds(commits.sum),
              .unstaffed_appointments = static_cast<std::int64_t>(rebook->size()),
              .waiting_tickets = waiting});
  return Response{.content_type = "text/plain; version=0.0.4; charset=utf-8", .body = text};
}

// The district committee's monthly report as a PDF, the same as `amtszeit report` writes.
Response CommitteeReport(App& app, const Request& req) {
  const std::string district = req.Query("district").value_or("");
  if (district.empty()) return Problem(400, "'district' is required");
  AMTSZEIT_OR_PROBLEM(month, monitor::ParseMonth(req.Query("month").value_or("")));
  AMTSZEIT_OR_PROBLEM(built, monitor::BuildCommitteeReport(app.store, *app.catalog, app.zone,
                                                           district, *month, app.clock.Now()));
  AMTSZEIT_OR_PROBLEM(pdf, report::RenderPdf(*built));
  Response r{.content_type = "application/pdf", .body = std::move(*pdf)};
  r.headers.emplace_back("Content-Disposition",
                         fmt::format("inline; filename=\"bericht-{}-{:04}-{:02}.pdf\"", district,
                                     month->year(), month->month()));
  return r;
}

}  // namespace

void AddMonitorRoutes(Router& router, App& app) {
  router.Add("GET", "/api/v1/promises", Access::Public(),
             [&app](const Request& r) { return Promises(app, r); });
  router.Add("PUT", "/api/v1/promises/{id}", Access::Staff(roles::kCentral),
             [&app](const Request& r) { return SetPromise(app, r); });
  router.Add("GET", "/api/v1/status", Access::Staff(roles::kSteering),
             [&app](const Request& r) { return Status(app, r); });
  router.Add("GET", "/api/v1/kpis", Access::Staff(roles::kSteering, targets::KpiScopes()),
             [&app](const Request& r) { return Kpis(app, r); });
  router.Add("GET", "/api/v1/transparency", Access::Public(),
             [&app](const Request& r) { return Transparency(app, r); });
  router.Add("GET", "/metrics", Access::Public(),
             [&app](const Request& r) { return Metrics(app, r); });
  router.Add("GET", "/api/v1/reports/committee",
             Access::Staff(roles::kDistrict, targets::QueryDistrictOrCity("district")),
             [&app](const Request& r) { return CommitteeReport(app, r); });
}

}  // namespace amtszeit::server
