// Online services for citizens: the forms, submitting a request with its documents, following
// the case by code and token, answering the back office's question, and downloading one's own
// documents.
#include <boost/json.hpp>
#include <charconv>

#include "amtszeit/cases/upload_check.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/online_form.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/bodies/case_bodies.h"
#include "amtszeit/server/routes/case_json.h"

namespace amtszeit::server {

namespace {

namespace json = boost::json;

Response Forms(App& app) {
  json::array items;
  for (const OnlineForm& form : app.cases->Forms()) {
    json::object o = ToJson(form).as_object();
    if (const Service* s = app.catalog->FindService(form.service_id)) {
      o["name_de"] = s->name_de;
      o["name_en"] = s->name_en;
    }
    items.push_back(std::move(o));
  }
  return Json({{"items", std::move(items)}});
}

Response Submit(App& app, const Request& req) {
  // A request costs what a hold costs (storage, back-office time): the same per-client budget.
  if (app.limits != nullptr) {
    if (auto refused = app.limits->Hold(req.client)) return *refused;
  }
  AMTSZEIT_OR_PROBLEM(json, req.Json());
  AMTSZEIT_OR_PROBLEM(submission,
                      DecodeSubmission(std::move(*json), [&app](std::string_view service) {
                        return app.cases->FindForm(service);
                      }));
  AMTSZEIT_OR_PROBLEM(sent, app.cases->Submit(std::move(*submission)));
  const OnlineCase& c = sent->online_case;
  const std::string status_url =
      fmt::format("{}/online/status?code={}&token={}", app.public_url, c.code, sent->token);
  Response r = Json({{"code", c.code},
                     {"token", sent->token},
                     {"status", ToString(c.status)},
                     {"service", c.service_id},
                     {"created_at", FormatInstant(c.created_at, app.zone)},
                     {"status_url", status_url}},
                    201);
  r.headers.emplace_back("Location", fmt::format("/api/v1/cases/{}", c.code));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response ShowCase(App& app, const Request& req) {
  // Same answer for a wrong code and a wrong token: the code alone reveals nothing.
  AMTSZEIT_OR_PROBLEM(view,
                      app.cases->ForCitizen(req.Param("code"), req.Query("token").value_or("")));
  Response r = Json(CaseJson(*view, app, false));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// The citizen answers the back office's question (by code and token, like the view) and sees the
// case as it is now.
Response Answer(App& app, const Request& req) {
  if (app.limits != nullptr) {
    if (auto refused = app.limits->Hold(req.client)) return *refused;
  }
  const std::string& code = req.Param("code");
  const std::string token = req.Query("token").value_or("");
  AMTSZEIT_OR_PROBLEM(json, req.Json());
  AMTSZEIT_OR_PROBLEM(reply, DecodeReply(std::move(*json)));
  AMTSZEIT_OR_PROBLEM(view, app.cases->Answer(code, token, std::move(*reply)));
  Response r = Json(CaseJson(*view, app, false));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace

Result<int> DocumentNumber(const Request& req) {
  const std::string& text = req.Param("n");
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1) {
    return Fail(ErrorCode::kNotFound, "no such document");
  }
  return n;
}

void AddCaseRoutes(Router& router, App& app) {
  router.Add("GET", "/api/v1/online-services", Access::Public(),
             [&app](const Request&) { return Forms(app); });
  router.Add("POST", "/api/v1/cases", Access::Public(),
             [&app](const Request& r) { return Submit(app, r); });
  router.Add("GET", "/api/v1/cases/{code}", Access::Public(),
             [&app](const Request& r) { return ShowCase(app, r); });
  router.Add("POST", "/api/v1/cases/{code}/answer", Access::Public(),
             [&app](const Request& r) { return Answer(app, r); });
  router.Add(
      "GET", "/api/v1/cases/{code}/documents/{n}", Access::Public(), [&app](const Request& r) {
        AMTSZEIT_OR_PROBLEM(n, DocumentNumber(r));
        AMTSZEIT_OR_PROBLEM(
            doc, app.cases->CitizenDocument(r.Param("code"), r.Query("token").value_or(""), *n));
        return DocumentResponse(*doc);
      });
}

}  // namespace amtszeit::server
