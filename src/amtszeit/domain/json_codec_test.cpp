#include "amtszeit/domain/json_codec.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace amtszeit {
namespace {

using absl::CivilDay;

template <typename T>
void ExpectRoundTrip(const T& value) {
  auto back = FromJson<T>(ToJson(value));
  ASSERT_TRUE(back) << back.error().message << "\n" << boost::json::serialize(ToJson(value));
  EXPECT_EQ(*back, value);
}

TEST(JsonCodec, RoundTripsEveryType) {
  Location l{.id = "kz-a",
             .name = "A",
             .district_id = "d",
             .address = {"S 1", "20095", "Hamburg"},
             .geo = {53.5, 10.0},
             .status = LocationStatus::kInterim,
             .valid_from = CivilDay(2026, 1, 1),
             .counters = 3,
             .note = "estimate"};
  l.hours.weekly[0] = {{420, 720}, {780, 1140}};
  l.hours.exceptions = {{CivilDay(2026, 12, 24), {}, "Heiligabend"}};
  l.hours.closures = {{CivilDay(2027, 1, 1), CivilDay(2027, 1, 3), "Umzug"}};
  ExpectRoundTrip(l);
  ExpectRoundTrip(District{"altona", "Altona"});
  ExpectRoundTrip(Service{.id = "anmeldung",
                          .name_de = "Anmeldung",
                          .name_en = "Registration",
                          .duration_minutes = 15,
                          .legal_deadline_days = 14,
                          .priority = PriorityRule::kPassportBeforeSummer,
                          .skill = "melde",
                          .leika = "99115001000000",
                          .category = "melde"});
  ExpectRoundTrip(Staff{.id = "st-1", .display_name = "A", .skills = {"melde"}, .fte = 0.5});
  ExpectRoundTrip(Shift{.id = 4,
                        .staff_id = "st-1",
                        .location_id = "kz-a",
                        .day = CivilDay(2026, 12, 1),
                        .time = {480, 900},
                        .mode = ShiftMode::kExpress,
                        .break_time = TimeRange{720, 750}});
  ExpectRoundTrip(Absence{.id = 2,
                          .staff_id = "st-1",
                          .first = CivilDay(2026, 12, 1),
                          .last = CivilDay(2026, 12, 5),
                          .kind = AbsenceKind::kVacancy});
  ExpectRoundTrip(Holiday{CivilDay(2026, 10, 31), "Reformationstag"});
  ExpectRoundTrip(SchoolHoliday{SchoolHolidayKind::kSummer, "Sommerferien", CivilDay(2026, 7, 9),
                                CivilDay(2026, 8, 19)});
}

TEST(JsonCodec, ErrorsNameThePath) {
  auto v = ParseJson(R"({"id":"x","name":"X","district_id":"d","geo":{"lat":1,"lon":2},
      "hours":{"weekly":{"mon":[{"from":"7:5","to":"12:00"}]}}})");
  ASSERT_TRUE(v);
  auto l = FromJson<Location>(*v, "locations[3]");
  ASSERT_FALSE(l);
  EXPECT_NE(l.error().message.find("locations[3].hours.weekly.mon[0].from"), std::string::npos)
      << l.error().message;
}

TEST(JsonCodec, RefusesUnknownFieldsWrongTypesAndBadEnums) {
  auto unknown = FromJson<District>(*ParseJson(R"({"id":"a","name":"A","colour":"red"})"));
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("colour: unknown field"), std::string::npos);
  EXPECT_FALSE(FromJson<District>(*ParseJson(R"({"id":1,"name":"A"})")));
  EXPECT_FALSE(FromJson<Shift>(*ParseJson(
      R"({"staff_id":"s","location_id":"l","day":"2026-02-30","time":{"from":"08:00","to":"09:00"}})")));
  auto mode = FromJson<Shift>(*ParseJson(
      R"({"staff_id":"s","location_id":"l","day":"2026-02-03","time":{"from":"08:00","to":"09:00"},"mode":"nap"})"));
  ASSERT_FALSE(mode);
  EXPECT_NE(mode.error().message.find("mode"), std::string::npos);
  EXPECT_FALSE(ParseJson("{\"a\":"));
  EXPECT_FALSE(FromJson<TimeRange>(*ParseJson(R"({"from":"12:00","to":"08:00"})")));
}

}  // namespace
}  // namespace amtszeit
