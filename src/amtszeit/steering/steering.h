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
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/booking/engine.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/domain/steering_records.h"
#include "amtszeit/steering/move.h"
#include "amtszeit/store/store.h"

namespace amtszeit::steering {

// Who makes a change, and why. Until staff sign in (issue 9) the name is what they give.
struct Actor {
  std::string name;
  std::string reason;
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

// An appointment at a centre that closes: rebooked into the nearest equivalent slot elsewhere
// (same services, not after its legal deadline), or listed for the call centre.
struct Relocation {
  Appointment before;
  // Rebooked (or, in a preview, proposed): the new place and time. Empty: listed for rebooking.
  std::optional<booking::SlotView> after;
};

struct ClosureOutcome {
  CentreClosure closure;
  bool dry_run = false;
  std::int64_t action_id = 0;
  std::vector<Relocation> relocations;  // in the order they were handled
  int rebooked = 0;
  int listed = 0;
};

// An interim location the control room opened, and the audit action that records it.
struct InterimOutcome {
  Location location;
  std::int64_t action_id = 0;
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

  // Closes a centre for days in [first, last] (a move, damage, no staff): it offers nothing on
  // those days, and each appointment there is rebooked into the nearest equivalent slot or listed
  // for the call centre — never dropped. With `dry_run` nothing is written: the answer previews
  // where each appointment would go (slots are not reserved, so the real run may differ a little
  // when slots are scarce).
  Result<ClosureOutcome> CloseCentre(CentreClosure closure, bool dry_run, const Actor& actor);
  // Lifts a closure: the centre's roster offers its time again.
  Result<Outcome> ReopenCentre(std::int64_t closure_id, const Actor& actor);
  Result<std::vector<CentreClosure>> Closures(absl::CivilDay from, absl::CivilDay to) const;

  // Opens an interim location for days valid_from..valid_to (e.g. while `interim_for` moves):
  // a new centre, bookable as soon as staff work there (MoveStaff, AddShift). A closure of
  // `interim_for` rebooks into it before any other centre. Audited.
  Result<InterimOutcome> OpenInterim(Location location, const Actor& actor);

  absl::CivilDay Today() const;

  // Called after every durable roster change, e.g. so the walk-in queue rereads today's roster.
  void OnRosterChanged(std::function<void()> listener) { on_roster_changed_ = std::move(listener); }
  // Called, inside one transaction after a closure, for each confirmed appointment that could not
  // be rebooked, so its citizen is told (notify::Outbox::Listed). Rebooked ones are told by the
  // engine's change hook, like any move.
  using ListedHook =
      std::function<Result<void>(store::WriteTx&, const Appointment&, absl::Time now)>;
  void OnListed(ListedHook hook) { on_listed_ = std::move(hook); }

 private:
  // Writes `change` and its audit record through the engine (ordered with bookings), then
  // resolves the appointments in [from, to] that lost their staff member. `from` and `to` are
  // read after the change ran, so it may set them (e.g. to the day of the shift it removed).
  using Change = std::function<Result<void>(store::WriteTx&, Outcome&, SteeringAction&)>;
  Result<Outcome> Apply(const Change& change, SteeringAction action, const absl::CivilDay& from,
                        const absl::CivilDay& to, const Actor& actor);
  Result<void> CheckActor(const Actor& actor) const;
  Result<void> CheckShift(const Shift& shift) const;
  Result<void> CheckClosure(const CentreClosure& closure) const;
  // The nearest bookable slot for the same services away from `closed`; slots in `taken` (a
  // preview's earlier proposals) are skipped.
  Result<std::optional<booking::SlotView>> NearestSlot(
      const Appointment& a, const std::set<std::pair<std::string, absl::Time>>& taken) const;
  // Moves one appointment: hold the nearest slot, then reschedule into it (code and token stay).
  Result<std::optional<booking::SlotView>> Relocate(const Appointment& a, const Actor& actor);

  store::Store& store_;
  booking::BookingEngine& engine_;
  const Clock& clock_;
  absl::TimeZone zone_;
  std::function<void()> on_roster_changed_;
  ListedHook on_listed_;
};

}  // namespace amtszeit::steering
