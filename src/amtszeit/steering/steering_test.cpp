#include "amtszeit/steering/steering.h"

#include <gtest/gtest.h>

#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::steering {
namespace {

using absl::CivilDay;
using testing::Berlin;
using testing::TempDir;

constexpr CivilDay kThursday(2026, 12, 3);
constexpr CivilDay kSaturday(2026, 12, 5);

// Two centres open weekdays 07-19. st-0 and st-1 (passports and registrations) work at kz-a,
// st-2 (passports only) at kz-b, every weekday 08:00-12:00.
void Seed(store::Store& store) {
  auto ok = store.Write([](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.PutDistrict({"mitte", "Hamburg-Mitte"}); !r) return r;
    for (std::string id : {"kz-a", "kz-b"}) {
      Location l{.id = id,
                 .name = "Kundenzentrum " + id,
                 .district_id = "mitte",
                 .address = {"Straße 1", "20095", "Hamburg"},
                 .geo = {53.55, 10.0},
                 .counters = 4};
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
                             .skill = "melde"}}) {
      if (auto r = tx.PutService(s); !r) return r;
    }
    for (int i = 0; i < 3; ++i) {
      Staff st{.id = "st-" + std::to_string(i),
               .display_name = "S" + std::to_string(i),
               .home_district_id = "mitte",
               .home_location_id = i < 2 ? "kz-a" : "kz-b",
               .skills = i < 2 ? std::vector<std::string>{"ausweis", "melde"}
                               : std::vector<std::string>{"ausweis"}};
      if (auto r = tx.PutStaff(st); !r) return r;
      for (int d = 0; d < 30; ++d) {
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

const Actor kControl{.name = "Leitstelle Kaya", .reason = "Krankmeldung 07:40"};

class SteeringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("t.db"));
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    Seed(*store_);
    auto e = booking::BookingEngine::Open(*store_, clock_, {.policy = {}, .zone = Berlin()});
    ASSERT_TRUE(e) << e.error().message;
    engine_ = std::move(*e);
    steering_ = std::make_unique<SteeringService>(*store_, *engine_, clock_, Berlin());
  }

  absl::Time At(CivilDay day, int hour, int minute = 0) {
    return absl::FromCivil(absl::CivilMinute(day.year(), day.month(), day.day(), hour, minute),
                           Berlin());
  }

  Appointment Book(const std::string& location, absl::Time start, const std::string& email) {
    auto hold = engine_->Hold(
        {.service_ids = {"personalausweis"}, .location_id = location, .start = start});
    EXPECT_TRUE(hold) << hold.error().error.message;
    if (!hold) return {};
    auto booked = engine_->Confirm({.code = hold->appointment.code,
                                    .token = hold->token,
                                    .contact = {.name = "Erika Mustermann", .email = email}});
    EXPECT_TRUE(booked) << booked.error().message;
    return booked ? booked->appointment : Appointment{};
  }

  int Starts(const std::string& location, CivilDay day) {
    auto days = engine_->Days(
        {.service_ids = {"personalausweis"}, .from = day, .to = day, .locations = {location}});
    EXPECT_TRUE(days) << days.error().message;
    return days && !days->empty() ? days->front().starts : 0;
  }

  std::vector<SteeringAction> Audit() {
    auto actions = store_->ReadActions(absl::InfinitePast(), absl::InfiniteFuture());
    EXPECT_TRUE(actions);
    return actions ? *actions : std::vector<SteeringAction>{};
  }

  TempDir dir_;
  ManualClock clock_{absl::FromCivil(absl::CivilSecond(2026, 12, 2, 10, 0, 0), Berlin())};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<booking::BookingEngine> engine_;
  std::unique_ptr<SteeringService> steering_;
};

