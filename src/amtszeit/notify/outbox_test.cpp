#include "amtszeit/notify/outbox.h"

#include <gtest/gtest.h>

#include "amtszeit/notify/notify_test_support.h"

namespace amtszeit::notify {
namespace {

using testing::Berlin;
using testing::OutboxFixture;

absl::Time Local(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), Berlin());
}

int Count(const std::vector<OutboxMessage>& ms, MessageKind kind) {
  return static_cast<int>(std::ranges::count(ms, kind, &OutboxMessage::kind));
}

using OutboxTest = OutboxFixture;

TEST_F(OutboxTest, ConfirmQueuesConfirmationAndTwoRemindersInTheSameCommit) {
  // Monday 2026-12-07, 08:00: five days ahead.
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 7));
  ASSERT_EQ(r.appointment.start, Local(2026, 12, 7, 8, 0));
  const auto ms = MessagesOf(r.appointment.id);
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0].kind, MessageKind::kConfirmation);
  EXPECT_EQ(ms[0].due_at, clock_.Now());
  EXPECT_EQ(ms[0].channel, MessageChannel::kEmail);
  EXPECT_EQ(ms[0].recipient, "joerg@example.org");
  EXPECT_EQ(ms[0].language, "de");
  EXPECT_EQ(ms[1].kind, MessageKind::kReminder);
  EXPECT_EQ(ms[1].due_at, Local(2026, 12, 5, 8, 0));
  EXPECT_EQ(ms[2].kind, MessageKind::kReminder);
  EXPECT_EQ(ms[2].due_at, Local(2026, 12, 7, 6, 0));
  for (const auto& m : ms) EXPECT_EQ(m.status, MessageStatus::kPending);
  EXPECT_TRUE(HasSecret(r.appointment.id));
}

TEST_F(OutboxTest, NoReminderThatWouldFallBeforeTheBooking) {
  // Tomorrow 08:00 is 22 hours ahead: the 2-day reminder would be in the past.
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 3));
  const auto ms = MessagesOf(r.appointment.id);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].kind, MessageKind::kConfirmation);
  EXPECT_EQ(ms[1].kind, MessageKind::kReminder);
  EXPECT_EQ(ms[1].due_at, Local(2026, 12, 3, 6, 0));
}

TEST_F(OutboxTest, HoldsAndFailedConfirmationsQueueNothing) {
  booking::Receipt hold = HoldOn(absl::CivilDay(2026, 12, 7));
  EXPECT_TRUE(MessagesOf(hold.appointment.id).empty());
  auto bad = engine_->Confirm({.code = hold.appointment.code,
                               .token = "wrong",
                               .contact = {.name = "X", .email = "x@example.org"}});
  EXPECT_FALSE(bad);
  EXPECT_TRUE(MessagesOf(hold.appointment.id).empty());
  ASSERT_TRUE(engine_->Cancel(hold.appointment.code, hold.token));  // a hold: nobody to tell
  EXPECT_TRUE(MessagesOf(hold.appointment.id).empty());
}

TEST_F(OutboxTest, RescheduleRetimesRemindersAndTellsTheNewTime) {
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 7));
  // The confirmation went out meanwhile.
  auto sent = store_->Write([&](store::WriteTx& tx) -> Result<void> {
    auto pending = tx.PendingMessagesOf(AppointmentSubject(r.appointment.id));
    if (!pending) return std::unexpected(pending.error());
    OutboxMessage m = pending->front();
    m.status = MessageStatus::kSent;
    m.sent_at = clock_.Now();
    return tx.UpdateOutboxMessage(m);
  });
  ASSERT_TRUE(sent) << sent.error().message;

  booking::Receipt to = HoldOn(absl::CivilDay(2026, 12, 10), 9 * 60);
  auto moved = engine_->Reschedule(r.appointment.code, r.token, to.appointment.code, to.token);
  ASSERT_TRUE(moved) << moved.error().message;
  ASSERT_EQ(moved->start, Local(2026, 12, 10, 9, 0));

  const auto pending = Pending(r.appointment.id);
  ASSERT_EQ(pending.size(), 3u);
  EXPECT_EQ(pending[0].kind, MessageKind::kRescheduled);
  EXPECT_EQ(pending[0].due_at, clock_.Now());
  EXPECT_EQ(pending[1].kind, MessageKind::kReminder);
  EXPECT_EQ(pending[1].due_at, Local(2026, 12, 8, 9, 0));
  EXPECT_EQ(pending[2].due_at, Local(2026, 12, 10, 7, 0));
  const auto all = MessagesOf(r.appointment.id);
  int dropped = 0;
  for (const auto& m : all) {
    if (m.status != MessageStatus::kDropped) continue;
    ++dropped;
    EXPECT_EQ(m.kind, MessageKind::kReminder);
    EXPECT_TRUE(m.recipient.empty());
  }
  EXPECT_EQ(dropped, 2);
  // The hold that gave its time is not an appointment anyone is told about.
  EXPECT_TRUE(MessagesOf(to.appointment.id).empty());
}

