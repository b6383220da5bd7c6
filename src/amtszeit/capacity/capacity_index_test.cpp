#include "amtszeit/capacity/capacity_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>

#include "amtszeit/capacity/scan_search.h"

namespace amtszeit::capacity {
namespace {

using absl::CivilDay;

// Monday 2026-11-30.
constexpr CivilDay kMonday(2026, 11, 30);

OpeningHours WeekdaysSevenToSeven(bool saturday) {
  OpeningHours h;
  for (int d = 0; d < 5; ++d) h.weekly[d] = {{7 * 60, 19 * 60}};
  if (saturday) h.weekly[5] = {{9 * 60, 13 * 60}};
  return h;
}

Catalog SmallCatalog(int locations) {
  Catalog c;
  c.districts = {{"d1", "Bezirk 1"}};
  for (int i = 0; i < locations; ++i) {
    Location l;
    l.id = "loc-" + std::to_string(i);
    l.name = "Centre " + std::to_string(i);
    l.district_id = "d1";
    l.geo = {53.55 + 0.01 * i, 10.0 - 0.013 * i};
    l.hours = WeekdaysSevenToSeven(i == 0);
    c.locations.push_back(l);
  }
  for (std::string skill : {"ausweis", "melde", "fuehrerschein"}) {
    Service s;
    s.id = skill + "-service";
    s.name_de = skill;
    s.duration_minutes = 15;
    s.skill = skill;
    c.services.push_back(s);
  }
  return c;
}

struct World {
  Catalog catalog;
  Roster roster;
  HolidayCalendar holidays{2026, 2027};
  SchoolCalendar school;
};

World RandomWorld(std::mt19937_64& rng, int locations, int days) {
  World w;
  w.catalog = SmallCatalog(locations);
  const std::vector<std::string> skills = {"ausweis", "melde", "fuehrerschein"};
  int shift_id = 1;
  for (int s = 0; s < locations * 4; ++s) {
    Staff st;
    st.id = "st-" + std::to_string(s);
    for (const auto& skill : skills) {
      if (rng() % 3 != 0) st.skills.push_back(skill);
    }
    const int home = s % locations;
    st.home_location_id = w.catalog.locations[home].id;
    w.roster.staff.push_back(st);
    for (int d = 0; d < days; ++d) {
      if (rng() % 5 == 0) continue;
      const int begin = 6 * 60 + 5 * static_cast<int>(rng() % 60);
      const int end = std::min(begin + 5 * (24 + static_cast<int>(rng() % 72)), 20 * 60);
      Shift sh{.id = shift_id++,
               .staff_id = st.id,
               .location_id = w.catalog.locations[(home + (rng() % 7 == 0)) % locations].id,
               .day = kMonday + d,
               .time = {begin, end},
               .mode = rng() % 6 == 0 ? ShiftMode::kWalkIn : ShiftMode::kAppointments};
      if (end - begin > 6 * 60) sh.break_time = TimeRange{begin + 180, begin + 210};
      w.roster.shifts.push_back(sh);
    }
    if (rng() % 6 == 0) {
      w.roster.absences.push_back({.id = s + 1,
                                   .staff_id = st.id,
                                   .first = kMonday + static_cast<int>(rng() % days),
                                   .last = kMonday + static_cast<int>(rng() % days),
                                   .kind = AbsenceKind::kSick});
    }
  }
  return w;
}

CapacityIndex BuildIndex(const World& w, int days, ContingentPolicy policy) {
  auto index = CapacityIndex::Build({.catalog = w.catalog,
                                     .roster = w.roster,
                                     .holidays = w.holidays,
                                     .school = w.school,
                                     .policy = std::move(policy),
                                     .first_day = kMonday,
                                     .days = days});
  EXPECT_TRUE(index.has_value()) << index.error().message;
  return std::move(*index);
}

SlotQuery RandomQuery(std::mt19937_64& rng, const CapacityIndex& ix, int days) {
  SlotQuery q;
  q.required = (rng() % 8) & ((1U << ix.skills().names().size()) - 1);
  q.ticks = 1 + static_cast<int>(rng() % 18);
  q.today = kMonday + static_cast<int>(rng() % 3) - 1;
  q.from = kMonday + static_cast<int>(rng() % days);
  q.to = q.from + static_cast<int>(rng() % days);
  if (rng() % 4 == 0) q.min_start_tick_on_from = static_cast<int>(rng() % kTicksPerDay);
  if (rng() % 3 == 0) q.windows = static_cast<unsigned>(rng() % 16);
  if (rng() % 3 == 0) q.near = GeoPoint{53.5 + 0.001 * static_cast<double>(rng() % 100), 9.95};
  if (rng() % 3 == 0) {
    for (std::int32_t i = 0; i < ix.location_count(); ++i) {
      if (rng() % 2) q.locations.push_back(i);
    }
  }
  q.limit = 1 + static_cast<int>(rng() % 60);
  q.entitlement.phone = rng() % 2;
  if (rng() % 2) q.entitlement.deadline = q.today + static_cast<int>(rng() % 10);
  q.entitlement.priority_passport = rng() % 2;
  return q;
}

void BookRandomly(std::mt19937_64& rng, CapacityIndex& ix, int days, int count) {
  for (int i = 0; i < count; ++i) {
    const auto loc = static_cast<std::int32_t>(rng() % ix.location_count());
    const CivilDay day = kMonday + static_cast<int>(rng() % days);
    const int first = static_cast<int>(rng() % 250);
    const int ticks = 1 + static_cast<int>(rng() % 12);
    auto staff = ix.PickStaff(loc, day, first, ticks, 0, Entitlement{.phone = true}, day);
    if (staff) {
      EXPECT_TRUE(ix.Claim(loc, day, *staff, first, first + ticks));
    }
  }
}

TEST(CapacitySearch, FindsTheSameSlotsAsBruteForceOnRandomRosters) {
  std::mt19937_64 rng(20261125);
  int compared = 0;
  for (int world = 0; world < 12; ++world) {
    const int days = 10;
    World w = RandomWorld(rng, 2 + world % 4, days);
    CapacityIndex ix = BuildIndex(w, days, ContingentPolicy::HamburgDefault());
    BookRandomly(rng, ix, days, 150);
    for (int i = 0; i < 250; ++i) {
      SlotQuery q = RandomQuery(rng, ix, days);
      ASSERT_EQ(ix.Search(q), ScanSearch(ix, q)) << "world " << world << " query " << i;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 3000);
}

// FirstStart (with or without a lower bound) is the earliest start of one centre-day in Search's
// answer; the brute-force scan is the oracle.
TEST(CapacitySearch, FirstStartIsTheEarliestSlotOfTheCentreDay) {
  std::mt19937_64 rng(20261203);
  int compared = 0;
  for (int world = 0; world < 8; ++world) {
    const int days = 6;
    World w = RandomWorld(rng, 2 + world % 3, days);
    CapacityIndex ix = BuildIndex(w, days, ContingentPolicy::HamburgDefault());
    BookRandomly(rng, ix, days, 120);
    for (int i = 0; i < 60; ++i) {
      SlotQuery q = RandomQuery(rng, ix, days);
      q.near.reset();
      q.after.reset();
      const int not_before = rng() % 3 == 0 ? static_cast<int>(rng() % kTicksPerDay) : 0;
      for (std::int32_t l = 0; l < ix.location_count(); ++l) {
        SlotQuery one = q;
        one.locations = {l};
        one.limit = 1 << 20;
        const std::vector<Slot> all = ScanSearch(ix, one);
        for (CivilDay day = kMonday - 1; day <= kMonday + days; ++day) {
          std::optional<int> expected;
          std::optional<int> expected_bounded;
          for (const Slot& s : all) {
            if (s.day != day) continue;
            if (!expected) expected = s.start_tick;
            if (!expected_bounded && s.start_tick >= not_before) expected_bounded = s.start_tick;
          }
          ASSERT_EQ(ix.FirstStart(q, l, day), expected) << "world " << world << " query " << i;
          if (ix.Covers(day)) {
            const unsigned blocked = ix.BlockedKinds(day, q.entitlement, q.today);
            std::array<std::int32_t, 2> by{};
            const std::optional<int> t = ix.FirstStart(q, l, day, blocked, not_before, &by);
            ASSERT_EQ(t, expected_bounded)
                << "world " << world << " query " << i << " not before " << not_before;
            if (t && q.windows == 0) {
              // Who offers the start: claiming it for one leaves it to the other, or to nobody.
              ASSERT_GE(by[0], 0);
              ASSERT_NE(by[0], by[1]);
              CapacityIndex after = ix;
              ASSERT_TRUE(after.Claim(l, day, by[0], *t, *t + q.ticks));
              const std::optional<int> again = after.FirstStart(q, l, day, blocked, not_before);
              if (by[1] >= 0) {
                EXPECT_EQ(again, t);
              } else {
                EXPECT_TRUE(!again || *again > *t);
              }
            }
          }
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 5000);
}

TEST(CapacitySearch, PagesWithACursorConcatenateToOneSearch) {
  std::mt19937_64 rng(99);
  World w = RandomWorld(rng, 4, 7);
  CapacityIndex ix = BuildIndex(w, 7, ContingentPolicy::HamburgDefault());
  SlotQuery q{.ticks = 3, .from = kMonday, .to = kMonday + 6, .limit = 500, .today = kMonday};
  q.near = GeoPoint{53.56, 9.99};
  const std::vector<Slot> whole = ix.Search(q);
  ASSERT_EQ(whole.size(), 500u);
  std::vector<Slot> paged;
  q.limit = 37;
  while (static_cast<int>(paged.size()) < 500) {
    auto page = ix.Search(q);
    ASSERT_FALSE(page.empty());
    paged.insert(paged.end(), page.begin(), page.end());
    q.after = page.back().Cursor();
  }
  paged.resize(500);
  EXPECT_EQ(paged, whole);
}

TEST(CapacityIndex, AvailabilityIsShiftWithinOpeningHoursMinusBreakAndAbsence) {
  World w;
  w.catalog = SmallCatalog(1);
  w.roster.staff = {{.id = "a", .skills = {"melde"}}, {.id = "b", .skills = {"melde"}}};
  w.roster.shifts = {
      {.id = 1,
       .staff_id = "a",
       .location_id = "loc-0",
       .day = kMonday,
       .time = {360, 800},
       .break_time = TimeRange{600, 630}},
      {.id = 2, .staff_id = "b", .location_id = "loc-0", .day = kMonday, .time = {480, 600}},
      {.id = 3, .staff_id = "b", .location_id = "loc-0", .day = kMonday + 1, .time = {480, 600}},
      {.id = 4,
       .staff_id = "a",
       .location_id = "loc-0",
       .day = kMonday + 2,
       .time = {480, 600},
       .mode = ShiftMode::kBackOffice},
  };
  w.roster.absences = {{.id = 1, .staff_id = "b", .first = kMonday + 1, .last = kMonday + 1}};
  CapacityIndex ix = BuildIndex(w, 3, ContingentPolicy{});
  const auto& monday = ix.StaffDays(0, kMonday);
  ASSERT_EQ(monday.size(), 2u);
  TickSet expected_a = TickSet::Of({420, 800}).Minus(TickSet::Of({600, 630}));  // opens 07:00
  EXPECT_EQ(monday[0].available, expected_a);
  EXPECT_EQ(monday[1].available, TickSet::Of({480, 600}));
  EXPECT_TRUE(ix.StaffDays(0, kMonday + 1).empty()) << "absent staff have no availability";
  EXPECT_TRUE(ix.StaffDays(0, kMonday + 2).empty()) << "back office is not appointment time";
}

TEST(CapacityIndex, PublicHolidaysAndClosedLocationsOfferNothing) {
  World w;
  w.catalog = SmallCatalog(2);
  w.catalog.locations[1].status = LocationStatus::kClosed;
  w.roster.staff = {{.id = "a", .skills = {"melde"}}, {.id = "b", .skills = {"melde"}}};
  const CivilDay christmas(2026, 12, 25);
  for (CivilDay d = kMonday; d <= christmas; ++d) {
    w.roster.shifts.push_back(
        {.staff_id = "a", .location_id = "loc-0", .day = d, .time = {480, 900}});
    w.roster.shifts.push_back(
        {.staff_id = "b", .location_id = "loc-1", .day = d, .time = {480, 900}});
  }
  CapacityIndex ix = BuildIndex(w, 30, ContingentPolicy{});
  SlotQuery q{.ticks = 2, .from = christmas, .to = christmas, .limit = 10, .today = kMonday};
  EXPECT_TRUE(ix.Search(q).empty()) << "1. Weihnachtstag is closed";
  q.from = q.to = kMonday;
  auto slots = ix.Search(q);
  ASSERT_FALSE(slots.empty());
  for (const Slot& s : slots) EXPECT_EQ(s.location, 0) << "a closed centre offers no slots";
}

TEST(CapacityIndex, ClaimRefusesTakenTimeAndFreeReturnsIt) {
  World w;
  w.catalog = SmallCatalog(1);
  w.roster.staff = {{.id = "a", .skills = {"melde"}}};
  w.roster.shifts = {{.staff_id = "a", .location_id = "loc-0", .day = kMonday, .time = {480, 540}}};
  CapacityIndex ix = BuildIndex(w, 1, ContingentPolicy{});
  EXPECT_TRUE(ix.Claim(0, kMonday, 0, 96, 99));
  EXPECT_FALSE(ix.Claim(0, kMonday, 0, 98, 100)) << "overlaps the first claim";
  EXPECT_FALSE(ix.Claim(0, kMonday, 0, 106, 110)) << "runs past the shift";
  SlotQuery q{.ticks = 3, .from = kMonday, .to = kMonday, .limit = 1, .today = kMonday};
  EXPECT_EQ(ix.Search(q).at(0).start_tick, 99);
  ix.Free(0, kMonday, 0, 96, 99);
  EXPECT_EQ(ix.Search(q).at(0).start_tick, 96);
}

TEST(CapacityIndex, PicksTheTightestFittingStaffMember) {
  World w;
  w.catalog = SmallCatalog(1);
  w.roster.staff = {{.id = "long", .skills = {"melde"}}, {.id = "short", .skills = {"melde"}}};
  w.roster.shifts = {
      {.staff_id = "long", .location_id = "loc-0", .day = kMonday, .time = {480, 720}},
      {.staff_id = "short", .location_id = "loc-0", .day = kMonday, .time = {480, 510}},
  };
  CapacityIndex ix = BuildIndex(w, 1, ContingentPolicy{});
  auto staff = ix.PickStaff(0, kMonday, 96, 6, 0, {}, kMonday);
  ASSERT_TRUE(staff);
  EXPECT_EQ(ix.StaffId(*staff), "short");
}

TEST(CapacityIndex, SkillsMustCoverEveryRequestedService) {
  World w;
  w.catalog = SmallCatalog(1);
  w.roster.staff = {{.id = "a", .skills = {"melde"}}, {.id = "b", .skills = {"ausweis", "melde"}}};
  w.roster.shifts = {
      {.staff_id = "a", .location_id = "loc-0", .day = kMonday, .time = {480, 540}},
      {.staff_id = "b", .location_id = "loc-0", .day = kMonday, .time = {600, 660}},
  };
  CapacityIndex ix = BuildIndex(w, 1, ContingentPolicy{});
  std::vector<std::string> both = {"ausweis", "melde"};
  SlotQuery q{.required = ix.skills().MaskOf(both),
              .ticks = 3,
              .from = kMonday,
              .to = kMonday,
              .limit = 1,
              .today = kMonday};
  EXPECT_EQ(ix.Search(q).at(0).start_tick, 120) << "only b can do both, from 10:00";
}

TEST(CapacityContingents, HeldShareIsCloseToTheRuleAndReleasedAhead) {
  std::mt19937_64 rng(5);
  World w = RandomWorld(rng, 3, 20);
  ContingentPolicy policy{.rules = {{ContingentKind::kPhone, 0.2, 2}}};
  CapacityIndex ix = BuildIndex(w, 20, policy);
  int held = 0;
  int available = 0;
  for (int d = 0; d < 20; ++d) {
    for (std::int32_t loc = 0; loc < ix.location_count(); ++loc) {
      for (const StaffDay& sd : ix.StaffDays(loc, kMonday + d)) {
        held += sd.held[0].Count();
        available += sd.available.Count();
        EXPECT_EQ(sd.held[0].Minus(sd.available).Count(), 0);
      }
    }
  }
  ASSERT_GT(available, 0);
  EXPECT_NEAR(static_cast<double>(held) / available, 0.2, 0.04);

  // Far ahead, online callers see less than the phone; two days ahead, the same.
  auto count = [&](CivilDay day, bool phone) {
    SlotQuery q{.ticks = 1, .from = day, .to = day, .limit = 100000, .today = kMonday};
    q.entitlement.phone = phone;
    return ix.Search(q).size();
  };
  EXPECT_LT(count(kMonday + 10, false), count(kMonday + 10, true));
  EXPECT_EQ(count(kMonday + 2, false), count(kMonday + 2, true));
}

TEST(CapacityContingents, PriorityPassportIsActiveOnlyBeforeSummer) {
  World w;
  w.catalog = SmallCatalog(1);
  w.roster.staff = {{.id = "a", .skills = {"ausweis"}}};
  const CivilDay first(2027, 5, 3);
  for (int d = 0; d < 70; ++d) {
    w.roster.shifts.push_back(
        {.staff_id = "a", .location_id = "loc-0", .day = first + d, .time = {420, 1140}});
  }
  w.school = SchoolCalendar({{.kind = SchoolHolidayKind::kSummer,
                              .name = "Sommerferien",
                              .first = CivilDay(2027, 7, 1),
                              .last = CivilDay(2027, 8, 11)}});
  ContingentPolicy policy{.rules = {{ContingentKind::kPriorityPassport, 0.3, 5}},
                          .priority_weeks_before_summer = 4};
  auto index = CapacityIndex::Build({.catalog = w.catalog,
                                     .roster = w.roster,
                                     .holidays = w.holidays,
                                     .school = w.school,
                                     .policy = policy,
                                     .first_day = first,
                                     .days = 70});
  ASSERT_TRUE(index);
  auto held_on = [&](CivilDay day) {
    const auto& sds = index->StaffDays(0, day);
    return sds.empty() ? 0 : sds[0].held[2].Count();
  };
  EXPECT_EQ(held_on(CivilDay(2027, 5, 31)), 0) << "more than 4 weeks before summer";
  EXPECT_GT(held_on(CivilDay(2027, 6, 14)), 0) << "inside the 4 weeks";
  EXPECT_EQ(held_on(CivilDay(2027, 7, 5)), 0) << "summer holidays have begun";
}

TEST(CapacityWindows, ParsesAndRejects) {
  EXPECT_EQ(ParseWindows("early,late"), kWindowEarly | kWindowLate);
  EXPECT_EQ(ParseWindows(""), 0u);
  EXPECT_FALSE(ParseWindows("early,brunch"));
}

}  // namespace
}  // namespace amtszeit::capacity
