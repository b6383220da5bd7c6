#include "amtszeit/store/sqlite_rows.h"

#include <map>

#include "absl/strings/str_join.h"
#include "amtszeit/store/confirm_hold_sql.h"
#include "amtszeit/store/sqlite_row_helpers.h"

namespace amtszeit::store::rows {

Result<void> PutDistrict(SqliteDb& db, const District& d) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO districts(id, name) VALUES (?, ?) "
                   "ON CONFLICT(id) DO UPDATE SET name = excluded.name");
  return st->Bind(1, d.id).Bind(2, d.name).Run();
}

Result<void> PutLocation(SqliteDb& db, const Location& l) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO locations(id, name, district_id, street, postcode, city, lat, lon, "
                   "status, valid_from, valid_to, counters, closed_on_public_holidays, note, "
                   "interim_for) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                   "name = excluded.name, district_id = excluded.district_id, "
                   "street = excluded.street, postcode = excluded.postcode, city = excluded.city, "
                   "lat = excluded.lat, lon = excluded.lon, status = excluded.status, "
                   "valid_from = excluded.valid_from, valid_to = excluded.valid_to, "
                   "counters = excluded.counters, "
                   "closed_on_public_holidays = excluded.closed_on_public_holidays, "
                   "note = excluded.note, interim_for = excluded.interim_for");
  st->Bind(1, l.id).Bind(2, l.name).Bind(3, l.district_id).Bind(4, l.address.street);
  st->Bind(5, l.address.postcode).Bind(6, l.address.city).Bind(7, l.geo.lat).Bind(8, l.geo.lon);
  st->Bind(9, ToString(l.status)).BindOptional(10, DayOrNull(l.valid_from));
  st->BindOptional(11, DayOrNull(l.valid_to));
  st->Bind(12, l.counters).Bind(13, l.hours.closed_on_public_holidays ? 1 : 0).Bind(14, l.note);
  st->Bind(15, l.interim_for);
  AMTSZEIT_RUN(st->Run());
  // The opening hours belong to the location: replace them whole.
  for (std::string_view table : {"location_weekly_hours", "location_exception_ranges",
                                 "location_exceptions", "location_closures"}) {
    AMTSZEIT_PREPARE(del, db, fmt::format("DELETE FROM {} WHERE location_id = ?", table));
    AMTSZEIT_RUN(del->Bind(1, l.id).Run());
  }
  AMTSZEIT_PREPARE(weekly, db,
                   "INSERT INTO location_weekly_hours(location_id, weekday, begin_min, end_min) "
                   "VALUES (?,?,?,?)");
  for (int d = 0; d < 7; ++d) {
    for (const TimeRange& r : l.hours.weekly[d]) {
      AMTSZEIT_RUN(weekly->Bind(1, l.id).Bind(2, d).Bind(3, r.begin).Bind(4, r.end).Run());
    }
  }
  for (const OpeningException& e : l.hours.exceptions) {
    AMTSZEIT_PREPARE(ex, db,
                     "INSERT INTO location_exceptions(location_id, day, reason) VALUES (?,?,?)");
    AMTSZEIT_RUN(ex->Bind(1, l.id).Bind(2, FormatDay(e.day)).Bind(3, e.reason).Run());
    for (const TimeRange& r : e.ranges) {
      AMTSZEIT_PREPARE(range, db,
                       "INSERT INTO location_exception_ranges(location_id, day, begin_min, "
                       "end_min) VALUES (?,?,?,?)");
      AMTSZEIT_RUN(
          range->Bind(1, l.id).Bind(2, FormatDay(e.day)).Bind(3, r.begin).Bind(4, r.end).Run());
    }
  }
  for (const Closure& c : l.hours.closures) {
    AMTSZEIT_PREPARE(cl, db,
                     "INSERT INTO location_closures(location_id, first_day, last_day, reason) "
                     "VALUES (?,?,?,?)");
    AMTSZEIT_RUN(cl->Bind(1, l.id)
                     .Bind(2, FormatDay(c.first))
                     .Bind(3, FormatDay(c.last))
                     .Bind(4, c.reason)
                     .Run());
  }
  return {};
}

