#include "amtszeit/booking/api_json.h"

#include <boost/json.hpp>

#include "absl/strings/str_split.h"
#include "amtszeit/booking/json_text.h"
#include "amtszeit/capacity/capacity_index.h"

namespace amtszeit::booking {

namespace json = boost::json;

namespace {

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  for (absl::string_view part :
       absl::StrSplit(absl::string_view(text.data(), text.size()), ',', absl::SkipWhitespace())) {
    out.emplace_back(part);
  }
  return out;
}

Result<std::optional<absl::CivilDay>> OptionalDay(const QueryLookup& get, std::string_view name) {
  auto raw = get(name);
  if (!raw) return std::optional<absl::CivilDay>();
  auto day = ParseDay(*raw);
  if (!day) return Fail(ErrorCode::kInvalidArgument, "{}: {}", name, day.error().message);
  return std::optional<absl::CivilDay>(*day);
}

Result<GeoPoint> ParseNear(std::string_view text) {
  const auto comma = text.find(',');
  auto bad = [&] { return Fail(ErrorCode::kInvalidArgument, "near: '{}' is not LAT,LON", text); };
  if (comma == std::string_view::npos) return bad();
  try {
    std::size_t used = 0;
    const std::string lat_text(text.substr(0, comma));
    const std::string lon_text(text.substr(comma + 1));
    const double lat = std::stod(lat_text, &used);
    if (used != lat_text.size()) return bad();
    const double lon = std::stod(lon_text, &used);
    if (used != lon_text.size()) return bad();
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return bad();
    return GeoPoint{lat, lon};
  } catch (const std::exception&) {
    return bad();
  }
}

// Reads a JSON object strictly: every key must be known.
class ObjectReader {
 public:
  static Result<ObjectReader> Of(const json::value& v, std::string_view what) {
    if (!v.is_object()) return Fail(ErrorCode::kInvalidArgument, "{} must be a JSON object", what);
    return ObjectReader(v.as_object(), what);
  }

  Result<void> OnlyKeys(std::initializer_list<std::string_view> keys) const {
    for (const auto& [k, _] : object_) {
      if (std::find(keys.begin(), keys.end(), std::string_view(k)) == keys.end()) {
        return Fail(ErrorCode::kInvalidArgument, "{}: unknown field '{}'", what_,
                    std::string_view(k));
      }
    }
    return {};
  }

  Result<std::string> String(std::string_view key, bool required) const {
    const json::value* v = object_.if_contains(key);
    if (v == nullptr || v->is_null()) {
      if (required) return Fail(ErrorCode::kInvalidArgument, "{}: '{}' is required", what_, key);
      return std::string();
    }
    if (!v->is_string()) {
      return Fail(ErrorCode::kInvalidArgument, "{}: '{}' must be a string", what_, key);
    }
    if (v->as_string().size() > 1000) {
      return Fail(ErrorCode::kInvalidArgument, "{}: '{}' is too long", what_, key);
    }
    return std::string(v->as_string());
  }

  Result<std::optional<absl::CivilDay>> Day(std::string_view key) const {
    auto text = String(key, false);
    if (!text) return std::unexpected(text.error());
    if (text->empty()) return std::optional<absl::CivilDay>();
    auto day = ParseDay(*text);
    if (!day)
      return Fail(ErrorCode::kInvalidArgument, "{}: {}: {}", what_, key, day.error().message);
    return std::optional<absl::CivilDay>(*day);
  }

  Result<std::vector<std::string>> Strings(std::string_view key) const {
    const json::value* v = object_.if_contains(key);
    if (v == nullptr || !v->is_array()) {
      return Fail(ErrorCode::kInvalidArgument, "{}: '{}' must be an array of ids", what_, key);
    }
    std::vector<std::string> out;
    for (const json::value& item : v->as_array()) {
      if (!item.is_string()) {
        return Fail(ErrorCode::kInvalidArgument, "{}: '{}' must contain strings", what_, key);
      }
      out.emplace_back(item.as_string());
    }
    return out;
  }

  Result<ObjectReader> Object(std::string_view key) const {
    const json::value* v = object_.if_contains(key);
    if (v == nullptr) return Fail(ErrorCode::kInvalidArgument, "{}: '{}' is required", what_, key);
    return Of(*v, key);
  }

