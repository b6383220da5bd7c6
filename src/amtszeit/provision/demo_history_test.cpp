#include "amtszeit/provision/demo_history.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "amtszeit/dataset/dataset.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::provision {
namespace {

constexpr absl::CivilDay kToday(2026, 11, 25);

absl::TimeZone Zone() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Berlin", &zone)) ADD_FAILURE() << "no Europe/Berlin";
  return zone;
}

// A history written into a fresh store and read back whole.
struct History {
  testing::TempDir dir;
  Catalog catalog;
  HolidayCalendar holidays{2025, 2028};
  absl::TimeZone zone = Zone();
  std::unique_ptr<store::Store> store;
  HistorySummary summary;
  double seconds = 0;
  std::vector<AppointmentEvent> events;
  std::vector<TicketEvent> tickets;

  absl::Time Midnight(absl::CivilDay day) const { return ToInstant(day, 0, zone); }
};

Catalog Hamburg() {
  auto dataset = dataset::LoadDataset(std::filesystem::path(AMTSZEIT_SOURCE_DIR) / "data/hamburg");
  EXPECT_TRUE(dataset) << dataset.error().message;
  return dataset ? dataset->catalog : Catalog{};
}

// Mean of start - booked_at, in days, over the bookings made in [from, to).
double MeanLeadDays(const std::vector<AppointmentEvent>& events, absl::Time from, absl::Time to,
                    absl::TimeZone zone, int* count) {
  double sum = 0;
  *count = 0;
  for (const AppointmentEvent& e : events) {
    if (e.kind != EventKind::kConfirmed || e.booked_at < from || e.booked_at >= to) continue;
    sum += absl::ToDoubleHours(ToInstant(e.day, e.start_minute, zone) - e.booked_at) / 24;
    ++*count;
  }
  return *count == 0 ? 0 : sum / *count;
}

// Nearest-rank percentile of the minutes from issue to first call, per queue.
double WaitPercentile(const std::vector<TicketEvent>& tickets, QueueClass queue, double p) {
  std::map<std::int64_t, absl::Time> issued;
  std::vector<double> waits;
  for (const TicketEvent& e : tickets) {
    if (e.queue != queue) continue;
    if (e.kind == TicketEventKind::kIssued) {
      issued.emplace(e.ticket_id, e.at);
    } else if (e.kind == TicketEventKind::kCalled) {
      auto it = issued.find(e.ticket_id);
      if (it == issued.end()) continue;
      waits.push_back(absl::ToDoubleMinutes(e.at - it->second));
      issued.erase(it);
    }
  }
  if (waits.empty()) return 0;
  std::ranges::sort(waits);
  const auto rank =
      static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(waits.size())));
  return waits[std::clamp<std::size_t>(rank, 1, waits.size()) - 1];
}

bool InsideOpenRange(const Location& l, absl::CivilDay day, int minute,
                     const HolidayCalendar& holidays) {
  if (!l.InServiceOn(day)) return false;
  for (const TimeRange& r : l.hours.OpenOn(day, holidays)) {
    if (r.begin <= minute && minute < r.end) return true;
  }
  return false;
}