Result<void> PutService(SqliteDb& db, const Service& s) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT OR REPLACE INTO services(id, name_de, name_en, duration_minutes, "
                   "needs_presence, online_url, express, legal_deadline_days, priority, skill, "
                   "leika, category) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  st->Bind(1, s.id).Bind(2, s.name_de).Bind(3, s.name_en).Bind(4, s.duration_minutes);
  st->Bind(5, s.needs_presence ? 1 : 0).Bind(6, s.online_url).Bind(7, s.express ? 1 : 0);
  if (s.legal_deadline_days) {
    st->Bind(8, *s.legal_deadline_days);
  } else {
    st->BindNull(8);
  }
  st->Bind(9, ToString(s.priority)).Bind(10, s.skill).Bind(11, s.leika).Bind(12, s.category);
  return st->Run();
}

Result<void> PutStaff(SqliteDb& db, const Staff& s) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO staff(id, display_name, home_district_id, home_location_id, fte) "
                   "VALUES (?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                   "display_name = excluded.display_name, "
                   "home_district_id = excluded.home_district_id, "
                   "home_location_id = excluded.home_location_id, fte = excluded.fte");
  AMTSZEIT_RUN(st->Bind(1, s.id)
                   .Bind(2, s.display_name)
                   .Bind(3, s.home_district_id)
                   .Bind(4, s.home_location_id)
                   .Bind(5, s.fte)
                   .Run());
  AMTSZEIT_PREPARE(del, db, "DELETE FROM staff_skills WHERE staff_id = ?");
  AMTSZEIT_RUN(del->Bind(1, s.id).Run());
  for (const std::string& skill : s.skills) {
    AMTSZEIT_PREPARE(ins, db, "INSERT OR IGNORE INTO staff_skills(staff_id, skill) VALUES (?,?)");
    AMTSZEIT_RUN(ins->Bind(1, s.id).Bind(2, skill).Run());
  }
  return {};
}

Result<std::int64_t> PutShift(SqliteDb& db, const Shift& s) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT OR REPLACE INTO shifts(id, staff_id, location_id, day, begin_min, "
                   "end_min, mode, break_begin, break_end, extra_opening) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?)");
  if (s.id != 0) {
    st->Bind(1, s.id);
  } else {
    st->BindNull(1);
  }
  st->Bind(2, s.staff_id).Bind(3, s.location_id).Bind(4, FormatDay(s.day));
  st->Bind(5, s.time.begin).Bind(6, s.time.end).Bind(7, ToString(s.mode));
  if (s.break_time) {
    st->Bind(8, s.break_time->begin).Bind(9, s.break_time->end);
  } else {
    st->BindNull(8).BindNull(9);
  }
  st->Bind(10, s.extra_opening ? 1 : 0);
  AMTSZEIT_RUN(st->Run());
  return s.id != 0 ? s.id : db.LastInsertId();
}

Result<std::int64_t> PutAbsence(SqliteDb& db, const Absence& a) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT OR REPLACE INTO absences(id, staff_id, first_day, last_day, kind, note) "
                   "VALUES (?,?,?,?,?,?)");
  if (a.id != 0) {
    st->Bind(1, a.id);
  } else {
    st->BindNull(1);
  }
  AMTSZEIT_RUN(st->Bind(2, a.staff_id)
                   .Bind(3, FormatDay(a.first))
                   .Bind(4, FormatDay(a.last))
                   .Bind(5, ToString(a.kind))
                   .Bind(6, a.note)
                   .Run());
  return a.id != 0 ? a.id : db.LastInsertId();
}