 private:
  ObjectReader(const json::object& o, std::string_view what) : object_(o), what_(what) {}
  const json::object& object_;
  std::string_view what_;
};

// Local times of slots: the zone's offset is looked up once per day; on the two days a year the
// clocks change, each time is looked up on its own.
class LocalTimes {
 public:
  explicit LocalTimes(const absl::TimeZone& zone) : zone_(zone) {}

  std::string Format(absl::CivilDay day, int minute, absl::Time instant) {
    if (day != day_) {
      day_ = day;
      changes_ = DayLength(day, zone_) != absl::Hours(24);
      offset_ = zone_.At(ToInstant(day, 12 * 60, zone_)).offset;
    }
    return changes_ ? FormatInstant(instant, zone_) : FormatLocal(day, minute, offset_);
  }

 private:
  const absl::TimeZone& zone_;
  absl::CivilDay day_{1970, 1, 1};
  bool changes_ = true;
  int offset_ = 0;
};

json::value SlotJsonWith(const SlotView& s, const BookingEngine& engine, LocalTimes& times) {
  json::object o;
  o["location"] = s.location_id;
  if (const Location* l = engine.FindLocation(s.location_id)) o["location_name"] = l->name;
  o["start"] = times.Format(s.day, s.start_minute, s.start);
  o["end"] = times.Format(s.day, s.end_minute, s.end);
  o["duration_minutes"] = s.end_minute - s.start_minute;
  if (s.distance_km) o["distance_km"] = std::round(*s.distance_km * 100) / 100;
  if (s.within_deadline) o["within_deadline"] = *s.within_deadline;
  return o;
}

#define AMTSZEIT_TRY(var, expr) \
  auto var = (expr);            \
  if (!var) return std::unexpected(std::move(var).error())

}  // namespace

Result<SearchRequest> ParseSearchQuery(const QueryLookup& get) {
  SearchRequest r;
  auto services = get("services");
  if (!services || services->empty()) {
    return Fail(ErrorCode::kInvalidArgument, "services: choose at least one service id");
  }
  r.service_ids = SplitList(*services);
  AMTSZEIT_TRY(from, OptionalDay(get, "from"));
  AMTSZEIT_TRY(to, OptionalDay(get, "to"));
  r.from = *from;
  r.to = *to;
  AMTSZEIT_TRY(move_in, OptionalDay(get, "move_in_date"));
  AMTSZEIT_TRY(travel, OptionalDay(get, "travel_date"));
  r.move_in_date = *move_in;
  r.travel_date = *travel;
  if (auto v = get("districts")) r.districts = SplitList(*v);
  if (auto v = get("locations")) r.locations = SplitList(*v);
  if (auto v = get("window")) {
    AMTSZEIT_TRY(windows, capacity::ParseWindows(*v));
    r.windows = *windows;
  }
  if (auto v = get("near")) {
    AMTSZEIT_TRY(near, ParseNear(*v));
    r.near = *near;
  }
  if (auto v = get("limit")) {
    int limit = 0;
    for (char c : *v) {
      if (c < '0' || c > '9' || limit > 1000) {
        return Fail(ErrorCode::kInvalidArgument, "limit: '{}' is not a number from 1 to 200", *v);
      }
      limit = limit * 10 + (c - '0');
    }
    if (limit < 1 || limit > 200) {
      return Fail(ErrorCode::kInvalidArgument, "limit: '{}' is not a number from 1 to 200", *v);
    }
    r.limit = limit;
  }
  if (auto v = get("cursor")) r.cursor = *v;
  if (auto v = get("channel")) {
    AMTSZEIT_TRY(channel, ParseChannel(*v));
    if (*channel == Channel::kCounter) {
      return Fail(ErrorCode::kInvalidArgument, "channel: online or phone");
    }
    r.channel = *channel;
  }
  return r;
}

