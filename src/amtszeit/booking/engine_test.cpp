#include "amtszeit/booking/engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <thread>

#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::booking {
namespace {

using absl::CivilDay;

using testing::Berlin;

// Wednesday 2026-12-02, 10:00 in Hamburg.
absl::Time StartOfTest() {
  return absl::FromCivil(absl::CivilSecond(2026, 12, 2, 10, 0, 0), Berlin());
}

using testing::TempDir;

// Two centres, three services, four staff working every weekday 08:00-12:00 for 100 days.
void Seed(store::Store& store) {
  auto ok = store.Write([](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.PutDistrict({"mitte", "Hamburg-Mitte"}); !r) return r;
    for (int i = 0; i < 2; ++i) {
      Location l{.id = i == 0 ? "kz-a" : "kz-b",
                 .name = i == 0 ? "Kundenzentrum A" : "Kundenzentrum B",
                 .district_id = "mitte",
                 .address = {"Straße 1", "20095", "Hamburg"},
                 .geo = {53.55 + i * 0.05, 10.0},
                 .counters = 4};
      for (int d = 0; d < 5; ++d) l.hours.weekly[d] = {{7 * 60, 19 * 60}};
      if (auto r = tx.PutLocation(l); !r) return r;
    }
    std::vector<Service> services = {
        {.id = "personalausweis",
         .name_de = "Personalausweis beantragen",
         .duration_minutes = 20,
         .skill = "ausweis"},
        {.id = "anmeldung",
         .name_de = "Wohnsitz anmelden",
         .duration_minutes = 15,
         .legal_deadline_days = 14,
         .skill = "melde"},
        {.id = "fuehrungszeugnis",
         .name_de = "Führungszeugnis",
         .duration_minutes = 10,
         .needs_presence = false,
         .online_url = "https://www.fuehrungszeugnis.bund.de",
         .skill = "auskunft"},
    };
    for (const auto& s : services) {
      if (auto r = tx.PutService(s); !r) return r;
    }
    for (int i = 0; i < 4; ++i) {
      Staff st{.id = "st-" + std::to_string(i),
               .display_name = "S" + std::to_string(i),
               .home_district_id = "mitte",
               .home_location_id = i < 2 ? "kz-a" : "kz-b",
               .skills = {"ausweis", "melde"}};
      if (auto r = tx.PutStaff(st); !r) return r;
      for (int d = 0; d < 100; ++d) {
        const CivilDay day = CivilDay(2026, 12, 1) + d;
        if (absl::GetWeekday(day) == absl::Weekday::saturday ||
            absl::GetWeekday(day) == absl::Weekday::sunday) {
          continue;
        }
        Shift sh{.staff_id = st.id,
                 .location_id = st.home_location_id,
                 .day = day,
                 .time = {8 * 60, 12 * 60}};
        if (auto r = tx.PutShift(sh); !r) return std::unexpected(r.error());
      }
    }
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("t.db"));
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    Seed(*store_);
    OpenEngine();
  }

  void OpenEngine() {
    engine_.reset();
    EngineOptions options{.policy = {}, .zone = Berlin()};
    auto e = BookingEngine::Open(*store_, clock_, options);
    ASSERT_TRUE(e) << e.error().message;
    engine_ = std::move(*e);
  }

  SearchAnswer Search(const SearchRequest& r) {
    auto a = engine_->Search(r);
    EXPECT_TRUE(a) << a.error().message;
    return a ? *a : SearchAnswer{};
  }

  Receipt HoldFirst(const std::vector<std::string>& services, std::string location = "kz-a") {
    // Registration needs the move-in date; everything else ignores it.
    const std::optional<CivilDay> move_in =
        std::ranges::find(services, "anmeldung") != services.end()
            ? std::optional<CivilDay>(CivilDay(2026, 12, 1))
            : std::nullopt;
    auto slots =
        Search(
            {.service_ids = services, .locations = {location}, .limit = 1, .move_in_date = move_in})
            .slots;
    EXPECT_FALSE(slots.empty());
    auto hold = engine_->Hold({.service_ids = services,
                               .location_id = location,
                               .start = slots.at(0).start,
                               .move_in_date = move_in});
    EXPECT_TRUE(hold) << hold.error().error.message;
    return *hold;
  }