Result<void> ReplaceSchoolHolidays(SqliteDb& db, const std::vector<SchoolHoliday>& periods) {
  AMTSZEIT_RUN(db.Exec("DELETE FROM school_holidays"));
  for (const SchoolHoliday& p : periods) {
    AMTSZEIT_PREPARE(st, db,
                     "INSERT INTO school_holidays(kind, name, first_day, last_day) "
                     "VALUES (?,?,?,?)");
    AMTSZEIT_RUN(st->Bind(1, ToString(p.kind))
                     .Bind(2, p.name)
                     .Bind(3, FormatDay(p.first))
                     .Bind(4, FormatDay(p.last))
                     .Run());
  }
  return {};
}

Result<void> PutSetting(SqliteDb& db, std::string_view key, std::string_view value) {
  AMTSZEIT_PREPARE(st, db, "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)");
  return st->Bind(1, key).Bind(2, value).Run();
}

Result<Catalog> LoadCatalog(SqliteDb& db) {
  Catalog c;
  {
    AMTSZEIT_PREPARE(st, db, "SELECT id, name FROM districts ORDER BY id");
    AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
      c.districts.push_back({st->Text(0), st->Text(1)});
      return {};
    }));
  }
  std::map<std::string, std::size_t> location_at;
  {
    AMTSZEIT_PREPARE(st, db,
                     "SELECT id, name, district_id, street, postcode, city, lat, lon, status, "
                     "valid_from, valid_to, counters, closed_on_public_holidays, note, interim_for "
                     "FROM locations ORDER BY id");
    AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
      Location l;
      l.id = st->Text(0);
      l.name = st->Text(1);
      l.district_id = st->Text(2);
      l.address = {st->Text(3), st->Text(4), st->Text(5)};
      l.geo = {st->Double(6), st->Double(7)};
      auto status = EnumColumn<LocationStatus>(*st, 8, ParseLocationStatus);
      if (!status) return std::unexpected(status.error());
      l.status = *status;
      auto from = OptionalDayColumn(*st, 9);
      auto to = OptionalDayColumn(*st, 10);
      if (!from || !to) return Fail(ErrorCode::kDataLoss, "location {}: bad validity", l.id);
      l.valid_from = *from;
      l.valid_to = *to;
      l.counters = static_cast<int>(st->Int(11));
      l.hours.closed_on_public_holidays = st->Int(12) != 0;
      l.note = st->Text(13);
      l.interim_for = st->Text(14);
      location_at[l.id] = c.locations.size();
      c.locations.push_back(std::move(l));
      return {};
    }));
  }
  {
    AMTSZEIT_PREPARE(st, db,
                     "SELECT location_id, weekday, begin_min, end_min FROM location_weekly_hours "
                     "ORDER BY location_id, weekday, begin_min");
    AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
      auto it = location_at.find(st->Text(0));
      if (it == location_at.end()) return {};
      c.locations[it->second].hours.weekly[st->Int(1)].push_back(
          {static_cast<int>(st->Int(2)), static_cast<int>(st->Int(3))});
      return {};
    }));
  }
  {
    AMTSZEIT_PREPARE(st, db,
                     "SELECT e.location_id, e.day, e.reason, r.begin_min, r.end_min "
                     "FROM location_exceptions e LEFT JOIN location_exception_ranges r "
                     "ON r.location_id = e.location_id AND r.day = e.day "
                     "ORDER BY e.location_id, e.day, r.begin_min");
    AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
      auto it = location_at.find(st->Text(0));
      if (it == location_at.end()) return {};
      auto day = DayColumn(*st, 1);
      if (!day) return std::unexpected(day.error());
      auto& exceptions = c.locations[it->second].hours.exceptions;
      if (exceptions.empty() || exceptions.back().day != *day) {
        exceptions.push_back({*day, {}, st->Text(2)});
      }
      if (!st->IsNull(3)) {
        exceptions.back().ranges.push_back(
            {static_cast<int>(st->Int(3)), static_cast<int>(st->Int(4))});
      }
      return {};
    }));
  }
  {
    AMTSZEIT_PREPARE(st, db,
                     "SELECT location_id, first_day, last_day, reason FROM location_closures "
                     "ORDER BY location_id, first_day");
    AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
      auto it = location_at.find(st->Text(0));
      if (it == location_at.end()) return {};
      auto first = DayColumn(*st, 1);
      auto last = DayColumn(*st, 2);
      if (!first || !last) return Fail(ErrorCode::kDataLoss, "bad closure of {}", st->Text(0));
      c.locations[it->second].hours.closures.push_back({*first, *last, st->Text(3)});
      return {};
    }));
  }
  {
    AMTSZEIT_PREPARE(st, db,
                     "SELECT id, name_de, name_en, duration_minutes, needs_presence, online_url, "
                     "express, legal_deadline_days, priority, skill, leika, category "
                     "FROM services ORDER BY id");
    AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
      Service s;
      s.id = st->Text(0);
      s.name_de = st->Text(1);
      s.name_en = st->Text(2);
      s.duration_minutes = static_cast<int>(st->Int(3));
      s.needs_presence = st->Int(4) != 0;
      s.online_url = st->Text(5);
      s.express = st->Int(6) != 0;
      if (!st->IsNull(7)) s.legal_deadline_days = static_cast<int>(st->Int(7));
      auto priority = EnumColumn<PriorityRule>(*st, 8, ParsePriorityRule);
      if (!priority) return std::unexpected(priority.error());
      s.priority = *priority;
      s.skill = st->Text(9);
      s.leika = st->Text(10);
      s.category = st->Text(11);
      c.services.push_back(std::move(s));
      return {};
    }));
  }
  return c;
}

