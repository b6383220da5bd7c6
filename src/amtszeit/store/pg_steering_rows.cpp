// Steering records (audit actions, measures, morning snapshots) and single roster rows as
// PostgreSQL rows; plus the event ranges the statistics read.
#include <fmt/format.h>

#include "amtszeit/store/pg_row_helpers.h"
#include "amtszeit/store/pg_rows.h"

namespace amtszeit::store::pg {

std::string EventRange::Where() const {
  if (appointment_id > 0) return "appointment_id = ? ORDER BY id";
  if (limit > 0) return "id > ? ORDER BY id LIMIT ?";
  return "at_us >= ? AND at_us < ? ORDER BY at_us, id";
}

void EventRange::BindTo(PgStatement& st) const {
  if (appointment_id > 0) {
    st.Bind(1, appointment_id);
  } else if (limit > 0) {
    st.Bind(1, after_id).Bind(2, limit);
  } else {
    st.Bind(1, Micros(from)).Bind(2, Micros(to));
  }
}

Result<std::int64_t> AppendAction(PgDb& db, const SteeringAction& a) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO steering_actions(at_us, actor, kind, location_id, staff_id, "
                   "reason, before, after) VALUES (?,?,?,?,?,?,?,?) RETURNING id, false");
  st->Bind(1, Micros(a.at)).Bind(2, a.actor).Bind(3, a.kind).Bind(4, a.location_id);
  st->Bind(5, a.staff_id).Bind(6, a.reason).Bind(7, a.before).Bind(8, a.after);
  return UpsertedId(db, *st, "steering_actions", 0);
}

Result<std::vector<SteeringAction>> LoadActions(PgDb& db, absl::Time from, absl::Time to) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT id, at_us, actor, kind, location_id, staff_id, reason, before, after "
                   "FROM steering_actions WHERE at_us >= ? AND at_us < ? ORDER BY id");
  st->Bind(1, Micros(from)).Bind(2, Micros(to));
  std::vector<SteeringAction> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&] {
    out.push_back({.id = st->Int(0),
                   .at = FromMicros(st->Int(1)),
                   .actor = st->Text(2),
                   .kind = st->Text(3),
                   .location_id = st->Text(4),
                   .staff_id = st->Text(5),
                   .reason = st->Text(6),
                   .before = st->Text(7),
                   .after = st->Text(8)});
  }));
  return out;
}

Result<std::int64_t> PutMeasure(PgDb& db, const Measure& m) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("INSERT INTO measures(id, district_id, day, title, text, status, "
                               "actor, updated_us) VALUES ({},?,?,?,?,?,?,?) ON CONFLICT(id) DO "
                               "UPDATE SET district_id = excluded.district_id, day = excluded.day, "
                               "title = excluded.title, text = excluded.text, "
                               "status = excluded.status, actor = excluded.actor, "
                               "updated_us = excluded.updated_us RETURNING id, (xmax = 0)",
                               IdOrNext("measures")));
  if (m.id != 0) {
    st->Bind(1, m.id);
  } else {
    st->BindNull(1);
  }
  st->Bind(2, m.district_id).Bind(3, FormatDay(m.day)).Bind(4, m.title).Bind(5, m.text);
  st->Bind(6, ToString(m.status)).Bind(7, m.actor).Bind(8, Micros(m.updated_at));
  return UpsertedId(db, *st, "measures", m.id);
}

Result<std::vector<Measure>> LoadMeasures(PgDb& db) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT id, district_id, day, title, text, status, actor, updated_us "
                   "FROM measures ORDER BY day, id");
  std::vector<Measure> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto day = DayColumn(*st, 2);
    auto status = EnumColumn<MeasureStatus>(*st, 5, ParseMeasureStatus);
    if (!day || !status) return Fail(ErrorCode::kDataLoss, "bad measure row");
    out.push_back({.id = st->Int(0),
                   .district_id = st->Text(1),
                   .day = *day,
                   .title = st->Text(3),
                   .text = st->Text(4),
                   .status = *status,
                   .actor = st->Text(6),
                   .updated_at = FromMicros(st->Int(7))});
    return {};
  }));
  return out;
}

