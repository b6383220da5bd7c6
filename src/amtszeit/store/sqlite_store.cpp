#include "amtszeit/store/sqlite_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "amtszeit/store/audit_scope.h"
#include "amtszeit/store/migrations.h"
#include "amtszeit/store/open_services_sql.h"
#include "amtszeit/store/pg_store.h"
#include "amtszeit/store/sqlite_auth_rows.h"
#include "amtszeit/store/sqlite_case_rows.h"
#include "amtszeit/store/sqlite_outbox_rows.h"
#include "amtszeit/store/sqlite_rows.h"
#include "amtszeit/store/sqlite_waitlist_rows.h"
#include "amtszeit/store/sqlite_wal_batching.h"

namespace amtszeit::store {

namespace {

namespace fs = std::filesystem;

// Write operations of one transaction on the writer connection.
class SqliteWriteTx final : public WriteTx {
 public:
  explicit SqliteWriteTx(SqliteDb& db) : db_(db) {}

  Result<void> PutDistrict(const District& d) override { return rows::PutDistrict(db_, d); }
  Result<void> PutLocation(const Location& l) override { return rows::PutLocation(db_, l); }
  Result<void> PutService(const Service& s) override { return rows::PutService(db_, s); }
  Result<void> PutStaff(const Staff& s) override { return rows::PutStaff(db_, s); }
  Result<std::int64_t> PutShift(const Shift& s) override { return rows::PutShift(db_, s); }
  Result<void> DeleteShift(std::int64_t id) override { return Delete("shifts", id); }
  Result<std::int64_t> PutAbsence(const Absence& a) override { return rows::PutAbsence(db_, a); }
  Result<void> DeleteAbsence(std::int64_t id) override { return Delete("absences", id); }
  Result<void> ReplaceSchoolHolidays(const std::vector<SchoolHoliday>& p) override {
    return rows::ReplaceSchoolHolidays(db_, p);
  }
  Result<void> PutSetting(std::string_view key, std::string_view value) override {
    return rows::PutSetting(db_, key, value);
  }
  Result<std::optional<std::string>> FindSetting(std::string_view key) override {
    return rows::LoadSetting(db_, key);
  }
  Result<std::int64_t> InsertAppointment(const Appointment& a) override {
    return rows::InsertAppointment(db_, a);
  }
  Result<void> UpdateAppointment(const Appointment& a) override {
    return rows::UpdateAppointment(db_, a);
  }
  Result<std::optional<Appointment>> ConfirmHold(const HoldConfirmation& c) override {
    return rows::ConfirmHold(db_, c);
  }
  Result<std::optional<Appointment>> FindAppointmentByCode(std::string_view code) override {
    return First(rows::LoadAppointments(db_, "code = ?", code));
  }
  Result<std::optional<Appointment>> FindAppointmentById(std::int64_t id) override {
    return First(rows::LoadAppointments(db_, "id = ?", id));
  }
  Result<std::vector<std::string>> OpenServicesOf(std::string_view contact_key, absl::Time now,
                                                  std::int64_t except_id) override {
    return sql::OpenServicesOf(db_, contact_key, now, except_id);
  }
  Result<std::int64_t> AppendEvent(const AppointmentEvent& e) override {
    return rows::AppendEvent(db_, e);
  }
  Result<ForgottenCounts> ForgetPersonalData(absl::CivilDay appointments_before,
                                             absl::Time idempotency_before) override {
    return rows::ForgetPersonalData(db_, appointments_before, idempotency_before);
  }
  Result<std::optional<Shift>> FindShift(std::int64_t id) override {
    return rows::LoadShift(db_, id);
  }
  Result<std::optional<Absence>> FindAbsence(std::int64_t id) override {
    return rows::LoadAbsence(db_, id);
  }
  Result<std::int64_t> AppendAction(const SteeringAction& a) override {
    return rows::AppendAction(db_, a);
  }
  Result<std::int64_t> PutCentreClosure(const CentreClosure& c) override {
    return rows::PutCentreClosure(db_, c);
  }
  Result<std::optional<CentreClosure>> FindCentreClosure(std::int64_t id) override {
    return rows::LoadCentreClosure(db_, id);
  }
  Result<void> DeleteCentreClosure(std::int64_t id) override {
    return Delete("centre_closures", id);
  }
  Result<std::int64_t> PutMeasure(const Measure& m) override { return rows::PutMeasure(db_, m); }
  Result<void> PutSlotSnapshots(absl::CivilDay day, const std::vector<SlotSnapshot>& r) override {
    return rows::PutSlotSnapshots(db_, day, r);
  }
  Result<void> PutWindowSnapshots(absl::CivilDay day,
                                  const std::vector<WindowSnapshot>& r) override {
    return rows::PutWindowSnapshots(db_, day, r);
  }
  Result<std::int64_t> InsertOutboxMessage(const OutboxMessage& m) override {
    return rows::InsertOutboxMessage(db_, m);
  }
  Result<void> UpdateOutboxMessage(const OutboxMessage& m) override {
    return rows::UpdateOutboxMessage(db_, m);
  }
  Result<std::vector<OutboxMessage>> PendingMessagesOf(const MessageSubject& subject) override {
    return rows::LoadPendingMessagesOf(db_, subject);
  }
  Result<void> PutOutboxSecret(const MessageSubject& subject, std::string_view sealed) override {
    return rows::PutOutboxSecret(db_, subject, sealed);
  }
  Result<std::optional<std::string>> FindOutboxSecret(const MessageSubject& subject) override {
    return rows::LoadOutboxSecret(db_, subject);
  }
  Result<void> DeleteOutboxSecret(const MessageSubject& subject) override {
    return rows::DeleteOutboxSecret(db_, subject);
  }
  Result<std::int64_t> InsertTicket(const Ticket& t) override { return rows::InsertTicket(db_, t); }
  Result<void> UpdateTicket(const Ticket& t) override { return rows::UpdateTicket(db_, t); }
  Result<std::optional<Ticket>> FindTicket(std::int64_t id) override {
    return rows::LoadTicket(db_, id);
  }
  Result<int> MaxTicketNumber(std::string_view location_id, absl::CivilDay day,
                              QueueClass queue) override {
    return rows::MaxTicketNumber(db_, location_id, day, queue);
  }
  Result<std::int64_t> AppendTicketEvent(const TicketEvent& e) override {
    return rows::AppendTicketEvent(db_, e);
  }
  Result<void> PutCounter(const Counter& c) override { return rows::PutCounter(db_, c); }
  // BEGIN IMMEDIATE already serialises every write, and no other process writes this file.
  Result<std::optional<QueueRows>> LockQueue(std::string_view, absl::CivilDay) override {
    return std::optional<QueueRows>();
  }
  Result<std::optional<IdempotencyRecord>> FindIdempotency(std::string_view key) override {
    return rows::LoadIdempotency(db_, key);
  }
  Result<void> PutIdempotency(const IdempotencyRecord& r) override {
    return rows::PutIdempotency(db_, r);
  }
  Result<std::int64_t> InsertCase(const OnlineCase& c) override { return rows::InsertCase(db_, c); }
  Result<void> UpdateCase(const OnlineCase& c) override { return rows::UpdateCase(db_, c); }
  Result<std::optional<OnlineCase>> FindCaseByCode(std::string_view code) override {
    return rows::LoadCaseByCode(db_, code);
  }
  Result<std::optional<OnlineCase>> FindCaseById(std::int64_t id) override {
    return rows::LoadCaseById(db_, id);
  }
  Result<std::int64_t> AppendCaseEvent(const CaseEvent& e) override {
    return rows::AppendCaseEvent(db_, e);
  }
  Result<void> InsertCaseDocument(const CaseDocument& d) override {
    return rows::InsertCaseDocument(db_, d);
  }
  Result<int> ForgetClosedCases(absl::Time closed_before) override {
    return rows::ForgetClosedCases(db_, closed_before);
  }
  Result<std::int64_t> InsertWaitlistEntry(const WaitlistEntry& e) override {
    return rows::InsertWaitlistEntry(db_, e);
  }
  Result<void> UpdateWaitlistEntry(const WaitlistEntry& e) override {
    return rows::UpdateWaitlistEntry(db_, e);
  }
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByCode(std::string_view code) override {
    return rows::LoadWaitlistEntryByCode(db_, code);
  }
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByOffer(std::int64_t id) override {
    return rows::LoadWaitlistEntryByOffer(db_, id);
  }
  Result<std::int64_t> PutStaffUser(const StaffUser& u) override {
    return rows::PutStaffUser(db_, u);
  }
  Result<std::optional<StaffUser>> FindStaffUser(std::string_view name) override {
    return rows::LoadStaffUser(db_, name);
  }
  Result<void> PutStaffSession(const StaffSession& s) override {
    return rows::PutStaffSession(db_, s);
  }
  Result<void> TouchStaffSession(std::string_view hash, absl::Time at) override {
    return rows::TouchStaffSession(db_, hash, at);
  }
  Result<void> DeleteStaffSession(std::string_view hash) override {
    return rows::DeleteStaffSession(db_, hash);
  }
  Result<void> DeleteStaffSessionsOf(std::int64_t user_id) override {
    return rows::DeleteStaffSessionsOf(db_, user_id);
  }
  Result<std::int64_t> AppendAudit(const AuditEntry& e) override {
    return rows::AppendAudit(db_, e);
  }
  Result<std::optional<LoginFailure>> FindLoginFailure(std::string_view key) override {
    return rows::LoadLoginFailure(db_, key);
  }
  Result<void> PutLoginFailure(const LoginFailure& f) override {
    return rows::PutLoginFailure(db_, f);
  }
  Result<void> DeleteLoginFailure(std::string_view key) override {
    return rows::DeleteLoginFailure(db_, key);
  }
  Result<void> DeleteLoginFailuresBefore(absl::Time quiet_since) override {
    return rows::DeleteLoginFailuresBefore(db_, quiet_since);
  }
  Result<std::string> SharedSecret(std::string_view name, std::string_view candidate) override {
    return rows::SharedSecret(db_, name, candidate);
  }
  Result<bool> SpendChallenge(std::string_view nonce, absl::Time expires_at) override {
    return rows::SpendChallenge(db_, nonce, expires_at);
  }
  Result<int> PruneSpentChallenges(absl::Time now) override {
    return rows::PruneSpentChallenges(db_, now);
  }

