// Closing a centre: every appointment there is rebooked into an equivalent slot elsewhere (same
// services, within its legal deadline) or listed for the call centre; none is lost.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "amtszeit/notify/outbox.h"
#include "amtszeit/steering/steering.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::steering {
namespace {

using absl::CivilDay;
using testing::Berlin;
using testing::TempDir;

constexpr CivilDay kToday(2026, 12, 2);  // a Wednesday
constexpr int kCentres = 4;
constexpr int kStaffPerCentre = 5;

bool Weekend(CivilDay d) {
  return absl::GetWeekday(d) == absl::Weekday::saturday ||
         absl::GetWeekday(d) == absl::Weekday::sunday;
}

// Four centres (kz-0 closes), five staff each working 08:00-16:00 on weekdays. Only kz-0's
// staff can serve driving licences, so those appointments can go nowhere else.
void SeedFourCentres(store::Store& store) {
  auto ok = store.Write([](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.PutDistrict({"mitte", "Hamburg-Mitte"}); !r) return r;
    for (int c = 0; c < kCentres; ++c) {
      Location l{.id = "kz-" + std::to_string(c),
                 .name = "Kundenzentrum " + std::to_string(c),
                 .district_id = "mitte",
                 .address = {"Straße 1", "20095", "Hamburg"},
                 .geo = {53.55 + 0.01 * c, 10.0},
                 .counters = 6};
      for (int d = 0; d < 5; ++d) l.hours.weekly[d] = {{7 * 60, 19 * 60}};
      if (auto r = tx.PutLocation(l); !r) return r;
    }
    for (const Service& s : {Service{.id = "personalausweis",
                            .name_de = "Personalausweis beantragen",
                            .duration_minutes = 30,
                            .skill = "ausweis"},
                             Service{.id = "anmeldung",
                             .name_de = "Wohnsitz anmelden",
                             .duration_minutes = 30,
                             .legal_deadline_days = 14,
                             .skill = "melde"},
                             Service{.id = "fuehrerschein",
                             .name_de = "Führerschein umtauschen",
                             .duration_minutes = 30,
                             .skill = "fs"}}) {
      if (auto r = tx.PutService(s); !r) return r;
    }
    for (int c = 0; c < kCentres; ++c) {
      for (int i = 0; i < kStaffPerCentre; ++i) {
        Staff st{.id = "st-" + std::to_string(c) + "-" + std::to_string(i),
                 .display_name = "S" + std::to_string(c) + std::to_string(i),
                 .home_district_id = "mitte",
                 .home_location_id = "kz-" + std::to_string(c),
                 .skills = {"ausweis", "melde"}};
        if (c == 0) st.skills.emplace_back("fs");
        if (auto r = tx.PutStaff(st); !r) return r;
        for (int d = 0; d < 40; ++d) {
          const CivilDay day = kToday + d;
          if (Weekend(day)) continue;
          auto r = tx.PutShift({.staff_id = st.id,
                                .location_id = st.home_location_id,
                                .day = day,
                                .time = {8 * 60, 16 * 60}});
          if (!r) return std::unexpected(r.error());
        }
      }
    }
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
}

const Actor kControlRoom{.name = "Leitstelle Kaya", .reason = "Wasserschaden im Kundenzentrum"};

class ClosureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("t.db"));
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    SeedFourCentres(*store_);
    // The outbox fills as the server wires it: the engine's change hook, and the closure's
    // notice for appointments it could only list.
    booking::EngineOptions options{
        .policy = {},
        .zone = Berlin(),
        .on_change = [this](store::WriteTx& tx, const booking::ChangeNote& n) -> Result<void> {
          if (n.change == booking::Change::kReassigned) return {};
          const EventKind kind = n.change == booking::Change::kConfirmed ? EventKind::kConfirmed
                                 : n.change == booking::Change::kCancelled
                                     ? EventKind::kCancelled
                                     : EventKind::kRescheduled;
          return outbox_.OnChange(tx, kind, n.appointment, n.token, n.at);
        }};
    auto e = booking::BookingEngine::Open(*store_, clock_, options);
    ASSERT_TRUE(e) << e.error().message;
    engine_ = std::move(*e);
    steering_ = std::make_unique<SteeringService>(*store_, *engine_, clock_, Berlin());
    steering_->OnListed([this](store::WriteTx& tx, const Appointment& a, absl::Time now) {
      return outbox_.Listed(tx, a, now);
    });
  }

  // As if the worker had sent the confirmations of every other booking.
  void SendEveryOtherConfirmation() {
    auto ok = store_->Write([&](store::WriteTx& tx) -> Result<void> {
      for (std::size_t i = 0; i < booked_.size(); i += 2) {
        auto pending = tx.PendingMessagesOf(AppointmentSubject(booked_[i].id));
        if (!pending) return std::unexpected(pending.error());
        for (OutboxMessage& m : *pending) {
          if (m.kind != MessageKind::kConfirmation) continue;
          m.status = MessageStatus::kSent;
          m.sent_at = clock_.Now();
          m.recipient.clear();
          if (auto u = tx.UpdateOutboxMessage(m); !u) return u;
        }
      }
      return {};
    });
    ASSERT_TRUE(ok) << ok.error().message;
  }

  // Books `count` appointments at kz-0 on the weekdays from tomorrow, earliest first: every
  // fifth a registration with a move-in date, every 50th a driving licence.
  void BookAtClosingCentre(int count) {
    int booked = 0;
    for (CivilDay day = kToday + 1; booked < count; ++day) {
      if (Weekend(day)) continue;
      auto page = engine_->Search({.service_ids = {"personalausweis"},
                                   .from = day,
                                   .to = day,
                                   .locations = {"kz-0"},
                                   .limit = 200});
      ASSERT_TRUE(page) << page.error().message;
      ASSERT_FALSE(page->slots.empty()) << FormatDay(day);
      for (const booking::SlotView& slot : page->slots) {
        for (int staff = 0; staff < kStaffPerCentre && booked < count; ++staff) {
          booking::HoldRequest hold{.location_id = "kz-0", .start = slot.start};
          if (booked % 50 == 7) {
            hold.service_ids = {"fuehrerschein"};
          } else if (booked % 5 == 0) {
            hold.service_ids = {"anmeldung"};
            hold.move_in_date = day - 3;
          } else {
            hold.service_ids = {"personalausweis"};
          }
          auto held = engine_->Hold(hold);
          if (!held) break;  // this start is full
          auto confirmed = engine_->Confirm(
              {.code = held->appointment.code,
               .token = held->token,
               .contact = {.name = "Bürger " + std::to_string(booked),
                           .email = "b" + std::to_string(booked) + "@example.org"}});
          ASSERT_TRUE(confirmed) << confirmed.error().message;
          booked_.push_back(confirmed->appointment);
          ++booked;
        }
        if (booked >= count) break;
      }
    }
  }

  std::map<std::string, Appointment> Stored() {
    auto all = store_->ReadAppointments(kToday);
    EXPECT_TRUE(all);
    std::map<std::string, Appointment> out;
    if (all) {
      for (const Appointment& a : *all) {
        if (a.status == AppointmentStatus::kConfirmed) out[a.code] = a;
      }
    }
    return out;
  }

  TempDir dir_;
  ManualClock clock_{absl::FromCivil(absl::CivilSecond(2026, 12, 2, 10, 0, 0), Berlin())};
  notify::SecretBox box_ = notify::SecretBox::WithRandomKey();
  notify::Outbox outbox_{box_, notify::OutboxOptions{}};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<booking::BookingEngine> engine_;
  std::unique_ptr<SteeringService> steering_;
  std::vector<Appointment> booked_;
};