TEST_F(OutboxTest, RescheduleBeforeTheConfirmationWentOutSendsNoExtraNotice) {
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 7));
  booking::Receipt to = HoldOn(absl::CivilDay(2026, 12, 10));
  ASSERT_TRUE(engine_->Reschedule(r.appointment.code, booking::Authority::CallCentre(),
                                  to.appointment.code, to.token));
  const auto pending = Pending(r.appointment.id);
  EXPECT_EQ(Count(pending, MessageKind::kConfirmation), 1);
  EXPECT_EQ(Count(pending, MessageKind::kRescheduled), 0);
  EXPECT_EQ(Count(pending, MessageKind::kReminder), 2);
  // The call centre acted without the token; the one sealed at confirmation stays for the links.
  EXPECT_TRUE(HasSecret(r.appointment.id));
}

TEST_F(OutboxTest, CancelDropsPendingMessagesAndQueuesANotice) {
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 7));
  ASSERT_TRUE(engine_->Cancel(r.appointment.code, r.token));
  const auto pending = Pending(r.appointment.id);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].kind, MessageKind::kCancellation);
  EXPECT_EQ(pending[0].recipient, "joerg@example.org");
  EXPECT_EQ(Count(MessagesOf(r.appointment.id), MessageKind::kReminder), 2);
  for (const auto& m : MessagesOf(r.appointment.id)) {
    if (m.kind != MessageKind::kCancellation) {
      EXPECT_EQ(m.status, MessageStatus::kDropped);
    }
  }
  EXPECT_FALSE(HasSecret(r.appointment.id));  // a cancellation notice carries no link
  // Cancelling twice tells once.
  ASSERT_TRUE(engine_->Cancel(r.appointment.code, r.token));
  EXPECT_EQ(Pending(r.appointment.id).size(), 1u);
}

TEST_F(OutboxTest, PhoneOnlyContactsGetSmsInTheirLanguage) {
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 7),
                            {.name = "Ayşe", .phone = "0170 1234567", .language = "en"});
  const auto ms = MessagesOf(r.appointment.id);
  ASSERT_FALSE(ms.empty());
  EXPECT_EQ(ms[0].channel, MessageChannel::kSms);
  EXPECT_FALSE(ms[0].recipient.empty());
  EXPECT_EQ(ms[0].recipient.find(' '), std::string::npos);
  EXPECT_EQ(ms[0].language, "en");
}

TEST_F(OutboxTest, ConfiguredReminderOffsetsAreUsed) {
  outbox_ = std::make_unique<Outbox>(box_, OutboxOptions{.reminders = {absl::Hours(24)}});
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 7));
  const auto ms = MessagesOf(r.appointment.id);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[1].due_at, Local(2026, 12, 6, 8, 0));
}

TEST(WhyNotSend, DropsWhatIsNoLongerTrue) {
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  Appointment a{.start = now + absl::Hours(1), .status = AppointmentStatus::kConfirmed};
  OutboxMessage reminder{.kind = MessageKind::kReminder, .recipient = "a@example.org"};
  EXPECT_EQ(WhyNotSend(reminder, a, now), "");
  EXPECT_NE(WhyNotSend(reminder, std::nullopt, now), "");
  EXPECT_NE(WhyNotSend(reminder, a, now + absl::Hours(2)), "");
  a.status = AppointmentStatus::kCancelled;
  EXPECT_NE(WhyNotSend(reminder, a, now), "");
  OutboxMessage notice{.kind = MessageKind::kCancellation, .recipient = "a@example.org"};
  EXPECT_EQ(WhyNotSend(notice, a, now), "");
}

}  // namespace
}  // namespace amtszeit::notify