Result<HoldRequest> ParseHoldRequest(const json::value& body) {
  AMTSZEIT_TRY(o, ObjectReader::Of(body, "hold"));
  if (auto ok =
          o->OnlyKeys({"services", "location", "start", "channel", "move_in_date", "travel_date"});
      !ok) {
    return std::unexpected(ok.error());
  }
  HoldRequest r;
  AMTSZEIT_TRY(services, o->Strings("services"));
  r.service_ids = std::move(*services);
  AMTSZEIT_TRY(location, o->String("location", true));
  r.location_id = std::move(*location);
  AMTSZEIT_TRY(start_text, o->String("start", true));
  auto start = ParseInstant(*start_text);
  if (!start) return Fail(ErrorCode::kInvalidArgument, "hold: start: {}", start.error().message);
  r.start = *start;
  AMTSZEIT_TRY(channel_text, o->String("channel", false));
  if (!channel_text->empty()) {
    AMTSZEIT_TRY(channel, ParseChannel(*channel_text));
    if (*channel == Channel::kCounter) {
      return Fail(ErrorCode::kInvalidArgument, "hold: channel: online or phone");
    }
    r.channel = *channel;
  }
  AMTSZEIT_TRY(move_in, o->Day("move_in_date"));
  AMTSZEIT_TRY(travel, o->Day("travel_date"));
  r.move_in_date = *move_in;
  r.travel_date = *travel;
  return r;
}

Result<ConfirmRequest> ParseConfirmRequest(const json::value& body) {
  AMTSZEIT_TRY(o, ObjectReader::Of(body, "appointment"));
  if (auto ok = o->OnlyKeys({"hold", "token", "contact"}); !ok) return std::unexpected(ok.error());
  ConfirmRequest r;
  AMTSZEIT_TRY(hold, o->String("hold", true));
  AMTSZEIT_TRY(token, o->String("token", true));
  r.code = std::move(*hold);
  r.token = std::move(*token);
  AMTSZEIT_TRY(contact, o->Object("contact"));
  if (auto ok = contact->OnlyKeys({"name", "email", "phone", "language"}); !ok) {
    return std::unexpected(ok.error());
  }
  AMTSZEIT_TRY(name, contact->String("name", true));
  AMTSZEIT_TRY(email, contact->String("email", false));
  AMTSZEIT_TRY(phone, contact->String("phone", false));
  AMTSZEIT_TRY(language, contact->String("language", false));
  if (!language->empty() && *language != "de" && *language != "en") {
    return Fail(ErrorCode::kInvalidArgument, "appointment: contact: language: de or en");
  }
  r.contact = {std::move(*name), std::move(*email), std::move(*phone), std::move(*language)};
  return r;
}

Result<RescheduleRequest> ParseRescheduleRequest(const json::value& body) {
  AMTSZEIT_TRY(o, ObjectReader::Of(body, "reschedule"));
  if (auto ok = o->OnlyKeys({"hold", "hold_token"}); !ok) return std::unexpected(ok.error());
  AMTSZEIT_TRY(hold, o->String("hold", true));
  AMTSZEIT_TRY(token, o->String("hold_token", true));
  return RescheduleRequest{std::move(*hold), std::move(*token)};
}

json::value SlotJson(const SlotView& s, const BookingEngine& engine) {
  LocalTimes times(engine.options().zone);
  return SlotJsonWith(s, engine, times);
}

json::value SearchAnswerJson(const SearchAnswer& a, const BookingEngine& engine) {
  json::object o;
  json::array slots;
  LocalTimes times(engine.options().zone);
  for (const SlotView& s : a.slots) slots.push_back(SlotJsonWith(s, engine, times));
  o["slots"] = std::move(slots);
  o["next_cursor"] = a.next_cursor.empty() ? json::value(nullptr) : json::value(a.next_cursor);
  o["duration_minutes"] = a.duration_minutes;
  o["deadline"] = a.deadline ? json::value(FormatDay(*a.deadline)) : json::value(nullptr);
  o["bookable_from"] = FormatDay(a.first_bookable);
  o["bookable_to"] = FormatDay(a.last_bookable);
  json::array online;
  for (const OnlineAlternative& alt : a.online) {
    online.push_back({{"service", alt.service_id}, {"name", alt.name}, {"url", alt.url}});
  }
  o["online"] = std::move(online);
  return o;
}

