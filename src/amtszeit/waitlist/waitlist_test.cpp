// The waitlist's offer order on a real SQLite store and the real booking engine, wired as the
// server wires them: first come first served, a time box, expiry and decline pass the slot on,
// and only a slot nobody wants returns to the public pool.
#include "amtszeit/waitlist/waitlist.h"

#include <gtest/gtest.h>

#include "amtszeit/notify/notify_test_support.h"

namespace amtszeit::waitlist {
namespace {

using notify::testing::Berlin;
using notify::testing::EventOfChange;

constexpr absl::CivilDay kDay(2026, 12, 3);  // tomorrow, a Thursday

class WaitlistTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("t.db"));
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    notify::testing::SeedCentre(*store_);
    outbox_ = std::make_unique<notify::Outbox>(box_, notify::OutboxOptions{});
    Start();
  }

  // Engine and waitlist on the store, as the server starts them.
  void Start() {
    booking::EngineOptions options{
        .policy = policy_,
        .zone = Berlin(),
        .on_change = [this](store::WriteTx& tx, const booking::ChangeNote& n) -> Result<void> {
          auto offer = OnBookingChange(tx, n);
          if (!offer) return std::unexpected(offer.error());
          if (*offer && n.change == booking::Change::kCancelled) {
            return outbox_->Withdrawn(tx, n.appointment);
          }
          auto kind = EventOfChange(n.change);
          if (!kind) return {};
          return outbox_->OnChange(tx, *kind, n.appointment, n.token, n.at);
        },
        .on_freed =
            [this](const booking::FreedSlot& slot) {
              ++freed_;
              waitlist_->OnFreed(slot);
            }};
    auto e = booking::BookingEngine::Open(*store_, clock_, options);
    ASSERT_TRUE(e) << e.error().message;
    engine_ = std::move(*e);
    waitlist_ = std::make_unique<WaitlistService>(
        *store_, *engine_, clock_,
        WaitlistOptions{
            .offer_ttl = absl::Minutes(30),
            .seal = [this](std::string_view t) { return box_.Seal(t); },
            .on_offer = [this](
                            store::WriteTx& tx, const Appointment& hold, std::string_view sealed,
                            absl::Time now) { return outbox_->Offered(tx, hold, sealed, now); }});
  }
  // As a server restart: everything in memory is gone, the store stays.
  void Restart() {
    waitlist_.reset();
    engine_.reset();
    Start();
  }

  // Starts offered to the public on kDay.
  std::vector<int> PublicStarts() {
    auto page =
        engine_->Search({.service_ids = {"fuehrerschein"}, .from = kDay, .to = kDay, .limit = 200});
    EXPECT_TRUE(page) << page.error().message;
    std::vector<int> out;
    for (const booking::SlotView& s : page->slots) out.push_back(s.start_minute);
    return out;
  }
  bool Public(int minute) {
    const std::vector<int> starts = PublicStarts();
    return std::ranges::find(starts, minute) != starts.end();
  }

  booking::Receipt Book(int minute, std::string email) {
    auto hold =
        engine_->Hold({.service_ids = {"fuehrerschein"},
                       .location_id = "kz-a",
                       .start = absl::FromCivil(
                           absl::CivilMinute(2026, 12, 3, minute / 60, minute % 60), Berlin())});
    EXPECT_TRUE(hold) << hold.error().error.message;
    auto booked = engine_->Confirm(
        {.code = hold->appointment.code, .token = hold->token, .contact = {"Bürger", email}});
    EXPECT_TRUE(booked) << booked.error().message;
    return *booked;
  }

  JoinReceipt Join(const std::string& name, unsigned windows = 0) {
    auto joined = waitlist_->Join({.service_ids = {"fuehrerschein"},
                                   .location_ids = {"kz-a"},
                                   .windows = windows,
                                   .latest = kDay + 6,
                                   .contact = {.name = name, .email = name + "@example.org"}});
    EXPECT_TRUE(joined) << joined.error().message;
    return *joined;
  }

  EntryView View(const JoinReceipt& j) {
    auto v = waitlist_->Get(j.entry.code, j.token);
    EXPECT_TRUE(v) << v.error().message;
    return *v;
  }

  // Cancels the booking and lets its cool-down pass: the moment the slot would go public.
  void CancelAndCoolDown(const booking::Receipt& r) {
    ASSERT_TRUE(engine_->Cancel(r.appointment.code, r.token));
    engine_->Tick();
    EXPECT_FALSE(Public(r.appointment.time.begin)) << "still cooling down";
    clock_.Advance(absl::Minutes(10));
    engine_->Tick();
  }

  int OfferMessages(std::int64_t hold_id) {
    auto all = store_->ReadMessagesOf(AppointmentSubject(hold_id));
    EXPECT_TRUE(all);
    return static_cast<int>(std::ranges::count(*all, MessageKind::kOffer, &OutboxMessage::kind));
  }

  capacity::ContingentPolicy policy_;  // none: every tick is open to everyone
  ::amtszeit::testing::TempDir dir_;
  ManualClock clock_{notify::testing::StartOfTest()};
  notify::SecretBox box_ = notify::SecretBox::WithRandomKey();
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<notify::Outbox> outbox_;
  std::unique_ptr<booking::BookingEngine> engine_;
  std::unique_ptr<WaitlistService> waitlist_;
  int freed_ = 0;
};