  Receipt Book(const std::vector<std::string>& services, std::string email,
               std::string location = "kz-a") {
    Receipt hold = HoldFirst(services, std::move(location));
    auto booked =
        engine_->Confirm({.code = hold.appointment.code,
                          .token = hold.token,
                          .contact = {.name = "Erika Mustermann", .email = std::move(email)}});
    EXPECT_TRUE(booked) << booked.error().message;
    return *booked;
  }

  TempDir dir_;
  ManualClock clock_{StartOfTest()};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<BookingEngine> engine_;
};

TEST_F(EngineTest, FindsEarliestSlotAcrossLocationsSortedByTime) {
  auto answer = Search({.service_ids = {"personalausweis"}, .limit = 6});
  ASSERT_EQ(answer.slots.size(), 6u);
  // Tomorrow (booking starts one day ahead) at 08:00 in both centres, then 08:05 ...
  EXPECT_EQ(answer.slots[0].day, CivilDay(2026, 12, 3));
  EXPECT_EQ(answer.slots[0].start_minute, 8 * 60);
  EXPECT_EQ(answer.slots[0].location_id, "kz-a");
  EXPECT_EQ(answer.slots[1].location_id, "kz-b");
  EXPECT_EQ(answer.slots[1].start_minute, 8 * 60);
  EXPECT_EQ(answer.slots[2].start_minute, 8 * 60 + 5);
  EXPECT_EQ(answer.duration_minutes, 20);
  EXPECT_FALSE(answer.next_cursor.empty());
  EXPECT_EQ(FormatInstant(answer.slots[0].start, Berlin()), "2026-12-03T08:00:00+01:00");
}

TEST_F(EngineTest, HoldConfirmAndTheSlotIsGone) {
  Receipt r = Book({"personalausweis"}, "anna@example.org");
  EXPECT_EQ(r.appointment.status, AppointmentStatus::kConfirmed);
  EXPECT_EQ(r.appointment.code.size(), 9u);
  auto again = engine_->Get(r.appointment.code, r.token);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->contact.email, "anna@example.org");
  EXPECT_FALSE(engine_->Get(r.appointment.code, "wrong-token"));
  // Both of kz-a's staff start at 08:00; one is taken, so 08:00 is still offered once.
  auto slots = Search({.service_ids = {"personalausweis"}, .locations = {"kz-a"}, .limit = 1});
  EXPECT_EQ(slots.slots.at(0).start_minute, 8 * 60);
  Book({"personalausweis"}, "bert@example.org");
  slots = Search({.service_ids = {"personalausweis"}, .locations = {"kz-a"}, .limit = 1});
  EXPECT_EQ(slots.slots.at(0).start_minute, 8 * 60 + 20);
}

TEST_F(EngineTest, TakenSlotAnswersConflictWithAlternatives) {
  Receipt first = HoldFirst({"personalausweis"});
  HoldFirst({"personalausweis"});  // the second staff member at 08:00
  auto third = engine_->Hold({.service_ids = {"personalausweis"},
                              .location_id = "kz-a",
                              .start = first.appointment.start});
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().error.code, ErrorCode::kConflict);
  ASSERT_FALSE(third.error().alternatives.empty());
  EXPECT_GE(third.error().alternatives[0].start, first.appointment.start);
}

TEST_F(EngineTest, AProofIsSpentWithTheHoldAndASpentOneFreesTheTimeAgain) {
  const ProofSpend proof{.nonce = "00ff", .expires_at = clock_.Now() + absl::Minutes(5)};
  auto slots =
      Search({.service_ids = {"personalausweis"}, .locations = {"kz-a"}, .limit = 1}).slots;
  ASSERT_FALSE(slots.empty());
  const HoldRequest request{.service_ids = {"personalausweis"},
                            .location_id = "kz-a",
                            .start = slots[0].start,
                            .proof = proof};
  ASSERT_TRUE(engine_->Hold(request));
  auto replayed = engine_->Hold(request);
  ASSERT_FALSE(replayed);
  EXPECT_EQ(replayed.error().error.code, ErrorCode::kForbidden);
  // The refused hold gave its claim back: the second staff member's 08:00 is still offered.
  auto again = Search({.service_ids = {"personalausweis"}, .locations = {"kz-a"}, .limit = 1});
  EXPECT_EQ(again.slots.at(0).start, slots[0].start);
}