 private:
  static Result<std::optional<Appointment>> First(Result<std::vector<Appointment>> found) {
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return std::optional<Appointment>();
    return std::optional<Appointment>(std::move(found->front()));
  }

  Result<void> Delete(std::string_view table, std::int64_t id) {
    auto st = db_.Prepare(fmt::format("DELETE FROM {} WHERE id = ?", table));
    if (!st) return std::unexpected(st.error());
    return st->Bind(1, id).Run();
  }

  SqliteDb& db_;
};

Result<std::int64_t> QueryInt(SqliteDb& db, std::string_view sql) {
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  return *row ? st->Int(0) : 0;
}

// Everything here only reads, so a file that fails any check is left exactly as it was.
Result<int> CheckExisting(SqliteDb& db, const std::string& path) {
  auto refuse = [&](const Error& e) {
    return Fail(ErrorCode::kDataLoss, "{} is not usable: {}; the file was not modified", path,
                e.message);
  };
  auto check = db.Prepare("PRAGMA quick_check");
  if (!check) return refuse(check.error());
  auto row = check->Step();
  if (!row) return refuse(row.error());
  if (!*row || check->Text(0) != "ok") {
    return refuse(Error{ErrorCode::kDataLoss, "integrity check failed: " + check->Text(0)});
  }
  auto app = QueryInt(db, "PRAGMA application_id");
  auto tables = QueryInt(db, "SELECT count(*) FROM sqlite_master");
  auto version = QueryInt(db, "PRAGMA user_version");
  if (!app) return refuse(app.error());
  if (!tables) return refuse(tables.error());
  if (!version) return refuse(version.error());
  if (*app == 0 && *tables == 0) return 0;  // an empty file: a new database
  if (*app != kApplicationId) {
    return Fail(ErrorCode::kDataLoss,
                "{} is an SQLite database of another program (application id {:#x}), not an "
                "amtszeit database; the file was not modified",
                path, *app);
  }
  const int latest = LatestSchemaVersion();
  if (*version > latest) {
    return Fail(ErrorCode::kDataLoss,
                "{} has schema version {}, newer than this amtszeit understands ({}); upgrade "
                "amtszeit. The file was not modified",
                path, *version, latest);
  }
  return static_cast<int>(*version);
}

Result<void> Migrate(SqliteDb& db, int from_version) {
  if (auto ok = db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
                        "KEY, applied_at TEXT NOT NULL, description TEXT NOT NULL)");
      !ok) {
    return ok;
  }
  // Versions are recorded one by one, because a migration numbered below the file's version can
  // arrive later (features land out of order): such a gap is filled, not skipped.
  std::set<std::int64_t> applied;
  {
    auto st = db.Prepare("SELECT version FROM schema_migrations");
    if (!st) return std::unexpected(st.error());
    while (true) {
      auto row = st->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      applied.insert(st->Int(0));
    }
  }
  for (const Migration& m : SqliteMigrations()) {
    if (applied.contains(m.version) || (applied.empty() && m.version <= from_version)) continue;
    if (auto ok = db.Exec("BEGIN IMMEDIATE"); !ok) return ok;
    auto apply = [&]() -> Result<void> {
      if (auto ok = db.Exec(m.sql); !ok) return ok;
      auto st = db.Prepare(
          "INSERT INTO schema_migrations(version, applied_at, description) "
          "VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)");
      if (!st) return std::unexpected(st.error());
      if (auto ok = st->Bind(1, m.version).Bind(2, m.description).Run(); !ok) return ok;
      const int version = std::max(m.version, from_version);
      if (auto ok = db.Exec(fmt::format("PRAGMA user_version = {}", version)); !ok) return ok;
      return db.Exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
    };
    if (auto ok = apply(); !ok) {
      (void)db.Exec("ROLLBACK");
      return Fail(ok.error().code, "migration {} ({}) failed: {}", m.version, m.description,
                  ok.error().message);
    }
    if (auto ok = db.Exec("COMMIT"); !ok) return ok;
  }
  return {};
}

// Returns the WAL file's path, or nothing when the file could not be put in WAL mode.
//
// In WAL mode synchronous=NORMAL commits without waiting for the disk and FULL adds one sync of
// the WAL file to every COMMIT; nothing else differs (both sync the WAL header on a restart and
// the WAL before a checkpoint). So NORMAL plus our own sync of the WAL file after the commit is
// FULL, with the sync as a step of its own that the writer overlaps with its next group.
Result<std::optional<std::string>> Configure(SqliteDb& db) {
  auto mode = db.Prepare("PRAGMA journal_mode = WAL");
  if (!mode) return std::unexpected(mode.error());
  auto row = mode->Step();
  if (!row) return std::unexpected(row.error());
  const bool wal = *row && mode->Text(0) == "wal";
  if (auto ok = db.Exec(wal ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL"); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = db.Exec("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;"); !ok) {
    return std::unexpected(ok.error());
  }
  if (!wal) return std::optional<std::string>();
  // A checkpoint every kWalFramesBeforeCheckpoint frames (SQLite's default: 1,000) copies a page
  // the commits keep changing (the end of a table, a busy index leaf) once for four times as many
  // commits, and the COMMIT that runs it waits for two syncs four times less often: durable
  // bookings/s in commit_bench, alternating runs, 250 frames 2.6-2.8x the reference, 1,000
  // 2.4-3.2x (median 2.9), 4,000 2.9-3.4x (median 3.0). The log stays at about 16 MB.
  if (auto ok = db.Exec(
          fmt::format("PRAGMA wal_autocheckpoint = {}", SqliteStore::kWalFramesBeforeCheckpoint));
      !ok) {
    return std::unexpected(ok.error());
  }
  return std::optional<std::string>(sqlite3_filename_wal(sqlite3_db_filename(db.raw(), "main")));
}

// The group commit's own statements, compiled once per connection like every other hot
// statement: sqlite3_exec would parse them anew for every command of every group.
Result<void> RunCached(SqliteDb& db, std::string_view sql) {
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  return st->Run();
}

}  // namespace

int LatestSchemaVersion() { return SqliteMigrations().back().version; }

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path,
                                                 const OpenOptions& options) {
  const fs::path file(path);
  std::error_code ec;
  const fs::path parent = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) {
    return Fail(ErrorCode::kNotFound, "directory {} does not exist", parent.string());
  }
  const bool exists = fs::exists(file, ec);
  if (!exists && !options.create_if_missing) {
    return Fail(ErrorCode::kNotFound, "no database at {}", path);
  }
  if (exists && !fs::is_regular_file(file, ec)) {
    return Fail(ErrorCode::kInvalidArgument, "{} is not a file", path);
  }
  // The one connection that writes the log hands each commit's frames over in one write.
  auto writer = SqliteDb::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, WalBatchingVfs());
  if (!writer) return std::unexpected(writer.error());
  int version = 0;
  if (exists) {
    auto checked = CheckExisting(**writer, path);
    if (!checked) return std::unexpected(checked.error());
    version = *checked;
  }
  auto wal_path = Configure(**writer);
  if (!wal_path) return std::unexpected(wal_path.error());
  if (auto ok = Migrate(**writer, version); !ok) return std::unexpected(ok.error());
  auto reader = SqliteDb::Open(path, SQLITE_OPEN_READONLY);
  if (!reader) return std::unexpected(reader.error());
  if (auto ok = (*reader)->Exec("PRAGMA busy_timeout = 5000"); !ok) {
    return std::unexpected(ok.error());
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(
      std::move(*writer), std::move(*reader), LatestSchemaVersion(), wal_path->value_or("")));
  // The migrations' commits, too, are on disk before the store is used.
  if (auto ok = store->SyncCommitted(); !ok) return std::unexpected(ok.error());
  return std::unique_ptr<Store>(std::move(store));
}

