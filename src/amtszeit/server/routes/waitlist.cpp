// The waitlist: join, look, leave; and the offer a freed slot makes (accept or decline).
#include <boost/json.hpp>

#include "amtszeit/booking/api_json.h"
#include "amtszeit/capacity/capacity_index.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/bodies/waitlist_body.h"
#include "amtszeit/server/body.h"

namespace amtszeit::server {

namespace {

namespace json = boost::json;

#define AMTSZEIT_TRY(var, expr) \
  auto var = (expr);            \
  if (!var) return std::unexpected(var.error())

json::array Windows(unsigned bits) {
  json::array out;
  for (auto [bit, name] :
       {std::pair{capacity::kWindowEarly, "early"}, std::pair{capacity::kWindowLate, "late"},
        std::pair{capacity::kWindowLunch, "lunch"},
        std::pair{capacity::kWindowSaturday, "saturday"}}) {
    if (bits & bit) out.emplace_back(name);
  }
  return out;
}

json::array Ids(const std::vector<std::string>& ids) {
  json::array out;
  for (const std::string& id : ids) out.emplace_back(id);
  return out;
}

json::value OfferJson(const App& app, const Appointment& hold) {
  json::object o{{"code", hold.code},
                 {"location_id", hold.location_id},
                 {"start", FormatInstant(hold.start, app.zone)},
                 {"end", FormatInstant(hold.end, app.zone)},
                 {"services", Ids(hold.service_ids)},
                 {"status", ToString(hold.status)},
                 {"expires_at", FormatInstant(hold.hold_expires_at, app.zone)}};
  if (const Location* l = app.catalog->FindLocation(hold.location_id)) {
    o["location_name"] = l->name;
    o["address"] = l->address.street + ", " + l->address.postcode + " " + l->address.city;
  }
  return o;
}

json::object EntryJson(const App& app, const waitlist::EntryView& v) {
  const WaitlistEntry& e = v.entry;
  json::object o{{"code", e.code},
                 {"status", ToString(e.status)},
                 {"services", Ids(e.service_ids)},
                 {"locations", Ids(e.location_ids)},
                 {"districts", Ids(e.district_ids)},
                 {"windows", Windows(e.windows)},
                 {"latest", FormatDay(e.latest)},
                 {"contact",
                  {{"name", e.contact.name},
                   {"email", e.contact.email},
                   {"phone", e.contact.phone},
                   {"language", e.contact.language.empty() ? "de" : e.contact.language}}},
                 {"created_at", FormatInstant(e.created_at, app.zone)}};
  if (e.move_in_date) o["move_in_date"] = FormatDay(*e.move_in_date);
  o["offer"] =
      v.offer && e.status == WaitlistStatus::kOffered && v.offer->status == AppointmentStatus::kHeld
          ? OfferJson(app, *v.offer)
          : json::value(nullptr);
  return o;
}

std::string TokenOf(const Request& req) { return req.Query("token").value_or(""); }

Response Join(App& app, const Request& req) {
  if (app.limits != nullptr) {
    if (auto refused = app.limits->Hold(req.client)) return *refused;
  }
  AMTSZEIT_OR_PROBLEM(json, req.Json());
  AMTSZEIT_OR_PROBLEM(r, DecodeJoin(std::move(*json)));
  AMTSZEIT_OR_PROBLEM(joined, app.waitlist->Join(*r));
  json::object o = EntryJson(app, {.entry = joined->entry});
  o["token"] = joined->token;
  o["manage_url"] =
      app.public_url + "/warteliste/" + joined->entry.code + "?token=" + joined->token;
  return Json(std::move(o), 201);
}

Response ShowWaitlistEntry(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(v, app.waitlist->Get(req.Param("code"), TokenOf(req)));
  return Json(EntryJson(app, *v));
}

Response Leave(App& app, const Request& req) {
  const std::string token = TokenOf(req);
  AMTSZEIT_OR_PROBLEM(e, app.waitlist->Leave(req.Param("code"), token));
  return Json(EntryJson(app, {.entry = *e}));
}

Response ShowOffer(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(v, app.waitlist->GetOffer(req.Param("code"), TokenOf(req)));
  json::object o = EntryJson(app, *v);
  // The page shows what became of this offer even once it is over.
  o["offer"] = OfferJson(app, *v->offer);
  return Json(std::move(o));
}

Response Accept(App& app, const Request& req) {
  const std::string token = TokenOf(req);
  AMTSZEIT_OR_PROBLEM(receipt, app.waitlist->Accept(req.Param("code"), token));
  if (receipt->token.empty()) {
    // The citizen's later appointment moved to the offered time: its code and link stay.
    return Json({{"appointment", booking::AppointmentJson(receipt->appointment, app.engine, true)},
                 {"moved", true}},
                200);
  }
  return Json(booking::ReceiptJson(*receipt, app.engine, app.public_url), 201);
}

Response Decline(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(v, app.waitlist->Decline(req.Param("code"), TokenOf(req)));
  json::object o = EntryJson(app, *v);
  o["offer"] = OfferJson(app, *v->offer);
  return Json(std::move(o));
}

}  // namespace

void AddWaitlistRoutes(Router& router, App& app) {
  using Handler = Response (*)(App&, const Request&);
  auto add = [&](std::string_view method, std::string_view path, Handler h) {
    router.Add(std::string(method), std::string(path), Access::Public(),
               [&app, h](const Request& r) {
                 if (app.waitlist == nullptr) return Problem(503, "the waitlist is not enabled");
                 return h(app, r);
               });
  };
  add("POST", "/api/v1/waitlist", Join);
  add("GET", "/api/v1/waitlist/{code}", ShowWaitlistEntry);
  add("DELETE", "/api/v1/waitlist/{code}", Leave);
  add("GET", "/api/v1/waitlist/offers/{code}", ShowOffer);
  add("POST", "/api/v1/waitlist/offers/{code}/accept", Accept);
  add("POST", "/api/v1/waitlist/offers/{code}/decline", Decline);
}

}  // namespace amtszeit::server