// Two nodes may take the same morning's snapshot at once: the later one replaces, as on SQLite.
Result<void> PutSlotSnapshots(PgDb& db, absl::CivilDay day, const std::vector<SlotSnapshot>& rows) {
  AMTSZEIT_PREPARE(del, db, "DELETE FROM slot_snapshots WHERE taken_on = ?");
  AMTSZEIT_RUN(del->Bind(1, FormatDay(day)).Run());
  for (const SlotSnapshot& r : rows) {
    AMTSZEIT_PREPARE(st, db,
                     "INSERT INTO slot_snapshots(taken_on, location_id, service_id, days_ahead) "
                     "VALUES (?,?,?,?) ON CONFLICT (taken_on, location_id, service_id) "
                     "DO UPDATE SET days_ahead = excluded.days_ahead");
    st->Bind(1, FormatDay(day)).Bind(2, r.location_id).Bind(3, r.service_id);
    st->BindOptional(4, r.days_to_first_free ? std::optional<std::int64_t>(*r.days_to_first_free)
                                             : std::nullopt);
    AMTSZEIT_RUN(st->Run());
  }
  return {};
}

Result<std::vector<SlotSnapshot>> LoadSlotSnapshots(PgDb& db, absl::CivilDay from,
                                                    absl::CivilDay to) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT taken_on, location_id, service_id, days_ahead FROM slot_snapshots "
                   "WHERE taken_on BETWEEN ? AND ? ORDER BY taken_on, location_id, service_id");
  st->Bind(1, FormatDay(from)).Bind(2, FormatDay(to));
  std::vector<SlotSnapshot> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto day = DayColumn(*st, 0);
    if (!day) return std::unexpected(day.error());
    SlotSnapshot s{.taken_on = *day, .location_id = st->Text(1), .service_id = st->Text(2)};
    if (!st->IsNull(3)) s.days_to_first_free = static_cast<int>(st->Int(3));
    out.push_back(std::move(s));
    return {};
  }));
  return out;
}

Result<void> PutWindowSnapshots(PgDb& db, absl::CivilDay day,
                                const std::vector<WindowSnapshot>& rows) {
  AMTSZEIT_PREPARE(del, db, "DELETE FROM window_snapshots WHERE taken_on = ?");
  AMTSZEIT_RUN(del->Bind(1, FormatDay(day)).Run());
  for (const WindowSnapshot& r : rows) {
    AMTSZEIT_PREPARE(st, db,
                     "INSERT INTO window_snapshots(taken_on, location_id, weekdays, early, late, "
                     "lunch) VALUES (?,?,?,?,?,?) ON CONFLICT (taken_on, location_id) DO UPDATE "
                     "SET weekdays = excluded.weekdays, early = excluded.early, "
                     "late = excluded.late, lunch = excluded.lunch");
    st->Bind(1, FormatDay(day)).Bind(2, r.location_id).Bind(3, r.weekdays).Bind(4, r.early);
    st->Bind(5, r.late).Bind(6, r.lunch);
    AMTSZEIT_RUN(st->Run());
  }
  return {};
}

Result<std::vector<WindowSnapshot>> LoadWindowSnapshots(PgDb& db, absl::CivilDay from,
                                                        absl::CivilDay to) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT taken_on, location_id, weekdays, early, late, lunch "
                   "FROM window_snapshots WHERE taken_on BETWEEN ? AND ? "
                   "ORDER BY taken_on, location_id");
  st->Bind(1, FormatDay(from)).Bind(2, FormatDay(to));
  std::vector<WindowSnapshot> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto day = DayColumn(*st, 0);
    if (!day) return std::unexpected(day.error());
    out.push_back({.taken_on = *day,
                   .location_id = st->Text(1),
                   .weekdays = static_cast<int>(st->Int(2)),
                   .early = static_cast<int>(st->Int(3)),
                   .late = static_cast<int>(st->Int(4)),
                   .lunch = static_cast<int>(st->Int(5))});
    return {};
  }));
  return out;
}

Result<std::optional<Shift>> LoadShift(PgDb& db, std::int64_t id) {
  AMTSZEIT_PREPARE(st, db, fmt::format("SELECT {} FROM shifts WHERE id = ?", kShiftColumns));
  st->Bind(1, id);
  std::optional<Shift> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto shift = ShiftRow(*st);
    if (!shift) return std::unexpected(shift.error());
    out = std::move(*shift);
    return {};
  }));
  return out;
}

Result<std::optional<Absence>> LoadAbsence(PgDb& db, std::int64_t id) {
  AMTSZEIT_PREPARE(st, db, fmt::format("SELECT {} FROM absences WHERE id = ?", kAbsenceColumns));
  st->Bind(1, id);
  std::optional<Absence> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto absence = AbsenceRow(*st);
    if (!absence) return std::unexpected(absence.error());
    out = std::move(*absence);
    return {};
  }));
  return out;
}

}  // namespace amtszeit::store::pg
