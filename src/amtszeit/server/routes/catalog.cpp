#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "amtszeit/domain/json_codec.h"
#include "amtszeit/server/app.h"

namespace amtszeit::server {

namespace {

constexpr int kMaxOpeningHoursDays = 366;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Response Locations(const App& app, const Request& req) {
  auto district = req.Query("district");
  std::optional<LocationStatus> status;
  if (auto s = req.Query("status")) {
    auto parsed = ParseLocationStatus(*s);
    if (!parsed) return Problem(parsed.error());
    status = *parsed;
  }
  if (district && app.catalog->FindDistrict(*district) == nullptr) {
    return Problem(400, "unknown district '" + *district + "'");
  }
  boost::json::array out;
  for (const Location& l : app.catalog->locations) {
    if (district && l.district_id != *district) continue;
    if (status && l.status != *status) continue;
    out.push_back(ToJson(l));
  }
  return Json({{"locations", std::move(out)}});
}

Response Services(const App& app, const Request& req) {
  auto presence = req.OptionalBool("needs_presence");
  if (!presence) return Problem(presence.error());
  const std::string q = Lower(req.Query("q").value_or(""));
  boost::json::array out;
  for (const Service& s : app.catalog->services) {
    if (*presence && s.needs_presence != **presence) continue;
    if (!q.empty() && Lower(s.name_de).find(q) == std::string::npos &&
        Lower(s.name_en).find(q) == std::string::npos && s.id.find(q) == std::string::npos) {
      continue;
    }
    out.push_back(ToJson(s));
  }
  return Json({{"services", std::move(out)}});
}

Response OpeningHoursOf(const App& app, const Request& req) {
  const Location* l = app.catalog->FindLocation(req.Param("id"));
  if (l == nullptr) return Problem(404, "no location '" + req.Param("id") + "'");
  auto from = req.RequiredDay("from");
  if (!from) return Problem(from.error());
  auto to = req.RequiredDay("to");
  if (!to) return Problem(to.error());
  if (*to < *from) return Problem(400, "'to' is before 'from'");
  if (*to - *from >= kMaxOpeningHoursDays) {
    return Problem(400, "at most 366 days at a time");
  }
  if (from->year() < kFirstHolidayYear || to->year() > kLastHolidayYear) {
    return Problem(400, "dates must lie between 1990 and 2100");
  }
  static constexpr std::array<std::string_view, 7> kDays = {
      "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"};
  boost::json::array days;
  for (absl::CivilDay d = *from; d <= *to; ++d) {
    boost::json::array open;
    if (l->InServiceOn(d)) {
      for (const TimeRange& r : l->hours.OpenOn(d, app.holidays)) open.push_back(ToJson(r));
    }
    const Holiday* holiday = app.holidays.Find(d);
    boost::json::value closed_reason = nullptr;
    if (!l->InServiceOn(d)) {
      closed_reason = "Standort nicht in Betrieb";
    } else {
      for (const Closure& c : l->hours.closures) {
        if (c.first <= d && d <= c.last) closed_reason = c.reason;
      }
      for (const OpeningException& e : l->hours.exceptions) {
        if (e.day == d && e.ranges.empty()) closed_reason = e.reason;
      }
    }
    days.push_back({{"date", FormatDay(d)},
                    {"weekday", kDays[WeekdayIndex(d)]},
                    {"open", std::move(open)},
                    {"holiday", holiday ? boost::json::value(holiday->name) : nullptr},
                    {"closed_reason", closed_reason}});
  }
  return Json({{"location", l->id}, {"days", std::move(days)}});
}

}  // namespace

void AddCatalogRoutes(Router& router, App& app) {
  router.Add("GET", "/api/v1/districts", Access::Public(), [&app](const Request&) {
    boost::json::array out;
    for (const District& d : app.catalog->districts) out.push_back(ToJson(d));
    return Json({{"districts", std::move(out)}});
  });
  router.Add("GET", "/api/v1/locations", Access::Public(),
             [&app](const Request& r) { return Locations(app, r); });
  router.Add("GET", "/api/v1/locations/{id}", Access::Public(), [&app](const Request& r) {
    const Location* l = app.catalog->FindLocation(r.Param("id"));
    return l ? Json(ToJson(*l)) : Problem(404, "no location '" + r.Param("id") + "'");
  });
  router.Add("GET", "/api/v1/locations/{id}/opening-hours", Access::Public(),
             [&app](const Request& r) { return OpeningHoursOf(app, r); });
  router.Add("GET", "/api/v1/services", Access::Public(),
             [&app](const Request& r) { return Services(app, r); });
  router.Add("GET", "/api/v1/services/{id}", Access::Public(), [&app](const Request& r) {
    const Service* s = app.catalog->FindService(r.Param("id"));
    return s ? Json(ToJson(*s)) : Problem(404, "no service '" + r.Param("id") + "'");
  });
}

}  // namespace amtszeit::server