TEST_F(WaitlistTest, FreedSlotIsHeldForTheFirstComerNotPublished) {
  const booking::Receipt taken = Book(8 * 60, "x@example.org");
  const JoinReceipt anna = Join("anna");
  const JoinReceipt ben = Join("ben");
  CancelAndCoolDown(taken);

  EXPECT_EQ(freed_, 1);
  EntryView a = View(anna);
  ASSERT_EQ(a.entry.status, WaitlistStatus::kOffered);
  ASSERT_TRUE(a.offer);
  EXPECT_EQ(a.offer->status, AppointmentStatus::kHeld);
  EXPECT_EQ(a.offer->start, taken.appointment.start);
  EXPECT_EQ(a.offer->contact.email, "anna@example.org");
  EXPECT_EQ(a.offer->hold_expires_at, clock_.Now() + absl::Minutes(30));
  EXPECT_EQ(View(ben).entry.status, WaitlistStatus::kWaiting);
  EXPECT_FALSE(Public(8 * 60)) << "a search must not see a slot held for the waitlist";
  EXPECT_EQ(OfferMessages(a.offer->id), 1);
}

TEST_F(WaitlistTest, AcceptingBooksTheSlotWithTheEntrysContactAndToken) {
  const booking::Receipt taken = Book(8 * 60, "x@example.org");
  const JoinReceipt anna = Join("anna");
  CancelAndCoolDown(taken);
  const EntryView offered = View(anna);
  ASSERT_TRUE(offered.offer);

  auto booked = waitlist_->Accept(offered.offer->code, anna.token);
  ASSERT_TRUE(booked) << booked.error().message;
  EXPECT_EQ(booked->appointment.status, AppointmentStatus::kConfirmed);
  EXPECT_EQ(booked->appointment.contact.email, "anna@example.org");
  EXPECT_EQ(View(anna).entry.status, WaitlistStatus::kBooked);
  // The entry's token manages the appointment.
  auto seen = engine_->Get(offered.offer->code, anna.token);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->status, AppointmentStatus::kConfirmed);
  auto messages = store_->ReadMessagesOf(AppointmentSubject(offered.offer->id));
  ASSERT_TRUE(messages);
  EXPECT_EQ(std::ranges::count(*messages, MessageKind::kConfirmation, &OutboxMessage::kind), 1);
  // Accepting twice is refused.
  EXPECT_FALSE(waitlist_->Accept(offered.offer->code, anna.token));
  // A wrong token finds nothing.
  auto wrong = waitlist_->Accept(offered.offer->code, "not-the-token");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kNotFound);
}

