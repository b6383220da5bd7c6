#include "amtszeit/monitor/kpis.h"

#include <gtest/gtest.h>

#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::monitor {
namespace {

using absl::CivilDay;
using testing::Berlin;

// A scripted November 2026 in two districts; every expected figure below is worked out by hand
// in the comment next to it.
class ScriptedMonth : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_.districts = {{"altona", "Altona"}, {"harburg", "Harburg"}};
    Location a{.id = "kz-a", .name = "A", .district_id = "altona"};
    Location b{.id = "kz-b", .name = "B", .district_id = "altona"};
    Location h{.id = "kz-h", .name = "H", .district_id = "harburg"};
    for (int d = 0; d < 5; ++d) {
      a.hours.weekly[d] = {{7 * 60, 19 * 60}};
      b.hours.weekly[d] = {{8 * 60, 12 * 60}, {13 * 60, 18 * 60}};  // lunch break: not 8-18
      h.hours.weekly[d] = {{8 * 60, 18 * 60}};
    }
    catalog_.locations = {a, b, h};

    Booking("kz-a", absl::CivilSecond(2026, 11, 2, 8, 0, 0), CivilDay(2026, 11, 12), 8 * 60,
            Channel::kOnline);  // 10 days
    Booking("kz-a", absl::CivilSecond(2026, 11, 3, 10, 0, 0), CivilDay(2026, 11, 23), 10 * 60,
            Channel::kPhone);  // 20 days
    Booking("kz-h", absl::CivilSecond(2026, 11, 5, 9, 0, 0), CivilDay(2026, 11, 11), 9 * 60,
            Channel::kOnline);  // 6 days
    // Booked in October: counts for October's lead time, not November's.
    Booking("kz-h", absl::CivilSecond(2026, 10, 30, 9, 0, 0), CivilDay(2026, 11, 30), 9 * 60,
            Channel::kOnline);

    // kz-a: three citizens came, one did not.
    for (EventKind k : {EventKind::kCheckedIn, EventKind::kCheckedIn, EventKind::kCheckedIn,
                        EventKind::kNoShow}) {
      events_.push_back({.kind = k,
                         .at = At(2026, 11, 12, 8, 0),
                         .location_id = "kz-a",
                         .day = CivilDay(2026, 11, 12),
                         .start_minute = 8 * 60});
    }

    // Walk-ins at kz-a waited 5, 10, ..., 50 minutes; one left before being called.
    std::int64_t id = 1;
    for (int wait = 5; wait <= 50; wait += 5) {
      Ticket(id++, QueueClass::kWalkIn, At(2026, 11, 16, 9, 0), wait);
    }
    Ticket(id++, QueueClass::kWalkIn, At(2026, 11, 16, 9, 0), std::nullopt);
    // Express at kz-a waited 1, 2, 3, 4, 6 minutes.
    for (int wait : {1, 2, 3, 4, 6}) {
      Ticket(id++, QueueClass::kExpress, At(2026, 11, 16, 10, 0), wait);
    }

