#include "amtszeit/server/gate.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "amtszeit/auth/password.h"
#include "amtszeit/secrets/secrets.h"
#include "amtszeit/store/audit_scope.h"

namespace amtszeit::server {

namespace {

namespace json = boost::json;

bool Unsafe(const Request& req) { return req.method != "GET"; }

// The call centre's machine credential: a phone agent without a session (so no CSRF either).
std::optional<auth::Principal> FromPhoneKey(const App& app, const Request& req) {
  auto header = req.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (app.phone_api_key.empty() || !header || !header->starts_with(kBearer)) return std::nullopt;
  if (!secrets::SameSecret(std::string_view(*header).substr(kBearer.size()), app.phone_api_key)) {
    return std::nullopt;
  }
  return auth::Principal{.name = "phone-api-key", .role = auth::Role::kPhoneAgent};
}

Response Unauthenticated(const Request& req) {
  Response r = Problem(401, "sign in first (POST /api/v1/session)");
  if (req.Header("authorization")) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

json::value Strip(json::value v) {
  static constexpr std::string_view kDrop[] = {"contact", "token",      "hold_token",
                                               "email",   "phone",      "manage_url",
                                               "ics_url", "follow_url", "csrf_token"};
  if (v.is_object()) {
    json::object out;
    for (auto& [k, child] : v.as_object()) {
      if (std::ranges::find(kDrop, std::string_view(k)) != std::end(kDrop)) continue;
      out[k] = Strip(std::move(child));
    }
    return out;
  }
  if (v.is_array()) {
    json::array out;
    for (auto& child : v.as_array()) out.push_back(Strip(std::move(child)));
    return out;
  }
  return v;
}

// Who did what on which target; before, after and the status are added by whoever writes it.
AuditEntry AuditBase(App& app, const Request& req, const auth::Principal& who,
                     const auth::Target& target) {
  json::object params;
  for (const auto& [k, v] : req.params) params[k] = v;
  json::object t{{"params", std::move(params)}};
  if (!target.locations.empty()) {
    t["locations"] = json::array(target.locations.begin(), target.locations.end());
  }
  if (!target.districts.empty()) {
    t["districts"] = json::array(target.districts.begin(), target.districts.end());
  }
  return AuditEntry{.at = app.clock.Now(),
                    .user = who.name,
                    .role = std::string(auth::ToString(who.role)),
                    .action = req.method + " " + req.route,
                    .target = json::serialize(t)};
}

// For a successful action that changed no audited record in its own transactions (signing out,
// opening a counter): an entry of its own, with the answer as "after".
void AuditAfterwards(App& app, AuditEntry entry, const Response& r) {
  entry.status = r.status;
  entry.after = r.content_type.starts_with("application/json") ? WithoutPersonalData(r.body) : "";
  auto written = app.store.Write([&](store::WriteTx& tx) -> Result<void> {
    auto id = tx.AppendAudit(entry);
    if (!id) return std::unexpected(id.error());
    return {};
  });
  if (!written) spdlog::error("audit entry not written: {}", written.error().message);
}

}  // namespace

std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    while (pair.starts_with(' ')) pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return "";
}

bool SameOrigin(const Request& req) {
  auto host = req.Header("host");
  auto origin = req.Header("origin");
  auto source = origin ? origin : req.Header("referer");
  if (!source) return true;
  if (!host) return false;
  auto url = boost::urls::parse_uri(*source);
  if (!url) return false;
  return url->encoded_host_and_port() == *host;
}

std::string WithoutPersonalData(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return "";
  return json::serialize(Strip(std::move(v)));
}

Gate MakeGate(App& app) {
  return [&app](const Access& access, Request& req, const Handler& handler) -> Response {
    std::optional<auth::Principal> who = FromPhoneKey(app, req);
    if (!who && app.auth != nullptr) {
      const std::string token = CookieValue(req.Header("cookie").value_or(""), kSessionCookie);
      if (!token.empty()) {
        auto session = app.auth->Authenticate(token);
        if (!session) return Problem(session.error());
        if (*session) {
          const bool csrf_ok =
              !Unsafe(req) ||
              (SameOrigin(req) && secrets::SameSecret(req.Header("x-csrf-token").value_or(""),
                                                      (*session)->csrf_token));
          if (csrf_ok) {
            who = (*session)->principal;
            req.session_token = token;
            req.csrf_token = (*session)->csrf_token;
          } else if (!access.is_public) {
            return Problem(403,
                           "a signed-in request that changes data needs its X-CSRF-Token "
                           "(and the same origin)");
          }
          // On a public route a failed CSRF check only drops the session: the request is
          // answered as a citizen's, with none of the staff member's authority.
        }
      }
    }
    req.principal = who;
    auth::Target target;
    if (!access.is_public) {
      if (!who) return Unauthenticated(req);
      if (!access.roles.Has(who->role)) {
        return Problem(403, fmt::format("the role {} may not do this", auth::ToString(who->role)));
      }
      if (access.target) {
        auto t = access.target(req);
        if (!t) return Problem(t.error());
        target = std::move(*t);
        const auto district_of = [&app](std::string_view id) -> std::string {
          const Location* l = app.catalog->FindLocation(id);
          return l != nullptr ? l->district_id : std::string();
        };
        if (!auth::InScope(*who, target, district_of)) {
          return Problem(403, "this lies outside your centre or district");
        }
      }
    }
    if (!who || !Unsafe(req)) return handler(req);
    AuditEntry base = AuditBase(app, req, *who, target);
    bool written = false;
    Response r;
    {
      // Every audited record the handler's writes change gets its entry in that transaction.
      store::AuditScope scope(base);
      r = handler(req);
      written = scope.written();
    }
    if (!written && r.status >= 200 && r.status < 300) AuditAfterwards(app, std::move(base), r);
    return r;
  };
}

}  // namespace amtszeit::server
