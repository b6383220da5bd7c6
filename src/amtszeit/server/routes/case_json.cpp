#include "amtszeit/server/routes/case_json.h"

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/json_codec.h"

namespace amtszeit::server {

namespace json = boost::json;

namespace {

// RFC 5987 encoding for filename*: everything but unreserved characters percent-encoded.
std::string PercentEncode(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

std::string AsciiFallback(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f && c != '"' && c != '\\') ? c : '_';
  }
  return out;
}

}  // namespace

json::object CaseJson(const cases::CaseView& view, const App& app, bool staff) {
  const OnlineCase& c = view.online_case;
  json::array history;
  for (const CaseEvent& e : view.events) {
    json::object o{{"at", FormatInstant(e.at, app.zone)},
                   {"from", e.from ? json::value(ToString(*e.from)) : json::value(nullptr)},
                   {"to", ToString(e.to)},
                   {"note", e.note}};
    if (staff) o["actor"] = e.actor;
    history.push_back(std::move(o));
  }
  json::array documents;
  for (const CaseDocument& d : view.documents) {
    documents.push_back({{"number", d.number},
                         {"requirement", d.requirement_id},
                         {"file_name", d.file_name},
                         {"content_type", d.content_type},
                         {"size", d.size}});
  }
  json::object o{{"code", c.code},
                 {"service", c.service_id},
                 {"status", ToString(c.status)},
                 {"language", c.language},
                 {"created_at", FormatInstant(c.created_at, app.zone)},
                 {"updated_at", FormatInstant(c.updated_at, app.zone)},
                 {"closed_at", c.closed_at ? json::value(FormatInstant(*c.closed_at, app.zone))
                                           : json::value(nullptr)},
                 {"history", std::move(history)},
                 {"documents", std::move(documents)}};
  if (staff) {
    auto answers = ParseJson(c.answers_json);
    o["answers"] = answers && answers->is_object() ? *answers : json::object();
    o["assignee"] = c.assignee;
    o["location"] = c.location_id;
    o["personal_data_cleared"] = c.forgotten;
  }
  return o;
}

json::object QueueItemJson(const OnlineCase& c, const App& app) {
  return {{"code", c.code},
          {"service", c.service_id},
          {"status", ToString(c.status)},
          {"assignee", c.assignee},
          {"location", c.location_id},
          {"created_at", FormatInstant(c.created_at, app.zone)},
          {"updated_at", FormatInstant(c.updated_at, app.zone)}};
}

Response DocumentResponse(const CaseDocument& document) {
  Response r{.content_type = document.content_type, .body = document.data};
  r.headers.emplace_back(
      "Content-Disposition",
      fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}",
                  AsciiFallback(document.file_name), PercentEncode(document.file_name)));
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

}  // namespace amtszeit::server
