// Central steering "from one hand": the control room records sickness and other absences, moves
// staff between centres, opens extra capacity and removes shifts — each change audited (who, when,
// why, before/after) in the same transaction as the change itself. No appointment is dropped
// silently: after every change the appointments that lost their staff member are handed to a
// qualified colleague at the same time, or listed for rebooking.
//
//   SteeringService steering(store, engine, clock, zone);
//   auto out = steering.RecordAbsence({.staff_id = "st-0001", .first = today, .last = today,
//                                      .kind = AbsenceKind::kSick},
//                                     {.name = "Leitstelle Kaya", .reason = "krankgemeldet"});
//   for (const Affected& a : out->affected) ...   // reassigned, or to rebook
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/booking/engine.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/domain/steering_records.h"
#include "amtszeit/store/store.h"

namespace amtszeit::steering {

// Who makes a change, and why. Until staff sign in (issue 9) the name is what they give.
struct Actor {
  std::string name;
  std::string reason;
};

// Send a staff member to another centre for days in [first, last]: their shifts there move.
struct Move {
  std::string staff_id;
  std::string to_location_id;
  absl::CivilDay first;
  absl::CivilDay last;
};

// An appointment a change touched: given to a colleague, or waiting to be rebooked.
struct Affected {
  Appointment appointment;
  bool reassigned = false;
  std::string previous_staff_id;
};

struct Outcome {
  std::int64_t action_id = 0;
  std::vector<std::int64_t> ids;  // the shifts or absence created or changed
  std::vector<Affected> affected;
};

class SteeringService {
 public:
  SteeringService(store::Store& store, booking::BookingEngine& engine, const Clock& clock,
                  absl::TimeZone zone);

  Result<Outcome> RecordAbsence(Absence absence, const Actor& actor);
  Result<Outcome> RemoveAbsence(std::int64_t id, const Actor& actor);
  // Extra capacity: a shift, possibly beyond the regular hours (shift.extra_opening).
  Result<Outcome> AddShift(Shift shift, const Actor& actor);
  Result<Outcome> RemoveShift(std::int64_t id, const Actor& actor);
  Result<Outcome> MoveStaff(const Move& move, const Actor& actor);

  // Upcoming appointments whose staff member cannot serve them and no colleague could take.
  Result<std::vector<Appointment>> ToRebook(absl::CivilDay from, absl::CivilDay to) const;
  // Tries every unstaffed appointment in [from, to] again (e.g. after capacity was opened).
  Result<std::vector<Affected>> Resolve(absl::CivilDay from, absl::CivilDay to, const Actor& actor);

  Result<Measure> SaveMeasure(Measure measure, const Actor& actor);

  absl::CivilDay Today() const;

 private:
  // Writes `change` and its audit record through the engine (ordered with bookings), then
  // resolves the appointments in [from, to] that lost their staff member. `from` and `to` are
  // read after the change ran, so it may set them (e.g. to the day of the shift it removed).
  using Change = std::function<Result<void>(store::WriteTx&, Outcome&, SteeringAction&)>;
  Result<Outcome> Apply(const Change& change, SteeringAction action, const absl::CivilDay& from,
                        const absl::CivilDay& to, const Actor& actor);
  Result<void> CheckActor(const Actor& actor) const;
  Result<void> CheckShift(const Shift& shift) const;

  store::Store& store_;
  booking::BookingEngine& engine_;
  const Clock& clock_;
  absl::TimeZone zone_;
};

}  // namespace amtszeit::steering
