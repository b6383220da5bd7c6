// Online services for citizens: the forms, submitting a request with its documents, following
// the case by code and token, and downloading one's own documents.
#include <boost/json.hpp>
#include <charconv>

#include "amtszeit/cases/upload_check.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/online_form.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/body.h"
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

Result<std::map<std::string, std::string>> Answers(const json::value& v) {
  std::map<std::string, std::string> out;
  if (v.is_null()) return out;
  if (!v.is_object()) return Fail(ErrorCode::kInvalidArgument, "'answers' must be an object");
  for (const auto& [key, value] : v.as_object()) {
    if (value.is_string()) {
      out[std::string(key)] = std::string(value.as_string());
    } else if (value.is_bool()) {
      if (value.as_bool()) out[std::string(key)] = "true";
    } else if (!value.is_null()) {
      return Fail(ErrorCode::kInvalidArgument, "answer '{}' must be a string", std::string(key));
    }
  }
  return out;
}

Result<std::vector<cases::Upload>> Documents(const json::value& v, const OnlineForm* form) {
  std::vector<cases::Upload> out;
  if (v.is_null()) return out;
  if (!v.is_array()) return Fail(ErrorCode::kInvalidArgument, "'documents' must be an array");
  for (const json::value& item : v.as_array()) {
    const json::object* o = item.if_object();
    const auto text = [&](std::string_view key) -> std::string {
      const json::value* m = o ? o->if_contains(key) : nullptr;
      return m && m->is_string() ? std::string(m->as_string()) : std::string();
    };
    if (o == nullptr || !o->contains("requirement") || !o->contains("data")) {
      return Fail(ErrorCode::kInvalidArgument,
                  "each document needs 'requirement', 'file_name' and 'data' (base64)");
    }
    for (const auto& [key, _] : *o) {
      if (key != "requirement" && key != "file_name" && key != "data") {
        return Fail(ErrorCode::kInvalidArgument, "unknown document field '{}'", std::string(key));
      }
    }
    cases::Upload u{.requirement_id = text("requirement"), .file_name = text("file_name")};
    const std::string data = text("data");
    // Refuse an oversized document before decoding it: padding aside, every four characters
    // carry three bytes.
    if (form != nullptr) {
      const DocumentRequirement* req = form->FindDocument(u.requirement_id);
      if (req != nullptr && data.size() / 4 * 3 > static_cast<std::size_t>(req->max_bytes) + 2) {
        return Fail(ErrorCode::kPayloadTooLarge, "document '{}': larger than {} bytes",
                    u.requirement_id, req->max_bytes);
      }
    }
    auto decoded = cases::DecodeBase64(data);
    if (!decoded) return std::unexpected(decoded.error());
    u.data = std::move(*decoded);
    out.push_back(std::move(u));
  }
  return out;
}

Response Submit(App& app, const Request& req) {
  // A request costs what a hold costs (storage, back-office time): the same per-client budget.
  if (app.limits != nullptr) {
    if (auto refused = app.limits->Hold(req.client)) return *refused;
  }
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, {"service", "language", "answers", "documents"}));
  AMTSZEIT_OR_PROBLEM(service, body->RequiredString("service", 100));
  AMTSZEIT_OR_PROBLEM(language, body->String("language"));
  AMTSZEIT_OR_PROBLEM(answers, Answers(body->Take("answers")));
  AMTSZEIT_OR_PROBLEM(documents, Documents(body->Take("documents"), app.cases->FindForm(*service)));
  AMTSZEIT_OR_PROBLEM(sent, app.cases->Submit({.service_id = *service,
                                               .language = language->value_or("de"),
                                               .answers = std::move(*answers),
                                               .documents = std::move(*documents)}));
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

Response Show(App& app, const Request& req) {
  // Same answer for a wrong code and a wrong token: the code alone reveals nothing.
  AMTSZEIT_OR_PROBLEM(view,
                      app.cases->ForCitizen(req.Param("code"), req.Query("token").value_or("")));
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
             [&app](const Request& r) { return Show(app, r); });
  router.Add(
      "GET", "/api/v1/cases/{code}/documents/{n}", Access::Public(), [&app](const Request& r) {
        AMTSZEIT_OR_PROBLEM(n, DocumentNumber(r));
        AMTSZEIT_OR_PROBLEM(
            doc, app.cases->CitizenDocument(r.Param("code"), r.Query("token").value_or(""), *n));
        return DocumentResponse(*doc);
      });
}

}  // namespace amtszeit::server