void ExpectEveryKindAtDemoScale(const History& h) {
  const HistorySummary& s = h.summary;
  EXPECT_EQ(s.days, 120);
  EXPECT_EQ(s.appointment_events, static_cast<std::int64_t>(h.events.size()));
  EXPECT_EQ(s.ticket_events, static_cast<std::int64_t>(h.tickets.size()));
  EXPECT_GT(s.appointment_events, 100'000);
  EXPECT_GT(s.ticket_events, 30'000);
  std::map<EventKind, int> kinds;
  for (const AppointmentEvent& e : h.events) ++kinds[e.kind];
  for (EventKind k : {EventKind::kConfirmed, EventKind::kCancelled, EventKind::kCheckedIn,
                      EventKind::kNoShow, EventKind::kServed}) {
    EXPECT_GT(kinds[k], 0) << ToString(k);
  }
  std::map<std::pair<QueueClass, TicketEventKind>, int> ticket_kinds;
  for (const TicketEvent& e : h.tickets) ++ticket_kinds[{e.queue, e.kind}];
  for (QueueClass q : {QueueClass::kWalkIn, QueueClass::kExpress}) {
    for (TicketEventKind k :
         {TicketEventKind::kIssued, TicketEventKind::kCalled, TicketEventKind::kServed}) {
      EXPECT_GT((ticket_kinds[{q, k}]), 0) << ToString(q) << " " << ToString(k);
    }
  }
  auto slots = h.store->ReadSlotSnapshots(kToday - 120, kToday - 1);
  auto windows = h.store->ReadWindowSnapshots(kToday - 120, kToday - 1);
  ASSERT_TRUE(slots && windows);
  EXPECT_EQ(static_cast<int>(slots->size() + windows->size()), s.snapshots);
  EXPECT_GT(windows->size(), 120u * 15) << "every morning, every centre";
}

void ExpectEverythingInsideTheWindow(const History& h) {
  const absl::Time first = h.Midnight(kToday - 120);
  const absl::Time today = h.Midnight(kToday);
  int future_bookings = 0;
  for (const AppointmentEvent& e : h.events) {
    ASSERT_LT(e.at, today) << ToString(e.kind);
    ASSERT_GE(e.at, first) << ToString(e.kind);
    ASSERT_LE(e.booked_at, e.at);
    if (e.kind == EventKind::kConfirmed || e.kind == EventKind::kCancelled) {
      if (e.day >= kToday) ++future_bookings;
    } else {
      ASSERT_LT(e.day, kToday) << ToString(e.kind);
      ASSERT_GE(e.day, kToday - 120);
    }
  }
  EXPECT_GT(future_bookings, 0) << "bookings made before today for later days count too";
  for (const TicketEvent& e : h.tickets) {
    ASSERT_LT(e.at, today);
    ASSERT_GE(e.at, first);
  }
  EXPECT_TRUE(h.store->ReadSlotSnapshots(kToday, kToday + 30)->empty());
  EXPECT_TRUE(h.store->ReadWindowSnapshots(kToday, kToday + 30)->empty());
}

void ExpectOpeningHoursOfCatalogueCentres(const History& h) {
  for (const AppointmentEvent& e : h.events) {
    const Location* l = h.catalog.FindLocation(e.location_id);
    ASSERT_NE(l, nullptr) << e.location_id;
    ASSERT_TRUE(InsideOpenRange(*l, e.day, e.start_minute, h.holidays))
        << e.location_id << " " << FormatDay(e.day) << " " << FormatClock(e.start_minute);
    ASSERT_EQ(e.start_minute % kTickMinutes, 0);
    ASSERT_GE(e.appointment_id, kHistoryIdBase);
    ASSERT_FALSE(e.service_ids.empty());
    for (const std::string& s : e.service_ids) {
      const Service* service = h.catalog.FindService(s);
      ASSERT_NE(service, nullptr) << s;
      ASSERT_TRUE(service->needs_presence) << s;
    }
  }
  for (const TicketEvent& e : h.tickets) {
    const Location* l = h.catalog.FindLocation(e.location_id);
    ASSERT_NE(l, nullptr) << e.location_id;
    ASSERT_GE(e.ticket_id, kHistoryIdBase);
    if (e.kind == TicketEventKind::kIssued) {
      const absl::CivilMinute at = ToCivilMinute(e.at, h.zone);
      ASSERT_TRUE(InsideOpenRange(*l, absl::CivilDay(at), at.hour() * 60 + at.minute(), h.holidays))
          << e.location_id << " " << FormatInstant(e.at, h.zone);
    }
    if (e.kind == TicketEventKind::kCalled) {
      ASSERT_FALSE(e.counter.empty());
    }
  }
}

void ExpectLeadTimesToImprove(const History& h) {
  int first_count = 0;
  int last_count = 0;
  const double first = MeanLeadDays(h.events, h.Midnight(kToday - 120), h.Midnight(kToday - 90),
                                    h.zone, &first_count);
  const double last =
      MeanLeadDays(h.events, h.Midnight(kToday - 30), h.Midnight(kToday), h.zone, &last_count);
  std::printf(
      "[ figures  ] mean lead time: first 30 days %.1f d (%d bookings), last 30 days %.1f d "
      "(%d bookings)\n",
      first, first_count, last, last_count);
  EXPECT_GT(first_count, 10'000);
  EXPECT_GT(last_count, 10'000);
  EXPECT_GT(first, 18);
  EXPECT_GE(last, 7);
  EXPECT_LE(last, 14);

  // The two centres with the most counters lag behind the city in the last 30 days.
  std::map<std::string, std::pair<double, int>> by_centre;
  for (const AppointmentEvent& e : h.events) {
    if (e.kind != EventKind::kConfirmed || e.booked_at < h.Midnight(kToday - 30)) continue;
    auto& [sum, n] = by_centre[e.location_id];
    sum += absl::ToDoubleHours(ToInstant(e.day, e.start_minute, h.zone) - e.booked_at) / 24;
    ++n;
  }
  for (const char* worse : {"kz-eppendorf", "kz-caffamacherreihe"}) {
    ASSERT_TRUE(by_centre.contains(worse)) << worse;
    const auto [sum, n] = by_centre[worse];
    std::printf("[ figures  ] %s: %.1f d over the last 30 days\n", worse, sum / n);
    EXPECT_GT(sum / n, last) << worse;
  }
}

void ExpectWalkInWaitsWithALongTail(const History& h) {
  const double median = WaitPercentile(h.tickets, QueueClass::kWalkIn, 50);
  const double p90 = WaitPercentile(h.tickets, QueueClass::kWalkIn, 90);
  const double express_p95 = WaitPercentile(h.tickets, QueueClass::kExpress, 95);
  std::printf("[ figures  ] walk-in wait median %.1f min, p90 %.1f min; express p95 %.1f min\n",
              median, p90, express_p95);
  EXPECT_GE(p90, 20);
  EXPECT_LE(p90, 50);
  EXPECT_GE(median, 10);
  EXPECT_LE(median, 20);
  EXPECT_GE(express_p95, 3);
  EXPECT_LE(express_p95, 8);
}

void ExpectSharesOfTheModel(const History& h) {
  int confirmed = 0;
  int online = 0;
  int phone = 0;
  int expected = 0;
  int no_shows = 0;
  for (const AppointmentEvent& e : h.events) {
    if (e.kind == EventKind::kConfirmed) {
      ++confirmed;
      online += e.channel == Channel::kOnline ? 1 : 0;
      phone += e.channel == Channel::kPhone ? 1 : 0;
    } else if (e.kind == EventKind::kCheckedIn || e.kind == EventKind::kNoShow) {
      ++expected;
      no_shows += e.kind == EventKind::kNoShow ? 1 : 0;
    }
  }
  ASSERT_GT(confirmed, 0);
  ASSERT_GT(expected, 0);
  const double online_pct = 100.0 * online / confirmed;
  const double phone_pct = 100.0 * phone / confirmed;
  const double no_show_pct = 100.0 * no_shows / expected;
  std::printf("[ figures  ] online %.1f %%, phone %.1f %%, no-shows %.1f %%\n", online_pct,
              phone_pct, no_show_pct);
  EXPECT_NEAR(online_pct, 70, 3);
  EXPECT_NEAR(phone_pct, 25, 3);
  EXPECT_NEAR(no_show_pct, 5.3, 1.5);
}

void ExpectASecondCallToWriteNothing(const History& h) {
  std::int64_t last_event = 0;
  std::int64_t last_ticket = 0;
  for (const AppointmentEvent& e : h.events) last_event = std::max(last_event, e.id);
  for (const TicketEvent& e : h.tickets) last_ticket = std::max(last_ticket, e.id);
  for (absl::CivilDay today : {kToday, kToday + 2}) {
    auto again = WriteDemoHistory(*h.store, h.catalog, h.holidays, h.zone, {.today = today});
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->days, 0);
    EXPECT_EQ(again->appointment_events, 0);
    EXPECT_EQ(again->ticket_events, 0);
    EXPECT_EQ(again->snapshots, 0);
  }
  EXPECT_TRUE(h.store->ReadEvents(last_event, 10)->empty());
  EXPECT_TRUE(h.store->ReadTicketEvents(last_ticket, 10)->empty());
  EXPECT_TRUE(h.store->ReadWindowSnapshots(kToday, kToday + 2)->empty());
  auto marker = h.store->ReadSetting(kHistorySetting);
  ASSERT_TRUE(marker && marker->has_value());
  EXPECT_EQ(**marker, "120 days before 2026-11-25, seed 2026");
}

// The demo's history (120 days, every Hamburg centre) is written once and checked from every side
// here: ctest runs each test in a process of its own, and writing it is the expensive part.
TEST(DemoHistory, TellsHamburgsStoryInStoredEvents) {
  History h;
  h.catalog = Hamburg();
  auto store = store::OpenStore(h.dir.File("history.db"));
  ASSERT_TRUE(store) << store.error().message;
  h.store = std::move(*store);
  const auto started = std::chrono::steady_clock::now();
  auto summary = WriteDemoHistory(*h.store, h.catalog, h.holidays, h.zone, {.today = kToday});
  h.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(summary) << summary.error().message;
  h.summary = *summary;
  std::printf(
      "[ history  ] %d days: %lld appointment events, %lld ticket events, %d snapshot rows "
      "written in %.2f s\n",
      summary->days, static_cast<long long>(summary->appointment_events),
      static_cast<long long>(summary->ticket_events), summary->snapshots, h.seconds);
  auto events = h.store->ReadEventsBetween(absl::InfinitePast(), absl::InfiniteFuture());
  ASSERT_TRUE(events);
  h.events = std::move(*events);
  auto tickets = h.store->ReadTicketEventsBetween(absl::InfinitePast(), absl::InfiniteFuture());
  ASSERT_TRUE(tickets);
  h.tickets = std::move(*tickets);

  {
    SCOPED_TRACE("every kind of event and snapshot, at the demo's scale");
    ExpectEveryKindAtDemoScale(h);
  }
  {
    SCOPED_TRACE("nothing before the window, nothing at or after today");
    ExpectEverythingInsideTheWindow(h);
  }
  {
    SCOPED_TRACE("catalogue centres, inside their opening hours");
    ExpectOpeningHoursOfCatalogueCentres(h);
  }
  {
    SCOPED_TRACE("lead times improve across the window");
    ExpectLeadTimesToImprove(h);
  }
  {
    SCOPED_TRACE("walk-in waits have a long tail, express ones do not");
    ExpectWalkInWaitsWithALongTail(h);
  }
  {
    SCOPED_TRACE("channel and no-show shares");
    ExpectSharesOfTheModel(h);
  }
  {
    SCOPED_TRACE("idempotent");
    ExpectASecondCallToWriteNothing(h);
  }
}

TEST(DemoHistory, IsDeterministicForASeed) {
  testing::TempDir dir;
  const Catalog catalog = Hamburg();
  const HolidayCalendar holidays(2025, 2028);
  const absl::TimeZone zone = Zone();
  std::vector<std::unique_ptr<store::Store>> stores;
  std::vector<HistorySummary> summaries;
  for (const std::uint64_t seed : {7, 7, 8}) {
    auto store = store::OpenStore(dir.File("s" + std::to_string(stores.size()) + ".db"));
    ASSERT_TRUE(store);
    auto summary = WriteDemoHistory(**store, catalog, holidays, zone,
                                    {.today = kToday, .days = 7, .seed = seed});
    ASSERT_TRUE(summary) << summary.error().message;
    summaries.push_back(*summary);
    stores.push_back(std::move(*store));
  }
  EXPECT_EQ(summaries[0].days, 7);
  EXPECT_EQ(summaries[0].appointment_events, summaries[1].appointment_events);
  EXPECT_EQ(summaries[0].ticket_events, summaries[1].ticket_events);
  EXPECT_EQ(summaries[0].snapshots, summaries[1].snapshots);
  auto events_a = stores[0]->ReadEvents(0, 100);
  auto events_b = stores[1]->ReadEvents(0, 100);
  auto events_c = stores[2]->ReadEvents(0, 100);
  ASSERT_TRUE(events_a && events_b && events_c);
  ASSERT_EQ(events_a->size(), 100u);
  EXPECT_EQ(*events_a, *events_b);
  EXPECT_NE(*events_a, *events_c) << "another seed, another history";
  auto tickets_a = stores[0]->ReadTicketEvents(0, 100);
  auto tickets_b = stores[1]->ReadTicketEvents(0, 100);
  ASSERT_TRUE(tickets_a && tickets_b);
  ASSERT_EQ(tickets_a->size(), 100u);
  EXPECT_EQ(*tickets_a, *tickets_b);
  EXPECT_EQ(*stores[0]->ReadSlotSnapshots(kToday - 7, kToday),
            *stores[1]->ReadSlotSnapshots(kToday - 7, kToday));
  EXPECT_EQ(*stores[0]->ReadWindowSnapshots(kToday - 7, kToday),
            *stores[1]->ReadWindowSnapshots(kToday - 7, kToday));
}

TEST(DemoHistory, LeavesAStoreWithPastEventsAlone) {
  testing::TempDir dir;
  const Catalog catalog = Hamburg();
  const HolidayCalendar holidays(2025, 2028);
  const absl::TimeZone zone = Zone();
  auto store = store::OpenStore(dir.File("live.db"));
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->Write([&](store::WriteTx& tx) -> Result<void> {
    auto id = tx.AppendTicketEvent({.ticket_id = 1,
                                    .location_id = "kz-altona",
                                    .at = ToInstant(kToday - 2, 9 * 60, zone),
                                    .service_ids = {"personalausweis"}});
    if (!id) return std::unexpected(id.error());
    return {};
  }));
  auto summary = WriteDemoHistory(**store, catalog, holidays, zone, {.today = kToday, .days = 5});
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->days, 0);
  EXPECT_TRUE((*store)->ReadEvents(0, 1)->empty());
  EXPECT_EQ((*store)->ReadTicketEvents(0, 10)->size(), 1u);
  EXPECT_TRUE((*store)->ReadWindowSnapshots(kToday - 5, kToday)->empty());
}

TEST(DemoHistory, RefusesANegativeNumberOfDaysAndWritesNothingForNone) {
  testing::TempDir dir;
  const Catalog catalog = Hamburg();
  const HolidayCalendar holidays(2025, 2028);
  const absl::TimeZone zone = Zone();
  auto store = store::OpenStore(dir.File("empty.db"));
  ASSERT_TRUE(store);
  auto negative = WriteDemoHistory(**store, catalog, holidays, zone, {.today = kToday, .days = -1});
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().code, ErrorCode::kInvalidArgument);
  auto none = WriteDemoHistory(**store, catalog, holidays, zone, {.today = kToday, .days = 0});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->days, 0);
  EXPECT_TRUE((*store)->ReadEvents(0, 1)->empty());
  EXPECT_FALSE((*store)->ReadSetting(kHistorySetting)->has_value());
}

}  // namespace
}  // namespace amtszeit::provision