SqliteStore::~SqliteStore() {
  if (wal_fd_ >= 0) close(wal_fd_);
}

Result<void> SqliteStore::Write(const WriteFn& fn) {
  const WriteFn audited = WithAudit(fn);  // a staff action's change carries its audit entry
  auto results = WriteGroup(std::span<const WriteFn>(&audited, 1));
  if (!results) return std::unexpected(results.error());
  return std::move(results->front());
}

Result<std::vector<Result<void>>> SqliteStore::WriteGroup(std::span<const WriteFn> fns) {
  auto results = CommitGroup(fns);
  if (!results) return results;
  if (auto synced = SyncCommitted(); !synced) return std::unexpected(synced.error());
  return results;
}

Result<void> SqliteStore::SyncCommitted() {
  if (wal_path_.empty()) return {};  // not in WAL mode: each COMMIT synced (synchronous=FULL)
  std::lock_guard lock(sync_mu_);
  // An fd of our own: fdatasync flushes the file's pages whichever descriptor wrote them, and
  // SQLite deletes or replaces the WAL file only when its last connection closes, which this
  // store's connections outlive.
  if (wal_fd_ < 0) {
    wal_fd_ = open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (wal_fd_ < 0) {
      if (errno == ENOENT) return {};  // nothing was committed since the last checkpoint
      return Fail(ErrorCode::kUnavailable, "cannot open {}: {}", wal_path_, std::strerror(errno));
    }
  }
  if (fdatasync(wal_fd_) != 0) {
    return Fail(ErrorCode::kUnavailable, "syncing {} failed: {}", wal_path_, std::strerror(errno));
  }
  return {};
}