    slots_ = {
        {CivilDay(2026, 11, 2), "kz-a", "personalausweis", 8},
        {CivilDay(2026, 11, 2), "kz-a", "reisepass", 12},
        {CivilDay(2026, 11, 2), "kz-a", "anmeldung", 16},
        {CivilDay(2026, 11, 2), "kz-a", "ummeldung", 20},
        {CivilDay(2026, 11, 2), "kz-h", "personalausweis", 4},
        {CivilDay(2026, 11, 2), "kz-h", "reisepass", std::nullopt},  // nothing free: 90 days
        {CivilDay(2026, 11, 2), "kz-h", "anmeldung", 3},
        {CivilDay(2026, 11, 2), "kz-h", "ummeldung", 9},
        {CivilDay(2026, 11, 3), "kz-a", "personalausweis", 8},
        {CivilDay(2026, 11, 3), "kz-a", "reisepass", 8},
        {CivilDay(2026, 11, 3), "kz-a", "anmeldung", 8},
        {CivilDay(2026, 11, 3), "kz-a", "ummeldung", 10},
    };
    windows_ = {{CivilDay(2026, 11, 2), "kz-a", 10, 10, 8, 10}};
  }

  absl::Time At(int y, int m, int d, int hh, int mm) {
    return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), Berlin());
  }

  void Booking(const std::string& location, absl::CivilSecond booked, CivilDay day, int minute,
               Channel channel) {
    events_.push_back({.kind = EventKind::kConfirmed,
                       .at = absl::FromCivil(booked, Berlin()),
                       .location_id = location,
                       .day = day,
                       .start_minute = minute,
                       .channel = channel,
                       .booked_at = absl::FromCivil(booked, Berlin())});
  }

  void Ticket(std::int64_t id, QueueClass queue, absl::Time issued, std::optional<int> wait) {
    tickets_.push_back({.ticket_id = id,
                        .location_id = "kz-a",
                        .kind = TicketEventKind::kIssued,
                        .at = issued,
                        .queue = queue});
    if (!wait) return;
    tickets_.push_back({.ticket_id = id,
                        .location_id = "kz-a",
                        .kind = TicketEventKind::kCalled,
                        .at = issued + absl::Minutes(*wait),
                        .queue = queue});
  }

  std::map<std::string, KpiRow> November(const Scope& scope) {
    const KpiInput in{.catalog = catalog_,
                      .zone = Berlin(),
                      .events = events_,
                      .tickets = tickets_,
                      .slots = slots_,
                      .windows = windows_};
    const std::vector<Scope> scopes = {scope};
    std::map<std::string, KpiRow> out;
    for (KpiRow& r : ComputeKpis(in, promises_, Period::kMonth, CivilDay(2026, 11, 1),
                                 CivilDay(2026, 11, 30), scopes)) {
      EXPECT_EQ(r.period_start, CivilDay(2026, 11, 1));
      out.emplace(r.promise, std::move(r));
    }
    return out;
  }

  Catalog catalog_;
  PromiseSet promises_ = DefaultPromises();
  std::vector<AppointmentEvent> events_;
  std::vector<TicketEvent> tickets_;
  std::vector<SlotSnapshot> slots_;
  std::vector<WindowSnapshot> windows_;
};

TEST_F(ScriptedMonth, CityFiguresMatchTheHandCount) {
  auto k = November(Scope::City());
  EXPECT_DOUBLE_EQ(*k["lead_time_days"].value, 12.0);  // (10 + 20 + 6) / 3
  EXPECT_EQ(k["lead_time_days"].samples, 3);
  EXPECT_EQ(k["lead_time_days"].light, Light::kGreen);
  EXPECT_DOUBLE_EQ(*k["first_free_days"].value, 38.0);  // worst per centre-morning: 16, 90, 8
  EXPECT_EQ(k["first_free_days"].light, Light::kRed);
  EXPECT_DOUBLE_EQ(*k["registration_days"].value, 9.5);  // earliest anywhere: 9, then 10
  EXPECT_NEAR(*k["extended_hours_pct"].value, 100.0 * 28 / 30, 1e-9);
  EXPECT_EQ(k["extended_hours_pct"].light, Light::kAmber);            // 93.3 %: within 10 points
  EXPECT_NEAR(*k["opening_hours_pct"].value, 100.0 * 10 / 15, 1e-9);  // kz-b breaks at lunch
  EXPECT_DOUBLE_EQ(*k["walk_in_wait_p90"].value, 45.0);               // 9th of 10 sorted waits
  EXPECT_EQ(k["walk_in_wait_p90"].samples, 10);  // the ticket never called is out
  EXPECT_EQ(k["walk_in_wait_p90"].light, Light::kRed);
  EXPECT_DOUBLE_EQ(*k["express_wait_p95"].value, 6.0);  // 5th of 5
  EXPECT_EQ(k["express_wait_p95"].light, Light::kRed);  // 6 > 5 + 10 %
  EXPECT_DOUBLE_EQ(*k["no_show_pct"].value, 25.0);      // 1 of 4 expected
  EXPECT_NEAR(*k["online_share_pct"].value, 200.0 / 3, 1e-9);
  EXPECT_NEAR(*k["phone_share_pct"].value, 100.0 / 3, 1e-9);
  EXPECT_EQ(k["phone_share_pct"].light, Light::kNone);
}

