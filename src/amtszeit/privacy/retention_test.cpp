#include "amtszeit/privacy/retention.h"

#include <gtest/gtest.h>

#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::privacy {
namespace {

using absl::CivilDay;
using testing::Berlin;

absl::Time At(CivilDay day, int hour) {
  return absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), hour, 0, 0),
                         Berlin());
}

Appointment Booked(std::string code, CivilDay day) {
  Appointment a{.code = std::move(code),
                .token_hash = "hash",
                .location_id = "kz-a",
                .staff_id = "st-1",
                .day = day,
                .time = {9 * 60, 9 * 60 + 30},
                .start = At(day, 9),
                .end = At(day, 9) + absl::Minutes(30),
                .service_ids = {"anmeldung"},
                .status = AppointmentStatus::kConfirmed,
                .contact = {"Erika Mustermann", "erika@example.org", "+49 40 1234"},
                .contact_key = "email:erika@example.org",
                .phone_key = "+49401234",
                .move_in_date = day - 5,
                .travel_date = day + 30};
  a.created_at = a.updated_at = At(day - 10, 12);
  return a;
}

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("r.db"));
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    auto ok = store_->Write([&](store::WriteTx& tx) -> Result<void> {
      if (auto r = tx.PutDistrict({"mitte", "Hamburg-Mitte"}); !r) return r;
      if (auto r = tx.PutLocation({.id = "kz-a", .name = "A", .district_id = "mitte"}); !r) {
        return r;
      }
      for (const auto& [code, day] : {std::pair{"OLD1-AAAA", CivilDay(2026, 10, 20)},
                                      std::pair{"EDGE-AAAA", CivilDay(2026, 10, 26)},
                                      std::pair{"KEEP-AAAA", CivilDay(2026, 10, 27)},
                                      std::pair{"NEXT-AAAA", CivilDay(2026, 12, 3)}}) {
        Appointment a = Booked(code, day);
        auto id = tx.InsertAppointment(a);
        if (!id) return std::unexpected(id.error());
        a.id = *id;
        if (auto e = tx.AppendEvent(EventOf(a, EventKind::kConfirmed, a.created_at)); !e) {
          return std::unexpected(e.error());
        }
        // A reminder never sent (no mail server configured) and the sealed link token.
        auto m = tx.InsertOutboxMessage({.subject = AppointmentSubject(a.id),
                                         .kind = MessageKind::kReminder,
                                         .recipient = "erika@example.org",
                                         .language = "de",
                                         .due_at = a.start - absl::Hours(48),
                                         .next_attempt_at = a.start - absl::Hours(48),
                                         .created_at = a.created_at});
        if (!m) return std::unexpected(m.error());
        if (auto r = tx.PutOutboxSecret(AppointmentSubject(a.id), "sealed"); !r) return r;
      }
      if (auto r = tx.PutIdempotency({.key = "old",
                                      .fingerprint = "f",
                                      .appointment_code = "OLD1-AAAA",
                                      .token = "secret-1",
                                      .created_at = At(CivilDay(2026, 11, 24), 8)});
          !r) {
        return r;
      }
      return tx.PutIdempotency({.key = "new",
                                .fingerprint = "f",
                                .appointment_code = "NEXT-AAAA",
                                .token = "secret-2",
                                .created_at = At(CivilDay(2026, 11, 25), 11)});
    });
    ASSERT_TRUE(ok) << ok.error().message;
  }

  Appointment Find(std::string_view code) {
    auto a = store_->FindAppointmentByCode(code);
    EXPECT_TRUE(a && *a) << code;
    return a && *a ? **a : Appointment{};
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(RetentionTest, ClearsContactDetailsThirtyDaysAfterTheDayAndKeepsTheEvents) {
  // 25 November: appointments up to 25 October are more than 30 days past.
  const absl::Time now = At(CivilDay(2026, 11, 25), 12);
  auto forgotten = ApplyRetention(*store_, now, Berlin(), {.days = 30});
  ASSERT_TRUE(forgotten) << forgotten.error().message;
  EXPECT_EQ(forgotten->appointments, 1);
  EXPECT_EQ(forgotten->idempotency_keys, 1);

  const Appointment old = Find("OLD1-AAAA");
  EXPECT_EQ(old.contact, Contact{});
  EXPECT_EQ(old.contact_key, "");
  EXPECT_EQ(old.phone_key, "");
  EXPECT_FALSE(old.move_in_date);
  EXPECT_FALSE(old.travel_date);
  EXPECT_EQ(old.service_ids, std::vector<std::string>{"anmeldung"}) << "the booking itself stays";
  for (std::string_view kept : {"EDGE-AAAA", "KEEP-AAAA", "NEXT-AAAA"}) {
    EXPECT_EQ(Find(kept).contact.email, "erika@example.org") << kept;
  }
  auto messages = store_->ReadMessagesOf(AppointmentSubject(old.id));
  ASSERT_TRUE(messages);
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].recipient, "");
  EXPECT_EQ((*messages)[0].status, MessageStatus::kDropped) << "never sent after its time";
  auto kept_messages = store_->ReadMessagesOf(AppointmentSubject(Find("KEEP-AAAA").id));
  ASSERT_TRUE(kept_messages);
  EXPECT_EQ((*kept_messages)[0].recipient, "erika@example.org");
  auto secret = store_->Write([&](store::WriteTx& tx) -> Result<void> {
    auto gone = tx.FindOutboxSecret(AppointmentSubject(old.id));
    if (!gone) return std::unexpected(gone.error());
    EXPECT_FALSE(*gone);
    auto kept = tx.FindOutboxSecret(AppointmentSubject(Find("KEEP-AAAA").id));
    if (!kept) return std::unexpected(kept.error());
    EXPECT_TRUE(*kept);
    return {};
  });
  ASSERT_TRUE(secret) << secret.error().message;
  auto events = store_->ReadEventsOf(old.id);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->size(), 1u);
  EXPECT_FALSE(*store_->ReadIdempotency("old"));
  EXPECT_TRUE(*store_->ReadIdempotency("new"));

  // The next day the 26 October appointment goes; a second run the same day changes nothing.
  auto next = ApplyRetention(*store_, now + absl::Hours(24), Berlin(), {.days = 30});
  ASSERT_TRUE(next);
  EXPECT_EQ(next->appointments, 1);
  EXPECT_EQ(Find("EDGE-AAAA").contact, Contact{});
  auto again = ApplyRetention(*store_, now + absl::Hours(24), Berlin(), {.days = 30});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->appointments, 0);
}

TEST(RetentionPolicy, RefusesNonsense) {
  EXPECT_TRUE(CheckedPolicy(30));
  EXPECT_EQ(CheckedPolicy(0).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(CheckedPolicy(5000).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace amtszeit::privacy