TEST_F(WaitlistTest, AcceptingMovesTheCitizensLaterAppointmentInsteadOfBookingASecond) {
  const booking::Receipt taken = Book(8 * 60, "x@example.org");
  // Anna holds 11:00 for the same service and waits for something earlier.
  const booking::Receipt later = Book(11 * 60, "anna@example.org");
  const JoinReceipt anna = Join("anna");
  const JoinReceipt ben = Join("ben");
  CancelAndCoolDown(taken);
  const EntryView offered = View(anna);
  ASSERT_TRUE(offered.offer);

  auto moved = waitlist_->Accept(offered.offer->code, anna.token);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_TRUE(moved->token.empty()) << "no new secret: her link keeps working";
  EXPECT_EQ(moved->appointment.code, later.appointment.code);
  EXPECT_EQ(moved->appointment.start, taken.appointment.start);
  EXPECT_EQ(View(anna).entry.status, WaitlistStatus::kBooked);
  auto seen = engine_->Get(later.appointment.code, later.token);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->status, AppointmentStatus::kConfirmed);
  EXPECT_EQ(seen->start, taken.appointment.start);
  auto hers = store_->ReadAppointmentsOf(later.appointment.contact_key);
  ASSERT_TRUE(hers);
  EXPECT_EQ(std::ranges::count(*hers, AppointmentStatus::kConfirmed, &Appointment::status), 1)
      << "one appointment, moved; not two";
  // Told once, of the new time: by the confirmation still waiting to go out (rendered with the
  // time it has when sent), as for any move.
  auto messages = store_->ReadMessagesOf(AppointmentSubject(later.appointment.id));
  ASSERT_TRUE(messages);
  int pending = 0;
  for (const OutboxMessage& m : *messages) {
    pending += m.status == MessageStatus::kPending &&
               (m.kind == MessageKind::kConfirmation || m.kind == MessageKind::kRescheduled);
  }
  EXPECT_EQ(pending, 1);

  // Her old 11:00 is freed and, after its cool-down, offered to the next in line.
  EXPECT_FALSE(Public(11 * 60));
  clock_.Advance(absl::Minutes(10));
  engine_->Tick();
  const EntryView b = View(ben);
  ASSERT_EQ(b.entry.status, WaitlistStatus::kOffered);
  ASSERT_TRUE(b.offer);
  EXPECT_EQ(b.offer->start, later.appointment.start);
  EXPECT_FALSE(Public(11 * 60));
}

// Most of each day is the call centre's until the day itself.
class WaitlistContingentTest : public WaitlistTest {
 protected:
  void SetUp() override {
    policy_.rules = {{.kind = capacity::ContingentKind::kPhone, .share = 0.9, .release_days = 0}};
    WaitlistTest::SetUp();
  }
  std::vector<int> PhoneStarts() {
    auto page = engine_->Search({.service_ids = {"fuehrerschein"},
                                 .from = kDay,
                                 .to = kDay,
                                 .limit = 200,
                                 .channel = Channel::kPhone});
    EXPECT_TRUE(page) << page.error().message;
    std::vector<int> out;
    for (const booking::SlotView& s : page->slots) out.push_back(s.start_minute);
    return out;
  }
};