TEST_F(EngineTest, HoldExpiresAndTheSlotReturnsAfterTheCoolDown) {
  Receipt hold = HoldFirst({"anmeldung"}, "kz-b");
  (void)hold;
  Receipt hold2 = HoldFirst({"anmeldung"}, "kz-b");
  auto count_at_eight = [&] {
    auto s = Search({.service_ids = {"anmeldung"},
                     .locations = {"kz-b"},
                     .limit = 1,
                     .move_in_date = CivilDay(2026, 12, 1)});
    return s.slots.at(0).start_minute == 8 * 60;
  };
  EXPECT_FALSE(count_at_eight());
  clock_.Advance(absl::Minutes(11));
  engine_->Tick();
  auto expired = engine_->Get(hold2.appointment.code, hold2.token);
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, AppointmentStatus::kExpired);
  EXPECT_FALSE(count_at_eight()) << "still cooling down";
  clock_.Advance(absl::Minutes(11));
  engine_->Tick();
  EXPECT_TRUE(count_at_eight());
  auto late = engine_->Confirm({.code = hold2.appointment.code,
                                .token = hold2.token,
                                .contact = {.name = "X", .email = "x@example.org"}});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
}

TEST_F(EngineTest, CancelReturnsTheSlotOnlyAfterTheCoolDown) {
  Receipt a = Book({"personalausweis"}, "a@example.org", "kz-b");
  Receipt b = Book({"personalausweis"}, "b@example.org", "kz-b");
  auto first_start = [&] {
    return Search({.service_ids = {"personalausweis"}, .locations = {"kz-b"}, .limit = 1})
        .slots.at(0)
        .start_minute;
  };
  EXPECT_EQ(first_start(), 8 * 60 + 20);
  auto cancelled = engine_->Cancel(a.appointment.code, a.token);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, AppointmentStatus::kCancelled);
  engine_->Tick();
  EXPECT_EQ(first_start(), 8 * 60 + 20) << "not handed on at once";
  clock_.Advance(absl::Minutes(10));
  engine_->Tick();
  EXPECT_EQ(first_start(), 8 * 60);
  EXPECT_TRUE(engine_->Cancel(a.appointment.code, a.token)) << "cancelling twice is harmless";
  (void)b;
}

TEST_F(EngineTest, RescheduleKeepsCodeAndFreesTheOldSlotLater) {
  Receipt booked = Book({"personalausweis"}, "r@example.org");
  auto later = Search({.service_ids = {"personalausweis"},
                       .from = CivilDay(2026, 12, 10),
                       .locations = {"kz-b"},
                       .limit = 1});
  auto hold = engine_->Hold({.service_ids = {"personalausweis"},
                             .location_id = "kz-b",
                             .start = later.slots.at(0).start});
  ASSERT_TRUE(hold);
  auto moved = engine_->Reschedule(booked.appointment.code, booked.token, hold->appointment.code,
                                   hold->token);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->code, booked.appointment.code);
  EXPECT_EQ(moved->location_id, "kz-b");
  EXPECT_EQ(moved->day, CivilDay(2026, 12, 10));
  auto view = engine_->Get(booked.appointment.code, booked.token);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->status, AppointmentStatus::kConfirmed);
  EXPECT_EQ(view->start, later.slots[0].start);
  // The moved-to time stays taken after the old time's cool-down.
  clock_.Advance(absl::Minutes(15));
  engine_->Tick();
  auto retry = engine_->Hold(
      {.service_ids = {"personalausweis"}, .location_id = "kz-b", .start = later.slots[0].start});
  ASSERT_TRUE(retry) << "the second staff member is still free at that time";
  auto third = engine_->Hold(
      {.service_ids = {"personalausweis"}, .location_id = "kz-b", .start = later.slots[0].start});
  EXPECT_FALSE(third) << "both staff are now taken at that time";
}