Result<std::vector<Result<void>>> SqliteStore::CommitGroup(std::span<const WriteFn> fns) {
  std::lock_guard lock(write_mu_);
  // Nearly every command either succeeds or fails before it changed a row, and then needs no
  // savepoint of its own: opening and releasing one per command cost a fifth of the writer's
  // work (each first change of a page inside it copies the page aside). So the group runs
  // without them first; only when a command failed after changing rows (or the failure ended the
  // transaction) is it rolled back and run again with one savepoint per command.
  bool again = false;
  auto results = WriteGroupOnce(fns, /*savepoints=*/false, &again);
  if (!again) return results;
  return WriteGroupOnce(fns, /*savepoints=*/true, &again);
}

Result<std::vector<Result<void>>> SqliteStore::WriteGroupOnce(std::span<const WriteFn> fns,
                                                              bool savepoints, bool* again) {
  SqliteDb& db = *writer_;
  if (auto ok = RunCached(db, "BEGIN IMMEDIATE"); !ok) return std::unexpected(ok.error());
  SqliteWriteTx tx(db);
  std::vector<Result<void>> results;
  results.reserve(fns.size());
  try {
    for (const WriteFn& fn : fns) {
      if (!savepoints) {
        // A failed statement backs out its own changes and does not count them, so an unchanged
        // total means the failed command left nothing behind.
        const sqlite3_int64 before = sqlite3_total_changes64(db.raw());
        Result<void> r = fn(tx);
        if (!r && (sqlite3_get_autocommit(db.raw()) != 0 ||
                   sqlite3_total_changes64(db.raw()) != before)) {
          (void)db.Exec("ROLLBACK");
          *again = true;
          return results;
        }
        results.push_back(std::move(r));
        continue;
      }
      if (auto ok = RunCached(db, "SAVEPOINT command"); !ok) {
        (void)db.Exec("ROLLBACK");
        return std::unexpected(ok.error());
      }
      Result<void> r = fn(tx);
      auto end =
          r ? RunCached(db, "RELEASE command") : db.Exec("ROLLBACK TO command; RELEASE command");
      if (!end) {
        (void)db.Exec("ROLLBACK");
        return std::unexpected(end.error());
      }
      results.push_back(std::move(r));
    }
  } catch (...) {
    (void)db.Exec("ROLLBACK");
    throw;
  }
  if (auto ok = RunCached(db, "COMMIT"); !ok) {
    (void)db.Exec("ROLLBACK");
    return std::unexpected(ok.error());
  }
  return results;
}

