#include "amtszeit/steering/steering.h"

#include <boost/json.hpp>

#include "amtszeit/domain/json_codec.h"

namespace amtszeit::steering {

namespace {

namespace json = boost::json;

constexpr int kMaxAbsenceDays = 366;
constexpr int kMinShiftMinutes = 15;

std::string Json(const json::value& v) { return json::serialize(v); }

Result<Staff> FindStaff(store::Store& store, std::string_view id, absl::CivilDay day) {
  auto roster = store.ReadRoster(day, day);
  if (!roster) return std::unexpected(roster.error());
  const Staff* staff = roster->FindStaff(id);
  if (staff == nullptr) return Fail(ErrorCode::kNotFound, "no staff member '{}'", id);
  return *staff;
}

}  // namespace

SteeringService::SteeringService(store::Store& store, booking::BookingEngine& engine,
                                 const Clock& clock, absl::TimeZone zone)
    : store_(store), engine_(engine), clock_(clock), zone_(zone) {}

absl::CivilDay SteeringService::Today() const {
  return absl::CivilDay(ToCivilMinute(clock_.Now(), zone_));
}

Result<void> SteeringService::CheckActor(const Actor& actor) const {
  if (actor.name.empty() || actor.name.size() > 120) {
    return Fail(ErrorCode::kInvalidArgument, "actor: say who makes the change (1-120 characters)");
  }
  if (actor.reason.empty() || actor.reason.size() > 500) {
    return Fail(ErrorCode::kInvalidArgument, "reason: say why (1-500 characters)");
  }
  return {};
}

Result<void> SteeringService::CheckShift(const Shift& shift) const {
  const Location* location = engine_.FindLocation(shift.location_id);
  if (location == nullptr) {
    return Fail(ErrorCode::kNotFound, "no centre '{}'", shift.location_id);
  }
  if (!location->InServiceOn(shift.day)) {
    return Fail(ErrorCode::kPreconditionFailed, "{} does not serve citizens on {}", location->name,
                FormatDay(shift.day));
  }
  const absl::CivilDay today = Today();
  if (shift.day < today) return Fail(ErrorCode::kInvalidArgument, "day: lies in the past");
  if (shift.day > engine_.IndexDay() + (engine_.options().rules.max_days_ahead + 1)) {
    return Fail(ErrorCode::kInvalidArgument, "day: beyond the planning horizon");
  }
  const TimeRange& t = shift.time;
  if (t.begin < 0 || t.end > kMinutesPerDay || t.end - t.begin < kMinShiftMinutes ||
      t.begin % kTickMinutes != 0 || t.end % kTickMinutes != 0) {
    return Fail(ErrorCode::kInvalidArgument,
                "time: a shift runs at least {} minutes on the 5-minute grid within one day",
                kMinShiftMinutes);
  }
  if (shift.break_time && (shift.break_time->begin < t.begin || shift.break_time->end > t.end ||
                           shift.break_time->begin >= shift.break_time->end)) {
    return Fail(ErrorCode::kInvalidArgument, "break: must lie inside the shift");
  }
  auto staff = FindStaff(store_, shift.staff_id, shift.day);
  if (!staff) return std::unexpected(staff.error());
  if (staff->skills.empty()) {
    return Fail(ErrorCode::kPreconditionFailed, "{} has no skills to serve citizens with",
                staff->display_name);
  }
  auto roster = store_.ReadRoster(shift.day, shift.day);
  if (!roster) return std::unexpected(roster.error());
  for (const Absence& a : roster->absences) {
    if (a.staff_id == shift.staff_id && a.Covers(shift.day)) {
      return Fail(ErrorCode::kConflict, "{} is absent ({}) on {}", staff->display_name,
                  ToString(a.kind), FormatDay(shift.day));
    }
  }
  for (const Shift& other : roster->shifts) {
    if (other.staff_id != shift.staff_id || other.id == shift.id) continue;
    if (other.time.begin < t.end && t.begin < other.time.end) {
      return Fail(ErrorCode::kConflict, "{} already works {} at {} that day", staff->display_name,
                  FormatTimeRange(other.time), other.location_id);
    }
  }
  return {};
}

Result<Outcome> SteeringService::Apply(const Change& change, SteeringAction action,
                                       const absl::CivilDay& from_ref, const absl::CivilDay& to_ref,
                                       const Actor& actor) {
  Outcome out;
  action.at = clock_.Now();
  action.actor = actor.name;
  action.reason = actor.reason;
  auto written = engine_.ChangeRoster([&](store::WriteTx& tx) -> Result<void> {
    out = {};
    if (auto ok = change(tx, out, action); !ok) return ok;
    auto id = tx.AppendAction(action);
    if (!id) return std::unexpected(id.error());
    out.action_id = *id;
    return {};
  });
  if (!written) return std::unexpected(written.error());
  if (on_roster_changed_) on_roster_changed_();
  // Read only now: a change may learn its days inside the transaction (the shift it removed).
  const absl::CivilDay from = std::max(from_ref, Today());
  const absl::CivilDay to = to_ref;
  if (from <= to) {
    auto affected = Resolve(from, to, actor);
    if (!affected) return std::unexpected(affected.error());
    out.affected = std::move(*affected);
  }
  return out;
}

Result<std::vector<Affected>> SteeringService::Resolve(absl::CivilDay from, absl::CivilDay to,
                                                       const Actor& actor) {
  auto unstaffed = engine_.Unstaffed(from, to);
  if (!unstaffed) return std::unexpected(unstaffed.error());
  std::vector<Affected> out;
  for (Appointment& a : *unstaffed) {
    Affected affected{.previous_staff_id = a.staff_id};
    auto moved = engine_.Reassign(a.id);
    if (moved) {
      affected.appointment = std::move(*moved);
      affected.reassigned = true;
      // Audited like every change; the code identifies the booking without personal data.
      auto audited = store_.Write([&](store::WriteTx& tx) -> Result<void> {
        auto id = tx.AppendAction(
            {.at = clock_.Now(),
             .actor = actor.name,
             .kind = "appointment.reassigned",
             .location_id = affected.appointment.location_id,
             .staff_id = affected.appointment.staff_id,
             .reason = actor.reason,
             .before = Json({{"code", a.code}, {"staff_id", affected.previous_staff_id}}),
             .after = Json({{"code", a.code}, {"staff_id", affected.appointment.staff_id}})});
        if (!id) return std::unexpected(id.error());
        return {};
      });
      if (!audited) return std::unexpected(audited.error());
    } else if (moved.error().code == ErrorCode::kConflict) {
      affected.appointment = std::move(a);  // nobody free: listed for rebooking
    } else {
      return std::unexpected(moved.error());
    }
    out.push_back(std::move(affected));
  }
  return out;
}

Result<std::vector<Appointment>> SteeringService::ToRebook(absl::CivilDay from,
                                                           absl::CivilDay to) const {
  return engine_.Unstaffed(std::max(from, Today()), to);
}

Result<Outcome> SteeringService::RecordAbsence(Absence absence, const Actor& actor) {
  if (auto ok = CheckActor(actor); !ok) return std::unexpected(ok.error());
  if (absence.last < absence.first) {
    return Fail(ErrorCode::kInvalidArgument, "last: must not be before first");
  }
  if (absence.last - absence.first >= kMaxAbsenceDays) {
    return Fail(ErrorCode::kInvalidArgument, "an absence spans at most {} days", kMaxAbsenceDays);
  }
  if (absence.note.size() > 500) return Fail(ErrorCode::kInvalidArgument, "note: too long");
  auto staff = FindStaff(store_, absence.staff_id, absence.first);
  if (!staff) return std::unexpected(staff.error());
  absence.id = 0;
  return Apply(
      [&](store::WriteTx& tx, Outcome& out, SteeringAction& action) -> Result<void> {
        auto id = tx.PutAbsence(absence);
        if (!id) return std::unexpected(id.error());
        absence.id = *id;
        out.ids = {*id};
        action.after = Json(ToJson(absence));
        return {};
      },
      {.kind = "absence.recorded", .staff_id = absence.staff_id}, absence.first, absence.last,
      actor);
}

Result<Outcome> SteeringService::RemoveAbsence(std::int64_t id, const Actor& actor) {
  if (auto ok = CheckActor(actor); !ok) return std::unexpected(ok.error());
  Absence removed;
  return Apply(
      [&](store::WriteTx& tx, Outcome& out, SteeringAction& action) -> Result<void> {
        auto found = tx.FindAbsence(id);
        if (!found) return std::unexpected(found.error());
        if (!*found) return Fail(ErrorCode::kNotFound, "no absence {}", id);
        removed = **found;
        action.staff_id = removed.staff_id;
        action.before = Json(ToJson(removed));
        out.ids = {id};
        return tx.DeleteAbsence(id);
      },
      {.kind = "absence.removed"}, Today(), Today(), actor);
}

Result<Outcome> SteeringService::AddShift(Shift shift, const Actor& actor) {
  if (auto ok = CheckActor(actor); !ok) return std::unexpected(ok.error());
  shift.id = 0;
  if (auto ok = CheckShift(shift); !ok) return std::unexpected(ok.error());
  return Apply(
      [&](store::WriteTx& tx, Outcome& out, SteeringAction& action) -> Result<void> {
        auto id = tx.PutShift(shift);
        if (!id) return std::unexpected(id.error());
        shift.id = *id;
        out.ids = {*id};
        action.after = Json(ToJson(shift));
        return {};
      },
      {.kind = shift.extra_opening ? "capacity.extra_opening" : "shift.added",
       .location_id = shift.location_id,
       .staff_id = shift.staff_id},
      shift.day, shift.day, actor);
}

Result<Outcome> SteeringService::RemoveShift(std::int64_t id, const Actor& actor) {
  if (auto ok = CheckActor(actor); !ok) return std::unexpected(ok.error());
  absl::CivilDay day = Today();  // set to the shift's day inside the change
  return Apply(
      [&](store::WriteTx& tx, Outcome& out, SteeringAction& action) -> Result<void> {
        auto found = tx.FindShift(id);
        if (!found) return std::unexpected(found.error());
        if (!*found) return Fail(ErrorCode::kNotFound, "no shift {}", id);
        if ((*found)->day < Today()) {
          return Fail(ErrorCode::kPreconditionFailed, "a past shift stays as it was worked");
        }
        day = (*found)->day;
        action.location_id = (*found)->location_id;
        action.staff_id = (*found)->staff_id;
        action.before = Json(ToJson(**found));
        out.ids = {id};
        return tx.DeleteShift(id);
      },
      {.kind = "shift.removed"}, day, day, actor);
}

Result<Outcome> SteeringService::MoveStaff(const Move& move, const Actor& actor) {
  if (auto ok = CheckActor(actor); !ok) return std::unexpected(ok.error());
  if (move.last < move.first) {
    return Fail(ErrorCode::kInvalidArgument, "last: must not be before first");
  }
  if (move.first < Today()) return Fail(ErrorCode::kInvalidArgument, "first: lies in the past");
  const Location* target = engine_.FindLocation(move.to_location_id);
  if (target == nullptr) return Fail(ErrorCode::kNotFound, "no centre '{}'", move.to_location_id);
  auto staff = FindStaff(store_, move.staff_id, move.first);
  if (!staff) return std::unexpected(staff.error());
  auto roster = store_.ReadRoster(move.first, move.last);
  if (!roster) return std::unexpected(roster.error());
  std::vector<Shift> shifts;
  for (const Shift& s : roster->shifts) {
    if (s.staff_id != move.staff_id || s.location_id == move.to_location_id) continue;
    if (!target->InServiceOn(s.day)) {
      return Fail(ErrorCode::kPreconditionFailed, "{} does not serve citizens on {}", target->name,
                  FormatDay(s.day));
    }
    shifts.push_back(s);
  }
  if (shifts.empty()) {
    return Fail(ErrorCode::kPreconditionFailed,
                "{} has no shifts elsewhere between {} and {} to move", staff->display_name,
                FormatDay(move.first), FormatDay(move.last));
  }
  return Apply(
      [&](store::WriteTx& tx, Outcome& out, SteeringAction& action) -> Result<void> {
        json::array before;
        json::array after;
        for (Shift s : shifts) {
          auto current = tx.FindShift(s.id);
          if (!current) return std::unexpected(current.error());
          if (!*current || **current != s) {
            return Fail(ErrorCode::kConflict, "the roster changed meanwhile; try again");
          }
          before.push_back(ToJson(s));
          s.location_id = move.to_location_id;
          if (auto id = tx.PutShift(s); !id) return std::unexpected(id.error());
          after.push_back(ToJson(s));
          out.ids.push_back(s.id);
        }
        action.before = Json(before);
        action.after = Json(after);
        return {};
      },
      {.kind = "staff.moved", .location_id = move.to_location_id, .staff_id = move.staff_id},
      move.first, move.last, actor);
}

Result<Measure> SteeringService::SaveMeasure(Measure measure, const Actor& actor) {
  if (actor.name.empty() || actor.name.size() > 120) {
    return Fail(ErrorCode::kInvalidArgument, "actor: say who records the measure");
  }
  if (measure.title.empty() || measure.title.size() > 200) {
    return Fail(ErrorCode::kInvalidArgument, "title: 1-200 characters");
  }
  if (measure.text.size() > 4000) return Fail(ErrorCode::kInvalidArgument, "text: too long");
  if (!measure.district_id.empty() &&
      engine_.catalog().FindDistrict(measure.district_id) == nullptr) {
    return Fail(ErrorCode::kNotFound, "no district '{}'", measure.district_id);
  }
  if (measure.id != 0) {
    auto all = store_.ReadMeasures();
    if (!all) return std::unexpected(all.error());
    if (std::ranges::find(*all, measure.id, &Measure::id) == all->end()) {
      return Fail(ErrorCode::kNotFound, "no measure {}", measure.id);
    }
  }
  measure.actor = actor.name;
  measure.updated_at = clock_.Now();
  auto ok = store_.Write([&](store::WriteTx& tx) -> Result<void> {
    const bool is_new = measure.id == 0;
    auto id = tx.PutMeasure(measure);
    if (!id) return std::unexpected(id.error());
    measure.id = *id;
    json::object after{{"id", measure.id},
                       {"district_id", measure.district_id},
                       {"day", FormatDay(measure.day)},
                       {"title", measure.title},
                       {"status", ToString(measure.status)}};
    auto action = tx.AppendAction({.at = measure.updated_at,
                                   .actor = actor.name,
                                   .kind = is_new ? "measure.added" : "measure.updated",
                                   .reason = actor.reason,
                                   .after = Json(after)});
    if (!action) return std::unexpected(action.error());
    return {};
  });
  if (!ok) return std::unexpected(ok.error());
  return measure;
}

}  // namespace amtszeit::steering