TEST_F(ClosureTest, FiveHundredAppointmentsAreRebookedOrListedNoneLost) {
  BookAtClosingCentre(500);
  ASSERT_EQ(booked_.size(), 500u);
  const CivilDay last = booked_.back().day;
  const auto before = Stored();
  ASSERT_EQ(before.size(), 500u);
  SendEveryOtherConfirmation();

  auto out = steering_->CloseCentre({.location_id = "kz-0", .first = kToday, .last = last}, false,
                                    kControlRoom);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_GT(out->closure.id, 0);
  ASSERT_EQ(out->relocations.size(), 500u);
  EXPECT_EQ(out->rebooked + out->listed, 500);

  const auto after = Stored();
  ASSERT_EQ(after.size(), 500u) << "no appointment lost, none added";
  auto listed = steering_->ToRebook(kToday, last + 30);
  ASSERT_TRUE(listed);
  std::set<std::string> listed_codes;
  for (const Appointment& a : *listed) listed_codes.insert(a.code);

  std::set<std::string> seen;
  int rebooked = 0;
  for (const Appointment& was : booked_) {
    ASSERT_TRUE(after.contains(was.code)) << was.code;
    const Appointment& now = after.at(was.code);
    EXPECT_EQ(now.service_ids, was.service_ids);
    EXPECT_EQ(now.contact, was.contact);
    EXPECT_EQ(now.token_hash, was.token_hash) << "the citizen's link keeps working";
    if (now.location_id == "kz-0") {
      EXPECT_TRUE(listed_codes.contains(was.code)) << was.code << " neither moved nor listed";
    } else {
      ++rebooked;
      EXPECT_FALSE(listed_codes.contains(was.code));
      EXPECT_GE(now.day, was.day) << "rebooked to the same day or later";
      if (was.move_in_date) {
        EXPECT_LE(now.day, *was.move_in_date + 14) << was.code << ": past the legal deadline";
      } else {
        EXPECT_LE(now.day, was.day + 14);
      }
    }
    EXPECT_TRUE(seen.insert(was.code).second);
  }
  EXPECT_EQ(rebooked, out->rebooked);
  EXPECT_EQ(static_cast<int>(listed_codes.size()), out->listed);
  // Only kz-0 serves driving licences: those are listed; the others find room at kz-1..3.
  for (const Relocation& r : out->relocations) {
    const bool licence = r.before.service_ids == std::vector<std::string>{"fuehrerschein"};
    EXPECT_EQ(r.after.has_value(), !licence) << r.before.code;
  }
  EXPECT_EQ(out->listed, 10);

  // Every affected citizen is told exactly once: a rebooked one by the notice of the new time (or
  // by the confirmation still waiting to go out, which is rendered with the new time when sent),
  // a listed one by the notice that the appointment cannot take place — whose confirmation and
  // reminders, naming a closed centre, no longer go out.
  int told = 0;
  for (std::size_t i = 0; i < booked_.size(); ++i) {
    const Appointment& was = booked_[i];
    auto messages = store_->ReadMessagesOf(AppointmentSubject(was.id));
    ASSERT_TRUE(messages) << messages.error().message;
    std::map<MessageKind, int> pending;
    for (const OutboxMessage& m : *messages) {
      if (m.status == MessageStatus::kPending) ++pending[m.kind];
    }
    const int notices = pending[MessageKind::kConfirmation] + pending[MessageKind::kRescheduled] +
                        pending[MessageKind::kClosureListed] + pending[MessageKind::kCancellation];
    EXPECT_EQ(notices, 1) << was.code << " must get exactly one message about the closure";
    told += notices == 1;
    const bool moved = after.at(was.code).location_id != "kz-0";
    if (!moved) {
      EXPECT_EQ(pending[MessageKind::kClosureListed], 1) << was.code;
      EXPECT_EQ(pending[MessageKind::kReminder], 0)
          << was.code << ": a reminder of a closed centre";
    } else if (i % 2 == 0) {
      EXPECT_EQ(pending[MessageKind::kRescheduled], 1) << was.code;
    } else {
      EXPECT_EQ(pending[MessageKind::kConfirmation], 1) << was.code;
    }
  }
  EXPECT_EQ(told, 500) << "no citizen left untold";

  // The closed centre offers nothing on those days; the audit has the closure and each move.
  auto days = engine_->Days(
      {.service_ids = {"personalausweis"}, .from = kToday + 1, .to = last, .locations = {"kz-0"}});
  ASSERT_TRUE(days);
  for (const booking::DayAvailability& d : *days) EXPECT_EQ(d.starts, 0) << FormatDay(d.day);
  auto actions = store_->ReadActions(absl::InfinitePast(), absl::InfiniteFuture());
  ASSERT_TRUE(actions);
  EXPECT_EQ(std::ranges::count(*actions, std::string("centre.closed"), &SteeringAction::kind), 1);
  EXPECT_EQ(
      std::ranges::count(*actions, std::string("appointment.relocated"), &SteeringAction::kind),
      490);
}