TEST_F(WaitlistContingentTest, TimeFreedFromThePhoneContingentReturnsToItNotToOnlineEntries) {
  // A start only the call centre may book, booked by it for a caller.
  const std::vector<int> online = PublicStarts();
  int minute = -1;
  for (int m : PhoneStarts()) {
    if (std::ranges::find(online, m) == online.end()) {
      minute = m;
      break;
    }
  }
  ASSERT_GE(minute, 0) << "the phone contingent holds some starts";
  auto hold = engine_->Hold(
      {.service_ids = {"fuehrerschein"},
       .location_id = "kz-a",
       .start = absl::FromCivil(absl::CivilMinute(2026, 12, 3, minute / 60, minute % 60), Berlin()),
       .channel = Channel::kPhone});
  ASSERT_TRUE(hold) << hold.error().error.message;
  auto booked = engine_->Confirm({.code = hold->appointment.code,
                                  .token = hold->token,
                                  .contact = {"Anrufer", "anrufer@example.org"}});
  ASSERT_TRUE(booked) << booked.error().message;
  EXPECT_EQ(std::ranges::count(PhoneStarts(), minute), 0);

  const JoinReceipt anna = Join("anna");  // online, no deadline: not entitled to phone time
  CancelAndCoolDown(*booked);
  EXPECT_EQ(freed_, 1);
  EXPECT_EQ(View(anna).entry.status, WaitlistStatus::kWaiting) << "not offered the phone's time";
  EXPECT_FALSE(Public(minute)) << "online search still does not see it";
  EXPECT_EQ(std::ranges::count(PhoneStarts(), minute), 1) << "back in the phone contingent";
}

TEST_F(WaitlistTest, AnOfferSurvivesARestartWithItsExpiry) {
  const booking::Receipt taken = Book(8 * 60, "x@example.org");
  const JoinReceipt anna = Join("anna");
  CancelAndCoolDown(taken);
  const EntryView before = View(anna);
  ASSERT_TRUE(before.offer);

  Restart();
  engine_->Tick();
  const EntryView after = View(anna);
  ASSERT_EQ(after.entry.status, WaitlistStatus::kOffered);
  ASSERT_TRUE(after.offer);
  EXPECT_EQ(after.offer->code, before.offer->code);
  EXPECT_EQ(after.offer->hold_expires_at, before.offer->hold_expires_at);
  EXPECT_FALSE(Public(8 * 60));
  auto booked = waitlist_->Accept(after.offer->code, anna.token);
  ASSERT_TRUE(booked) << booked.error().message;
  EXPECT_EQ(View(anna).entry.status, WaitlistStatus::kBooked);
}

TEST_F(WaitlistTest, AnOfferThatExpiredWhileTheServerWasDownPassesToTheNextNotThePool) {
  const booking::Receipt taken = Book(8 * 60, "x@example.org");
  const JoinReceipt anna = Join("anna");
  const JoinReceipt ben = Join("ben");
  CancelAndCoolDown(taken);
  ASSERT_EQ(View(anna).entry.status, WaitlistStatus::kOffered);

  waitlist_.reset();
  engine_.reset();
  clock_.Advance(absl::Minutes(31));  // down past the offer's time box
  Start();
  engine_->Tick();
  const EntryView b = View(ben);
  ASSERT_EQ(b.entry.status, WaitlistStatus::kOffered) << "the next in line gets it";
  ASSERT_TRUE(b.offer);
  EXPECT_EQ(b.offer->start, taken.appointment.start);
  EXPECT_NE(View(anna).entry.status, WaitlistStatus::kOffered);
  EXPECT_FALSE(Public(8 * 60)) << "not published to the pool";
}

TEST_F(WaitlistTest, DeclinePassesTheSlotToTheNextAtOnce) {
  const booking::Receipt taken = Book(8 * 60, "x@example.org");
  const JoinReceipt anna = Join("anna");
  const JoinReceipt ben = Join("ben");
  CancelAndCoolDown(taken);
  const EntryView a = View(anna);
  ASSERT_TRUE(a.offer);

  auto declined = waitlist_->Decline(a.offer->code, anna.token);
  ASSERT_TRUE(declined) << declined.error().message;
  EXPECT_EQ(declined->entry.status, WaitlistStatus::kWaiting) << "anna keeps waiting";
  const EntryView b = View(ben);
  ASSERT_EQ(b.entry.status, WaitlistStatus::kOffered);
  ASSERT_TRUE(b.offer);
  EXPECT_EQ(b.offer->start, taken.appointment.start);
  EXPECT_FALSE(Public(8 * 60));
  // Anna's offer message is dropped, not answered by a "cancelled" notice.
  auto messages = store_->ReadMessagesOf(AppointmentSubject(a.offer->id));
  ASSERT_TRUE(messages);
  EXPECT_EQ(std::ranges::count(*messages, MessageKind::kCancellation, &OutboxMessage::kind), 0);
  for (const OutboxMessage& m : *messages) EXPECT_NE(m.status, MessageStatus::kPending);
}

