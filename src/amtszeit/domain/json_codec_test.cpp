#include "amtszeit/domain/json_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

namespace amtszeit {
namespace {

using absl::CivilDay;
using ::testing::HasSubstr;

boost::json::value Json(std::string_view text) {
  auto v = ParseJson(text);
  EXPECT_TRUE(v) << v.error().message;
  return v ? *v : boost::json::value();
}

template <typename T>
void ExpectRoundTrip(const T& value) {
  const boost::json::value json = ToJson(value);
  auto back = FromJson<T>(json);
  ASSERT_TRUE(back) << back.error().message << "\n" << boost::json::serialize(json);
  EXPECT_EQ(*back, value) << boost::json::serialize(json);
  // Through text as well: what the data files and the API actually carry.
  auto reparsed = FromJson<T>(Json(boost::json::serialize(json)));
  ASSERT_TRUE(reparsed) << reparsed.error().message;
  EXPECT_EQ(*reparsed, value);
}

// The error message of decoding `text` as T; fails the test when decoding succeeds.
template <typename T>
std::string ErrorOf(std::string_view text, std::string_view path = "") {
  auto r = FromJson<T>(Json(text), path);
  EXPECT_FALSE(r) << "decoded although it should not: " << text;
  if (r) return "";
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  return r.error().message;
}

OpeningHours SampleHours() {
  OpeningHours h;
  for (int d = 0; d < 5; ++d) h.weekly[d] = {{420, 1140}};
  h.weekly[5] = {{540, 720}, {780, 900}};
  h.exceptions = {{CivilDay(2026, 12, 24), {}, "Heiligabend"},
                  {CivilDay(2026, 12, 27), {{600, 840}}, "Sonderöffnung"}};
  h.closures = {{CivilDay(2027, 1, 4), CivilDay(2027, 1, 8), "Umzug"}};
  h.closed_on_public_holidays = false;
  return h;
}

TEST(JsonCodec, RoundTripsTimeRangesIncludingMidnightEnd) {
  ExpectRoundTrip(TimeRange{0, 5});
  ExpectRoundTrip(TimeRange{420, 1140});
  ExpectRoundTrip(TimeRange{1380, 1440});
  EXPECT_EQ(ToJson(TimeRange{420, 1140}), Json(R"({"from":"07:00","to":"19:00"})"));
}

TEST(JsonCodec, RoundTripsOpeningHoursInTheDocumentedShape) {
  ExpectRoundTrip(SampleHours());
  ExpectRoundTrip(OpeningHours{});
  const boost::json::value v = ToJson(SampleHours());
  EXPECT_EQ(v.at("weekly").at("mon"), Json(R"([{"from":"07:00","to":"19:00"}])"));
  EXPECT_TRUE(v.at("weekly").at("sun").as_array().empty());
  EXPECT_EQ(v.at("exceptions").at(0).at("day"), "2026-12-24");
  EXPECT_EQ(v.at("closures").at(0).at("last"), "2027-01-08");
  EXPECT_EQ(v.at("closed_on_public_holidays"), false);
}

TEST(JsonCodec, OpeningHoursMayOmitOptionalParts) {
  auto h = FromJson<OpeningHours>(Json(R"({"weekly": {"tue": [{"from":"08:00","to":"18:00"}]}})"));
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_TRUE(h->weekly[0].empty());
  EXPECT_EQ(h->weekly[1], (std::vector<TimeRange>{{480, 1080}}));
  EXPECT_TRUE(h->exceptions.empty());
  EXPECT_TRUE(h->closures.empty());
  EXPECT_TRUE(h->closed_on_public_holidays);
}

TEST(JsonCodec, RoundTripsCatalogueTypes) {
  ExpectRoundTrip(District{"altona", "Altona"});
  Location l{.id = "kz-a",
             .name = "Kundenzentrum A",
             .district_id = "altona",
             .address = {"Kühnehöfe 12", "22761", "Hamburg"},
             .geo = {53.5637, 9.9236},
             .status = LocationStatus::kInterim,
             .valid_from = CivilDay(2025, 12, 1),
             .valid_to = CivilDay(2027, 6, 30),
             .counters = 14,
             .hours = SampleHours(),
             .note = "Zähler geschätzt"};
  ExpectRoundTrip(l);
  l.valid_from.reset();
  l.valid_to.reset();
  l.note.clear();
  l.status = LocationStatus::kPlanned;
  ExpectRoundTrip(l);
  ExpectRoundTrip(Service{.id = "anmeldung",
                          .name_de = "Wohnsitz anmelden",
                          .name_en = "Register a residence",
                          .duration_minutes = 15,
                          .legal_deadline_days = 14,
                          .skill = "melde",
                          .category = "melde"});
  ExpectRoundTrip(Service{.id = "fuehrungszeugnis",
                          .name_de = "Führungszeugnis",
                          .duration_minutes = 10,
                          .needs_presence = false,
                          .online_url = "https://www.fuehrungszeugnis.bund.de",
                          .express = true,
                          .priority = PriorityRule::kPassportBeforeSummer,
                          .skill = "auskunft",
                          .leika = "99049001001000"});
}

TEST(JsonCodec, RoundTripsRosterAndCalendarTypes) {
  ExpectRoundTrip(Staff{.id = "st-0001",
                        .display_name = "Mitarbeitende 0001",
                        .home_district_id = "harburg",
                        .home_location_id = "kz-harburg",
                        .skills = {"melde", "ausweis"},
                        .fte = 0.75});
  ExpectRoundTrip(Staff{.id = "st-0002"});
  ExpectRoundTrip(Shift{.id = 4,
                        .staff_id = "st-0001",
                        .location_id = "kz-harburg",
                        .day = CivilDay(2026, 12, 1),
                        .time = {420, 930},
                        .mode = ShiftMode::kExpress,
                        .break_time = TimeRange{660, 690}});
  ExpectRoundTrip(Shift{.staff_id = "st-0001",
                        .location_id = "kz-harburg",
                        .day = CivilDay(2026, 12, 2),
                        .time = {780, 1140},
                        .mode = ShiftMode::kWalkIn});
  ExpectRoundTrip(Absence{.id = 2,
                          .staff_id = "st-0001",
                          .first = CivilDay(2026, 12, 1),
                          .last = CivilDay(2026, 12, 5),
                          .kind = AbsenceKind::kVacancy,
                          .note = "Stelle unbesetzt"});
  ExpectRoundTrip(Holiday{CivilDay(2026, 10, 31), "Reformationstag"});
  ExpectRoundTrip(SchoolHoliday{SchoolHolidayKind::kSummer, "Sommerferien", CivilDay(2026, 7, 9),
                                CivilDay(2026, 8, 19)});
}

TEST(JsonCodec, SpellsEnumsAndOptionalFieldsAsDocumented) {
  const boost::json::value shift = ToJson(Shift{.staff_id = "s",
                                                .location_id = "l",
                                                .day = CivilDay(2026, 12, 1),
                                                .time = {480, 540},
                                                .mode = ShiftMode::kBackOffice});
  EXPECT_EQ(shift.at("mode"), "back_office");
  EXPECT_EQ(shift.at("day"), "2026-12-01");
  EXPECT_FALSE(shift.as_object().contains("break"));
  const boost::json::value service = ToJson(Service{.id = "x", .name_de = "X"});
  EXPECT_FALSE(service.as_object().contains("legal_deadline_days"));
  EXPECT_FALSE(service.as_object().contains("leika"));
  EXPECT_EQ(service.at("priority"), "none");
  EXPECT_EQ(ToJson(Location{.status = LocationStatus::kInterim}).at("status"), "interim");
  EXPECT_EQ(ToJson(SchoolHoliday{.kind = SchoolHolidayKind::kPentecost}).at("kind"), "pentecost");
}

TEST(JsonCodec, NullCountsAsOmitted) {
  auto s = FromJson<Service>(Json(
      R"({"id":"x","name_de":"X","duration_minutes":10,"skill":"melde","leika":null,
          "legal_deadline_days":null})"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_FALSE(s->legal_deadline_days);
  EXPECT_TRUE(s->leika.empty());
  EXPECT_THAT(ErrorOf<District>(R"({"id":null,"name":"A"})"), HasSubstr("id: is required"));
}

TEST(JsonCodec, ErrorsNameTheFullPath) {
  EXPECT_THAT(ErrorOf<Location>(R"({"id":"x","name":"X","district_id":"d","geo":{"lat":1,"lon":2},
                  "hours":{"weekly":{"mon":[{"from":"7:5","to":"12:00"}]}}})",
                                "locations[3]"),
              HasSubstr("locations[3].hours.weekly.mon[0].from: "));
  EXPECT_THAT(ErrorOf<OpeningHours>(R"({"weekly":{},"exceptions":[{"day":"2026-12-24"},
                  {"day":"2026-12-31","ranges":[{"from":"08:00","to":"07:00"}]}]})",
                                    "hours"),
              HasSubstr("hours.exceptions[1].ranges[0]: 07:00 does not end after 08:00"));
  EXPECT_THAT(ErrorOf<OpeningHours>(R"({"weekly":{},"closures":[{"first":"2026-12-24"}]})"),
              HasSubstr("closures[0].last: is required"));
}

