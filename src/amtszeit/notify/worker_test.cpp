#include "amtszeit/notify/worker.h"

#include <gtest/gtest.h>

#include <deque>

#include "amtszeit/booking/secrets.h"
#include "amtszeit/notify/notify_test_support.h"
#include "amtszeit/secrets/secrets.h"

namespace amtszeit::notify {
namespace {

using testing::Berlin;

// Records what it is given; answers with queued outcomes, then success.
class FakeSender final : public Sender {
 public:
  Result<void> Send(const Outgoing& o, const std::atomic<bool>&) override {
    sent.push_back(o);
    if (outcomes.empty()) return {};
    Result<void> r = outcomes.front();
    outcomes.pop_front();
    return r;
  }
  std::vector<Outgoing> sent;
  std::deque<Result<void>> outcomes;
};

class WorkerTest : public testing::OutboxFixture {
 protected:
  void SetUp() override {
    OutboxFixture::SetUp();
    auto catalog = store_->ReadCatalog();
    ASSERT_TRUE(catalog);
    auto email = std::make_unique<FakeSender>();
    email_ = email.get();
    worker_ = std::make_unique<Worker>(*store_, clock_,
                                       std::make_shared<const Catalog>(std::move(*catalog)), box_,
                                       Senders{.email = std::move(email)},
                                       WorkerOptions{.base_url = "https://termine.example",
                                                     .zone = Berlin(),
                                                     .first_retry = absl::Seconds(30),
                                                     .max_attempts = 3});
  }

  PassCounts Pass() {
    auto counts = worker_->RunOnce();
    EXPECT_TRUE(counts) << counts.error().message;
    return counts ? *counts : PassCounts{};
  }

  FakeSender* email_ = nullptr;
  std::unique_ptr<Worker> worker_;
};

TEST_F(WorkerTest, SendsTheConfirmationWithAWorkingLinkAndTheReminderWhenDue) {
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 7));
  EXPECT_EQ(Pass().sent, 1);
  ASSERT_EQ(email_->sent.size(), 1u);
  const Outgoing& mail = email_->sent[0];
  EXPECT_EQ(mail.to, "joerg@example.org");
  EXPECT_TRUE(mail.message.subject.starts_with("Terminbestätigung: Montag, 7. Dezember 2026"));
  const std::string link = "https://termine.example/termin/" + r.appointment.code + "?token=";
  const auto at = mail.message.text.find(link);
  ASSERT_NE(at, std::string::npos) << mail.message.text;
  const std::string token = mail.message.text.substr(
      at + link.size(), mail.message.text.find('\n', at) - at - link.size());
  EXPECT_TRUE(secrets::LinkTokenMatches(token, r.appointment.token_hash));

  const auto sent = MessagesOf(r.appointment.id).front();
  EXPECT_EQ(sent.status, MessageStatus::kSent);
  EXPECT_EQ(sent.attempts, 1);
  EXPECT_TRUE(sent.recipient.empty());  // no personal data kept once final
  EXPECT_EQ(Pass().sent, 0);            // the reminders are not due yet

  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 12, 5, 8, 0), Berlin()));
  EXPECT_EQ(Pass().sent, 1);
  ASSERT_EQ(email_->sent.size(), 2u);
  EXPECT_TRUE(email_->sent[1].message.subject.starts_with("Erinnerung"));
  EXPECT_NE(email_->sent[1].message.text.find("&action=cancel"), std::string::npos);
  EXPECT_TRUE(HasSecret(r.appointment.id));  // the 2-hour reminder still needs it

  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 12, 7, 6, 0), Berlin()));
  EXPECT_EQ(Pass().sent, 1);
  EXPECT_FALSE(HasSecret(r.appointment.id));  // the last link went out: the token is forgotten
}

TEST_F(WorkerTest, RetriesWithGrowingPausesThenDelivers) {
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 7));
  email_->outcomes = {Fail(ErrorCode::kUnavailable, "smtp: connection refused"),
                      Fail(ErrorCode::kUnavailable, "smtp: connection refused")};
  EXPECT_EQ(Pass().retried, 1);
  auto m = MessagesOf(r.appointment.id).front();
  EXPECT_EQ(m.status, MessageStatus::kPending);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.next_attempt_at, clock_.Now() + absl::Seconds(30));
  EXPECT_EQ(m.last_error, "smtp: connection refused");
  EXPECT_EQ(Pass().retried, 0);  // not yet due again

  clock_.Advance(absl::Seconds(30));
  EXPECT_EQ(Pass().retried, 1);
  m = MessagesOf(r.appointment.id).front();
  EXPECT_EQ(m.next_attempt_at, clock_.Now() + absl::Seconds(60));

  clock_.Advance(absl::Seconds(60));
  EXPECT_EQ(Pass().sent, 1);
  m = MessagesOf(r.appointment.id).front();
  EXPECT_EQ(m.status, MessageStatus::kSent);
  EXPECT_EQ(m.attempts, 3);
  EXPECT_EQ(email_->sent.size(), 3u);
}

TEST_F(WorkerTest, GivesUpOnPermanentErrorsAndAfterTheLastAttempt) {
  booking::Receipt a = Book(absl::CivilDay(2026, 12, 7));
  email_->outcomes = {Fail(ErrorCode::kPreconditionFailed, "smtp: recipient refused (status 550)")};
  EXPECT_EQ(Pass().failed, 1);
  auto m = MessagesOf(a.appointment.id).front();
  EXPECT_EQ(m.status, MessageStatus::kFailed);
  EXPECT_TRUE(m.recipient.empty());

  booking::Receipt b =
      Book(absl::CivilDay(2026, 12, 8), {.name = "Erika", .email = "erika@example.org"});
  for (int i = 0; i < 3; ++i) email_->outcomes.emplace_back(Fail(ErrorCode::kUnavailable, "down"));
  for (int i = 0; i < 3; ++i) {
    Pass();
    clock_.Advance(worker_->Backoff(i + 1));
  }
  m = MessagesOf(b.appointment.id).front();
  EXPECT_EQ(m.status, MessageStatus::kFailed);
  EXPECT_EQ(m.attempts, 3);
}

