// Test support for notify/'s unit tests (header only, never linked into the product): a real
// SQLite store with one centre, a booking engine whose change hook fills the outbox as the
// server wires it, and a clock on Wednesday 2026-12-02, 10:00 in Hamburg.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "amtszeit/booking/engine.h"
#include "amtszeit/notify/outbox.h"
#include "amtszeit/notify/secret_box.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::notify::testing {

using ::amtszeit::testing::Berlin;

inline absl::Time StartOfTest() {
  return absl::FromCivil(absl::CivilSecond(2026, 12, 2, 10, 0, 0), Berlin());
}

inline void SeedCentre(store::Store& store) {
  auto ok = store.Write([](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.PutDistrict({"mitte", "Hamburg-Mitte"}); !r) return r;
    Location l{.id = "kz-a",
               .name = "Kundenzentrum Hamburg-Mitte",
               .district_id = "mitte",
               .address = {"Caffamacherreihe 1-3", "20355", "Hamburg"},
               .geo = {53.55, 9.98},
               .counters = 2};
    for (int d = 0; d < 5; ++d) l.hours.weekly[d] = {{7 * 60, 19 * 60}};
    if (auto r = tx.PutLocation(l); !r) return r;
    if (auto r = tx.PutService({.id = "fuehrerschein",
                                .name_de = "Führerschein umschreiben",
                                .name_en = "Exchange a driving licence",
                                .duration_minutes = 20,
                                .skill = "fahr"});
        !r) {
      return r;
    }
    Staff st{.id = "st-0",
             .display_name = "S0",
             .home_district_id = "mitte",
             .home_location_id = "kz-a",
             .skills = {"fahr"}};
    if (auto r = tx.PutStaff(st); !r) return r;
    for (int d = 0; d < 60; ++d) {
      const absl::CivilDay day = absl::CivilDay(2026, 12, 1) + d;
      if (absl::GetWeekday(day) == absl::Weekday::saturday ||
          absl::GetWeekday(day) == absl::Weekday::sunday) {
        continue;
      }
      Shift sh{.staff_id = st.id, .location_id = "kz-a", .day = day, .time = {8 * 60, 12 * 60}};
      if (auto r = tx.PutShift(sh); !r) return std::unexpected(r.error());
    }
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
}

// What the server does with the engine's change notes.
inline std::optional<EventKind> EventOfChange(booking::Change change) {
  switch (change) {
    case booking::Change::kConfirmed:
      return EventKind::kConfirmed;
    case booking::Change::kCancelled:
      return EventKind::kCancelled;
    case booking::Change::kRescheduled:
      return EventKind::kRescheduled;
    case booking::Change::kReassigned:
      return std::nullopt;
  }
  return std::nullopt;
}

class OutboxFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("t.db"));
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    SeedCentre(*store_);
    outbox_ = std::make_unique<Outbox>(box_, OutboxOptions{});
    booking::EngineOptions options{
        .policy = {},
        .zone = Berlin(),
        .on_change = [this](store::WriteTx& tx, const booking::ChangeNote& n) -> Result<void> {
          auto kind = EventOfChange(n.change);
          if (!kind) return {};
          return outbox_->OnChange(tx, *kind, n.appointment, n.token, n.at);
        }};
    auto e = booking::BookingEngine::Open(*store_, clock_, options);
    ASSERT_TRUE(e) << e.error().message;
    engine_ = std::move(*e);
  }

  // A hold of the first free slot on `day` at or after `minute` (local minutes).
  booking::Receipt HoldOn(absl::CivilDay day, int minute = 8 * 60) {
    auto page =
        engine_->Search({.service_ids = {"fuehrerschein"}, .from = day, .to = day, .limit = 50});
    EXPECT_TRUE(page) << page.error().message;
    for (const booking::SlotView& s : page->slots) {
      if (s.start_minute < minute) continue;
      auto hold = engine_->Hold(
          {.service_ids = {"fuehrerschein"}, .location_id = "kz-a", .start = s.start});
      EXPECT_TRUE(hold) << hold.error().error.message;
      return *hold;
    }
    ADD_FAILURE() << "no slot on " << absl::FormatCivilTime(day);
    return {};
  }

  booking::Receipt Book(absl::CivilDay day,
                        Contact contact = {.name = "Jörg Müller", .email = "joerg@example.org"}) {
    booking::Receipt hold = HoldOn(day);
    auto booked = engine_->Confirm(
        {.code = hold.appointment.code, .token = hold.token, .contact = std::move(contact)});
    EXPECT_TRUE(booked) << booked.error().message;
    return *booked;
  }

  std::vector<OutboxMessage> MessagesOf(std::int64_t appointment_id) {
    auto all = store_->ReadMessagesOf(AppointmentSubject(appointment_id));
    EXPECT_TRUE(all) << all.error().message;
    return all ? *all : std::vector<OutboxMessage>{};
  }

  std::vector<OutboxMessage> Pending(std::int64_t appointment_id) {
    auto all = MessagesOf(appointment_id);
    std::erase_if(all, [](const OutboxMessage& m) { return m.status != MessageStatus::kPending; });
    return all;
  }

  bool HasSecret(std::int64_t appointment_id) {
    bool found = false;
    auto ok = store_->Write([&](store::WriteTx& tx) -> Result<void> {
      auto s = tx.FindOutboxSecret(AppointmentSubject(appointment_id));
      if (!s) return std::unexpected(s.error());
      found = s->has_value();
      return {};
    });
    EXPECT_TRUE(ok);
    return found;
  }

  ::amtszeit::testing::TempDir dir_;
  ManualClock clock_{StartOfTest()};
  SecretBox box_ = SecretBox::WithRandomKey();
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<booking::BookingEngine> engine_;
};

}  // namespace amtszeit::notify::testing