TEST_F(EngineTest, OneOpenAppointmentPerPersonAndService) {
  Book({"personalausweis"}, "Same@Example.org");
  Receipt hold = HoldFirst({"personalausweis"}, "kz-b");
  auto second = engine_->Confirm({.code = hold.appointment.code,
                                  .token = hold.token,
                                  .contact = {.name = "E", .email = " same@example.ORG"}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_NE(second.error().message.find("already an open appointment"), std::string::npos);
  // The refusal came after the confirmation's statement had changed the row; it is undone, and
  // the hold stays open for someone else's contact.
  auto still = engine_->Get(hold.appointment.code, hold.token);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, AppointmentStatus::kHeld);
  EXPECT_TRUE(still->contact_key.empty());
  auto other_person = engine_->Confirm({.code = hold.appointment.code,
                                        .token = hold.token,
                                        .contact = {.name = "F", .email = "other@example.org"}});
  ASSERT_TRUE(other_person) << other_person.error().message;
  EXPECT_EQ(other_person->appointment.status, AppointmentStatus::kConfirmed);
  EXPECT_EQ(other_person->appointment.contact.email, "other@example.org");
  Receipt other = HoldFirst({"anmeldung"}, "kz-b");
  (void)other;
}

TEST_F(EngineTest, ARefusedConfirmationSaysWhyAndChangesNothing) {
  Receipt hold = HoldFirst({"personalausweis"});
  const Contact contact{.name = "Erika", .email = "erika@example.org"};
  auto wrong_token =
      engine_->Confirm({.code = hold.appointment.code, .token = "guessed", .contact = contact});
  ASSERT_FALSE(wrong_token);
  EXPECT_EQ(wrong_token.error().code, ErrorCode::kNotFound);
  auto unknown = engine_->Confirm({.code = "ZZZZ-ZZZZ", .token = hold.token, .contact = contact});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().message, wrong_token.error().message) << "codes cannot be probed";
  EXPECT_EQ(engine_->Get(hold.appointment.code, hold.token)->status, AppointmentStatus::kHeld);

  // Typed as read out on the phone: lower case, a space for the dash.
  std::string spoken = hold.appointment.code;
  std::ranges::transform(spoken, spoken.begin(), [](char c) { return c == '-' ? ' ' : c; });
  std::ranges::transform(spoken, spoken.begin(), [](unsigned char c) { return std::tolower(c); });
  auto booked = engine_->Confirm({.code = spoken, .token = hold.token, .contact = contact});
  ASSERT_TRUE(booked) << booked.error().message;
  EXPECT_EQ(booked->appointment.created_at, clock_.Now()) << "lead time counts from now";
  auto twice = engine_->Confirm({.code = hold.appointment.code,
                                 .token = hold.token,
                                 .contact = {.name = "X", .email = "x@example.org"}});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_NE(twice.error().message.find("confirmed, not open"), std::string::npos)
      << twice.error().message;
  EXPECT_EQ(engine_->Get(hold.appointment.code, hold.token)->contact, contact);

  Receipt late = HoldFirst({"personalausweis"});
  clock_.Advance(absl::Minutes(10));  // the hold ends at its expiry, not a tick later
  auto expired =
      engine_->Confirm({.code = late.appointment.code, .token = late.token, .contact = contact});
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kConflict);
  EXPECT_NE(expired.error().message.find("expired at"), std::string::npos)
      << expired.error().message;
}

TEST_F(EngineTest, UmmeldungIsSearchedWithinItsLegalDeadline) {
  auto missing = engine_->Search({.service_ids = {"anmeldung"}});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("move-in date"), std::string::npos);
  auto answer =
      Search({.service_ids = {"anmeldung"}, .limit = 3, .move_in_date = CivilDay(2026, 12, 7)});
  ASSERT_TRUE(answer.deadline);
  EXPECT_EQ(*answer.deadline, CivilDay(2026, 12, 21));
  ASSERT_FALSE(answer.slots.empty());
  EXPECT_EQ(answer.slots[0].day, CivilDay(2026, 12, 7)) << "not before moving in";
  EXPECT_TRUE(answer.slots[0].within_deadline.value_or(false));
}

TEST_F(EngineTest, ServiceWithoutVisitAnswersItsOnlineWay) {
  auto answer = Search({.service_ids = {"fuehrungszeugnis"}});
  EXPECT_TRUE(answer.slots.empty());
  ASSERT_EQ(answer.online.size(), 1u);
  EXPECT_EQ(answer.online[0].url, "https://www.fuehrungszeugnis.bund.de");
}