Result<Catalog> SqliteStore::ReadCatalog() {
  std::lock_guard lock(read_mu_);
  return rows::LoadCatalog(*reader_);
}

Result<Roster> SqliteStore::ReadRoster(absl::CivilDay from, absl::CivilDay to) {
  std::lock_guard lock(read_mu_);
  // One read transaction, so staff and shifts come from the same snapshot.
  if (auto ok = reader_->Exec("BEGIN"); !ok) return std::unexpected(ok.error());
  auto roster = rows::LoadRoster(*reader_, from, to);
  (void)reader_->Exec("COMMIT");
  return roster;
}

Result<std::vector<SchoolHoliday>> SqliteStore::ReadSchoolHolidays() {
  std::lock_guard lock(read_mu_);
  return rows::LoadSchoolHolidays(*reader_);
}

Result<std::optional<std::string>> SqliteStore::ReadSetting(std::string_view key) {
  std::lock_guard lock(read_mu_);
  return rows::LoadSetting(*reader_, key);
}

Result<std::vector<Appointment>> SqliteStore::ReadAppointments(absl::CivilDay from) {
  std::lock_guard lock(read_mu_);
  return rows::LoadAppointments(*reader_, "day >= ?", FormatDay(from));
}

Result<std::optional<Appointment>> SqliteStore::FindAppointmentByCode(std::string_view code) {
  std::lock_guard lock(read_mu_);
  auto found = rows::LoadAppointments(*reader_, "code = ?", code);
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<Appointment>();
  return std::optional<Appointment>(std::move(found->front()));
}