TEST(JsonCodec, RefusesUnknownFields) {
  EXPECT_THAT(ErrorOf<District>(R"({"id":"a","name":"A","colour":"red"})"),
              HasSubstr("colour: unknown field"));
  EXPECT_THAT(ErrorOf<Location>(R"({"id":"x","name":"X","district_id":"d",
                  "address":{"street":"S 1","zip":"20095"},"geo":{"lat":1,"lon":2}})"),
              HasSubstr("address.zip: unknown field"));
  EXPECT_THAT(ErrorOf<OpeningHours>(R"({"weekly":{"monday":[]}})"),
              HasSubstr("weekly.monday: unknown field"));
  // "_meta" is how data files document themselves, and is allowed anywhere.
  EXPECT_TRUE(FromJson<District>(Json(R"({"id":"a","name":"A","_meta":{"source":"x"}})")));
}

TEST(JsonCodec, RefusesWrongTypes) {
  EXPECT_THAT(ErrorOf<District>(R"({"id":1,"name":"A"})"), HasSubstr("id: expected a string"));
  EXPECT_THAT(ErrorOf<District>(R"(["a","A"])", "districts[0]"),
              HasSubstr("districts[0]: expected an object"));
  EXPECT_THAT(ErrorOf<Location>(R"({"id":"x","name":"X","district_id":"d",
                  "geo":{"lat":"53.5","lon":10}})"),
              HasSubstr("geo.lat: expected a number"));
  EXPECT_THAT(ErrorOf<Service>(R"({"id":"x","name_de":"X","duration_minutes":"ten"})"),
              HasSubstr("duration_minutes: expected a whole number"));
  EXPECT_THAT(ErrorOf<Service>(R"({"id":"x","name_de":"X","duration_minutes":12.5})"),
              HasSubstr("duration_minutes: expected a whole number"));
  EXPECT_THAT(ErrorOf<Service>(R"({"id":"x","name_de":"X","duration_minutes":10,
                  "needs_presence":"yes"})"),
              HasSubstr("needs_presence: expected true or false"));
  EXPECT_THAT(ErrorOf<Staff>(R"({"id":"s","skills":["melde",3]})"),
              HasSubstr("skills[1]: expected a string"));
  EXPECT_THAT(ErrorOf<OpeningHours>(R"({"weekly":{"mon":{"from":"08:00","to":"18:00"}}})"),
              HasSubstr("weekly.mon: expected an array"));
}