const std::string_view kShiftColumns =
    "id, staff_id, location_id, day, begin_min, end_min, mode, break_begin, break_end, "
    "extra_opening";
const std::string_view kAbsenceColumns = "id, staff_id, first_day, last_day, kind, note";

Result<Shift> ShiftRow(const Statement& st) {
  auto day = DayColumn(st, 3);
  if (!day) return std::unexpected(day.error());
  auto mode = EnumColumn<ShiftMode>(st, 6, ParseShiftMode);
  if (!mode) return std::unexpected(mode.error());
  Shift s{.id = st.Int(0),
          .staff_id = st.Text(1),
          .location_id = st.Text(2),
          .day = *day,
          .time = {static_cast<int>(st.Int(4)), static_cast<int>(st.Int(5))},
          .mode = *mode,
          .extra_opening = st.Int(9) != 0};
  if (!st.IsNull(7)) {
    s.break_time = TimeRange{static_cast<int>(st.Int(7)), static_cast<int>(st.Int(8))};
  }
  return s;
}

Result<Absence> AbsenceRow(const Statement& st) {
  auto first = DayColumn(st, 2);
  auto last = DayColumn(st, 3);
  auto kind = EnumColumn<AbsenceKind>(st, 4, ParseAbsenceKind);
  if (!first || !last || !kind) return Fail(ErrorCode::kDataLoss, "bad absence row");
  return Absence{.id = st.Int(0),
                 .staff_id = st.Text(1),
                 .first = *first,
                 .last = *last,
                 .kind = *kind,
                 .note = st.Text(5)};
}