TEST_F(ScriptedMonth, DistrictAndCentreFiguresKeepToTheirCentres) {
  auto altona = November(Scope::District("altona"));
  EXPECT_DOUBLE_EQ(*altona["lead_time_days"].value, 15.0);     // (10 + 20) / 2
  EXPECT_EQ(altona["lead_time_days"].light, Light::kAmber);    // 1 day over 14: within 10 %
  EXPECT_DOUBLE_EQ(*altona["registration_days"].value, 15.0);  // kz-a: 20, then 10
  EXPECT_EQ(altona["registration_days"].light, Light::kRed);   // the legal deadline has no margin
  EXPECT_DOUBLE_EQ(*altona["opening_hours_pct"].value, 50.0);

  auto harburg = November(Scope::Location("kz-h"));
  EXPECT_DOUBLE_EQ(*harburg["lead_time_days"].value, 6.0);
  EXPECT_DOUBLE_EQ(*harburg["first_free_days"].value, 90.0);
  EXPECT_FALSE(harburg["walk_in_wait_p90"].value.has_value());  // no tickets: no figure
  EXPECT_EQ(harburg["walk_in_wait_p90"].light, Light::kNone);
  EXPECT_FALSE(harburg["extended_hours_pct"].value.has_value());
}

TEST_F(ScriptedMonth, WeeksStartOnMondayAndSplitTheMonth) {
  const KpiInput in{.catalog = catalog_, .zone = Berlin(), .events = events_};
  const std::vector<Scope> scopes = {Scope::City()};
  auto rows = ComputeKpis(in, promises_, Period::kWeek, CivilDay(2026, 11, 1),
                          CivilDay(2026, 11, 8), scopes);
  std::vector<std::pair<CivilDay, double>> lead;
  for (const KpiRow& r : rows) {
    if (r.promise == "lead_time_days" && r.value) lead.emplace_back(r.period_start, *r.value);
  }
  // Sunday 1 Nov belongs to the week of Monday 26 Oct (the October booking: 31 days).
  ASSERT_EQ(lead.size(), 2u);
  EXPECT_EQ(lead[0].first, CivilDay(2026, 10, 26));
  EXPECT_NEAR(lead[0].second, 31.0, 1e-9);
  EXPECT_EQ(lead[1].first, CivilDay(2026, 11, 2));
  EXPECT_DOUBLE_EQ(lead[1].second, 12.0);
}

TEST(Promises, LightsFollowDirectionAndMargin) {
  const PromiseSet set = DefaultPromises();
  const Promise& wait = *set.Find("walk_in_wait_p90");
  EXPECT_EQ(wait.LightOf(30.0), Light::kGreen);
  EXPECT_EQ(wait.LightOf(32.9), Light::kAmber);
  EXPECT_EQ(wait.LightOf(33.1), Light::kRed);
  EXPECT_EQ(wait.LightOf(std::nullopt), Light::kNone);
  const Promise& online = *set.Find("online_share_pct");
  EXPECT_EQ(online.LightOf(60.0), Light::kGreen);
  EXPECT_EQ(online.LightOf(55.0), Light::kAmber);
  EXPECT_EQ(online.LightOf(40.0), Light::kRed);
}

TEST(Promises, ThresholdsAreSettingsThatSurviveAReopen) {
  testing::TempDir dir;
  {
    auto store = store::OpenStore(dir.File("p.db"));
    ASSERT_TRUE(store);
    auto change = [&](std::string_view id, double value) {
      return SetThreshold(**store, {.id = id, .threshold = value, .actor = "Leitstelle"});
    };
    auto set = change("walk_in_wait_p90", 20);
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(change("nope", 1).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(change("online_share_pct", 120).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(change("phone_share_pct", 10).error().code, ErrorCode::kInvalidArgument);
    auto audit = (*store)->ReadActions(absl::InfinitePast(), absl::InfiniteFuture());
    ASSERT_EQ(audit->size(), 1u);  // only the accepted change
    EXPECT_EQ(audit->front().kind, "promise.threshold");
    EXPECT_EQ(audit->front().before, R"({"promise":"walk_in_wait_p90","threshold":30})");
  }
  auto store = store::OpenStore(dir.File("p.db"));
  auto loaded = LoadPromises(**store);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->Find("walk_in_wait_p90")->threshold, 20);
  EXPECT_EQ(loaded->Find("express_wait_p95")->threshold, 5);
}

TEST(Percentile, UsesNearestRank) {
  EXPECT_FALSE(Percentile({}, 90).has_value());
  EXPECT_EQ(*Percentile({7}, 90), 7);
  EXPECT_EQ(*Percentile({4, 1, 3, 2}, 50), 2);
  EXPECT_EQ(*Percentile({4, 1, 3, 2}, 100), 4);
}

}  // namespace
}  // namespace amtszeit::monitor