TEST(JsonCodec, RefusesNumbersOutOfRange) {
  EXPECT_THAT(ErrorOf<Service>(R"({"id":"x","name_de":"X","duration_minutes":99999999999})"),
              HasSubstr("duration_minutes: 99999999999 is out of range"));
  EXPECT_THAT(ErrorOf<Location>(R"({"id":"x","name":"X","district_id":"d","geo":{"lat":1,"lon":2},
                  "counters":-1})"),
              HasSubstr("counters: -1 is out of range"));
  EXPECT_THAT(ErrorOf<Shift>(R"({"id":18446744073709551615,"staff_id":"s","location_id":"l",
                  "day":"2026-02-03","time":{"from":"08:00","to":"09:00"}})"),
              HasSubstr("id: 18446744073709551615 is out of range"));
}

TEST(JsonCodec, RefusesBadDaysAndClocks) {
  EXPECT_THAT(ErrorOf<Shift>(R"({"staff_id":"s","location_id":"l","day":"2026-02-30",
                  "time":{"from":"08:00","to":"09:00"}})"),
              HasSubstr("day: "));
  EXPECT_THAT(ErrorOf<Location>(R"({"id":"x","name":"X","district_id":"d","geo":{"lat":1,"lon":2},
                  "valid_from":"1.12.2025"})"),
              HasSubstr("valid_from: "));
  EXPECT_THAT(ErrorOf<SchoolHoliday>(R"({"kind":"summer","name":"S","first":"2026-07-09",
                  "last":"2026-8-19"})"),
              HasSubstr("last: "));
  EXPECT_THAT(ErrorOf<TimeRange>(R"({"from":"08:03","to":"09:00"})"), HasSubstr("from: "));
  EXPECT_THAT(ErrorOf<TimeRange>(R"({"from":"08:00","to":"24:05"})"), HasSubstr("to: "));
  EXPECT_THAT(ErrorOf<TimeRange>(R"({"from":"12:00","to":"08:00"})"),
              HasSubstr("08:00 does not end after 12:00"));
}

