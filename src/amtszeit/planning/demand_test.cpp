#include "amtszeit/planning/demand.h"

#include <gtest/gtest.h>

#include <numeric>

#include "amtszeit/planning/demand_source.h"
#include "amtszeit/store/store.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::planning {
namespace {

// One centre with 7 counters, open Monday to Friday 8-18 (a full 600-minute day). Its visit mix
// by the profile: the document group (45 %) is the ID card (weight 40) and the passport (30), the
// registration group (30 %) is Ummeldung alone, no other service: shares normalise over 75 %, so
// ID card 0.45·4/7 / 0.75 = 2.4/7, passport 1.8/7, Ummeldung 0.4. The express mix is the pick-up.
Catalog TestCatalog() {
  Catalog c;
  c.districts = {{.id = "d", .name = "D"}};
  Location l{.id = "kz", .name = "KZ", .district_id = "d", .counters = 7};
  for (int wd = 0; wd < 5; ++wd) l.hours.weekly[wd] = {{8 * 60, 18 * 60}};
  c.locations = {l};
  c.services = {
      {.id = "personalausweis", .duration_minutes = 20, .skill = "ausweis", .category = "ausweis"},
      {.id = "reisepass",
       .duration_minutes = 20,
       .priority = PriorityRule::kPassportBeforeSummer,
       .skill = "ausweis",
       .category = "ausweis"},
      {.id = "ummeldung", .duration_minutes = 15, .legal_deadline_days = 14, .skill = "melde"},
      {.id = "abholung-ausweis-pass", .duration_minutes = 5, .express = true, .skill = "ausweis"},
      {.id = "online", .duration_minutes = 5, .needs_presence = false, .skill = "auskunft"},
  };
  return c;
}

constexpr int kId = 0;
constexpr int kPass = 1;
constexpr int kUmmeldung = 2;
constexpr int kPickUp = 3;
constexpr int kOnline = 4;
const absl::CivilDay kDemandMonday(2026, 3, 16);

TEST(Demand, ProfileBasesFollowTheSharedVolumeEstimates) {
  const Catalog c = TestCatalog();
  const HolidayCalendar h(2026, 2026);
  const DemandModel m = DemandModel::FromProfile(c, h);
  // 14 appointments, 4 walk-ins and 1.5 express tickets per counter and day, times the shares.
  EXPECT_NEAR(m.Base(DemandKind::kBooking, kId), 14 * 2.4 / 7, 1e-12);  // 4.8
  EXPECT_NEAR(m.Base(DemandKind::kWalkIn, kPass), 4 * 1.8 / 7, 1e-12);
  EXPECT_NEAR(m.Base(DemandKind::kBooking, kUmmeldung), 14 * 0.4, 1e-12);
  EXPECT_NEAR(m.Base(DemandKind::kExpress, kPickUp), 1.5, 1e-12);
  EXPECT_EQ(m.Base(DemandKind::kBooking, kPickUp), 0);  // express is not booked
  EXPECT_EQ(m.Base(DemandKind::kWalkIn, kOnline), 0);   // done online
}

TEST(Demand, TicketsScaleWithCountersWeekdayAndOpenDay) {
  const Catalog c = TestCatalog();
  const HolidayCalendar h(2026, 2026);
  const DemandModel m = DemandModel::FromProfile(c, h);
  const Location& l = c.locations[0];
  // Monday walk-ins for the ID card: 4 · 2.4/7 per counter · 7 counters · 1.25 (Mondays) = 12.
  EXPECT_NEAR(m.Tickets(DemandKind::kWalkIn, kId, l, kDemandMonday), 12.0, 1e-9);
  // Friday: · 0.85 = 8.16.
  EXPECT_NEAR(m.Tickets(DemandKind::kWalkIn, kId, l, kDemandMonday + 4), 9.6 * 0.85, 1e-9);
  // Express has no weekday pattern: 1.5 · 7 = 10.5.
  EXPECT_NEAR(m.Tickets(DemandKind::kExpress, kPickUp, l, kDemandMonday), 10.5, 1e-9);
  EXPECT_EQ(m.Tickets(DemandKind::kWalkIn, kId, l, kDemandMonday + 5), 0);  // closed on Saturday
  EXPECT_EQ(m.Tickets(DemandKind::kWalkIn, kId, l, absl::CivilDay(2026, 4, 3)), 0);  // Good Friday
}

TEST(Demand, BookingsSpreadTheCitysWeekOverSevenDays) {
  const Catalog c = TestCatalog();
  const HolidayCalendar h(2026, 2026);
  const DemandModel m = DemandModel::FromProfile(c, h);
  // Five full days of 7 counters a week: 35 counter-days over 7 days = 5 a day.
  EXPECT_NEAR(m.CityCounterDays(kDemandMonday), 5.0, 1e-12);
  EXPECT_NEAR(m.CityCounterDays(kDemandMonday + 6), 5.0, 1e-12);  // Sunday: the same week
  // ID card bookings made on a Monday in March: 4.8 · 5 · 1.15 = 27.6; on a Sunday · 0.5 = 12.
  EXPECT_NEAR(m.Bookings(kId, kDemandMonday), 27.6, 1e-9);
  EXPECT_NEAR(m.Bookings(kId, kDemandMonday + 6), 12.0, 1e-9);
  // Easter week (Good Friday and Easter Monday in different weeks): Mon 30 Mar - Sun 5 Apr has
  // four open days: 28 / 7 = 4.
  EXPECT_NEAR(m.CityCounterDays(absl::CivilDay(2026, 4, 1)), 4.0, 1e-12);
}

TEST(Demand, PassportsRiseBeforeSummerAndMovesAtMonthEnds) {
  const Catalog c = TestCatalog();
  const HolidayCalendar h(2026, 2026);
  const DemandModel m = DemandModel::FromProfile(c, h);
  EXPECT_DOUBLE_EQ(m.MonthFactor(DemandKind::kBooking, kPass, 6), 1.3);  // June
  EXPECT_DOUBLE_EQ(m.MonthFactor(DemandKind::kBooking, kPass, 12), 0.9);
  EXPECT_DOUBLE_EQ(m.MonthFactor(DemandKind::kBooking, kId, 6), 1.0);  // not a passport
  double year = 0;
  for (int month = 1; month <= 12; ++month) {
    year += m.MonthFactor(DemandKind::kWalkIn, kPass, month);
  }
  EXPECT_NEAR(year / 12, 1.0, 1e-12);
  // Ummeldung: the last two days of a month and the first five of the next at 1.5, else 0.85.
  EXPECT_DOUBLE_EQ(m.MonthEndFactor(kUmmeldung, absl::CivilDay(2026, 3, 31)), 1.5);
  EXPECT_DOUBLE_EQ(m.MonthEndFactor(kUmmeldung, absl::CivilDay(2026, 3, 30)), 1.5);
  EXPECT_DOUBLE_EQ(m.MonthEndFactor(kUmmeldung, absl::CivilDay(2026, 3, 29)), 0.85);
  EXPECT_DOUBLE_EQ(m.MonthEndFactor(kUmmeldung, absl::CivilDay(2026, 4, 5)), 1.5);
  EXPECT_DOUBLE_EQ(m.MonthEndFactor(kUmmeldung, absl::CivilDay(2026, 4, 6)), 0.85);
  EXPECT_DOUBLE_EQ(m.MonthEndFactor(kId, absl::CivilDay(2026, 3, 31)), 1.0);
  // Ummeldung bookings on Tuesday 31 March, in the week of Good Friday (4 counter-days a day):
  // 5.6 · 4 · 1.15 · 1.5 = 38.64.
  EXPECT_NEAR(m.Bookings(kUmmeldung, absl::CivilDay(2026, 3, 31)), 38.64, 1e-9);
}

TEST(Demand, WalkInsPeakInTheMorningAndStopBeforeClosing) {
  // Without the peak: 8:00-10:00 with the kiosk closing 30 minutes early leaves 18 ticks.
  const ArrivalProfile even{
      .peak_share = 0, .peak_after_open = 60, .peak_spread = 60, .kiosk_closes_before = 30};
  const auto flat = even.TickShares({{8 * 60, 10 * 60}});
  for (int t = 0; t < kTicksPerDay; ++t) {
    const bool open = t >= 96 && t < 96 + 18;
    EXPECT_NEAR(flat[t], open ? 1.0 / 18 : 0.0, 1e-12) << t;
  }
  const Catalog c = TestCatalog();
  const HolidayCalendar h(2026, 2026);
  const auto shares = DemandModel::FromProfile(c, h).arrivals().TickShares({{8 * 60, 18 * 60}});
  EXPECT_NEAR(std::accumulate(shares.begin(), shares.end(), 0.0), 1.0, 1e-12);
  EXPECT_EQ(shares[95], 0);                            // 07:55
  EXPECT_EQ(shares[17 * 12 + 6], 0);                   // 17:30: the kiosk has closed
  EXPECT_GT(shares[9UL * 12], shares[8UL * 12]);       // 09:00, the peak, over 08:00
  EXPECT_GT(shares[9UL * 12], 3 * shares[15UL * 12]);  // ... and over the afternoon
  EXPECT_TRUE(DemandModel::FromProfile(c, h).arrivals().TickShares({})[0] == 0);
}

TEST(Demand, FitFollowsHistoryShrunkTowardsTheProfile) {
  const Catalog c = TestCatalog();
  const HolidayCalendar h(2026, 2026);
  absl::TimeZone zone;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &zone));
  testing::TempDir dir;
  auto store = store::OpenStore(dir.File("fit.db"));
  ASSERT_TRUE(store) << store.error().message;
  // Two weeks from Monday 2 March: 36 ID-card walk-ins on each of the two Mondays, nothing else.
  const absl::CivilDay from(2026, 3, 2);
  auto written = (*store)->Write([&](store::WriteTx& tx) -> Result<void> {
    for (absl::CivilDay monday : {from, from + 7}) {
      for (int i = 0; i < 36; ++i) {
        TicketEvent e{.ticket_id = i + 1,
                      .location_id = "kz",
                      .kind = TicketEventKind::kIssued,
                      .at = ToInstant(monday, 9 * 60 + i, zone),
                      .queue = QueueClass::kWalkIn,
                      .service_ids = {"personalausweis"}};
        if (auto r = tx.AppendTicketEvent(e); !r) return std::unexpected(r.error());
      }
    }
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
  auto m = DemandModel::Fit(**store, c, h, zone, {.from = from, .to = from + 13, .prior_days = 2});
  ASSERT_TRUE(m) << m.error().message;
  // Mondays: expected 2 · 12 = 24, observed 72, α = 2 days · 12 = 24: (24 + 72) / (24 + 24) = 2,
  // so the Monday factor goes from 1.25 to 2.5.
  EXPECT_NEAR(m->WeekdayFactor(DemandKind::kWalkIn, kId, 0), 2.5, 1e-9);
  // Tuesdays: expected 2 · 9.6, observed 0, α = 9.6 · 2: one half.
  EXPECT_NEAR(m->WeekdayFactor(DemandKind::kWalkIn, kId, 1), 0.5, 1e-9);
  // Saturdays: closed, nothing expected, nothing learnt.
  EXPECT_NEAR(m->WeekdayFactor(DemandKind::kWalkIn, kId, 5), 1.1, 1e-9);
  // March, after the weekday step: expected 2 · 24 (Mondays) + 2 · 4.8 · (1 + .95 + 1.05 + .85)
  // = 84.96 over 14 days, observed 72, α = 2 · 84.96 / 14.
  const double e = 48 + 2 * 4.8 * 3.85;
  const double alpha = 2 * e / 14;
  EXPECT_NEAR(m->MonthFactor(DemandKind::kWalkIn, kId, 3), (alpha + 72) / (alpha + e), 1e-9);
  EXPECT_DOUBLE_EQ(m->MonthFactor(DemandKind::kWalkIn, kId, 4), 1.0);  // no April data
  // The passport saw no walk-ins in the two weeks: its Monday factor halves as Tuesday's did.
  EXPECT_NEAR(m->WeekdayFactor(DemandKind::kWalkIn, kPass, 0), 1.25 * 0.5, 1e-9);
}

TEST(Demand, FitWithoutHistoryKeepsTheProfileAndRefusesAnEmptyRange) {
  const Catalog c = TestCatalog();
  const HolidayCalendar h(2026, 2026);
  absl::TimeZone zone;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &zone));
  testing::TempDir dir;
  auto store = store::OpenStore(dir.File("empty.db"));
  ASSERT_TRUE(store);
  auto bad =
      DemandModel::Fit(**store, c, h, zone, {.from = kDemandMonday, .to = kDemandMonday - 1});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  // With no events every cell is pulled down by (α + 0) / (α + E) = 1/2 when prior_days equals
  // the days seen; with a huge prior the profile stands.
  auto strong = DemandModel::Fit(
      **store, c, h, zone, {.from = kDemandMonday, .to = kDemandMonday + 6, .prior_days = 1e9});
  ASSERT_TRUE(strong);
  EXPECT_NEAR(strong->Tickets(DemandKind::kWalkIn, kId, c.locations[0], kDemandMonday), 12.0, 1e-6);
}