TEST_F(EngineTest, BookingWindowIsEnforced) {
  auto slots = Search({.service_ids = {"personalausweis"}, .from = CivilDay(2027, 6, 1)});
  EXPECT_TRUE(slots.slots.empty()) << "beyond 90 days";
  const absl::Time today_noon = absl::FromCivil(absl::CivilSecond(2026, 12, 2, 11, 0, 0), Berlin());
  auto hold = engine_->Hold(
      {.service_ids = {"personalausweis"}, .location_id = "kz-a", .start = today_noon});
  ASSERT_FALSE(hold);
  EXPECT_EQ(hold.error().error.code, ErrorCode::kPreconditionFailed);
}

TEST_F(EngineTest, IdempotencyKeyReplaysTheFirstAnswer) {
  auto slots = Search({.service_ids = {"personalausweis"}, .limit = 1}).slots;
  HoldRequest r{.service_ids = {"personalausweis"},
                .location_id = slots[0].location_id,
                .start = slots[0].start,
                .idempotency_key = "k-1"};
  auto first = engine_->Hold(r);
  auto second = engine_->Hold(r);
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->appointment.code, second->appointment.code);
  EXPECT_EQ(first->token, second->token);
  EXPECT_TRUE(second->replayed);
  r.service_ids = {"anmeldung"};
  r.move_in_date = CivilDay(2026, 12, 1);
  auto different = engine_->Hold(r);
  ASSERT_FALSE(different);
  EXPECT_EQ(different.error().error.code, ErrorCode::kPreconditionFailed);
}

TEST_F(EngineTest, RestartKeepsEveryAcknowledgedBooking) {
  std::vector<Receipt> booked;
  booked.reserve(5);
  for (int i = 0; i < 5; ++i) {
    booked.push_back(Book({"personalausweis"}, std::to_string(i) + "@x.de"));
  }
  auto before = Search({.service_ids = {"personalausweis"}, .limit = 50});
  engine_.reset();
  store_.reset();
  auto s = store::OpenStore(dir_.File("t.db"));
  ASSERT_TRUE(s);
  store_ = std::move(*s);
  OpenEngine();
  for (const Receipt& r : booked) {
    auto a = engine_->Get(r.appointment.code, r.token);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, AppointmentStatus::kConfirmed);
  }
  auto after = Search({.service_ids = {"personalausweis"}, .limit = 50});
  ASSERT_EQ(before.slots.size(), after.slots.size());
  for (std::size_t i = 0; i < before.slots.size(); ++i) {
    EXPECT_EQ(before.slots[i].start, after.slots[i].start);
    EXPECT_EQ(before.slots[i].location_id, after.slots[i].location_id);
  }
}

TEST_F(EngineTest, RacingClientsGetExactlyOneHoldPerStaffTime) {
  auto slot =
      Search({.service_ids = {"personalausweis"}, .locations = {"kz-a"}, .limit = 1}).slots.at(0);
  std::atomic<int> won = 0;
  std::atomic<int> lost = 0;
  std::vector<std::thread> threads;
  threads.reserve(32);
  for (int i = 0; i < 32; ++i) {
    threads.emplace_back([&] {
      auto h = engine_->Hold(
          {.service_ids = {"personalausweis"}, .location_id = "kz-a", .start = slot.start});
      (h ? won : lost)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 2) << "kz-a has two staff at that time";
  EXPECT_EQ(lost.load(), 30);
  EXPECT_LE(engine_->writer().commits(), engine_->writer().commands());
}

TEST_F(EngineTest, PhoneChannelMayUseThePhoneContingent) {
  engine_.reset();
  EngineOptions options{.policy = {.rules = {{capacity::ContingentKind::kPhone, 0.5, 2}}},
                        .zone = Berlin()};
  auto e = BookingEngine::Open(*store_, clock_, options);
  ASSERT_TRUE(e);
  engine_ = std::move(*e);
  const CivilDay far(2027, 1, 12);
  auto online = Search({.service_ids = {"personalausweis"}, .from = far, .to = far, .limit = 200});
  auto phone = Search({.service_ids = {"personalausweis"},
                       .from = far,
                       .to = far,
                       .limit = 200,
                       .channel = Channel::kPhone});
  EXPECT_LT(online.slots.size(), phone.slots.size());
}

}  // namespace
}  // namespace amtszeit::booking
