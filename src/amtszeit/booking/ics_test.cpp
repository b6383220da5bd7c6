#include "amtszeit/booking/ics.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

namespace amtszeit::booking {
namespace {

TEST(AppointmentIcs, ParsesBackWithTheAppointmentsTimesAndPlace) {
  Location location{.id = "kz-harburg",
                    .name = "Kundenzentrum Harburg",
                    .address = {"Harburger Rathausforum 3", "21073", "Hamburg"},
                    .geo = {53.4608, 9.9832}};
  Service pass{.id = "reisepass", .name_de = "Reisepass beantragen"};
  const Service* services[] = {&pass};
  Appointment a;
  a.code = "K7M2-Q9XD";
  a.start = absl::FromUnixSeconds(1796200200);  // 2026-12-02 08:30 UTC
  a.end = a.start + absl::Minutes(20);
  a.updated_at = a.start - absl::Hours(100);
  a.status = AppointmentStatus::kConfirmed;
  const std::string ics =
      AppointmentIcs(a, location, services, "https://termine.example/t/K7M2-Q9XD?token=x");

  icalcomponent* calendar = icalparser_parse_string(ics.c_str());
  ASSERT_NE(calendar, nullptr);
  EXPECT_EQ(icalcomponent_isa(calendar), ICAL_VCALENDAR_COMPONENT);
  icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(icalcomponent_count_errors(calendar), 0);
  EXPECT_STREQ(icalcomponent_get_uid(event), "K7M2-Q9XD@amtszeit");
  EXPECT_EQ(icaltime_as_timet(icalcomponent_get_dtstart(event)), 1796200200);
  EXPECT_EQ(icaltime_as_timet(icalcomponent_get_dtend(event)), 1796200200 + 20 * 60);
  EXPECT_NE(std::string(icalcomponent_get_summary(event)).find("Reisepass beantragen"),
            std::string::npos);
  EXPECT_NE(std::string(icalcomponent_get_location(event)).find("21073 Hamburg"),
            std::string::npos);
  EXPECT_EQ(icalcomponent_get_status(event), ICAL_STATUS_CONFIRMED);
  EXPECT_NE(ics.find("\r\n"), std::string::npos) << "RFC 5545 lines end in CRLF";
  icalcomponent_free(calendar);
}

TEST(AppointmentIcs, CancelledAppointmentCancelsTheEvent) {
  Location location{.id = "x", .name = "X"};
  Appointment a{.code = "AAAA-BBBB", .status = AppointmentStatus::kCancelled};
  a.start = absl::FromUnixSeconds(1796200200);
  a.end = a.start + absl::Minutes(10);
  const std::string ics = AppointmentIcs(a, location, {}, "");
  EXPECT_NE(ics.find("METHOD:CANCEL"), std::string::npos);
  EXPECT_NE(ics.find("STATUS:CANCELLED"), std::string::npos);
}

}  // namespace
}  // namespace amtszeit::booking