TEST(JsonCodec, RefusesUnknownEnumValuesNamingTheChoices) {
  EXPECT_THAT(ErrorOf<Shift>(R"({"staff_id":"s","location_id":"l","day":"2026-02-03",
                  "time":{"from":"08:00","to":"09:00"},"mode":"nap"})"),
              HasSubstr("mode: "));
  EXPECT_THAT(ErrorOf<Location>(R"({"id":"x","name":"X","district_id":"d","geo":{"lat":1,"lon":2},
                  "status":"open"})"),
              HasSubstr("status: "));
  EXPECT_THAT(ErrorOf<Service>(R"({"id":"x","name_de":"X","duration_minutes":5,
                  "priority":"vip"})"),
              HasSubstr("priority: "));
  EXPECT_THAT(ErrorOf<Absence>(R"({"staff_id":"s","first":"2026-01-01","last":"2026-01-02"})"),
              HasSubstr("kind: is required"));
  EXPECT_THAT(ErrorOf<SchoolHoliday>(R"({"kind":"easter","name":"O","first":"2026-04-01",
                  "last":"2026-04-02"})"),
              HasSubstr("kind: "));
}

TEST(JsonCodec, ParseErrorsNameLineAndColumn) {
  auto bad = ParseJson("{\n  \"a\": 1,\n  \"b\": tru\n}");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(bad.error().message, HasSubstr("line 3, column"));
  auto incomplete = ParseJson("{\"a\":");
  ASSERT_FALSE(incomplete);
  EXPECT_THAT(incomplete.error().message, HasSubstr("line 1, column 6"));
  EXPECT_FALSE(ParseJson("[1] [2]"));
  EXPECT_FALSE(ParseJson(""));
  EXPECT_FALSE(ParseJson(std::string(100, '[') + std::string(100, ']')));
  auto ok = ParseJson(" {\"a\": [1, 2.5, \"x\"]} ");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->at("a").at(2), "x");
}

}  // namespace
}  // namespace amtszeit