// `count` ID-card walk-ins at the test centre on each of the given days.
Result<void> WriteWalkIns(store::Store& store, const std::vector<absl::CivilDay>& days, int count,
                          absl::TimeZone zone) {
  return store.Write([&](store::WriteTx& tx) -> Result<void> {
    std::int64_t id = 1;
    for (absl::CivilDay day : days) {
      for (int i = 0; i < count; ++i) {
        TicketEvent e{.ticket_id = id++,
                      .location_id = "kz",
                      .kind = TicketEventKind::kIssued,
                      .at = ToInstant(day, 9 * 60 + i, zone),
                      .queue = QueueClass::kWalkIn,
                      .service_ids = {"personalausweis"}};
        if (auto r = tx.AppendTicketEvent(e); !r) return std::unexpected(r.error());
      }
    }
    return {};
  });
}

TEST(DemandSource, FourWeeksOfStoredHistoryAreFittedFromTheirFirstDay) {
  const Catalog c = TestCatalog();
  const HolidayCalendar h(2025, 2026);
  absl::TimeZone zone;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &zone));
  testing::TempDir dir;
  auto store = store::OpenStore(dir.File("history.db"));
  ASSERT_TRUE(store) << store.error().message;
  // Mondays 2, 9, 16 and 23 March, 36 ID-card walk-ins each; today is Monday 30 March: the
  // history runs from 2 to 29 March, 28 days, although the fit looks back a year.
  const absl::CivilDay first(2026, 3, 2);
  ASSERT_TRUE(WriteWalkIns(**store, {first, first + 7, first + 14, first + 21}, 36, zone));
  auto demand = DemandFromStore(**store, c, h, zone, first + 28);
  ASSERT_TRUE(demand) << demand.error().message;
  EXPECT_EQ(demand->history_days, 28);
  EXPECT_EQ(demand->Source(), "history 28 days");
  // Mondays: expected 4 · 12 = 48, observed 144, α = 14 prior days · 12 = 168: the factor 1.25
  // becomes 1.25 · (168 + 144) / (168 + 48). Had the empty year before counted, 52 Mondays would
  // have expected 624 and the factor would have fallen below the profile's.
  EXPECT_NEAR(demand->model.WeekdayFactor(DemandKind::kWalkIn, kId, 0), 1.25 * 312 / 216, 1e-9);
  // Tuesdays: expected 4 · 9.6, observed 0, α = 14 · 9.6: 134.4 / 172.8.
  EXPECT_NEAR(demand->model.WeekdayFactor(DemandKind::kWalkIn, kId, 1), 134.4 / 172.8, 1e-9);
  // No booking was seen either: the Monday booking factor 1.15 is pulled down the same way
  // (expected 4 · 27.6 over the four Mondays, α = 14 · 27.6).
  EXPECT_NEAR(demand->model.WeekdayFactor(DemandKind::kBooking, kId, 0), 1.15 * 14.0 / 18.0, 1e-9);
}

TEST(DemandSource, LessThanFourWeeksOfHistoryLeaveTheProfile) {
  const Catalog c = TestCatalog();
  const HolidayCalendar h(2025, 2026);
  absl::TimeZone zone;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Berlin", &zone));
  testing::TempDir dir;
  auto store = store::OpenStore(dir.File("short.db"));
  ASSERT_TRUE(store) << store.error().message;
  const absl::CivilDay today(2026, 3, 30);
  auto none = DemandFromStore(**store, c, h, zone, today);
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_EQ(none->history_days, 0);
  EXPECT_EQ(none->Source(), "profile (estimate)");
  // 27 days: one short of the threshold.
  ASSERT_TRUE(WriteWalkIns(**store, {today - 27}, 36, zone));
  auto short_history = DemandFromStore(**store, c, h, zone, today);
  ASSERT_TRUE(short_history) << short_history.error().message;
  EXPECT_EQ(short_history->history_days, 0);
  EXPECT_EQ(short_history->Source(), "profile (estimate)");
  EXPECT_DOUBLE_EQ(short_history->model.WeekdayFactor(DemandKind::kWalkIn, kId, 1), 1.0);
}

}  // namespace
}  // namespace amtszeit::planning