Result<Roster> LoadRoster(SqliteDb& db, absl::CivilDay from, absl::CivilDay to) {
  Roster r;
  std::map<std::string, std::size_t> staff_at;
  {
    AMTSZEIT_PREPARE(st, db,
                     "SELECT id, display_name, home_district_id, home_location_id, fte FROM staff "
                     "ORDER BY id");
    AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
      staff_at[st->Text(0)] = r.staff.size();
      r.staff.push_back({.id = st->Text(0),
                         .display_name = st->Text(1),
                         .home_district_id = st->Text(2),
                         .home_location_id = st->Text(3),
                         .fte = st->Double(4)});
      return {};
    }));
  }
  {
    AMTSZEIT_PREPARE(st, db, "SELECT staff_id, skill FROM staff_skills ORDER BY staff_id, skill");
    AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
      if (auto it = staff_at.find(st->Text(0)); it != staff_at.end()) {
        r.staff[it->second].skills.push_back(st->Text(1));
      }
      return {};
    }));
  }
  {
    AMTSZEIT_PREPARE(st, db,
                     fmt::format("SELECT {} FROM shifts WHERE day BETWEEN ? AND ? "
                                 "ORDER BY day, staff_id, begin_min",
                                 kShiftColumns));
    st->Bind(1, FormatDay(from)).Bind(2, FormatDay(to));
    AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
      auto shift = ShiftRow(*st);
      if (!shift) return std::unexpected(shift.error());
      r.shifts.push_back(std::move(*shift));
      return {};
    }));
  }
  {
    AMTSZEIT_PREPARE(st, db,
                     fmt::format("SELECT {} FROM absences WHERE first_day <= ? AND last_day >= ? "
                                 "ORDER BY first_day, id",
                                 kAbsenceColumns));
    st->Bind(1, FormatDay(to)).Bind(2, FormatDay(from));
    AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
      auto absence = AbsenceRow(*st);
      if (!absence) return std::unexpected(absence.error());
      r.absences.push_back(std::move(*absence));
      return {};
    }));
  }
  auto closures = LoadCentreClosures(db, from, to);
  if (!closures) return std::unexpected(closures.error());
  r.closures = std::move(*closures);
  return r;
}

Result<std::vector<SchoolHoliday>> LoadSchoolHolidays(SqliteDb& db) {
  std::vector<SchoolHoliday> out;
  AMTSZEIT_PREPARE(
      st, db, "SELECT kind, name, first_day, last_day FROM school_holidays ORDER BY first_day");
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto kind = EnumColumn<SchoolHolidayKind>(*st, 0, ParseSchoolHolidayKind);
    auto first = DayColumn(*st, 2);
    auto last = DayColumn(*st, 3);
    if (!kind || !first || !last) return Fail(ErrorCode::kDataLoss, "bad school holiday row");
    out.push_back({*kind, st->Text(1), *first, *last});
    return {};
  }));
  return out;
}

Result<std::optional<std::string>> LoadSetting(SqliteDb& db, std::string_view key) {
  AMTSZEIT_PREPARE(st, db, "SELECT value FROM settings WHERE key = ?");
  st->Bind(1, key);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->Text(0));
}

