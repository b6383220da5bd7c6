// Walk-in queue API: tickets (kiosk, web, counter), appointment check-in, counters and their
// actions, the call display, and the live streams (Server-Sent Events) of all three.
#include <boost/json.hpp>
#include <charconv>

#include "amtszeit/queue/json.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/body.h"
#include "amtszeit/server/routes/targets.h"

namespace amtszeit::server {

namespace {

std::optional<std::int64_t> TicketId(const Request& req) {
  const std::string& text = req.Param("id");
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string TokenOf(const Request& req) { return req.Query("token").value_or(""); }

std::optional<std::uint64_t> LastEventId(const Request& req) {
  auto header = req.Header("last-event-id");
  if (!header || header->empty()) return std::nullopt;
  std::uint64_t id = 0;
  auto [end, ec] = std::from_chars(header->data(), header->data() + header->size(), id);
  if (ec != std::errc() || end != header->data() + header->size()) return std::nullopt;
  return id;
}

Response Issued(App& app, const queue::Issued& issued) {
  auto o = queue::ToJson(issued.view, app.zone);
  o["token"] = issued.token;
  o["follow_url"] =
      fmt::format("{}/ticket/{}?token={}", app.public_url, issued.view.ticket.id, issued.token);
  return Json(o, 201);
}

Response IssueTicket(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, {"services", "priority", "source"}));
  AMTSZEIT_OR_PROBLEM(services, body->Strings("services"));
  AMTSZEIT_OR_PROBLEM(priority_text, body->String("priority"));
  AMTSZEIT_OR_PROBLEM(source_text, body->String("source"));
  queue::IssueRequest request{.location_id = req.Param("id"), .service_ids = *services};
  if (*priority_text) {
    AMTSZEIT_OR_PROBLEM(priority, ParsePriorityReason(**priority_text));
    request.priority = *priority;
  }
  if (*source_text) {
    AMTSZEIT_OR_PROBLEM(source, ParseTicketSource(**source_text));
    request.source = *source;
  }
  AMTSZEIT_OR_PROBLEM(issued, app.queue.Issue(request));
  return Issued(app, *issued);
}

Response CheckIn(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, {"code"}));
  AMTSZEIT_OR_PROBLEM(code, body->String("code"));
  if (!*code || (*code)->empty()) return Problem(400, "'code' is required");
  AMTSZEIT_OR_PROBLEM(issued, app.queue.CheckIn(req.Param("id"), **code));
  return Issued(app, *issued);
}

Response ShowTicket(App& app, const Request& req) {
  auto id = TicketId(req);
  if (!id) return Problem(404, "no such ticket");
  AMTSZEIT_OR_PROBLEM(view, app.queue.Get(*id, TokenOf(req)));
  return Json(queue::ToJson(*view, app.zone));
}

Response CancelTicket(App& app, const Request& req) {
  auto id = TicketId(req);
  if (!id) return Problem(404, "no such ticket");
  AMTSZEIT_OR_PROBLEM(view, app.queue.Cancel(*id, TokenOf(req)));
  return Json(queue::ToJson(*view, app.zone));
}

Response TicketEvents(App& app, const Request& req) {
  auto id = TicketId(req);
  if (!id) return Problem(404, "no such ticket");
  AMTSZEIT_OR_PROBLEM(view, app.queue.Get(*id, TokenOf(req)));
  auto subscription = app.hub.Subscribe(fmt::format("ticket/{}", *id), LastEventId(req), 0);
  app.queue.PublishTicket(*id);  // the follower's first event is the current state
  return EventStream(std::move(subscription));
}

Response ShowQueue(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(q, app.queue.Queue(req.Param("id")));
  return Json(queue::ToJson(*q, app.zone));
}

Response CounterJson(App& app, const queue::CounterResult& r) {
  return Json(boost::json::object{
      {"counter", queue::ToJson(r.counter, r.ticket, app.zone)},
      {"ticket", r.ticket ? boost::json::value(queue::ToJson(*r.ticket, app.zone)) : nullptr}});
}

Response ListCounters(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(q, app.queue.Queue(req.Param("id")));
  boost::json::array counters = queue::ToJson(*q, app.zone)["counters"].as_array();
  return Json(boost::json::object{{"counters", std::move(counters)}});
}

Response OpenCounter(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, {"mode", "staff", "services"}));
  AMTSZEIT_OR_PROBLEM(mode_text, body->String("mode"));
  AMTSZEIT_OR_PROBLEM(staff, body->String("staff"));
  AMTSZEIT_OR_PROBLEM(services, body->Strings("services"));
  queue::CounterSettings settings{.staff = staff->value_or(""), .service_ids = *services};
  if (*mode_text) {
    AMTSZEIT_OR_PROBLEM(mode, ParseCounterMode(**mode_text));
    settings.mode = *mode;
  }
  AMTSZEIT_OR_PROBLEM(r, app.queue.OpenCounter(req.Param("id"), req.Param("name"), settings));
  return CounterJson(app, *r);
}

