#include "amtszeit/domain/roster.h"

#include <gtest/gtest.h>

#include <utility>

namespace amtszeit {
namespace {

TEST(ShiftMode, RoundTripsThroughItsName) {
  const std::pair<ShiftMode, const char*> all[] = {{ShiftMode::kAppointments, "appointments"},
                                                   {ShiftMode::kWalkIn, "walk_in"},
                                                   {ShiftMode::kExpress, "express"},
                                                   {ShiftMode::kBackOffice, "back_office"}};
  for (const auto& [mode, name] : all) {
    EXPECT_EQ(ToString(mode), name);
    EXPECT_EQ(ParseShiftMode(name), mode);
  }
}

TEST(ShiftMode, RejectsUnknownNames) {
  const auto r = ParseShiftMode("walk-in");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message,
            "unknown shift mode 'walk-in' (appointments, walk_in, express, back_office)");
}

TEST(AbsenceKind, RoundTripsThroughItsName) {
  const std::pair<AbsenceKind, const char*> all[] = {{AbsenceKind::kSick, "sick"},
                                                     {AbsenceKind::kVacation, "vacation"},
                                                     {AbsenceKind::kTraining, "training"},
                                                     {AbsenceKind::kVacancy, "vacancy"}};
  for (const auto& [kind, name] : all) {
    EXPECT_EQ(ToString(kind), name);
    EXPECT_EQ(ParseAbsenceKind(name), kind);
  }
  EXPECT_FALSE(ParseAbsenceKind("holiday").has_value());
}

TEST(Staff, HasExactlyTheListedSkills) {
  Staff s;
  s.skills = {"pass", "melde"};
  EXPECT_TRUE(s.HasSkill("pass"));
  EXPECT_TRUE(s.HasSkill("melde"));
  EXPECT_FALSE(s.HasSkill("Pass"));
  EXPECT_FALSE(s.HasSkill(""));
  EXPECT_FALSE(Staff{}.HasSkill("pass"));
}

TEST(Absence, CoversBothEnds) {
  const Absence a{.id = 1,
                  .staff_id = "st-0001",
                  .first = absl::CivilDay(2026, 12, 1),
                  .last = absl::CivilDay(2026, 12, 3)};
  EXPECT_FALSE(a.Covers(absl::CivilDay(2026, 11, 30)));
  EXPECT_TRUE(a.Covers(absl::CivilDay(2026, 12, 1)));
  EXPECT_TRUE(a.Covers(absl::CivilDay(2026, 12, 3)));
  EXPECT_FALSE(a.Covers(absl::CivilDay(2026, 12, 4)));
}

TEST(Roster, FindsStaffById) {
  Roster r;
  r.staff = {{.id = "st-0001"}, {.id = "st-0002"}};
  EXPECT_EQ(r.FindStaff("st-0002"), &r.staff[1]);
  EXPECT_EQ(r.FindStaff("st-0003"), nullptr);
}

}  // namespace
}  // namespace amtszeit