namespace {

constexpr std::string_view kAppointmentColumns =
    "id, code, token_hash, location_id, staff_id, day, begin_min, end_min, start_us, end_us, "
    "services, channel, status, contact_name, contact_email, contact_phone, contact_key, "
    "move_in_date, travel_date, created_us, updated_us, hold_expires_us, rescheduled_from, "
    "phone_key, contact_language";

void BindAppointment(Statement& st, const Appointment& a) {
  st.Bind(1, a.code).Bind(2, a.token_hash).Bind(3, a.location_id).Bind(4, a.staff_id);
  st.Bind(5, FormatDay(a.day)).Bind(6, a.time.begin).Bind(7, a.time.end);
  st.Bind(8, Micros(a.start)).Bind(9, Micros(a.end)).Bind(10, absl::StrJoin(a.service_ids, ","));
  st.Bind(11, ToString(a.channel)).Bind(12, ToString(a.status)).Bind(13, a.contact.name);
  st.Bind(14, a.contact.email).Bind(15, a.contact.phone).Bind(16, a.contact_key);
  st.BindOptional(17, DayOrNull(a.move_in_date)).BindOptional(18, DayOrNull(a.travel_date));
  st.Bind(19, Micros(a.created_at)).Bind(20, Micros(a.updated_at));
  st.Bind(21, Micros(a.hold_expires_at)).BindOptional(22, a.rescheduled_from);
  st.Bind(23, a.phone_key).Bind(24, a.contact.language);
}

Result<Appointment> AppointmentRow(const Statement& st) {
  Appointment a;
  a.id = st.Int(0);
  a.code = st.Text(1);
  a.token_hash = st.Text(2);
  a.location_id = st.Text(3);
  a.staff_id = st.Text(4);
  auto day = DayColumn(st, 5);
  if (!day) return std::unexpected(day.error());
  a.day = *day;
  a.time = {static_cast<int>(st.Int(6)), static_cast<int>(st.Int(7))};
  a.start = FromMicros(st.Int(8));
  a.end = FromMicros(st.Int(9));
  a.service_ids = SplitIds(st.Text(10));
  auto channel = EnumColumn<Channel>(st, 11, ParseChannel);
  auto status = EnumColumn<AppointmentStatus>(st, 12, ParseAppointmentStatus);
  if (!channel || !status) return Fail(ErrorCode::kDataLoss, "appointment {}: bad enum", a.id);
  a.channel = *channel;
  a.status = *status;
  a.contact = {st.Text(13), st.Text(14), st.Text(15)};
  a.contact_key = st.Text(16);
  auto move_in = OptionalDayColumn(st, 17);
  auto travel = OptionalDayColumn(st, 18);
  if (!move_in || !travel) return Fail(ErrorCode::kDataLoss, "appointment {}: bad date", a.id);
  a.move_in_date = *move_in;
  a.travel_date = *travel;
  a.created_at = FromMicros(st.Int(19));
  a.updated_at = FromMicros(st.Int(20));
  a.hold_expires_at = FromMicros(st.Int(21));
  if (!st.IsNull(22)) a.rescheduled_from = st.Int(22);
  a.phone_key = st.Text(23);
  a.contact.language = st.Text(24);
  return a;
}

template <typename V>
Result<std::vector<Appointment>> LoadAppointmentsImpl(SqliteDb& db, std::string_view where,
                                                      const V& value) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("SELECT {} FROM appointments WHERE {} ORDER BY day, begin_min, id",
                               kAppointmentColumns, where));
  st->Bind(1, value);
  std::vector<Appointment> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto a = AppointmentRow(*st);
    if (!a) return std::unexpected(a.error());
    out.push_back(std::move(*a));
    return {};
  }));
  return out;
}

}  // namespace

