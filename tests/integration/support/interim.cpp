#include "support/interim.h"

#include <gtest/gtest.h>

#include <set>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace amtszeit::testing {

namespace json = boost::json;

absl::CivilDay HamburgToday() {
  absl::TimeZone berlin;
  absl::LoadTimeZone("Europe/Berlin", &berlin);
  return absl::ToCivilDay(absl::Now(), berlin);
}

absl::CivilDay WorkingDayAfter(absl::CivilDay from) {
  auto off = [](absl::CivilDay d) {
    const absl::Weekday w = absl::GetWeekday(d);
    return w == absl::Weekday::saturday || w == absl::Weekday::sunday ||
           (d.month() == 12 && d.day() >= 24) || (d.month() == 1 && d.day() == 1) ||
           (d.month() == 10 && d.day() == 3) || (d.month() == 5 && d.day() == 1);
  };
  absl::CivilDay day = from + 3;
  while (off(day)) ++day;
  return day;
}

json::object InterimLocationBody(const InterimLocation& l) {
  const json::array weekday{json::object{{"from", "07:00"}, {"to", "19:00"}}};
  return {{"id", l.id},
          {"name", l.name},
          {"district_id", "hamburg-mitte"},
          {"address", {{"street", "Mengestraße 20"}, {"postcode", "21107"}, {"city", "Hamburg"}}},
          {"geo", {{"lat", 53.4968}, {"lon", 10.0107}}},
          {"counters", 4},
          {"hours",
           {{"weekly",
             {{"mon", weekday},
              {"tue", weekday},
              {"wed", weekday},
              {"thu", weekday},
              {"fri", weekday},
              {"sat", json::array()},
              {"sun", json::array()}}}}},
          {"valid_from", absl::FormatCivilTime(l.first)},
          {"valid_to", absl::FormatCivilTime(l.last)},
          {"interim_for", l.interim_for},
          {"reason", l.reason}};
}

std::string AppointmentColleague(HttpClient& central, absl::CivilDay day, const json::value& skill,
                                 const std::string& not_at) {
  const std::string d = absl::FormatCivilTime(day);
  auto r = central.Get("/api/v1/roster?from=" + d + "&to=" + d);
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return "";
  std::set<std::string> skilled;
  for (const auto& s : r.Json().at("staff").as_array()) {
    for (const auto& k : s.at("skills").as_array()) {
      if (k == skill) skilled.insert(std::string(s.at("id").as_string()));
    }
  }
  std::set<std::string> absent;
  for (const auto& a : r.Json().at("absences").as_array()) {
    absent.insert(std::string(a.at("staff_id").as_string()));
  }
  for (const auto& s : r.Json().at("shifts").as_array()) {
    const std::string id(s.at("staff_id").as_string());
    if (s.at("location_id") != not_at.c_str() && s.at("mode") == "appointments" &&
        skilled.contains(id) && !absent.contains(id)) {
      return id;
    }
  }
  return "";
}

}  // namespace amtszeit::testing
