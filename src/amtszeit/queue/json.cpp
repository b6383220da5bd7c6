#include "amtszeit/queue/json.h"

#include <boost/json/array.hpp>

#include "amtszeit/domain/civil_time.h"

namespace amtszeit::queue {

namespace {

boost::json::value Instant(const std::optional<absl::Time>& t, const absl::TimeZone& zone) {
  if (!t) return nullptr;
  return boost::json::string(FormatInstant(*t, zone));
}

template <typename T>
boost::json::value OrNull(const std::optional<T>& v) {
  if (!v) return nullptr;
  return *v;
}

}  // namespace

boost::json::object ToJson(const TicketView& view, const absl::TimeZone& zone) {
  const Ticket& t = view.ticket;
  boost::json::array services;
  for (const auto& s : t.service_ids) services.emplace_back(s);
  boost::json::object o{
      {"id", t.id},
      {"number", TicketLabel(t)},
      {"queue", ToString(t.queue)},
      {"status", ToString(t.status)},
      {"location_id", t.location_id},
      {"services", std::move(services)},
      {"priority", ToString(t.priority)},
      {"source", ToString(t.source)},
      {"issued_at", FormatInstant(t.issued_at, zone)},
      {"due_at", Instant(t.due_at, zone)},
      {"called_at", Instant(t.called_at, zone)},
      {"started_at", Instant(t.started_at, zone)},
      {"finished_at", Instant(t.finished_at, zone)},
      {"counter", t.counter.empty() ? boost::json::value(nullptr) : boost::json::value(t.counter)},
      {"recalls", t.recalls},
      {"position", OrNull(view.position)},
      {"estimated_wait_minutes", OrNull(view.wait_minutes)},
      {"transferred_from", OrNull(t.transferred_from)},
  };
  if (!t.appointment_code.empty()) o["appointment_code"] = t.appointment_code;
  return o;
}

boost::json::object ToJson(const Counter& c, const std::optional<TicketView>& ticket,
                           const absl::TimeZone& zone) {
  boost::json::array services;
  for (const auto& s : c.service_ids) services.emplace_back(s);
  return {{"location_id", c.location_id},
          {"name", c.name},
          {"mode", ToString(c.mode)},
          {"state", ToString(c.state)},
          {"staff", c.staff},
          {"services", std::move(services)},
          {"ticket", ticket ? boost::json::value(ToJson(*ticket, zone)) : nullptr},
          {"updated_at", FormatInstant(c.updated_at, zone)}};
}

boost::json::object ToJson(const CallRecord& call, const absl::TimeZone& zone) {
  return {{"ticket_id", call.ticket_id},
          {"number", call.number},
          {"counter", call.counter},
          {"at", FormatInstant(call.at, zone)}};
}

boost::json::object ToJson(const LocationQueue& q, const absl::TimeZone& zone) {
  auto list = [&](const std::vector<TicketView>& views) {
    boost::json::array a;
    for (const auto& v : views) a.push_back(ToJson(v, zone));
    return a;
  };
  boost::json::array counters;
  for (const Counter& c : q.counters) {
    std::optional<TicketView> ticket;
    for (const auto* group : {&q.called, &q.serving}) {
      for (const auto& v : *group) {
        if (c.ticket_id && v.ticket.id == *c.ticket_id) ticket = v;
      }
    }
    counters.push_back(ToJson(c, ticket, zone));
  }
  return {{"location_id", q.location_id},
          {"waiting", list(q.waiting)},
          {"called", list(q.called)},
          {"serving", list(q.serving)},
          {"counters", std::move(counters)},
          {"walk_in_wait_minutes", OrNull(q.walk_in_wait_minutes)},
          {"express_wait_minutes", OrNull(q.express_wait_minutes)}};
}

}  // namespace amtszeit::queue