Result<std::int64_t> InsertAppointment(SqliteDb& db, const Appointment& a) {
  // Formatted once: every hold runs this on the writer thread.
  static const std::string sql = fmt::format(
      "INSERT INTO appointments({}) VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      kAppointmentColumns);
  AMTSZEIT_PREPARE(st, db, sql);
  BindAppointment(*st, a);
  AMTSZEIT_RUN(st->Run());
  return db.LastInsertId();
}

Result<void> UpdateAppointment(SqliteDb& db, const Appointment& a) {
  AMTSZEIT_PREPARE(
      st, db,
      "UPDATE appointments SET code=?, token_hash=?, location_id=?, staff_id=?, day=?, "
      "begin_min=?, end_min=?, start_us=?, end_us=?, services=?, channel=?, status=?, "
      "contact_name=?, contact_email=?, contact_phone=?, contact_key=?, "
      "move_in_date=?, travel_date=?, created_us=?, updated_us=?, "
      "hold_expires_us=?, rescheduled_from=?, phone_key=?, contact_language=? WHERE id=?");
  BindAppointment(*st, a);
  st->Bind(25, a.id);
  AMTSZEIT_RUN(st->Run());
  if (sqlite3_changes(db.raw()) != 1) {
    return Fail(ErrorCode::kNotFound, "appointment {} does not exist", a.id);
  }
  return {};
}

Result<std::optional<Appointment>> ConfirmHold(SqliteDb& db, const HoldConfirmation& c) {
  // Changed, then read by its code: SQLite collects a RETURNING clause's rows in a temporary
  // b-tree, which cost more than the indexed read of the one row (commit_bench, perf).
  {
    AMTSZEIT_PREPARE(st, db, sql::kConfirmHold);
    sql::BindHoldConfirmation(*st, c);
    AMTSZEIT_RUN(st->Run());
  }
  if (sqlite3_changes(db.raw()) == 0) return std::nullopt;
  auto confirmed = LoadAppointmentsImpl(db, "code = ?", c.code);
  if (!confirmed) return std::unexpected(confirmed.error());
  if (confirmed->size() != 1) {
    return Fail(ErrorCode::kInternal, "confirmed hold {} vanished", c.code);
  }
  return std::move(confirmed->front());
}

Result<std::vector<Appointment>> LoadAppointments(SqliteDb& db, std::string_view where,
                                                  std::string_view value) {
  return LoadAppointmentsImpl(db, where, value);
}

Result<std::vector<Appointment>> LoadAppointments(SqliteDb& db, std::string_view where,
                                                  std::int64_t value) {
  return LoadAppointmentsImpl(db, where, value);
}

Result<std::int64_t> AppendEvent(SqliteDb& db, const AppointmentEvent& e) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO appointment_events(appointment_id, kind, at_us, location_id, day, "
                   "start_min, services, channel, booked_us) VALUES (?,?,?,?,?,?,?,?,?)");
  st->Bind(1, e.appointment_id).Bind(2, ToString(e.kind)).Bind(3, Micros(e.at));
  st->Bind(4, e.location_id).Bind(5, FormatDay(e.day)).Bind(6, e.start_minute);
  st->Bind(7, absl::StrJoin(e.service_ids, ",")).Bind(8, ToString(e.channel));
  st->Bind(9, Micros(e.booked_at));
  AMTSZEIT_RUN(st->Run());
  return db.LastInsertId();
}

Result<std::vector<AppointmentEvent>> LoadEvents(SqliteDb& db, const EventRange& range) {
  AMTSZEIT_PREPARE(
      st, db,
      fmt::format("SELECT id, appointment_id, kind, at_us, location_id, day, start_min, "
                  "services, channel, booked_us FROM appointment_events WHERE {}",
                  range.Where()));
  range.BindTo(*st);
  std::vector<AppointmentEvent> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&]() -> Result<void> {
    auto kind = EnumColumn<EventKind>(*st, 2, ParseEventKind);
    auto day = DayColumn(*st, 5);
    auto channel = EnumColumn<Channel>(*st, 8, ParseChannel);
    if (!kind || !day || !channel) return Fail(ErrorCode::kDataLoss, "bad event row");
    out.push_back({.id = st->Int(0),
                   .appointment_id = st->Int(1),
                   .kind = *kind,
                   .at = FromMicros(st->Int(3)),
                   .location_id = st->Text(4),
                   .day = *day,
                   .start_minute = static_cast<int>(st->Int(6)),
                   .service_ids = SplitIds(st->Text(7)),
                   .channel = *channel,
                   .booked_at = FromMicros(st->Int(9))});
    return {};
  }));
  return out;
}

Result<std::optional<IdempotencyRecord>> LoadIdempotency(SqliteDb& db, std::string_view key) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT key, fingerprint, appointment_code, token, created_us "
                   "FROM idempotency_keys WHERE key = ?");
  st->Bind(1, key);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<IdempotencyRecord>();
  return std::optional<IdempotencyRecord>(IdempotencyRecord{st->Text(0), st->Text(1), st->Text(2),
                                                            st->Text(3), FromMicros(st->Int(4))});
}

Result<void> PutIdempotency(SqliteDb& db, const IdempotencyRecord& r) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO idempotency_keys(key, fingerprint, appointment_code, token, "
                   "created_us) VALUES (?,?,?,?,?)");
  return st->Bind(1, r.key)
      .Bind(2, r.fingerprint)
      .Bind(3, r.appointment_code)
      .Bind(4, r.token)
      .Bind(5, Micros(r.created_at))
      .Run();
}

}  // namespace amtszeit::store::rows
