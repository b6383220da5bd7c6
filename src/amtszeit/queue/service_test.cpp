#include "amtszeit/queue/service.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <random>
#include <set>
#include <thread>

#include "amtszeit/booking/secrets.h"
#include "amtszeit/secrets/secrets.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::queue {
namespace {

using testing::Berlin;

// Wednesday 2026-12-02 in Hamburg.
absl::Time Local(int hour, int minute, int day = 2) {
  return absl::FromCivil(absl::CivilSecond(2026, 12, day, hour, minute, 0), Berlin());
}

using testing::TempDir;

// One centre open 07:00-19:00 on weekdays; two walk-in staff 08:00-16:00 on 2 and 3 December.
void Seed(store::Store& store) {
  auto ok = store.Write([](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.PutDistrict({"mitte", "Hamburg-Mitte"}); !r) return r;
    Location l{.id = "kz-a", .name = "Kundenzentrum A", .district_id = "mitte", .counters = 6};
    for (int d = 0; d < 5; ++d) l.hours.weekly[d] = {{7 * 60, 19 * 60}};
    if (auto r = tx.PutLocation(l); !r) return r;
    for (const Service& s : std::vector<Service>{{.id = "ausweis",
                            .name_de = "Personalausweis",
                            .duration_minutes = 20,
                            .skill = "ausweis"},
                                                 {.id = "abholung",
                                                 .name_de = "Abholung",
                                                 .duration_minutes = 5,
                                                 .express = true,
                                                 .skill = "ausweis"},
                                                 {.id = "online",
                                                 .name_de = "Online",
                                                 .duration_minutes = 10,
                                                 .needs_presence = false,
                                                 .online_url = "https://example.org",
                                                 .skill = "x"}}) {
      if (auto r = tx.PutService(s); !r) return r;
    }
    for (int i = 0; i < 2; ++i) {
      Staff st{.id = "st-" + std::to_string(i),
               .display_name = "S",
               .home_district_id = "mitte",
               .home_location_id = "kz-a",
               .skills = {"ausweis"}};
      if (auto r = tx.PutStaff(st); !r) return r;
      for (int day : {2, 3}) {
        Shift sh{.staff_id = st.id,
                 .location_id = "kz-a",
                 .day = absl::CivilDay(2026, 12, day),
                 .time = {8 * 60, 16 * 60},
                 .mode = ShiftMode::kWalkIn};
        if (auto r = tx.PutShift(sh); !r) return std::unexpected(r.error());
      }
    }
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
}

class QueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("q.db"));
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    Seed(*store_);
    auto catalog = store_->ReadCatalog();
    ASSERT_TRUE(catalog);
    catalog_ = std::make_shared<const Catalog>(std::move(*catalog));
    Reopen();
  }

  void Reopen() {
    queue_.reset();
    auto q = QueueService::Open(*store_, clock_, catalog_, holidays_, hub_, {.zone = Berlin()});
    ASSERT_TRUE(q) << q.error().message;
    queue_ = std::move(*q);
  }

  Issued Issue(std::vector<std::string> services = {"ausweis"},
               PriorityReason priority = PriorityReason::kNone) {
    auto issued = queue_->Issue(
        {.location_id = "kz-a", .service_ids = std::move(services), .priority = priority});
    EXPECT_TRUE(issued) << issued.error().message;
    return issued ? *issued : Issued{};
  }

  void OpenCounter(const std::string& name, CounterMode mode = CounterMode::kWalkIn) {
    auto c = queue_->OpenCounter("kz-a", name, {.mode = mode, .staff = "Meyer"});
    ASSERT_TRUE(c) << c.error().message;
  }

  std::string Call(const std::string& counter) {
    auto r = queue_->CallNext("kz-a", counter);
    if (!r) return "";
    return TicketLabel(r->ticket->ticket);
  }

  // A confirmed appointment today at `hour:minute` for 20 minutes.
  std::string Book(int hour, int minute) {
    std::string code = booking::NewAppointmentCode();
    Appointment a{.code = code,
                  .token_hash = secrets::LinkTokenHash("t"),
                  .location_id = "kz-a",
                  .staff_id = "st-" + std::to_string(booked_++ % 2),
                  .day = absl::CivilDay(2026, 12, 2),
                  .time = {hour * 60 + minute, hour * 60 + minute + 20},
                  .start = Local(hour, minute),
                  .end = Local(hour, minute + 20),
                  .service_ids = {"ausweis"},
                  .status = AppointmentStatus::kConfirmed,
                  .created_at = Local(7, 0, 1),
                  .updated_at = Local(7, 0, 1)};
    auto ok = store_->Write([&](store::WriteTx& tx) -> Result<void> {
      auto id = tx.InsertAppointment(a);
      if (!id) return std::unexpected(id.error());
      return {};
    });
    EXPECT_TRUE(ok) << ok.error().message;
    return code;
  }

  AppointmentStatus StatusOf(const std::string& code) {
    auto a = store_->FindAppointmentByCode(code);
    EXPECT_TRUE(a && *a);
    return (a && *a) ? (**a).status : AppointmentStatus::kExpired;
  }

  TempDir dir_;
  ManualClock clock_{Local(9, 0)};
  HolidayCalendar holidays_{2020, 2030};
  live::Hub hub_{{.first_id = 1}};
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<const Catalog> catalog_;
  std::unique_ptr<QueueService> queue_;
  int booked_ = 0;
};

