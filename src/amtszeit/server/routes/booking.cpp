#include <boost/json.hpp>

#include "amtszeit/booking/api_json.h"
#include "amtszeit/booking/ics.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/proof_http.h"

namespace amtszeit::server {

namespace {

using booking::BookingEngine;

// The call centre: its API key or a signed-in phone agent (or the control room), as the gate
// recognised them.
bool FromCallCentre(const App&, const Request& req) {
  return req.principal && roles::kPhone.Has(req.principal->role);
}

// The phone channel is for the city's call centre only.
std::optional<Response> RefusePhone(const App& app, const Request& req, Channel channel) {
  if (channel != Channel::kPhone) return std::nullopt;
  if (!FromCallCentre(app, req)) {
    if (req.principal) return Problem(403, "the phone channel is for the call centre");
    Response r = Problem(401, "the phone channel needs the call centre's API key or sign-in");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  return std::nullopt;
}

// Citizens' limits apply to everyone but the call centre, which serves many callers from one
// address. They are checked before the request is even parsed, so a refusal costs next to nothing.
ClientLimits* CitizenLimits(const App& app, const Request& req) {
  return app.limits != nullptr && !FromCallCentre(app, req) ? app.limits : nullptr;
}

std::optional<Response> LimitSearch(const App& app, const Request& req) {
  ClientLimits* limits = CitizenLimits(app, req);
  return limits != nullptr ? limits->Search(req.client) : std::nullopt;
}

booking::QueryLookup Lookup(const Request& req) {
  return [&req](std::string_view name) { return req.Query(name); };
}

std::string IdempotencyKey(const Request& req) {
  auto key = req.Header("idempotency-key");
  return key && key->size() <= 200 ? *key : std::string();
}

Response Slots(App& app, const Request& req) {
  if (auto refused = LimitSearch(app, req)) return *refused;
  auto search = booking::ParseSearchQuery(Lookup(req));
  if (!search) return Problem(search.error());
  if (auto refused = RefusePhone(app, req, search->channel)) return *refused;
  auto answer = app.engine.Search(*search);
  if (!answer) return Problem(answer.error());
  return Response{.body = booking::SearchAnswerText(*answer, app.engine)};
}

Response Days(App& app, const Request& req) {
  if (auto refused = LimitSearch(app, req)) return *refused;
  const std::string& id = req.Param("id");
  if (app.catalog->FindLocation(id) == nullptr) return Problem(404, "no location '" + id + "'");
  auto search = booking::ParseSearchQuery(Lookup(req));
  if (!search) return Problem(search.error());
  if (auto refused = RefusePhone(app, req, search->channel)) return *refused;
  search->locations = {id};
  auto days = app.engine.Days(*search);
  if (!days) return Problem(days.error());
  return Json(booking::DaysJson(id, *days));
}

Response CreateHold(App& app, const Request& req) {
  ClientLimits* limits = CitizenLimits(app, req);
  // The proof first: only attempts that paid for it count as holds (and raise the difficulty).
  std::optional<booking::ProofSpend> proof;
  if (!FromCallCentre(app, req)) {
    if (auto refused = RefuseWithoutProof(app, req, ProofBits(app, req.client), proof)) {
      return *refused;
    }
  }
  if (limits != nullptr) {
    if (auto refused = limits->Hold(req.client)) return *refused;
  }
  auto body = req.Json();
  if (!body) return Problem(body.error());
  auto hold = booking::ParseHoldRequest(*body);
  if (!hold) return Problem(hold.error());
  if (auto refused = RefusePhone(app, req, hold->channel)) return *refused;
  hold->idempotency_key = IdempotencyKey(req);
  hold->proof = std::move(proof);
  if (limits != nullptr) {
    if (auto refused = limits->ReserveHold(req.client)) return *refused;
  }
  auto receipt = app.engine.Hold(*hold);
  if (limits != nullptr) {
    // A replay answers a hold that was counted when it was made.
    if (receipt && !receipt->replayed) {
      limits->open_holds().Commit(req.client, receipt->appointment.code,
                                  receipt->appointment.hold_expires_at);
    } else {
      limits->open_holds().Abort(req.client);
    }
  }
  if (!receipt) {
    boost::json::array alternatives;
    for (const auto& slot : receipt.error().alternatives) {
      alternatives.push_back(booking::SlotJson(slot, app.engine));
    }
    boost::json::object extra;
    if (receipt.error().error.code == ErrorCode::kConflict) {
      extra["alternatives"] = std::move(alternatives);
    }
    return Problem(receipt.error().error, std::move(extra));
  }
  return Json(booking::ReceiptJson(*receipt, app.engine, app.public_url),
              receipt->replayed ? 200 : 201);
}

Response Confirm(App& app, const Request& req) {
  auto body = req.Json();
  if (!body) return Problem(body.error());
  auto confirm = booking::ParseConfirmRequest(*body);
  if (!confirm) return Problem(confirm.error());
  confirm->idempotency_key = IdempotencyKey(req);
  auto receipt = app.engine.Confirm(*confirm);
  if (!receipt) return Problem(receipt.error());
  if (app.limits != nullptr) app.limits->open_holds().Release(confirm->code);
  return Json(booking::ReceiptJson(*receipt, app.engine, app.public_url),
              receipt->replayed ? 200 : 201);
}

Result<std::string> Token(const Request& req) {
  auto token = req.Query("token");
  if (!token || token->empty()) {
    return Fail(ErrorCode::kNotFound, "no appointment with this code and token");
  }
  return *token;
}

// The citizen acts by the token of their link; the call centre by its key (Authorization: Bearer)
// on a caller's behalf. `token` keeps the token alive for the Authority that views it.
std::expected<booking::Authority, Response> Who(const App& app, const Request& req,
                                                std::string& token) {
  if (req.Header("authorization") || FromCallCentre(app, req)) {
    if (auto refused = RefusePhone(app, req, Channel::kPhone)) return std::unexpected(*refused);
    return booking::Authority::CallCentre();
  }
  auto t = Token(req);
  if (!t) return std::unexpected(Problem(t.error()));
  token = std::move(*t);
  return booking::Authority(token);
}

Response ShowAppointment(App& app, const Request& req) {
  std::string token;
  auto who = Who(app, req, token);
  if (!who) return who.error();
  auto a = app.engine.Get(req.Param("code"), *who);
  if (!a) return Problem(a.error());
  return Json(booking::AppointmentJson(*a, app.engine, true));
}

Response Cancel(App& app, const Request& req) {
  std::string token;
  auto who = Who(app, req, token);
  if (!who) return who.error();
  auto a = app.engine.Cancel(req.Param("code"), *who);
  if (!a) return Problem(a.error());
  if (app.limits != nullptr) app.limits->open_holds().Release(a->code);
  return Json(booking::AppointmentJson(*a, app.engine, true));
}

// The call centre looks up a caller's upcoming appointments by e-mail or phone number.
Response FindByContact(App& app, const Request& req) {
  if (auto refused = RefusePhone(app, req, Channel::kPhone)) return *refused;
  auto contact = req.Query("contact").value_or("");
  if (contact.empty())
    return Problem(400, "'contact' (an e-mail address or a phone number) is required");
  Contact c;
  (contact.find('@') != std::string::npos ? c.email : c.phone) = contact;
  auto found = app.engine.FindByContact(c);
  if (!found) return Problem(found.error());
  boost::json::array list;
  for (const auto& a : *found) list.push_back(booking::AppointmentJson(a, app.engine, true));
  return Json(boost::json::object{{"appointments", std::move(list)}});
}

Response Reschedule(App& app, const Request& req) {
  std::string token;
  auto who = Who(app, req, token);
  if (!who) return who.error();
  auto body = req.Json();
  if (!body) return Problem(body.error());
  auto move = booking::ParseRescheduleRequest(*body);
  if (!move) return Problem(move.error());
  auto a = app.engine.Reschedule(req.Param("code"), *who, move->hold, move->hold_token);
  if (!a) return Problem(a.error());
  if (app.limits != nullptr) app.limits->open_holds().Release(move->hold);
  return Json(booking::AppointmentJson(*a, app.engine, true));
}

Response Calendar(App& app, const Request& req) {
  auto token = Token(req);
  if (!token) return Problem(token.error());
  auto a = app.engine.Get(req.Param("code"), *token);
  if (!a) return Problem(a.error());
  const Location* location = app.catalog->FindLocation(a->location_id);
  if (location == nullptr) return Problem(500, "the appointment's centre is unknown");
  std::vector<const Service*> services;
  for (const std::string& id : a->service_ids) {
    if (const Service* s = app.catalog->FindService(id)) services.push_back(s);
  }
  const std::string manage =
      app.public_url + "/termin/" + a->code + "?token=" + std::string(*token);
  Response r{.status = 200,
             .content_type = "text/calendar; charset=utf-8",
             .body = booking::AppointmentIcs(*a, *location, services, manage)};
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"termin-" + a->code + ".ics\"");
  return r;
}

}  // namespace

void AddBookingRoutes(Router& router, App& app) {
  router.Add("GET", "/api/v1/slots", Access::Public(),
             [&app](const Request& r) { return Slots(app, r); });
  router.Add("GET", "/api/v1/locations/{id}/days", Access::Public(),
             [&app](const Request& r) { return Days(app, r); });
  router.Add("POST", "/api/v1/holds", Access::Public(),
             [&app](const Request& r) { return CreateHold(app, r); });
  router.Add("POST", "/api/v1/appointments", Access::Public(),
             [&app](const Request& r) { return Confirm(app, r); });
  router.Add("GET", "/api/v1/appointments", Access::Staff(roles::kPhone),
             [&app](const Request& r) { return FindByContact(app, r); });
  router.Add("GET", "/api/v1/appointments/{code}", Access::Public(),
             [&app](const Request& r) { return ShowAppointment(app, r); });
  router.Add("DELETE", "/api/v1/appointments/{code}", Access::Public(),
             [&app](const Request& r) { return Cancel(app, r); });
  router.Add("PATCH", "/api/v1/appointments/{code}", Access::Public(),
             [&app](const Request& r) { return Reschedule(app, r); });
  router.Add("GET", "/api/v1/appointments/{code}.ics", Access::Public(),
             [&app](const Request& r) { return Calendar(app, r); });
}

}  // namespace amtszeit::server