TEST_F(SteeringTest, SicknessNeverLosesAnAppointment) {
  // Both kz-a staff are booked at 08:00; one of them also at 09:00.
  const Appointment first = Book("kz-a", At(kThursday, 8), "a@example.org");
  const Appointment second = Book("kz-a", At(kThursday, 8), "b@example.org");
  const Appointment late = Book("kz-a", At(kThursday, 9), "c@example.org");
  const std::string sick = late.staff_id;
  const std::string colleague = sick == "st-0" ? "st-1" : "st-0";

  auto out = steering_->RecordAbsence(
      {.staff_id = sick, .first = kThursday, .last = kThursday, .kind = AbsenceKind::kSick},
      kControl);
  ASSERT_TRUE(out) << out.error().message;
  ASSERT_EQ(out->affected.size(), 2u);

  // The 09:00 appointment went to the colleague; the 08:00 one could not (colleague busy).
  const Appointment& at_eight = first.staff_id == sick ? first : second;
  int reassigned = 0;
  for (const Affected& a : out->affected) {
    EXPECT_EQ(a.previous_staff_id, sick);
    if (a.reassigned) {
      ++reassigned;
      EXPECT_EQ(a.appointment.code, late.code);
      EXPECT_EQ(a.appointment.staff_id, colleague);
      EXPECT_EQ(a.appointment.start, late.start);
    } else {
      EXPECT_EQ(a.appointment.code, at_eight.code);
    }
  }
  EXPECT_EQ(reassigned, 1);

  // Nothing was cancelled: every appointment is still confirmed in the store.
  for (const Appointment& a : {first, second, late}) {
    auto stored = store_->FindAppointmentByCode(a.code);
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->status, AppointmentStatus::kConfirmed);
  }
  auto to_rebook = steering_->ToRebook(kThursday, kThursday);
  ASSERT_TRUE(to_rebook);
  ASSERT_EQ(to_rebook->size(), 1u);
  EXPECT_EQ(to_rebook->front().code, at_eight.code);
  // The sick person's time is no longer offered: only the colleague's free time remains, 08:30
  // (one 30-minute start before their 09:00) and 09:30-12:00 (25 starts).
  EXPECT_EQ(Starts("kz-a", kThursday), 1 + 25);

  // Extra capacity at 08:00 from the passport officer of kz-b takes the listed appointment.
  auto extra = steering_->AddShift(
      {.staff_id = "st-2", .location_id = "kz-a", .day = kThursday, .time = {7 * 60, 8 * 60 + 30}},
      {.name = "Leitstelle Kaya", .reason = "Ausfall ausgleichen"});
  ASSERT_TRUE(extra.has_value() == false);  // st-2 already works 08:00-12:00 at kz-b
  EXPECT_EQ(extra.error().code, ErrorCode::kConflict);
  auto moved = steering_->MoveStaff(
      {.staff_id = "st-2", .to_location_id = "kz-a", .first = kThursday, .last = kThursday},
      {.name = "Leitstelle Kaya", .reason = "Ausfall ausgleichen"});
  ASSERT_TRUE(moved) << moved.error().message;
  ASSERT_EQ(moved->affected.size(), 1u);
  EXPECT_TRUE(moved->affected[0].reassigned);
  EXPECT_EQ(moved->affected[0].appointment.staff_id, "st-2");
  EXPECT_TRUE(steering_->ToRebook(kThursday, kThursday)->empty());

  std::vector<std::string> kinds;
  for (const SteeringAction& a : Audit()) kinds.push_back(a.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"absence.recorded", "appointment.reassigned",
                                             "staff.moved", "appointment.reassigned"}));
}

TEST_F(SteeringTest, MovedStaffCapacityAppearsAtTheNewCentreAndLeavesTheOld) {
  const int per_person = 4 * 60 / 5 - 6 + 1;  // 30-minute starts in 08:00-12:00
  EXPECT_EQ(Starts("kz-a", kThursday), per_person);
  EXPECT_EQ(Starts("kz-b", kThursday), per_person);
  const CivilDay friday = kThursday + 1;
  auto moved = steering_->MoveStaff(
      {.staff_id = "st-2", .to_location_id = "kz-a", .first = kThursday, .last = kThursday},
      {.name = "Leitstelle", .reason = "Engpass Altona"});
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->ids.size(), 1u);
  EXPECT_EQ(Starts("kz-b", kThursday), 0);
  // Two people already cover every start at kz-a; a third adds depth, which a booking shows.
  for (int i = 0; i < 3; ++i) {
    Book("kz-a", At(kThursday, 8), "p" + std::to_string(i) + "@example.org");
  }
  auto hold = engine_->Hold(
      {.service_ids = {"personalausweis"}, .location_id = "kz-a", .start = At(kThursday, 8)});
  EXPECT_FALSE(hold);  // three staff at 08:00, three bookings
  // Friday is untouched.
  EXPECT_EQ(Starts("kz-b", friday), per_person);

  const auto audit = Audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].kind, "staff.moved");
  EXPECT_EQ(audit[0].actor, "Leitstelle");
  EXPECT_EQ(audit[0].reason, "Engpass Altona");
  EXPECT_NE(audit[0].before.find("kz-b"), std::string::npos);
  EXPECT_NE(audit[0].after.find("kz-a"), std::string::npos);
}

TEST_F(SteeringTest, ExtraSaturdayOpeningIsBookableAtOnce) {
  EXPECT_EQ(Starts("kz-b", kSaturday), 0);
  // A Saturday shift without an extra opening adds nothing: the centre is closed.
  auto plain = steering_->AddShift(
      {.staff_id = "st-2", .location_id = "kz-b", .day = kSaturday, .time = {9 * 60, 13 * 60}},
      {.name = "Leitstelle", .reason = "Samstag"});
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(Starts("kz-b", kSaturday), 0);
  auto removed = steering_->RemoveShift(plain->ids.at(0), {.name = "Leitstelle", .reason = "x"});
  ASSERT_TRUE(removed) << removed.error().message;

  auto extra = steering_->AddShift({.staff_id = "st-2",
                                    .location_id = "kz-b",
                                    .day = kSaturday,
                                    .time = {9 * 60, 13 * 60},
                                    .extra_opening = true},
                                   {.name = "Leitstelle", .reason = "Samstagsöffnung"});
  ASSERT_TRUE(extra) << extra.error().message;
  EXPECT_EQ(Starts("kz-b", kSaturday), 4 * 60 / 5 - 6 + 1);
  const Appointment a = Book("kz-b", At(kSaturday, 9), "sat@example.org");
  EXPECT_EQ(a.staff_id, "st-2");
  EXPECT_EQ(Audit().back().kind, "capacity.extra_opening");

  // Removing the shift lists the Saturday appointment for rebooking instead of dropping it.
  auto gone = steering_->RemoveShift(extra->ids.at(0), {.name = "Leitstelle", .reason = "Irrtum"});
  ASSERT_TRUE(gone) << gone.error().message;
  ASSERT_EQ(gone->affected.size(), 1u);
  EXPECT_FALSE(gone->affected[0].reassigned);
  EXPECT_EQ(gone->affected[0].appointment.code, a.code);
  EXPECT_EQ(steering_->ToRebook(kSaturday, kSaturday)->size(), 1u);
}