TEST_F(QueueTest, NumbersArePerQueueAndStartAtOne) {
  EXPECT_EQ(TicketLabel(Issue().view.ticket), "A001");
  EXPECT_EQ(TicketLabel(Issue().view.ticket), "A002");
  EXPECT_EQ(TicketLabel(Issue({"abholung"}).view.ticket), "E001");
  // Mixed with a non-express service the ticket is a walk-in.
  EXPECT_EQ(TicketLabel(Issue({"abholung", "ausweis"}).view.ticket), "A003");
}

TEST_F(QueueTest, VirtualTicketsOnlyWhileTheCentreIsOpen) {
  clock_.Set(Local(6, 30));
  auto early = queue_->Issue(
      {.location_id = "kz-a", .service_ids = {"ausweis"}, .source = TicketSource::kWeb});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kPreconditionFailed);
  clock_.Set(Local(7, 0));
  EXPECT_TRUE(queue_->Issue(
      {.location_id = "kz-a", .service_ids = {"ausweis"}, .source = TicketSource::kWeb}));
}

TEST_F(QueueTest, ACentreClosedTodayByTheControlRoomIssuesNoTicketsOnceTheRosterIsReread) {
  EXPECT_TRUE(queue_->Issue({.location_id = "kz-a", .service_ids = {"ausweis"}}));
  const absl::CivilDay today(absl::ToCivilSecond(clock_.Now(), Berlin()));
  auto ok = store_->Write([&](store::WriteTx& tx) -> Result<void> {
    auto id = tx.PutCentreClosure(
        {.location_id = "kz-a", .first = today, .last = today, .reason = "Wasserschaden"});
    if (!id) return std::unexpected(id.error());
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
  queue_->RosterChanged();
  auto refused = queue_->Issue({.location_id = "kz-a", .service_ids = {"ausweis"}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_NE(refused.error().message.find("Wasserschaden"), std::string::npos);
  for (const NowEntry& e : queue_->Now()) {
    if (e.location->id == "kz-a") {
      EXPECT_FALSE(e.open_now);
    }
  }
}

TEST_F(QueueTest, RefusesServicesWithoutVisitAndUnknownOnes) {
  auto online = queue_->Issue({.location_id = "kz-a", .service_ids = {"online"}});
  ASSERT_FALSE(online);
  EXPECT_EQ(online.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_NE(online.error().message.find("https://example.org"), std::string::npos);
  EXPECT_EQ(queue_->Issue({.location_id = "kz-a", .service_ids = {"nope"}}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(queue_->Issue({.location_id = "kz-x", .service_ids = {"ausweis"}}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(queue_->Issue({.location_id = "kz-a"}).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(QueueTest, TwoCountersCallingConcurrentlyNeverCallOneTicketTwice) {
  constexpr int kTickets = 120;
  for (int i = 0; i < kTickets; ++i) Issue();
  const std::vector<std::string> counters = {"1", "2", "3", "4"};
  for (const auto& c : counters) OpenCounter(c);
  std::mutex mu;
  std::vector<std::int64_t> called;
  std::vector<std::thread> threads;
  threads.reserve(counters.size());
  for (const auto& c : counters) {
    threads.emplace_back([&, c] {
      while (true) {
        auto r = queue_->CallNext("kz-a", c);
        if (!r) break;
        {
          std::lock_guard lock(mu);
          called.push_back(r->ticket->ticket.id);
        }
        ASSERT_TRUE(queue_->Act("kz-a", c, CounterAction::kFinish));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(called.size(), static_cast<std::size_t>(kTickets));
  EXPECT_EQ(std::set<std::int64_t>(called.begin(), called.end()).size(), called.size());
  auto events = store_->ReadTicketEvents(0, 10000);
  ASSERT_TRUE(events);
  int calls = 0;
  for (const auto& e : *events) calls += e.kind == TicketEventKind::kCalled ? 1 : 0;
  EXPECT_EQ(calls, kTickets);
}

TEST_F(QueueTest, ARestartLosesNoTicketAndKeepsNumbering) {
  Issue();
  const auto second = Issue().view.ticket.id;
  OpenCounter("5");
  ASSERT_EQ(Call("5"), "A001");
  Reopen();
  auto q = queue_->Queue("kz-a");
  ASSERT_TRUE(q);
  ASSERT_EQ(q->waiting.size(), 1u);
  EXPECT_EQ(q->waiting[0].ticket.id, second);
  ASSERT_EQ(q->called.size(), 1u);
  EXPECT_EQ(TicketLabel(q->called[0].ticket), "A001");
  ASSERT_EQ(q->counters.size(), 1u);
  EXPECT_EQ(q->counters[0].state, CounterState::kOpen);
  EXPECT_TRUE(queue_->Act("kz-a", "5", CounterAction::kFinish));
  EXPECT_EQ(TicketLabel(Issue().view.ticket), "A003");
  auto calls = queue_->RecentCalls("kz-a");
  ASSERT_TRUE(calls);
  ASSERT_EQ(calls->size(), 1u);
  EXPECT_EQ((*calls)[0].number, "A001");
}

TEST_F(QueueTest, CheckInMakesADueTicketAndTheAppointmentFollowsIt) {
  const std::string code = Book(9, 30);
  clock_.Set(Local(9, 10));
  Issue();  // a walk-in who has waited since 09:10
  auto ticket = queue_->CheckIn("kz-a", code);
  ASSERT_TRUE(ticket) << ticket.error().message;
  EXPECT_EQ(TicketLabel(ticket->view.ticket), "T001");
  EXPECT_EQ(ticket->view.ticket.due_at, Local(9, 30));
  EXPECT_EQ(StatusOf(code), AppointmentStatus::kCheckedIn);
  EXPECT_EQ(queue_->CheckIn("kz-a", code).error().code, ErrorCode::kConflict);

  OpenCounter("1", CounterMode::kAppointments);
  clock_.Set(Local(9, 20));
  EXPECT_EQ(Call("1"), "A001") << "not due before 09:25: the desk helps with walk-ins";
  ASSERT_TRUE(queue_->Act("kz-a", "1", CounterAction::kFinish));
  clock_.Set(Local(9, 26));
  EXPECT_EQ(Call("1"), "T001");
  EXPECT_EQ(StatusOf(code), AppointmentStatus::kCalled);
  ASSERT_TRUE(queue_->Act("kz-a", "1", CounterAction::kStart));
  clock_.Set(Local(9, 45));
  ASSERT_TRUE(queue_->Act("kz-a", "1", CounterAction::kFinish));
  EXPECT_EQ(StatusOf(code), AppointmentStatus::kServed);
  auto events = store_->ReadEvents(0, 100);
  ASSERT_TRUE(events);
  std::vector<EventKind> kinds;
  for (const auto& e : *events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<EventKind>{EventKind::kCheckedIn, EventKind::kCalled,
                                           EventKind::kServed}));
}

TEST_F(QueueTest, LateAppointmentsLapseAndBecomeNoShows) {
  const std::string late = Book(9, 0);
  const std::string kept = Book(11, 0);
  clock_.Set(Local(9, 16));
  auto refused = queue_->CheckIn("kz-a", late);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(queue_->CheckIn("kz-b", kept).error().code, ErrorCode::kNotFound);
  queue_->Tick();
  EXPECT_EQ(StatusOf(late), AppointmentStatus::kNoShow);
  EXPECT_EQ(StatusOf(kept), AppointmentStatus::kConfirmed);
}

TEST_F(QueueTest, EstimatesFollowDesksAndServiceTimes) {
  for (int i = 0; i < 6; ++i) Issue();
  OpenCounter("1");
  OpenCounter("2");
  auto q = queue_->Queue("kz-a");
  ASSERT_TRUE(q);
  std::vector<int> positions, waits;
  for (const auto& v : q->waiting) {
    positions.push_back(*v.position);
    waits.push_back(*v.wait_minutes);
  }
  EXPECT_EQ(positions, (std::vector<int>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(waits, (std::vector<int>{0, 0, 20, 20, 40, 40}));
  EXPECT_EQ(q->walk_in_wait_minutes, 60);
  // An express ticket jumps the line by its head start only where no express desk exists.
  EXPECT_EQ(q->express_wait_minutes, 0) << "nobody waiting has waited 20 minutes yet";
  // Without any desk signed in, the roster's two walk-in staff stand in.
  ASSERT_TRUE(queue_->Act("kz-a", "1", CounterAction::kClose));
  ASSERT_TRUE(queue_->Act("kz-a", "2", CounterAction::kClose));
  q = queue_->Queue("kz-a");
  EXPECT_EQ(q->walk_in_wait_minutes, 60);
  // After 16:00 nobody serves walk-ins any more: no estimate rather than a wrong one.
  clock_.Set(Local(16, 30));
  q = queue_->Queue("kz-a");
  EXPECT_FALSE(q->walk_in_wait_minutes);
}

TEST_F(QueueTest, TransferKeepsIssueTimeAndToken) {
  const Issued first = Issue();
  clock_.Advance(absl::Minutes(10));
  Issue();
  OpenCounter("1");
  ASSERT_EQ(Call("1"), "A001");
  clock_.Advance(absl::Minutes(5));
  auto moved = queue_->Transfer("kz-a", "1", {"abholung"});
  ASSERT_TRUE(moved) << moved.error().message;
  const Ticket& t = moved->ticket->ticket;
  EXPECT_EQ(TicketLabel(t), "E001");
  EXPECT_EQ(t.issued_at, first.view.ticket.issued_at);
  EXPECT_EQ(t.transferred_from, first.view.ticket.id);
  EXPECT_TRUE(queue_->Get(t.id, first.token)) << "the citizen's link follows the new ticket";
  EXPECT_EQ(Call("1"), "E001") << "15 minutes + express head start beat a 5-minute walk-in";
}

TEST_F(QueueTest, CounterActionsFollowTheStateMachine) {
  OpenCounter("1");
  EXPECT_EQ(queue_->CallNext("kz-a", "1").error().code, ErrorCode::kNotFound);
  Issue();
  Issue();
  ASSERT_EQ(Call("1"), "A001");
  EXPECT_EQ(queue_->CallNext("kz-a", "1").error().code, ErrorCode::kConflict);
  EXPECT_EQ(queue_->Act("kz-a", "1", CounterAction::kPause).error().code, ErrorCode::kConflict);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(queue_->Act("kz-a", "1", CounterAction::kRecall));
  EXPECT_EQ(queue_->Act("kz-a", "1", CounterAction::kRecall).error().code, ErrorCode::kConflict);
  auto gone = queue_->Act("kz-a", "1", CounterAction::kNoShow);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->ticket->ticket.status, TicketStatus::kNoShow);
  ASSERT_TRUE(queue_->Act("kz-a", "1", CounterAction::kPause));
  EXPECT_EQ(queue_->CallNext("kz-a", "1").error().code, ErrorCode::kConflict);
  ASSERT_TRUE(queue_->Act("kz-a", "1", CounterAction::kResume));
  ASSERT_EQ(Call("1"), "A002");
  // Closing returns a called ticket to the queue.
  ASSERT_TRUE(queue_->Act("kz-a", "1", CounterAction::kClose));
  auto q = queue_->Queue("kz-a");
  ASSERT_EQ(q->waiting.size(), 1u);
  EXPECT_EQ(TicketLabel(q->waiting[0].ticket), "A002");
  EXPECT_EQ(queue_->CallNext("kz-x", "1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(queue_->OpenCounter("kz-a", "bad name!", {}).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(QueueTest, CitizenCanCancelByTokenOnly) {
  const Issued issued = Issue();
  EXPECT_EQ(queue_->Get(issued.view.ticket.id, "wrong").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(queue_->Cancel(issued.view.ticket.id, "wrong").error().code, ErrorCode::kNotFound);
  auto cancelled = queue_->Cancel(issued.view.ticket.id, issued.token);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->ticket.status, TicketStatus::kCancelled);
  OpenCounter("1");
  EXPECT_EQ(queue_->CallNext("kz-a", "1").error().code, ErrorCode::kNotFound);
}

TEST_F(QueueTest, CallsArePublishedOnceToTheDisplay) {
  auto display = hub_.Subscribe("display/kz-a", std::nullopt, 10);
  Issue();
  OpenCounter("7");
  ASSERT_EQ(Call("7"), "A001");
  auto events = display->Take();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]->type, "call");
  auto data = boost::json::parse(events[0]->data).as_object();
  EXPECT_EQ(data.at("number").as_string(), "A001");
  EXPECT_EQ(data.at("counter").as_string(), "7");
  ASSERT_TRUE(queue_->Act("kz-a", "7", CounterAction::kRecall));
  EXPECT_EQ(display->Take().size(), 1u) << "a recall calls again";
}

TEST_F(QueueTest, TicketsDoNotOutliveTheirDay) {
  Issue();
  OpenCounter("1");
  clock_.Set(Local(8, 0, 3));
  queue_->Tick();
  auto q = queue_->Queue("kz-a");
  EXPECT_TRUE(q->waiting.empty());
  EXPECT_EQ(q->counters.at(0).state, CounterState::kClosed);
  EXPECT_EQ(TicketLabel(Issue().view.ticket), "A001") << "numbers restart every day";
  auto tickets = store_->ReadTickets(absl::CivilDay(2026, 12, 2));
  ASSERT_TRUE(tickets);
  EXPECT_EQ(tickets->front().status, TicketStatus::kCancelled);
}

}  // namespace
}  // namespace amtszeit::queue