TEST_F(WaitlistTest, ExpiryPassesTheSlotOnAndEndsTheSilentEntry) {
  const booking::Receipt taken = Book(8 * 60, "x@example.org");
  const JoinReceipt anna = Join("anna");
  const JoinReceipt ben = Join("ben");
  CancelAndCoolDown(taken);
  ASSERT_EQ(View(anna).entry.status, WaitlistStatus::kOffered);

  clock_.Advance(absl::Minutes(29));
  engine_->Tick();
  EXPECT_EQ(View(ben).entry.status, WaitlistStatus::kWaiting) << "the time box is not over yet";
  clock_.Advance(absl::Minutes(1));
  engine_->Tick();
  EXPECT_EQ(View(anna).entry.status, WaitlistStatus::kLapsed);
  const EntryView b = View(ben);
  ASSERT_EQ(b.entry.status, WaitlistStatus::kOffered);
  EXPECT_EQ(b.offer->start, taken.appointment.start);
  EXPECT_FALSE(Public(8 * 60));
}

TEST_F(WaitlistTest, SlotNobodyWantsReturnsToThePool) {
  const booking::Receipt taken = Book(8 * 60, "x@example.org");
  const JoinReceipt anna = Join("anna");
  CancelAndCoolDown(taken);
  const EntryView a = View(anna);
  ASSERT_TRUE(a.offer);
  ASSERT_TRUE(waitlist_->Decline(a.offer->code, anna.token));
  EXPECT_TRUE(Public(8 * 60)) << "declined by the only one waiting: public again";
  EXPECT_TRUE(engine_->KeptBack().empty());
  EXPECT_EQ(View(anna).entry.status, WaitlistStatus::kWaiting);
}

TEST_F(WaitlistTest, WithoutAnyoneWaitingTheSlotGoesPublicAfterTheCoolDownOnly) {
  const booking::Receipt taken = Book(9 * 60, "x@example.org");
  CancelAndCoolDown(taken);
  EXPECT_EQ(freed_, 1);
  EXPECT_TRUE(Public(9 * 60));
}

TEST_F(WaitlistTest, TimeOfDayWishesAreRespected) {
  const booking::Receipt taken = Book(8 * 60, "x@example.org");
  const JoinReceipt late = Join("late", capacity::kWindowLate);
  const JoinReceipt early = Join("early", capacity::kWindowEarly);
  CancelAndCoolDown(taken);
  EXPECT_EQ(View(late).entry.status, WaitlistStatus::kWaiting);
  EXPECT_EQ(View(early).entry.status, WaitlistStatus::kOffered);
}

TEST_F(WaitlistTest, AnExpiredHoldIsNotFreedTime) {
  auto hold =
      engine_->Hold({.service_ids = {"fuehrerschein"},
                     .location_id = "kz-a",
                     .start = absl::FromCivil(absl::CivilMinute(2026, 12, 3, 10, 0), Berlin())});
  ASSERT_TRUE(hold);
  const JoinReceipt anna = Join("anna");
  clock_.Advance(absl::Minutes(10));
  engine_->Tick();  // expires
  clock_.Advance(absl::Minutes(10));
  engine_->Tick();  // cooled down
  EXPECT_EQ(freed_, 0);
  EXPECT_EQ(View(anna).entry.status, WaitlistStatus::kWaiting);
  EXPECT_TRUE(Public(10 * 60));
}