std::string SearchAnswerText(const SearchAnswer& a, const BookingEngine& engine) {
  std::string out;
  out.reserve(256 + a.slots.size() * 192);
  LocalTimes times(engine.options().zone);
  out += "{\"slots\":[";
  for (std::size_t i = 0; i < a.slots.size(); ++i) {
    const SlotView& s = a.slots[i];
    out += i == 0 ? "{" : ",{";
    AppendKey(out, "location");
    AppendString(out, s.location_id);
    if (const Location* l = engine.FindLocation(s.location_id)) {
      out += ',';
      AppendKey(out, "location_name");
      AppendString(out, l->name);
    }
    // Times and days are digits and punctuation: nothing to escape.
    out += ",\"start\":\"";
    out += times.Format(s.day, s.start_minute, s.start);
    out += "\",\"end\":\"";
    out += times.Format(s.day, s.end_minute, s.end);
    out += '"';
    out += ",\"duration_minutes\":";
    AppendInt(out, s.end_minute - s.start_minute);
    if (s.distance_km) {
      // Doubles as the tree writes them, so both spellings of an answer stay identical.
      out += ",\"distance_km\":";
      out += json::serialize(json::value(std::round(*s.distance_km * 100) / 100));
    }
    if (s.within_deadline) {
      out += ",\"within_deadline\":";
      out += *s.within_deadline ? "true" : "false";
    }
    out += '}';
  }
  out += "],\"next_cursor\":";
  if (a.next_cursor.empty()) {
    out += "null";
  } else {
    AppendString(out, a.next_cursor);
  }
  out += ",\"duration_minutes\":";
  AppendInt(out, a.duration_minutes);
  out += ",\"deadline\":";
  if (a.deadline) {
    AppendString(out, FormatDay(*a.deadline));
  } else {
    out += "null";
  }
  out += ",\"bookable_from\":";
  AppendString(out, FormatDay(a.first_bookable));
  out += ",\"bookable_to\":";
  AppendString(out, FormatDay(a.last_bookable));
  out += ",\"online\":[";
  for (std::size_t i = 0; i < a.online.size(); ++i) {
    const OnlineAlternative& alt = a.online[i];
    out += i == 0 ? "{" : ",{";
    AppendKey(out, "service");
    AppendString(out, alt.service_id);
    out += ",\"name\":";
    AppendString(out, alt.name);
    out += ",\"url\":";
    AppendString(out, alt.url);
    out += '}';
  }
  out += "]}";
  return out;
}

json::value DaysJson(std::string_view location, const std::vector<DayAvailability>& days) {
  json::array out;
  for (const DayAvailability& d : days) {
    out.push_back({{"date", FormatDay(d.day)},
                   {"starts", d.starts},
                   {"first", d.first_minute ? json::value(FormatClock(*d.first_minute))
                                            : json::value(nullptr)}});
  }
  return {{"location", location}, {"days", std::move(out)}};
}

json::value AppointmentJson(const Appointment& a, const BookingEngine& engine, bool with_contact) {
  const absl::TimeZone& zone = engine.options().zone;
  json::object o;
  o["code"] = a.code;
  o["status"] = ToString(a.status);
  o["location"] = a.location_id;
  if (const Location* l = engine.FindLocation(a.location_id)) {
    o["location_name"] = l->name;
    o["address"] = l->address.street + ", " + l->address.postcode + " " + l->address.city;
  }
  o["start"] = FormatInstant(a.start, zone);
  o["end"] = FormatInstant(a.end, zone);
  json::array services;
  for (const std::string& s : a.service_ids) services.push_back(json::value(s));
  o["services"] = std::move(services);
  o["channel"] = ToString(a.channel);
  if (a.status == AppointmentStatus::kHeld) {
    o["hold_expires_at"] = FormatInstant(a.hold_expires_at, zone);
  }
  if (a.move_in_date) o["move_in_date"] = FormatDay(*a.move_in_date);
  if (a.travel_date) o["travel_date"] = FormatDay(*a.travel_date);
  if (with_contact && !a.contact.name.empty()) {
    o["contact"] = {{"name", a.contact.name},
                    {"email", a.contact.email},
                    {"phone", a.contact.phone},
                    {"language", a.contact.language.empty() ? "de" : a.contact.language}};
  }
  return o;
}

json::value ReceiptJson(const Receipt& r, const BookingEngine& engine, std::string_view base_url) {
  json::object o;
  o["appointment"] = AppointmentJson(r.appointment, engine, true);
  o["token"] = r.token;
  const std::string query = "?token=" + r.token;
  o["manage_url"] = std::string(base_url) + "/termin/" + r.appointment.code + query;
  o["ics_url"] =
      std::string(base_url) + "/api/v1/appointments/" + r.appointment.code + ".ics" + query;
  return o;
}

}  // namespace amtszeit::booking