TEST_F(WorkerTest, DropsRemindersOfAppointmentsThatHaveBegun) {
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 3));  // 2-hour reminder only
  EXPECT_EQ(Pass().sent, 1);
  // The server was down until after the start.
  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 12, 3, 8, 30), Berlin()));
  EXPECT_EQ(Pass().dropped, 1);
  EXPECT_EQ(email_->sent.size(), 1u);
  const auto ms = MessagesOf(r.appointment.id);
  EXPECT_EQ(ms.back().status, MessageStatus::kDropped);
  EXPECT_FALSE(HasSecret(r.appointment.id));
}

TEST_F(WorkerTest, CancellationNoticeIsSentInEnglish) {
  booking::Receipt r = Book(absl::CivilDay(2026, 12, 7),
                            {.name = "Jo", .email = "jo@example.org", .language = "en"});
  ASSERT_TRUE(engine_->Cancel(r.appointment.code, r.token));
  EXPECT_EQ(Pass().sent, 1);
  ASSERT_EQ(email_->sent.size(), 1u);
  EXPECT_EQ(email_->sent[0].message.subject,
            "Appointment cancelled: Monday, 7 December 2026, 08:00");
}

TEST_F(WorkerTest, BackoffDoublesUpToTheCap) {
  EXPECT_EQ(worker_->Backoff(1), absl::Seconds(30));
  EXPECT_EQ(worker_->Backoff(2), absl::Seconds(60));
  EXPECT_EQ(worker_->Backoff(4), absl::Seconds(240));
  EXPECT_EQ(worker_->Backoff(40), absl::Hours(2));
}

TEST_F(WorkerTest, ThreadStartsAndStopsPromptly) {
  Book(absl::CivilDay(2026, 12, 7));
  worker_->Start();
  for (int i = 0; i < 200 && email_->sent.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  worker_->Stop();
  EXPECT_EQ(email_->sent.size(), 1u);
}

// A case's token is shown once; the worker keeps it sealed while the case is open, so the done
// message still links the status page, and forgets it once the closed case is told.
TEST_F(WorkerTest, CaseMessagesCarryTheStatusLinkUntilTheClosedCaseIsTold) {
  const std::string token = secrets::NewToken();
  OnlineCase c{.code = "C4SE-0001",
               .token_hash = secrets::LinkTokenHash(token),
               .service_id = "fuehrerschein",
               .language = "en",
               .answers_json = R"({"family_name":"Müller","email":"erika@example.org"})",
               .created_at = clock_.Now(),
               .updated_at = clock_.Now()};
  auto change = [&](CaseStatus to, std::string_view with_token) {
    return store_->Write([&](store::WriteTx& tx) -> Result<void> {
      c.status = to;
      if (c.id == 0) {
        auto id = tx.InsertCase(c);
        if (!id) return std::unexpected(id.error());
        c.id = *id;
      } else if (auto ok = tx.UpdateCase(c); !ok) {
        return ok;
      }
      return outbox_->CaseChanged(tx, c, "erika@example.org", with_token, clock_.Now());
    });
  };
  auto has_secret = [&] {
    bool found = false;
    EXPECT_TRUE(store_->Write([&](store::WriteTx& tx) -> Result<void> {
      auto s = tx.FindOutboxSecret(CaseSubject(c.id));
      if (!s) return std::unexpected(s.error());
      found = s->has_value();
      return {};
    }));
    return found;
  };
  const std::string link = "https://termine.example/online/status?code=C4SE-0001&token=" + token;

  ASSERT_TRUE(change(CaseStatus::kReceived, token));
  EXPECT_EQ(Pass().sent, 1);
  ASSERT_EQ(email_->sent.size(), 1u);
  EXPECT_EQ(email_->sent[0].to, "erika@example.org");
  EXPECT_EQ(email_->sent[0].message.subject, "Your online request C4SE-0001 has been received");
  EXPECT_NE(email_->sent[0].message.text.find(link), std::string::npos)
      << email_->sent[0].message.text;
  EXPECT_TRUE(has_secret()) << "the case is open: its next message needs the link";

  ASSERT_TRUE(change(CaseStatus::kInProgress, ""));
  EXPECT_EQ(Pass().sent, 0) << "taking a case tells the citizen nothing";
  ASSERT_TRUE(change(CaseStatus::kDone, ""));
  EXPECT_EQ(Pass().sent, 1);
  ASSERT_EQ(email_->sent.size(), 2u);
  EXPECT_EQ(email_->sent[1].message.subject, "Your online request C4SE-0001 is done");
  EXPECT_NE(email_->sent[1].message.text.find(link), std::string::npos);
  EXPECT_FALSE(has_secret());
  const auto messages = store_->ReadMessagesOf(CaseSubject(c.id));
  ASSERT_TRUE(messages);
  ASSERT_EQ(messages->size(), 2u);
  for (const OutboxMessage& m : *messages) {
    EXPECT_EQ(m.status, MessageStatus::kSent);
    EXPECT_TRUE(m.recipient.empty());
  }
}

}  // namespace
}  // namespace amtszeit::notify
