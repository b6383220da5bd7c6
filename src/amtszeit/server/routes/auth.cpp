// Staff sign-in (a session cookie and a CSRF token), who is signed in, sign-out, and the audit
// log of staff actions for administrators.
#include <boost/json.hpp>
#include <cmath>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/bodies/login_body.h"
#include "amtszeit/server/body.h"
#include "amtszeit/server/gate.h"

namespace amtszeit::server {

namespace {

namespace json = boost::json;

constexpr int kDefaultAuditLimit = 200;
constexpr int kMaxAuditLimit = 1000;

json::object UserJson(const auth::Principal& p) {
  json::object o{{"name", p.name}, {"role", auth::ToString(p.role)}};
  o["location_id"] = p.location_id.empty() ? json::value(nullptr) : json::value(p.location_id);
  o["district_id"] = p.district_id.empty() ? json::value(nullptr) : json::value(p.district_id);
  return o;
}

// HttpOnly: scripts never see the token; SameSite=Strict: other sites' pages cannot send it;
// Secure once the server knows the client came over TLS.
std::string SessionCookie(const Request& req, std::string_view token, std::int64_t max_age) {
  return fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}", kSessionCookie,
                     token, max_age, req.https ? "; Secure" : "");
}

Response Login(App& app, const Request& req) {
  if (app.auth == nullptr) return Problem(503, "staff sign-in is not available");
  AMTSZEIT_OR_PROBLEM(json, req.Json());
  AMTSZEIT_OR_PROBLEM(body, DecodeLogin(std::move(*json)));
  auto in = app.auth->Login(body->name, body->password, req.client);
  if (!in) {
    Response r = Problem(in.error().error);
    if (in.error().error.code == ErrorCode::kTooManyRequests) {
      std::erase_if(r.headers, [](const auto& h) { return h.first == "Retry-After"; });
      const auto seconds =
          static_cast<long long>(std::ceil(absl::ToDoubleSeconds(in.error().retry_after)));
      r.headers.emplace_back("Retry-After", std::to_string(std::max(1LL, seconds)));
    }
    return r;
  }
  const auto max_age = absl::ToInt64Seconds(in->expires_at - app.clock.Now());
  Response r = Json({{"user", UserJson(in->principal)},
                     {"csrf_token", in->csrf_token},
                     {"expires_at", FormatInstant(in->expires_at, app.zone)}},
                    201);
  r.headers.emplace_back("Set-Cookie", SessionCookie(req, in->token, max_age));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response WhoAmI(App&, const Request& req) {
  Response r = Json({{"user", UserJson(*req.principal)}, {"csrf_token", req.csrf_token}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response Logout(App& app, const Request& req) {
  if (!req.session_token.empty() && app.auth != nullptr) {
    AMTSZEIT_OR_PROBLEM(out, app.auth->Logout(req.session_token));
  }
  Response r{.status = 204};
  r.headers.emplace_back("Set-Cookie", SessionCookie(req, "", 0));
  return r;
}

json::value JsonOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(text) : v;
}

// The audit log, newest first. An action that changed appointments, tickets, shifts, settings
// or cases has its entry written in the change's own transaction, with the records' state before
// and after; a steering change's entry also carries the steering audit's row.
Response Audit(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(from, req.OptionalDay("from"));
  AMTSZEIT_OR_PROBLEM(to, req.OptionalDay("to"));
  const absl::CivilDay today = absl::ToCivilDay(app.clock.Now(), app.zone);
  const absl::CivilDay first = from->value_or(today - 6);
  const absl::CivilDay last = to->value_or(today);
  if (last < first) return Problem(400, "'to' lies before 'from'");
  int limit = kDefaultAuditLimit;
  if (auto text = req.Query("limit")) {
    char* end = nullptr;
    const long value = std::strtol(text->c_str(), &end, 10);
    if (text->empty() || *end != '\0' || value < 1 || value > kMaxAuditLimit) {
      return Problem(400, fmt::format("'limit' is a number from 1 to {}", kMaxAuditLimit));
    }
    limit = static_cast<int>(value);
  }
  const absl::Time begin = ToInstant(first, 0, app.zone);
  const absl::Time end = ToInstant(last + 1, 0, app.zone);
  AMTSZEIT_OR_PROBLEM(entries, app.store.ReadAudit(begin, end, limit));
  AMTSZEIT_OR_PROBLEM(actions, app.store.ReadActions(begin, end));
  std::map<std::int64_t, const SteeringAction*> by_id;
  for (const SteeringAction& a : *actions) by_id[a.id] = &a;
  json::array items;
  for (const AuditEntry& e : *entries) {
    json::object o{{"id", e.id},
                   {"at", FormatInstant(e.at, app.zone)},
                   {"user", e.user},
                   {"role", e.role},
                   {"action", e.action},
                   {"target", JsonOrNull(e.target)},
                   // 0: written in the change's own transaction, before the answer existed.
                   {"status", e.status != 0 ? json::value(e.status) : json::value(nullptr)},
                   {"before", JsonOrNull(e.before)},
                   {"after", JsonOrNull(e.after)}};
    const json::value& after = o["after"];
    if (after.is_object() && after.as_object().contains("action_id") &&
        after.as_object().at("action_id").is_int64()) {
      auto it = by_id.find(after.as_object().at("action_id").as_int64());
      if (it != by_id.end()) {
        const SteeringAction& a = *it->second;
        o["steering"] = {{"id", a.id},
                         {"kind", a.kind},
                         {"reason", a.reason},
                         {"location_id", a.location_id},
                         {"staff_id", a.staff_id},
                         {"before", JsonOrNull(a.before)},
                         {"after", JsonOrNull(a.after)}};
      }
    }
    items.push_back(std::move(o));
  }
  return Json({{"from", FormatDay(first)}, {"to", FormatDay(last)}, {"entries", std::move(items)}});
}

}  // namespace

void AddAuthRoutes(Router& router, App& app) {
  router.Add("POST", "/api/v1/session", Access::Public(),
             [&app](const Request& r) { return Login(app, r); });
  router.Add("GET", "/api/v1/session", Access::Staff(roles::kAllStaff),
             [&app](const Request& r) { return WhoAmI(app, r); });
  router.Add("DELETE", "/api/v1/session", Access::Staff(roles::kAllStaff),
             [&app](const Request& r) { return Logout(app, r); });
  router.Add("GET", "/api/v1/audit", Access::Staff(roles::kAdmin),
             [&app](const Request& r) { return Audit(app, r); });
}

}  // namespace amtszeit::server