Result<std::optional<IdempotencyRecord>> SqliteStore::ReadIdempotency(std::string_view key) {
  std::lock_guard lock(read_mu_);
  return rows::LoadIdempotency(*reader_, key);
}

Result<std::vector<AppointmentEvent>> SqliteStore::ReadEvents(std::int64_t after_id, int limit) {
  std::lock_guard lock(read_mu_);
  return rows::LoadEvents(*reader_, {.after_id = after_id, .limit = limit});
}

Result<std::vector<Appointment>> SqliteStore::ReadAppointmentsOn(absl::CivilDay day) {
  std::lock_guard lock(read_mu_);
  return rows::LoadAppointments(*reader_, "day = ?", FormatDay(day));
}

Result<std::vector<Appointment>> SqliteStore::ReadAppointmentsOf(std::string_view contact_key) {
  std::lock_guard lock(read_mu_);
  return rows::LoadAppointments(*reader_, rows::kByContactOrPhoneKey, contact_key);
}

Result<std::vector<Ticket>> SqliteStore::ReadTickets(absl::CivilDay from) {
  std::lock_guard lock(read_mu_);
  return rows::LoadTickets(*reader_, from);
}

Result<std::vector<TicketEvent>> SqliteStore::ReadTicketEvents(std::int64_t after_id, int limit) {
  std::lock_guard lock(read_mu_);
  return rows::LoadTicketEvents(*reader_, {.after_id = after_id, .limit = limit});
}

