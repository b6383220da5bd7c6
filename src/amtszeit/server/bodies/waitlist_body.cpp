#include "amtszeit/server/bodies/waitlist_body.h"

#include "amtszeit/capacity/capacity_index.h"
#include "amtszeit/server/body.h"

namespace amtszeit::server {

#define AMTSZEIT_TRY(var, expr) \
  auto var = (expr);            \
  if (!var) return std::unexpected(var.error())

Result<waitlist::JoinRequest> DecodeJoin(boost::json::value json) {
  AMTSZEIT_TRY(body, Body::Of(std::move(json), {"services", "locations", "districts", "windows",
                                                "latest", "move_in_date", "contact"}));
  waitlist::JoinRequest r;
  AMTSZEIT_TRY(services, body->Strings("services"));
  AMTSZEIT_TRY(locations, body->Strings("locations"));
  AMTSZEIT_TRY(districts, body->Strings("districts"));
  AMTSZEIT_TRY(windows, body->Strings("windows"));
  AMTSZEIT_TRY(latest, body->Day("latest"));
  AMTSZEIT_TRY(move_in, body->Day("move_in_date"));
  r.service_ids = std::move(*services);
  r.location_ids = std::move(*locations);
  r.district_ids = std::move(*districts);
  for (const std::string& w : *windows) {
    AMTSZEIT_TRY(bits, capacity::ParseWindows(w));
    r.windows |= *bits;
  }
  r.latest = *latest;
  r.move_in_date = *move_in;
  auto it = body->object().find("contact");
  if (it == body->object().end() || !it->value().is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "'contact' (name and e-mail or phone) is required");
  }
  for (const auto& [key, value] : it->value().as_object()) {
    if (!value.is_string()) return Fail(ErrorCode::kInvalidArgument, "contact: text expected");
    const std::string text(value.as_string());
    if (text.size() > 200) return Fail(ErrorCode::kInvalidArgument, "contact: {} too long", key);
    if (key == "name") {
      r.contact.name = text;
    } else if (key == "email") {
      r.contact.email = text;
    } else if (key == "phone") {
      r.contact.phone = text;
    } else if (key == "language") {
      r.contact.language = text;
    } else {
      return Fail(ErrorCode::kInvalidArgument, "contact: unknown member '{}'", std::string(key));
    }
  }
  return r;
}

}  // namespace amtszeit::server