TEST_F(ClosureTest, APreviewWritesNothingAndMatchesTheRealRun) {
  BookAtClosingCentre(60);
  const CivilDay last = booked_.back().day;
  const auto before = Stored();

  auto preview = steering_->CloseCentre({.location_id = "kz-0", .first = kToday, .last = last},
                                        true, kControlRoom);
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_TRUE(preview->dry_run);
  EXPECT_EQ(preview->relocations.size(), 60u);
  EXPECT_EQ(Stored(), before);
  auto closures = steering_->Closures(kToday, last);
  ASSERT_TRUE(closures);
  EXPECT_TRUE(closures->empty());
  auto actions = store_->ReadActions(absl::InfinitePast(), absl::InfiniteFuture());
  ASSERT_TRUE(actions);
  EXPECT_TRUE(actions->empty());

  // With room to spare the preview's counts are the real run's. Its slots are estimates: it
  // reserves nothing and counts a start as taken once, though several staff may share it.
  auto real = steering_->CloseCentre({.location_id = "kz-0", .first = kToday, .last = last}, false,
                                     kControlRoom);
  ASSERT_TRUE(real) << real.error().message;
  EXPECT_EQ(real->rebooked, preview->rebooked);
  EXPECT_EQ(real->listed, preview->listed);
  for (std::size_t i = 0; i < real->relocations.size(); ++i) {
    const auto& p = preview->relocations[i];
    const auto& r = real->relocations[i];
    EXPECT_EQ(p.before.code, r.before.code);
    ASSERT_EQ(p.after.has_value(), r.after.has_value());
    if (p.after) {
      EXPECT_NE(p.after->location_id, "kz-0");
      EXPECT_EQ(p.after->day, r.after->day);
    }
  }
}

