#include "amtszeit/booking/rules.h"

#include <gtest/gtest.h>

namespace amtszeit::booking {
namespace {

using absl::CivilDay;
using absl::CivilMinute;

TEST(BookableDays, NewDayEntersTheWindowAtTheAnnouncedTimeNotAtMidnight) {
  BookingRules rules;  // 1..90 days, release at 07:00
  BookableRange before = BookableDays(rules, CivilMinute(2026, 12, 1, 6, 59));
  EXPECT_EQ(before.first, CivilDay(2026, 12, 2));
  EXPECT_EQ(before.last, CivilDay(2026, 12, 1) + 89);
  BookableRange after = BookableDays(rules, CivilMinute(2026, 12, 1, 7, 0));
  EXPECT_EQ(after.last, CivilDay(2026, 12, 1) + 90);
}

TEST(BookableDays, SameDayNeedsTheLeadTime) {
  BookingRules rules{.same_day = true, .same_day_lead_minutes = 60};
  BookableRange r = BookableDays(rules, CivilMinute(2026, 12, 1, 10, 2));
  EXPECT_EQ(r.first, CivilDay(2026, 12, 1));
  EXPECT_EQ(r.min_start_tick_on_first, (11 * 60 + 5) / 5) << "11:02 rounds up to 11:05";
}

TEST(PhoneKey, IsKeptBesideAnEmailKey) {
  const Contact both{.name = "Anna", .email = "anna@example.org", .phone = "+49 (40) 42828-0"};
  EXPECT_EQ(ContactKey(both), "email:anna@example.org");
  EXPECT_EQ(PhoneKey(both), "phone:+4940428280");
  EXPECT_EQ(PhoneKey({.name = "Anna", .email = "anna@example.org"}), "");
}

TEST(ContactKey, NormalisesEmailAndPhone) {
  EXPECT_EQ(ContactKey({.name = "Anna", .email = "  Anna.Muster@Example.ORG "}),
            "email:anna.muster@example.org");
  EXPECT_EQ(ContactKey({.name = "Anna", .phone = "040 / 428 28-0"}), "phone:+4940428280");
  EXPECT_EQ(ContactKey({.name = "Anna", .phone = "+49 40 42828 0"}), "phone:+4940428280");
  EXPECT_EQ(ContactKey({.name = "Anna", .phone = "0049 40 428280"}), "phone:+4940428280");
}

TEST(ContactKey, RejectsWhatCannotReachAPerson) {
  EXPECT_FALSE(ContactKey({.name = "", .email = "a@b.de"}));
  EXPECT_FALSE(ContactKey({.name = "Anna"}));
  EXPECT_FALSE(ContactKey({.name = "Anna", .email = "not-an-address"}));
  EXPECT_FALSE(ContactKey({.name = "Anna", .email = "a@b@c.de"}));
  EXPECT_FALSE(ContactKey({.name = "Anna", .phone = "42828"}));
  EXPECT_FALSE(ContactKey({.name = "Anna", .phone = "040 abc"}));
}

Service Ummeldung() {
  return {.id = "anmeldung",
          .name_de = "Wohnsitz anmelden",
          .duration_minutes = 15,
          .legal_deadline_days = 14,
          .skill = "melde"};
}

Service Reisepass() {
  return {.id = "reisepass",
          .name_de = "Reisepass",
          .duration_minutes = 20,
          .priority = PriorityRule::kPassportBeforeSummer,
          .skill = "ausweis"};
}

TEST(LegalDeadline, IsMoveInPlusFourteenDays) {
  Service s = Ummeldung();
  const Service* services[] = {&s};
  auto d = LegalDeadline(services, CivilDay(2026, 12, 1), CivilDay(2026, 11, 25), {});
  ASSERT_TRUE(d);
  EXPECT_EQ(**d, CivilDay(2026, 12, 15));
  EXPECT_FALSE(LegalDeadline(services, std::nullopt, CivilDay(2026, 11, 25), {}))
      << "the move-in date is required";
  EXPECT_FALSE(LegalDeadline(services, CivilDay(2020, 1, 1), CivilDay(2026, 11, 25), {}));
}

TEST(LegalDeadline, NoneWithoutDeadlineServices) {
  Service s = Reisepass();
  const Service* services[] = {&s};
  auto d = LegalDeadline(services, std::nullopt, CivilDay(2026, 11, 25), {});
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->has_value());
}

TEST(Entitlement, PhoneDeadlineAndPassportPriority) {
  Service pass = Reisepass();
  const Service* services[] = {&pass};
  const CivilDay today(2027, 5, 10);
  auto e = EntitlementFor(Channel::kPhone, services, std::nullopt, CivilDay(2027, 7, 5), today, {});
  EXPECT_TRUE(e.phone);
  EXPECT_TRUE(e.priority_passport);
  auto far =
      EntitlementFor(Channel::kOnline, services, std::nullopt, CivilDay(2027, 12, 1), today, {});
  EXPECT_FALSE(far.phone);
  EXPECT_FALSE(far.priority_passport) << "travel more than 12 weeks away";
  auto past =
      EntitlementFor(Channel::kOnline, services, std::nullopt, CivilDay(2027, 5, 1), today, {});
  EXPECT_FALSE(past.priority_passport);
}

TEST(TotalDuration, SumsAndRefusesOnlineOnlyServices) {
  Service a = Ummeldung();
  Service b = Reisepass();
  Service online{.id = "fz",
                 .name_de = "Führungszeugnis",
                 .duration_minutes = 10,
                 .needs_presence = false,
                 .online_url = "https://www.fuehrungszeugnis.bund.de"};
  const Service* two[] = {&a, &b};
  EXPECT_EQ(TotalDuration(two, {}), 35);
  const Service* dup[] = {&a, &a};
  EXPECT_FALSE(TotalDuration(dup, {}));
  const Service* web[] = {&online};
  auto r = TotalDuration(web, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_NE(r.error().message.find("fuehrungszeugnis.bund.de"), std::string::npos);
}

}  // namespace
}  // namespace amtszeit::booking
