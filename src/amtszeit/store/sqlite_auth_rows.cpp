#include "amtszeit/store/sqlite_auth_rows.h"

#include <fmt/format.h>

#include "amtszeit/store/sqlite_row_helpers.h"

namespace amtszeit::store::rows {

namespace {

constexpr std::string_view kUserColumns =
    "id, name, role, location_id, district_id, password_hash, disabled, created_us";

StaffUser UserRow(const Statement& st) {
  return StaffUser{.id = st.Int(0),
                   .name = st.Text(1),
                   .role = st.Text(2),
                   .location_id = st.Text(3),
                   .district_id = st.Text(4),
                   .password_hash = st.Text(5),
                   .disabled = st.Int(6) != 0,
                   .created_at = FromMicros(st.Int(7))};
}

template <typename Value>
Result<std::optional<StaffUser>> LoadUserWhere(SqliteDb& db, std::string_view where, Value value) {
  AMTSZEIT_PREPARE(st, db, fmt::format("SELECT {} FROM staff_users WHERE {}", kUserColumns, where));
  st->Bind(1, value);
  std::optional<StaffUser> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&] { out = UserRow(*st); }));
  return out;
}

}  // namespace

Result<std::int64_t> PutStaffUser(SqliteDb& db, const StaffUser& u) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO staff_users(id, name, role, location_id, district_id, "
                   "password_hash, disabled, created_us) VALUES (?,?,?,?,?,?,?,?) "
                   "ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, "
                   "location_id = excluded.location_id, district_id = excluded.district_id, "
                   "password_hash = excluded.password_hash, disabled = excluded.disabled");
  if (u.id != 0) {
    st->Bind(1, u.id);
  } else {
    st->BindNull(1);
  }
  AMTSZEIT_RUN(st->Bind(2, u.name)
                   .Bind(3, u.role)
                   .Bind(4, u.location_id)
                   .Bind(5, u.district_id)
                   .Bind(6, u.password_hash)
                   .Bind(7, u.disabled ? 1 : 0)
                   .Bind(8, Micros(u.created_at))
                   .Run());
  return u.id != 0 ? u.id : db.LastInsertId();
}

Result<std::optional<StaffUser>> LoadStaffUser(SqliteDb& db, std::string_view name) {
  return LoadUserWhere(db, "name = ?", name);
}

Result<std::optional<StaffUser>> LoadStaffUserById(SqliteDb& db, std::int64_t id) {
  return LoadUserWhere(db, "id = ?", id);
}

Result<std::vector<StaffUser>> LoadStaffUsers(SqliteDb& db) {
  AMTSZEIT_PREPARE(st, db, fmt::format("SELECT {} FROM staff_users ORDER BY name", kUserColumns));
  std::vector<StaffUser> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&] { out.push_back(UserRow(*st)); }));
  return out;
}

Result<void> PutStaffSession(SqliteDb& db, const StaffSession& s) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO staff_sessions(token_hash, user_id, csrf_token, created_us, "
                   "last_seen_us) VALUES (?,?,?,?,?)");
  return st->Bind(1, s.token_hash)
      .Bind(2, s.user_id)
      .Bind(3, s.csrf_token)
      .Bind(4, Micros(s.created_at))
      .Bind(5, Micros(s.last_seen))
      .Run();
}

Result<std::optional<StaffSession>> LoadStaffSession(SqliteDb& db, std::string_view token_hash) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT token_hash, user_id, csrf_token, created_us, last_seen_us "
                   "FROM staff_sessions WHERE token_hash = ?");
  st->Bind(1, token_hash);
  std::optional<StaffSession> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&] {
    out = StaffSession{.token_hash = st->Text(0),
                       .user_id = st->Int(1),
                       .csrf_token = st->Text(2),
                       .created_at = FromMicros(st->Int(3)),
                       .last_seen = FromMicros(st->Int(4))};
  }));
  return out;
}

Result<void> TouchStaffSession(SqliteDb& db, std::string_view token_hash, absl::Time last_seen) {
  AMTSZEIT_PREPARE(
      st, db, "UPDATE staff_sessions SET last_seen_us = MAX(last_seen_us, ?) WHERE token_hash = ?");
  return st->Bind(1, Micros(last_seen)).Bind(2, token_hash).Run();
}

Result<void> DeleteStaffSession(SqliteDb& db, std::string_view token_hash) {
  AMTSZEIT_PREPARE(st, db, "DELETE FROM staff_sessions WHERE token_hash = ?");
  return st->Bind(1, token_hash).Run();
}

Result<void> DeleteStaffSessionsOf(SqliteDb& db, std::int64_t user_id) {
  AMTSZEIT_PREPARE(st, db, "DELETE FROM staff_sessions WHERE user_id = ?");
  return st->Bind(1, user_id).Run();
}

Result<std::int64_t> AppendAudit(SqliteDb& db, const AuditEntry& e) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO audit_log(at_us, user_name, role, action, target, status, before, "
                   "after) VALUES (?,?,?,?,?,?,?,?)");
  AMTSZEIT_RUN(st->Bind(1, Micros(e.at))
                   .Bind(2, e.user)
                   .Bind(3, e.role)
                   .Bind(4, e.action)
                   .Bind(5, e.target)
                   .Bind(6, e.status)
                   .Bind(7, e.before)
                   .Bind(8, e.after)
                   .Run());
  return db.LastInsertId();
}

Result<std::vector<AuditEntry>> LoadAudit(SqliteDb& db, absl::Time from, absl::Time to, int limit) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT id, at_us, user_name, role, action, target, status, before, after "
                   "FROM audit_log WHERE at_us >= ? AND at_us < ? ORDER BY id DESC LIMIT ?");
  st->Bind(1, Micros(from)).Bind(2, Micros(to)).Bind(3, limit);
  std::vector<AuditEntry> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&] {
    out.push_back(AuditEntry{.id = st->Int(0),
                             .at = FromMicros(st->Int(1)),
                             .user = st->Text(2),
                             .role = st->Text(3),
                             .action = st->Text(4),
                             .target = st->Text(5),
                             .status = static_cast<int>(st->Int(6)),
                             .before = st->Text(7),
                             .after = st->Text(8)});
  }));
  return out;
}

}  // namespace amtszeit::store::rows