TEST_F(ClosureTest, AClosureIsCheckedAndCanBeLifted) {
  BookAtClosingCentre(3);
  EXPECT_EQ(steering_
                ->CloseCentre({.location_id = "kz-9", .first = kToday, .last = kToday}, false,
                              kControlRoom)
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(steering_
                ->CloseCentre({.location_id = "kz-0", .first = kToday - 1, .last = kToday}, false,
                              kControlRoom)
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(steering_
                ->CloseCentre({.location_id = "kz-0", .first = kToday + 2, .last = kToday}, false,
                              kControlRoom)
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(steering_
                ->CloseCentre({.location_id = "kz-0", .first = kToday, .last = kToday}, false,
                              {.name = "Kaya", .reason = ""})
                .error()
                .code,
            ErrorCode::kInvalidArgument);

  const CivilDay monday(2026, 12, 14);
  auto closed = steering_->CloseCentre({.location_id = "kz-1", .first = monday, .last = monday},
                                       false, kControlRoom);
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->relocations.size(), 0u);
  EXPECT_EQ(closed->closure.reason, kControlRoom.reason);
  auto again = steering_->CloseCentre({.location_id = "kz-1", .first = monday - 1, .last = monday},
                                      false, kControlRoom);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);

  auto starts = [&] {
    auto days = engine_->Days(
        {.service_ids = {"personalausweis"}, .from = monday, .to = monday, .locations = {"kz-1"}});
    EXPECT_TRUE(days);
    return days && !days->empty() ? days->front().starts : 0;
  };
  EXPECT_EQ(starts(), 0);
  auto reopened = steering_->ReopenCentre(closed->closure.id, kControlRoom);
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_EQ(starts(), 91) << "every 5 minutes from 08:00 to 15:30";
  EXPECT_EQ(steering_->ReopenCentre(closed->closure.id, kControlRoom).error().code,
            ErrorCode::kNotFound);
}

// A container next to kz-0 while it moves: farther than kz-1..3, yet the closure fills it first.
Location Interim(std::string id, std::string interim_for) {
  Location l{.id = std::move(id),
             .name = "Interimsstandort",
             .district_id = "mitte",
             .address = {"Platz 1", "20095", "Hamburg"},
             .geo = {53.70, 10.20},
             .valid_from = kToday,
             .valid_to = kToday + 60,
             .counters = 2,
             .interim_for = std::move(interim_for)};
  for (int d = 0; d < 5; ++d) l.hours.weekly[d] = {{7 * 60, 19 * 60}};
  return l;
}

TEST_F(ClosureTest, AnInterimLocationTakesTheClosingCentresAppointmentsFirst) {
  BookAtClosingCentre(20);
  const CivilDay last = booked_.back().day;

  EXPECT_EQ(steering_->OpenInterim(Interim("kz-0-interim", "kz-9"), kControlRoom).error().code,
            ErrorCode::kNotFound);
  Location undated = Interim("kz-0-interim", "kz-0");
  undated.valid_to.reset();
  EXPECT_EQ(steering_->OpenInterim(undated, kControlRoom).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(steering_->OpenInterim(Interim("KZ 0", "kz-0"), kControlRoom).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(steering_->OpenInterim(Interim("kz-0-interim", "kz-0"), {.name = "Kaya"}).error().code,
            ErrorCode::kInvalidArgument);

  auto opened = steering_->OpenInterim(Interim("kz-0-interim", "kz-0"), kControlRoom);
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->location.status, LocationStatus::kInterim);
  EXPECT_GT(opened->action_id, 0);
  EXPECT_EQ(steering_->OpenInterim(Interim("kz-0-interim", "kz-0"), kControlRoom).error().code,
            ErrorCode::kConflict);
  ASSERT_NE(engine_->FindLocation("kz-0-interim"), nullptr);
  auto stored = store_->ReadCatalog();
  ASSERT_TRUE(stored);
  ASSERT_NE(stored->FindLocation("kz-0-interim"), nullptr);
  EXPECT_EQ(stored->FindLocation("kz-0-interim")->interim_for, "kz-0");

  // Two colleagues of kz-3 staff it.
  for (const char* staff : {"st-3-0", "st-3-1"}) {
    auto moved = steering_->MoveStaff(
        {.staff_id = staff, .to_location_id = "kz-0-interim", .first = kToday + 1, .last = last},
        kControlRoom);
    ASSERT_TRUE(moved) << moved.error().message;
  }

  auto out = steering_->CloseCentre({.location_id = "kz-0", .first = kToday, .last = last}, false,
                                    kControlRoom);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(out->listed, 1) << "the driving licence: nobody else can serve it";
  EXPECT_EQ(out->rebooked, 19);
  for (const Relocation& r : out->relocations) {
    if (!r.after) continue;
    EXPECT_EQ(r.after->location_id, "kz-0-interim") << r.before.code;
    EXPECT_EQ(r.after->day, r.before.day) << r.before.code;
  }
  const auto after = Stored();
  for (const Appointment& was : booked_) {
    if (was.service_ids == std::vector<std::string>{"fuehrerschein"}) continue;
    EXPECT_EQ(after.at(was.code).location_id, "kz-0-interim") << was.code;
  }
  auto actions = store_->ReadActions(absl::InfinitePast(), absl::InfiniteFuture());
  ASSERT_TRUE(actions);
  EXPECT_EQ(
      std::ranges::count(*actions, std::string("location.interim_opened"), &SteeringAction::kind),
      1);
}

// Another node opened an interim location and staffed it (written to the shared store): this
// node's engine takes the centre from the store, keeps its own centres' order, and books there.
TEST_F(ClosureTest, AnInterimLocationAnotherNodeOpenedIsTakenFromTheStore) {
  const Location interim = Interim("kz-0-interim", "kz-0");
  CivilDay day = kToday + 1;
  while (Weekend(day)) ++day;
  ASSERT_TRUE(store_->Write([&](store::WriteTx& tx) -> Result<void> {
    if (auto ok = tx.PutLocation(interim); !ok) return ok;
    const Staff hired{.id = "st-interim",
                      .display_name = "SI",
                      .home_district_id = "mitte",
                      .home_location_id = interim.id,
                      .skills = {"ausweis"}};
    if (auto ok = tx.PutStaff(hired); !ok) return ok;
    auto id = tx.PutShift(
        {.staff_id = hired.id, .location_id = interim.id, .day = day, .time = {8 * 60, 16 * 60}});
    if (!id) return std::unexpected(id.error());
    return {};
  }));
  EXPECT_EQ(engine_->FindLocation(interim.id), nullptr);
  const std::vector<Location> before = engine_->catalog().locations;

  auto reloaded = engine_->ReloadCatalog();
  ASSERT_TRUE(reloaded) << reloaded.error().message;
  ASSERT_NE(engine_->FindLocation(interim.id), nullptr);
  EXPECT_EQ(engine_->FindLocation(interim.id)->interim_for, "kz-0");
  const std::vector<Location>& after = engine_->catalog().locations;
  ASSERT_EQ(after.size(), before.size() + 1);
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(after[i].id, before[i].id);
  EXPECT_EQ(after.back().id, interim.id);
  EXPECT_TRUE(engine_->ReloadCatalog()) << "nothing new: nothing to do";

  auto page = engine_->Search({.service_ids = {"personalausweis"},
                               .from = day,
                               .to = day,
                               .locations = {interim.id},
                               .limit = 1});
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->slots.size(), 1u);
  auto hold = engine_->Hold({.service_ids = {"personalausweis"},
                             .location_id = interim.id,
                             .start = page->slots[0].start});
  ASSERT_TRUE(hold) << hold.error().error.message;
  EXPECT_EQ(hold->appointment.location_id, interim.id);
}

}  // namespace
}  // namespace amtszeit::steering