Result<std::vector<Counter>> SqliteStore::ReadCounters() {
  std::lock_guard lock(read_mu_);
  return rows::LoadCounters(*reader_);
}

Result<std::vector<OutboxMessage>> SqliteStore::ReadDueMessages(MessageChannel channel,
                                                                absl::Time now, int limit) {
  std::lock_guard lock(read_mu_);
  return rows::LoadDueMessages(*reader_, channel, now, limit);
}

Result<std::vector<OutboxMessage>> SqliteStore::ReadMessagesOf(const MessageSubject& subject) {
  std::lock_guard lock(read_mu_);
  return rows::LoadMessagesOf(*reader_, subject);
}

Result<std::vector<CentreClosure>> SqliteStore::ReadCentreClosures(absl::CivilDay from,
                                                                   absl::CivilDay to) {
  std::lock_guard lock(read_mu_);
  return rows::LoadCentreClosures(*reader_, from, to);
}

Result<std::optional<OnlineCase>> SqliteStore::FindCaseByCode(std::string_view code) {
  std::lock_guard lock(read_mu_);
  return rows::LoadCaseByCode(*reader_, code);
}

Result<std::vector<OnlineCase>> SqliteStore::ReadCases(const CaseFilter& filter) {
  std::lock_guard lock(read_mu_);
  return rows::LoadCases(*reader_, filter);
}

Result<std::vector<CaseEvent>> SqliteStore::ReadCaseEvents(std::int64_t case_id) {
  std::lock_guard lock(read_mu_);
  return rows::LoadCaseEvents(*reader_, case_id);
}

Result<std::vector<CaseDocument>> SqliteStore::ReadCaseDocuments(std::int64_t case_id) {
  std::lock_guard lock(read_mu_);
  return rows::LoadCaseDocuments(*reader_, case_id);
}

Result<std::optional<CaseDocument>> SqliteStore::ReadCaseDocument(std::int64_t case_id,
                                                                  int number) {
  std::lock_guard lock(read_mu_);
  return rows::LoadCaseDocument(*reader_, case_id, number);
}

Result<std::vector<AppointmentEvent>> SqliteStore::ReadEventsOf(std::int64_t appointment_id) {
  std::lock_guard lock(read_mu_);
  return rows::LoadEvents(*reader_, {.appointment_id = appointment_id});
}