Response CallNext(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(r, app.queue.CallNext(req.Param("id"), req.Param("name")));
  return CounterJson(app, *r);
}

Response Transfer(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(body, Body::Of(req, {"services"}));
  AMTSZEIT_OR_PROBLEM(services, body->Strings("services"));
  AMTSZEIT_OR_PROBLEM(r, app.queue.Transfer(req.Param("id"), req.Param("name"), *services));
  return CounterJson(app, *r);
}

Response CounterEvents(App& app, const Request& req) {
  AMTSZEIT_OR_PROBLEM(counters, app.queue.Counters(req.Param("id")));
  auto subscription = app.hub.Subscribe(
      fmt::format("counter/{}/{}", req.Param("id"), req.Param("name")), LastEventId(req), 0);
  app.queue.PublishCounter(req.Param("id"), req.Param("name"));  // the first events: now
  return EventStream(std::move(subscription));
}

Response Display(App& app, const Request& req) {
  const std::string& id = req.Param("id");
  AMTSZEIT_OR_PROBLEM(calls, app.queue.RecentCalls(id));
  boost::json::array list;
  for (const auto& c : *calls) list.push_back(queue::ToJson(c, app.zone));
  return Json(boost::json::object{{"location_id", id},
                                  {"name", app.catalog->FindLocation(id)->name},
                                  {"calls", std::move(list)}});
}

Response DisplayEvents(App& app, const Request& req) {
  const std::string& id = req.Param("id");
  if (!app.catalog->FindLocation(id)) return Problem(404, "no location '" + id + "'");
  // A new display shows the latest calls at once; a reconnecting one gets what it missed.
  auto subscription = app.hub.Subscribe("display/" + id, LastEventId(req), 10);
  return EventStream(std::move(subscription));
}

}  // namespace

void AddQueueRoutes(Router& router, App& app) {
  const std::string loc = "/api/v1/locations/{id}";
  router.Add("POST", loc + "/tickets", Access::Public(),
             [&app](const Request& r) { return IssueTicket(app, r); });
  router.Add("POST", loc + "/checkins", Access::Public(),
             [&app](const Request& r) { return CheckIn(app, r); });
  router.Add("GET", "/api/v1/tickets/{id}", Access::Public(),
             [&app](const Request& r) { return ShowTicket(app, r); });
  router.Add("DELETE", "/api/v1/tickets/{id}", Access::Public(),
             [&app](const Request& r) { return CancelTicket(app, r); });
  router.Add("GET", "/api/v1/tickets/{id}/events", Access::Public(),
             [&app](const Request& r) { return TicketEvents(app, r); });
  router.Add("GET", loc + "/queue", Access::Staff(roles::kQueueView, targets::PathLocation()),
             [&app](const Request& r) { return ShowQueue(app, r); });
  router.Add("GET", loc + "/counters", Access::Staff(roles::kQueueView, targets::PathLocation()),
             [&app](const Request& r) { return ListCounters(app, r); });
  router.Add("PUT", loc + "/counters/{name}",
             Access::Staff(roles::kCounter, targets::PathLocation()),
             [&app](const Request& r) { return OpenCounter(app, r); });
  router.Add("POST", loc + "/counters/{name}/call-next",
             Access::Staff(roles::kCounter, targets::PathLocation()),
             [&app](const Request& r) { return CallNext(app, r); });
  router.Add("POST", loc + "/counters/{name}/transfer",
             Access::Staff(roles::kCounter, targets::PathLocation()),
             [&app](const Request& r) { return Transfer(app, r); });
  const std::pair<const char*, queue::CounterAction> actions[] = {
      {"recall", queue::CounterAction::kRecall}, {"start", queue::CounterAction::kStart},
      {"finish", queue::CounterAction::kFinish}, {"no-show", queue::CounterAction::kNoShow},
      {"pause", queue::CounterAction::kPause},   {"resume", queue::CounterAction::kResume},
      {"close", queue::CounterAction::kClose}};
  for (const auto& [path, action] : actions) {
    router.Add("POST", loc + "/counters/{name}/" + path,
               Access::Staff(roles::kCounter, targets::PathLocation()),
               [&app, action](const Request& r) -> Response {
                 auto result = app.queue.Act(r.Param("id"), r.Param("name"), action);
                 if (!result) return Problem(result.error());
                 return CounterJson(app, *result);
               });
  }
  router.Add("GET", loc + "/counters/{name}/events",
             Access::Staff(roles::kQueueView, targets::PathLocation()),
             [&app](const Request& r) { return CounterEvents(app, r); });
  router.Add("GET", loc + "/display", Access::Public(),
             [&app](const Request& r) { return Display(app, r); });
  router.Add("GET", loc + "/display/events", Access::Public(),
             [&app](const Request& r) { return DisplayEvents(app, r); });
}

}  // namespace amtszeit::server