TEST_F(WaitlistTest, NewCapacityIsOfferedFirst) {
  const JoinReceipt anna = Join("anna");
  // An extra shift in the afternoon: the new time is held for the waitlist before anyone sees it.
  auto opened = engine_->ChangeRoster([](store::WriteTx& tx) -> Result<void> {
    auto id = tx.PutShift(
        {.staff_id = "st-0", .location_id = "kz-a", .day = kDay, .time = {13 * 60, 14 * 60}});
    if (!id) return std::unexpected(id.error());
    return {};
  });
  ASSERT_TRUE(opened) << opened.error().message;
  const EntryView a = View(anna);
  ASSERT_EQ(a.entry.status, WaitlistStatus::kOffered);
  EXPECT_EQ(a.offer->time.begin, 13 * 60);
  EXPECT_FALSE(Public(13 * 60));
  EXPECT_TRUE(Public(13 * 60 + 20)) << "the rest of the new hour, wanted by nobody, is public";
}

TEST_F(WaitlistTest, LeavingWithdrawsTheOfferAndPassesItOn) {
  const booking::Receipt taken = Book(8 * 60, "x@example.org");
  const JoinReceipt anna = Join("anna");
  const JoinReceipt ben = Join("ben");
  CancelAndCoolDown(taken);
  auto left = waitlist_->Leave(anna.entry.code, anna.token);
  ASSERT_TRUE(left) << left.error().message;
  EXPECT_EQ(left->status, WaitlistStatus::kCancelled);
  EXPECT_EQ(View(ben).entry.status, WaitlistStatus::kOffered);
}

TEST_F(WaitlistTest, JoinValidatesAndLimitsEntriesPerContact) {
  EXPECT_FALSE(waitlist_->Join({.service_ids = {"nope"}, .contact = {"A", "a@example.org"}}));
  EXPECT_FALSE(waitlist_->Join({.service_ids = {"fuehrerschein"}, .contact = {"A", ""}}));
  EXPECT_FALSE(waitlist_->Join({.service_ids = {"fuehrerschein"},
                                .location_ids = {"kz-nowhere"},
                                .contact = {"A", "a@example.org"}}));
  for (int i = 0; i < 3; ++i) Join("same");
  auto fourth = waitlist_->Join(
      {.service_ids = {"fuehrerschein"}, .contact = {.name = "same", .email = "SAME@example.org"}});
  ASSERT_FALSE(fourth);
  EXPECT_EQ(fourth.error().code, ErrorCode::kConflict);
}

TEST_F(WaitlistTest, RetentionClearsTheContactOfEntriesLongOver) {
  const JoinReceipt anna = Join("anna");
  auto forgotten = store_->Write([](store::WriteTx& tx) -> Result<void> {
    auto n = tx.ForgetPersonalData(kDay + 6, absl::InfinitePast());
    if (!n) return std::unexpected(n.error());
    return {};
  });
  ASSERT_TRUE(forgotten) << forgotten.error().message;
  EXPECT_EQ(View(anna).entry.contact.email, "anna@example.org") << "its latest day is not past";
  forgotten = store_->Write([](store::WriteTx& tx) -> Result<void> {
    auto n = tx.ForgetPersonalData(kDay + 7, absl::InfinitePast());
    if (!n) return std::unexpected(n.error());
    return {};
  });
  ASSERT_TRUE(forgotten) << forgotten.error().message;
  const WaitlistEntry e = View(anna).entry;
  EXPECT_EQ(e.contact, Contact{});
  EXPECT_TRUE(e.contact_key.empty());
  EXPECT_TRUE(e.sealed_token.empty());
  EXPECT_EQ(e.status, WaitlistStatus::kExpired);
}

}  // namespace
}  // namespace amtszeit::waitlist