Result<std::vector<AppointmentEvent>> SqliteStore::ReadEventsBetween(absl::Time from,
                                                                     absl::Time to) {
  std::lock_guard lock(read_mu_);
  return rows::LoadEvents(*reader_, {.from = from, .to = to});
}

Result<std::vector<TicketEvent>> SqliteStore::ReadTicketEventsBetween(absl::Time from,
                                                                      absl::Time to) {
  std::lock_guard lock(read_mu_);
  return rows::LoadTicketEvents(*reader_, {.from = from, .to = to});
}

Result<std::vector<SteeringAction>> SqliteStore::ReadActions(absl::Time from, absl::Time to) {
  std::lock_guard lock(read_mu_);
  return rows::LoadActions(*reader_, from, to);
}

Result<std::vector<Measure>> SqliteStore::ReadMeasures() {
  std::lock_guard lock(read_mu_);
  return rows::LoadMeasures(*reader_);
}

Result<std::vector<SlotSnapshot>> SqliteStore::ReadSlotSnapshots(absl::CivilDay from,
                                                                 absl::CivilDay to) {
  std::lock_guard lock(read_mu_);
  return rows::LoadSlotSnapshots(*reader_, from, to);
}

Result<std::vector<WindowSnapshot>> SqliteStore::ReadWindowSnapshots(absl::CivilDay from,
                                                                     absl::CivilDay to) {
  std::lock_guard lock(read_mu_);
  return rows::LoadWindowSnapshots(*reader_, from, to);
}

Result<std::vector<WaitlistEntry>> SqliteStore::ReadOpenWaitlistEntries() {
  std::lock_guard lock(read_mu_);
  return rows::LoadOpenWaitlistEntries(*reader_);
}

Result<std::optional<WaitlistEntry>> SqliteStore::FindWaitlistEntryByCode(std::string_view code) {
  std::lock_guard lock(read_mu_);
  return rows::LoadWaitlistEntryByCode(*reader_, code);
}

Result<std::optional<WaitlistEntry>> SqliteStore::FindWaitlistEntryByOffer(std::int64_t id) {
  std::lock_guard lock(read_mu_);
  return rows::LoadWaitlistEntryByOffer(*reader_, id);
}

Result<std::unique_ptr<Store>> OpenStore(std::string_view url, const OpenOptions& options) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return PgStore::Open(std::string(url), options);
  }
  std::string_view path = url;
  if (path.starts_with("sqlite:")) path.remove_prefix(7);
  if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "empty database path");
  return SqliteStore::Open(std::string(path), options);
}

Result<std::optional<StaffUser>> SqliteStore::ReadStaffUser(std::string_view name) {
  std::lock_guard lock(read_mu_);
  return rows::LoadStaffUser(*reader_, name);
}

Result<std::optional<StaffUser>> SqliteStore::ReadStaffUserById(std::int64_t id) {
  std::lock_guard lock(read_mu_);
  return rows::LoadStaffUserById(*reader_, id);
}

Result<std::vector<StaffUser>> SqliteStore::ReadStaffUsers() {
  std::lock_guard lock(read_mu_);
  return rows::LoadStaffUsers(*reader_);
}

Result<std::optional<StaffSession>> SqliteStore::ReadStaffSession(std::string_view hash) {
  std::lock_guard lock(read_mu_);
  return rows::LoadStaffSession(*reader_, hash);
}

Result<std::vector<AuditEntry>> SqliteStore::ReadAudit(absl::Time from, absl::Time to, int limit) {
  std::lock_guard lock(read_mu_);
  return rows::LoadAudit(*reader_, from, to, limit);
}

Result<std::optional<LoginFailure>> SqliteStore::ReadLoginFailure(std::string_view key) {
  std::lock_guard lock(read_mu_);
  return rows::LoadLoginFailure(*reader_, key);
}

}  // namespace amtszeit::store