TEST_F(SteeringTest, RestartKeepsTheSteeredRoster) {
  ASSERT_TRUE(steering_->MoveStaff(
      {.staff_id = "st-2", .to_location_id = "kz-a", .first = kThursday, .last = kThursday},
      kControl));
  steering_.reset();
  engine_.reset();
  auto e = booking::BookingEngine::Open(*store_, clock_, {.policy = {}, .zone = Berlin()});
  ASSERT_TRUE(e);
  engine_ = std::move(*e);
  EXPECT_EQ(Starts("kz-b", kThursday), 0);
}

TEST_F(SteeringTest, RefusesBadChangesWithClearErrors) {
  const Absence sick{
      .staff_id = "st-0", .first = kThursday, .last = kThursday, .kind = AbsenceKind::kSick};
  EXPECT_EQ(steering_->RecordAbsence(sick, {.name = "", .reason = "x"}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(steering_->RecordAbsence(sick, {.name = "L", .reason = ""}).error().code,
            ErrorCode::kInvalidArgument);
  Absence unknown = sick;
  unknown.staff_id = "st-99";
  EXPECT_EQ(steering_->RecordAbsence(unknown, kControl).error().code, ErrorCode::kNotFound);
  Absence backwards = sick;
  backwards.last = kThursday - 1;
  EXPECT_EQ(steering_->RecordAbsence(backwards, kControl).error().code,
            ErrorCode::kInvalidArgument);

  Shift shift{
      .staff_id = "st-0", .location_id = "kz-a", .day = kThursday, .time = {12 * 60, 14 * 60}};
  Shift past = shift;
  past.day = CivilDay(2026, 12, 1);
  EXPECT_EQ(steering_->AddShift(past, kControl).error().code, ErrorCode::kInvalidArgument);
  Shift off_grid = shift;
  off_grid.time = {12 * 60 + 2, 14 * 60};
  EXPECT_EQ(steering_->AddShift(off_grid, kControl).error().code, ErrorCode::kInvalidArgument);
  Shift overlapping = shift;
  overlapping.time = {11 * 60, 13 * 60};
  EXPECT_EQ(steering_->AddShift(overlapping, kControl).error().code, ErrorCode::kConflict);
  Shift nowhere = shift;
  nowhere.location_id = "kz-zz";
  EXPECT_EQ(steering_->AddShift(nowhere, kControl).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(steering_->AddShift(shift, kControl));  // the afternoon is free

  EXPECT_EQ(steering_->RecordAbsence(sick, kControl).has_value(), true);
  Shift while_sick = shift;
  while_sick.time = {15 * 60, 16 * 60};
  EXPECT_EQ(steering_->AddShift(while_sick, kControl).error().code, ErrorCode::kConflict);

  EXPECT_EQ(
      steering_
          ->MoveStaff(
              {.staff_id = "st-0", .to_location_id = "kz-a", .first = kThursday, .last = kThursday},
              kControl)
          .error()
          .code,
      ErrorCode::kPreconditionFailed);  // already there
  EXPECT_EQ(steering_->RemoveShift(424242, kControl).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(steering_->RemoveAbsence(424242, kControl).error().code, ErrorCode::kNotFound);
  // Only the accepted changes were audited.
  EXPECT_EQ(Audit().size(), 2u);
}

TEST_F(SteeringTest, MeasuresAreKeptAndAudited) {
  auto m = steering_->SaveMeasure({.district_id = "mitte",
                                   .day = kThursday,
                                   .title = "Samstagsöffnung Billstedt",
                                   .text = "Ab Januar jeden Samstag 9-13 Uhr",
                                   .status = MeasureStatus::kPlanned},
                                  kControl);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_GT(m->id, 0);
  EXPECT_EQ(m->actor, kControl.name);
  EXPECT_EQ(
      steering_->SaveMeasure({.district_id = "nirgendwo", .title = "x"}, kControl).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(steering_->SaveMeasure({.title = ""}, kControl).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(steering_->SaveMeasure({.id = 4242, .title = "x"}, kControl).error().code,
            ErrorCode::kNotFound);  // updating a measure that does not exist
  EXPECT_EQ(store_->ReadMeasures()->size(), 1u);
  EXPECT_EQ(Audit().back().kind, "measure.added");
}

}  // namespace
}  // namespace amtszeit::steering
