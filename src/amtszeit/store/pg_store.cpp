#include "amtszeit/store/pg_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "amtszeit/store/audit_scope.h"
#include "amtszeit/store/change_feed.h"
#include "amtszeit/store/open_services_sql.h"
#include "amtszeit/store/pg_auth_rows.h"
#include "amtszeit/store/pg_case_rows.h"
#include "amtszeit/store/pg_migrations.h"
#include "amtszeit/store/pg_outbox_rows.h"
#include "amtszeit/store/pg_rows.h"
#include "amtszeit/store/pg_waitlist_rows.h"

namespace amtszeit::store {

namespace {

// Write operations of one transaction on the writer connection (PostgreSQL).
class PgWriteTx final : public WriteTx {
 public:
  explicit PgWriteTx(PgDb& db) : db_(db) {}

  Result<void> PutDistrict(const District& d) override {
    return CatalogNotified(pg::PutDistrict(db_, d));
  }
  Result<void> PutLocation(const Location& l) override {
    return CatalogNotified(pg::PutLocation(db_, l));
  }
  Result<void> PutService(const Service& s) override {
    return CatalogNotified(pg::PutService(db_, s));
  }
  Result<void> PutStaff(const Staff& s) override { return pg::PutStaff(db_, s); }
  Result<std::int64_t> PutShift(const Shift& s) override { return Notified(pg::PutShift(db_, s)); }
  Result<void> DeleteShift(std::int64_t id) override { return Notified(Delete("shifts", id)); }
  Result<std::int64_t> PutAbsence(const Absence& a) override {
    return Notified(pg::PutAbsence(db_, a));
  }
  Result<void> DeleteAbsence(std::int64_t id) override { return Notified(Delete("absences", id)); }
  Result<void> ReplaceSchoolHolidays(const std::vector<SchoolHoliday>& p) override {
    return pg::ReplaceSchoolHolidays(db_, p);
  }
  Result<void> PutSetting(std::string_view key, std::string_view value) override {
    return pg::PutSetting(db_, key, value);
  }
  Result<std::optional<std::string>> FindSetting(std::string_view key) override {
    return pg::LoadSetting(db_, key);
  }
  Result<std::int64_t> InsertAppointment(const Appointment& a) override {
    return Notified(pg::InsertAppointment(db_, a));
  }
  Result<void> UpdateAppointment(const Appointment& a) override {
    return Notified(pg::UpdateAppointment(db_, a));
  }
  Result<std::optional<Appointment>> ConfirmHold(const HoldConfirmation& c) override {
    auto confirmed = pg::ConfirmHold(db_, c);
    if (confirmed && *confirmed) changed_ = true;
    return confirmed;
  }
  Result<std::optional<Appointment>> FindAppointmentByCode(std::string_view code) override {
    return First(pg::LoadAppointments(db_, "code = ?", code));
  }
  Result<std::optional<Appointment>> FindAppointmentById(std::int64_t id) override {
    return First(pg::LoadAppointments(db_, "id = ?", id));
  }
  Result<std::vector<std::string>> OpenServicesOf(std::string_view contact_key, absl::Time now,
                                                  std::int64_t except_id) override {
    return sql::OpenServicesOf(db_, contact_key, now, except_id);
  }
  Result<std::int64_t> AppendEvent(const AppointmentEvent& e) override {
    return pg::AppendEvent(db_, e);
  }
  Result<ForgottenCounts> ForgetPersonalData(absl::CivilDay appointments_before,
                                             absl::Time idempotency_before) override {
    return pg::ForgetPersonalData(db_, appointments_before, idempotency_before);
  }
  Result<std::optional<Shift>> FindShift(std::int64_t id) override {
    return pg::LoadShift(db_, id);
  }
  Result<std::optional<Absence>> FindAbsence(std::int64_t id) override {
    return pg::LoadAbsence(db_, id);
  }
  Result<std::int64_t> AppendAction(const SteeringAction& a) override {
    return pg::AppendAction(db_, a);
  }
  Result<std::int64_t> PutCentreClosure(const CentreClosure& c) override {
    return Notified(pg::PutCentreClosure(db_, c));
  }
  Result<std::optional<CentreClosure>> FindCentreClosure(std::int64_t id) override {
    return pg::LoadCentreClosure(db_, id);
  }
  Result<void> DeleteCentreClosure(std::int64_t id) override {
    return Notified(Delete("centre_closures", id));
  }
  Result<std::int64_t> PutMeasure(const Measure& m) override { return pg::PutMeasure(db_, m); }
  Result<void> PutSlotSnapshots(absl::CivilDay day, const std::vector<SlotSnapshot>& r) override {
    return pg::PutSlotSnapshots(db_, day, r);
  }
  Result<void> PutWindowSnapshots(absl::CivilDay day,
                                  const std::vector<WindowSnapshot>& r) override {
    return pg::PutWindowSnapshots(db_, day, r);
  }
  Result<std::int64_t> InsertOutboxMessage(const OutboxMessage& m) override {
    return pg::InsertOutboxMessage(db_, m);
  }
  Result<void> UpdateOutboxMessage(const OutboxMessage& m) override {
    return pg::UpdateOutboxMessage(db_, m);
  }
  Result<std::vector<OutboxMessage>> PendingMessagesOf(const MessageSubject& subject) override {
    return pg::LoadPendingMessagesOf(db_, subject);
  }
  Result<void> PutOutboxSecret(const MessageSubject& subject, std::string_view sealed) override {
    return pg::PutOutboxSecret(db_, subject, sealed);
  }
  Result<std::optional<std::string>> FindOutboxSecret(const MessageSubject& subject) override {
    return pg::LoadOutboxSecret(db_, subject);
  }
  Result<void> DeleteOutboxSecret(const MessageSubject& subject) override {
    return pg::DeleteOutboxSecret(db_, subject);
  }
  Result<std::int64_t> InsertTicket(const Ticket& t) override { return pg::InsertTicket(db_, t); }
  Result<void> UpdateTicket(const Ticket& t) override { return pg::UpdateTicket(db_, t); }
  Result<std::optional<Ticket>> FindTicket(std::int64_t id) override {
    return pg::LoadTicket(db_, id);
  }
  Result<int> MaxTicketNumber(std::string_view location_id, absl::CivilDay day,
                              QueueClass queue) override {
    return pg::MaxTicketNumber(db_, location_id, day, queue);
  }
  Result<std::int64_t> AppendTicketEvent(const TicketEvent& e) override {
    return pg::AppendTicketEvent(db_, e);
  }
  Result<void> PutCounter(const Counter& c) override { return pg::PutCounter(db_, c); }
  Result<std::optional<QueueRows>> LockQueue(std::string_view location_id,
                                             absl::CivilDay day) override {
    auto rows = pg::LockAndLoadQueue(db_, location_id, day);
    if (!rows) return std::unexpected(rows.error());
    queues_.emplace(location_id);
    return std::optional<QueueRows>(std::move(*rows));
  }
  Result<std::optional<IdempotencyRecord>> FindIdempotency(std::string_view key) override {
    return pg::LoadIdempotency(db_, key);
  }
  Result<std::int64_t> InsertCase(const OnlineCase& c) override { return pg::InsertCase(db_, c); }
  Result<void> UpdateCase(const OnlineCase& c) override { return pg::UpdateCase(db_, c); }
  Result<std::optional<OnlineCase>> FindCaseByCode(std::string_view code) override {
    return pg::LoadCaseByCode(db_, code);
  }
  Result<std::optional<OnlineCase>> FindCaseById(std::int64_t id) override {
    return pg::LoadCaseById(db_, id);
  }
  Result<std::int64_t> AppendCaseEvent(const CaseEvent& e) override {
    return pg::AppendCaseEvent(db_, e);
  }
  Result<void> InsertCaseDocument(const CaseDocument& d) override {
    return pg::InsertCaseDocument(db_, d);
  }
  Result<int> ForgetClosedCases(absl::Time closed_before) override {
    return pg::ForgetClosedCases(db_, closed_before);
  }
  Result<std::int64_t> PutStaffUser(const StaffUser& u) override {
    return pg::PutStaffUser(db_, u);
  }
  Result<std::optional<StaffUser>> FindStaffUser(std::string_view name) override {
    return pg::LoadStaffUser(db_, name);
  }
  Result<void> PutStaffSession(const StaffSession& s) override {
    return pg::PutStaffSession(db_, s);
  }
  Result<void> TouchStaffSession(std::string_view hash, absl::Time at) override {
    return pg::TouchStaffSession(db_, hash, at);
  }
  Result<void> DeleteStaffSession(std::string_view hash) override {
    return pg::DeleteStaffSession(db_, hash);
  }
  Result<void> DeleteStaffSessionsOf(std::int64_t user_id) override {
    return pg::DeleteStaffSessionsOf(db_, user_id);
  }
  Result<std::int64_t> AppendAudit(const AuditEntry& e) override { return pg::AppendAudit(db_, e); }
  Result<std::optional<LoginFailure>> FindLoginFailure(std::string_view key) override {
    return pg::LoadLoginFailure(db_, key);
  }
  Result<void> PutLoginFailure(const LoginFailure& f) override {
    return pg::PutLoginFailure(db_, f);
  }
  Result<void> DeleteLoginFailure(std::string_view key) override {
    return pg::DeleteLoginFailure(db_, key);
  }
  Result<void> DeleteLoginFailuresBefore(absl::Time quiet_since) override {
    return pg::DeleteLoginFailuresBefore(db_, quiet_since);
  }
  Result<std::string> SharedSecret(std::string_view name, std::string_view candidate) override {
    return pg::SharedSecret(db_, name, candidate);
  }
  Result<bool> SpendChallenge(std::string_view nonce, absl::Time expires_at) override {
    return pg::SpendChallenge(db_, nonce, expires_at);
  }
  Result<int> PruneSpentChallenges(absl::Time now) override {
    return pg::PruneSpentChallenges(db_, now);
  }
  Result<std::int64_t> InsertWaitlistEntry(const WaitlistEntry& e) override {
    return pg::InsertWaitlistEntry(db_, e);
  }
  Result<void> UpdateWaitlistEntry(const WaitlistEntry& e) override {
    return pg::UpdateWaitlistEntry(db_, e);
  }
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByCode(std::string_view code) override {
    return pg::LoadWaitlistEntryByCode(db_, code);
  }
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByOffer(std::int64_t id) override {
    return pg::LoadWaitlistEntryByOffer(db_, id);
  }
  Result<void> PutIdempotency(const IdempotencyRecord& r) override {
    return pg::PutIdempotency(db_, r);
  }

  // Each command (savepoint) counts on its own: a rolled-back savepoint changed nothing.
  void BeginCommand() {
    changed_ = false;
    catalog_changed_ = false;
    queues_.clear();
  }
  // Whether the current command changed what other nodes' indexes are built from.
  bool Changed() const { return changed_; }
  // Whether it changed the catalogue (districts, locations, services) other nodes hold.
  bool CatalogChanged() const { return catalog_changed_; }
  // The locations whose queues the current command locked (and so may have changed).
  const std::set<std::string, std::less<>>& Queues() const { return queues_; }

 private:
  template <typename T>
  T Notified(T result) {
    if (result) changed_ = true;
    return result;
  }
  template <typename T>
  T CatalogNotified(T result) {
    if (result) catalog_changed_ = true;
    return result;
  }

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

  PgDb& db_;
  bool changed_ = false;
  bool catalog_changed_ = false;
  std::set<std::string, std::less<>> queues_;
};

// Serialises migrations of concurrently starting nodes ('AMTZ', as SQLite's application id).
constexpr std::int64_t kMigrationLock = kApplicationId;

Result<std::set<std::int64_t>> AppliedVersions(PgDb& db) {
  std::set<std::int64_t> applied;
  auto st = db.Prepare("SELECT version FROM schema_migrations");
  if (!st) return std::unexpected(st.error());
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    applied.insert(st->Int(0));
  }
  return applied;
}

// Only reads, so a schema that fails a check is left exactly as it was.
Result<void> CheckExisting(PgDb& db, const OpenOptions& options) {
  auto st = db.Prepare(
      "SELECT count(*) FILTER (WHERE c.relname = 'schema_migrations'), count(*) "
      "FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
      "AND c.relkind IN ('r', 'p')");
  if (!st) return std::unexpected(st.error());
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  const bool ours = st->Int(0) > 0;
  const bool empty = st->Int(1) == 0;
  if (empty && !options.create_if_missing) {
    return Fail(ErrorCode::kNotFound, "the PostgreSQL schema holds no amtszeit database");
  }
  if (!empty && !ours) {
    return Fail(ErrorCode::kDataLoss,
                "the PostgreSQL schema holds tables of another program, not an amtszeit "
                "database; nothing was modified");
  }
  if (!ours) return {};
  auto applied = AppliedVersions(db);
  if (!applied) return std::unexpected(applied.error());
  const int latest = PgMigrations().back().version;
  if (!applied->empty() && *applied->rbegin() > latest) {
    return Fail(ErrorCode::kDataLoss,
                "the PostgreSQL database has schema version {}, newer than this amtszeit "
                "understands ({}); upgrade amtszeit. Nothing was modified",
                *applied->rbegin(), latest);
  }
  return {};
}

Result<void> Migrate(PgDb& db) {
  if (auto ok = db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY "
                        "KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), description TEXT NOT "
                        "NULL)");
      !ok) {
    return ok;
  }
  // Versions are recorded one by one: a migration numbered below the newest applied one can
  // arrive later (features land out of order) and is then filled in, not skipped.
  auto applied = AppliedVersions(db);
  if (!applied) return std::unexpected(applied.error());
  for (const Migration& m : PgMigrations()) {
    if (applied->contains(m.version)) continue;
    if (auto ok = db.Exec("BEGIN"); !ok) return ok;
    auto apply = [&]() -> Result<void> {
      if (auto ok = db.Exec(m.sql); !ok) return ok;
      auto st = db.Prepare("INSERT INTO schema_migrations(version, description) VALUES (?, ?)");
      if (!st) return std::unexpected(st.error());
      return st->Bind(1, m.version).Bind(2, m.description).Run();
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

Result<std::unique_ptr<PgDb>> Connect(const std::string& url) {
  auto db = PgDb::Connect(url);
  if (!db) return db;
  // Instants are unix microseconds in BIGINT columns; UTC only matters for to_timestamp() in the
  // exclusion constraint and for people reading the tables by hand.
  if (auto ok = (*db)->Exec("SET TIME ZONE 'UTC'"); !ok) return std::unexpected(ok.error());
  return db;
}

}  // namespace

Result<std::unique_ptr<Store>> PgStore::Open(const std::string& url, const OpenOptions& options) {
  auto writer = Connect(url);
  if (!writer) return std::unexpected(writer.error());
  PgDb& db = **writer;
  if (auto ok = db.Exec(fmt::format("SELECT pg_advisory_lock({})", kMigrationLock)); !ok) {
    return std::unexpected(ok.error());
  }
  auto migrated = [&]() -> Result<void> {
    if (auto ok = CheckExisting(db, options); !ok) return ok;
    return Migrate(db);
  }();
  (void)db.Exec(fmt::format("SELECT pg_advisory_unlock({})", kMigrationLock));
  if (!migrated) return std::unexpected(migrated.error());
  auto applied = AppliedVersions(db);
  if (!applied) return std::unexpected(applied.error());
  const int version = applied->empty() ? 0 : static_cast<int>(*applied->rbegin());
  return std::unique_ptr<Store>(new PgStore(url, std::move(*writer), version));
}

PgStore::Reader::~Reader() {
  if (db_ == nullptr) return;
  std::lock_guard lock(store_->pool_mu_);
  if (db_->Broken()) {
    --store_->open_readers_;
  } else {
    store_->idle_.push_back(std::move(db_));
  }
  store_->pool_cv_.notify_one();
}

Result<PgStore::Reader> PgStore::AcquireReader() {
  {
    std::unique_lock lock(pool_mu_);
    pool_cv_.wait(lock, [&] { return !idle_.empty() || open_readers_ < kMaxReaders; });
    if (!idle_.empty()) {
      std::unique_ptr<PgDb> db = std::move(idle_.back());
      idle_.pop_back();
      return Reader(this, std::move(db));
    }
    ++open_readers_;
  }
  auto db = Connect(url_);
  if (!db) {
    std::lock_guard lock(pool_mu_);
    --open_readers_;
    pool_cv_.notify_one();
    return std::unexpected(db.error());
  }
  return Reader(this, std::move(*db));
}

template <typename F>
auto PgStore::Read(F&& load) -> decltype(load(std::declval<PgDb&>())) {
  for (int attempt = 0;; ++attempt) {
    auto reader = AcquireReader();
    if (!reader) return std::unexpected(reader.error());
    auto result = load(**reader);
    if (result || attempt > 0 || !(*reader)->Broken()) return result;
  }
}

Result<void> PgStore::EnsureWriter() {
  if (!writer_->Broken()) return {};
  auto db = Connect(url_);
  if (!db) return std::unexpected(db.error());
  writer_ = std::move(*db);
  writer_pid_ = PQbackendPID(writer_->raw());
  return {};
}

namespace {

// Other nodes hear of the group's changes when (and only if) it commits; the notification names
// the feed's new version and what changed (change_feed.h).
Result<void> AnnounceChange(PgDb& db, bool index, bool catalog,
                            const std::set<std::string, std::less<>>& queues) {
  std::string what = index ? " index" : "";
  if (catalog) what += " catalog";
  for (const std::string& location : queues) what += " queue:" + location;
  auto st = db.Prepare(
      fmt::format("WITH v AS (UPDATE change_feed SET version = version + 1 RETURNING version) "
                  "SELECT pg_notify('{}', version::text || ?) FROM v",
                  kChangeChannel));
  if (!st) return std::unexpected(st.error());
  st->Bind(1, what);
  return st->Run();
}

}  // namespace

Result<void> PgStore::Write(const WriteFn& fn) {
  const WriteFn audited = WithAudit(fn);  // a staff action's change carries its audit entry
  auto results = WriteGroup(std::span<const WriteFn>(&audited, 1));
  if (!results) return std::unexpected(results.error());
  return std::move(results->front());
}

Result<std::vector<Result<void>>> PgStore::WriteGroup(std::span<const WriteFn> fns) {
  std::lock_guard lock(write_mu_);
  // Nearly every command succeeds or fails before it changed a row: first without savepoints,
  // which cost two round trips per command (a fifth of a booking's). As SqliteStore::CommitGroup.
  bool again = false;
  auto results = WriteGroupOnce(fns, {.savepoints = false}, &again);
  if (!again) return results;
  // A deadlock with another node's group cannot always be resolved from a savepoint: this
  // transaction still holds the rows its earlier commands wrote, which the other side waits for.
  // Then the whole group is rolled back, which releases everything, and run again after a short,
  // random pause (the other side finishes meanwhile).
  thread_local std::minstd_rand jitter(std::random_device{}());
  for (int round = 0;; ++round) {
    bool restart = false;
    results = WriteGroupOnce(fns, {.savepoints = true, .may_restart = round < kMaxGroupRetries},
                             &restart);
    if (!restart) return results;
    std::this_thread::sleep_for(std::chrono::milliseconds(1 + jitter() % (5 * (round + 1))));
  }
}

Result<std::vector<Result<void>>> PgStore::WriteGroupOnce(std::span<const WriteFn> fns,
                                                          GroupMode mode, bool* again) {
  if (auto ok = EnsureWriter(); !ok) return std::unexpected(ok.error());
  PgDb& db = *writer_;
  if (auto ok = db.Exec("BEGIN"); !ok) return std::unexpected(ok.error());
  PgWriteTx tx(db);
  std::vector<Result<void>> results;
  results.reserve(fns.size());
  bool changed = false;
  bool catalog = false;
  std::set<std::string, std::less<>> queues;
  try {
    for (const WriteFn& fn : fns) {
      Result<void> r;
      if (!mode.savepoints) {
        tx.BeginCommand();
        db.ClearSqlState();
        const std::int64_t before = db.TotalChanges();
        r = fn(tx);
        if (!r &&
            (PQtransactionStatus(db.raw()) != PQTRANS_INTRANS || db.TotalChanges() != before)) {
          (void)db.Exec("ROLLBACK");
          *again = true;
          return results;
        }
      }
      // Another node's transaction can deadlock with this one (both insert into the exclusion
      // constraint's index in different orders); PostgreSQL then aborts one statement. Rolling
      // back to the savepoint releases this command's locks; when the other side still waits for
      // an earlier command's rows, the whole group starts again (WriteGroup).
      for (int attempt = 0; mode.savepoints; ++attempt) {
        if (auto ok = db.Exec("SAVEPOINT command"); !ok) {
          (void)db.Exec("ROLLBACK");
          return std::unexpected(ok.error());
        }
        tx.BeginCommand();
        db.ClearSqlState();
        r = fn(tx);
        const bool retryable = !r && db.Retryable();
        if (retryable && attempt >= 1 && mode.may_restart && !results.empty()) {
          (void)db.Exec("ROLLBACK");
          *again = true;
          return results;
        }
        const bool retry = retryable && attempt < kMaxRetries;
        if (auto end = db.Exec(r ? "RELEASE command" : "ROLLBACK TO command; RELEASE command");
            !end) {
          (void)db.Exec("ROLLBACK");
          return std::unexpected(end.error());
        }
        if (!retry) break;
      }
      if (r) {
        changed = changed || tx.Changed();
        catalog = catalog || tx.CatalogChanged();
        queues.insert(tx.Queues().begin(), tx.Queues().end());
      }
      results.push_back(std::move(r));
    }
  } catch (...) {
    (void)db.Exec("ROLLBACK");
    throw;
  }
  if (auto ok = AnnounceAndCommit(db, changed, catalog, queues); !ok) {
    return std::unexpected(ok.error());
  }
  return results;
}

Result<void> PgStore::AnnounceAndCommit(PgDb& db, bool changed, bool catalog,
                                        const std::set<std::string, std::less<>>& queues) {
  // Last, so the feed's row stays locked only for the commit itself.
  if (changed || catalog || !queues.empty()) {
    if (auto ok = AnnounceChange(db, changed, catalog, queues); !ok) {
      (void)db.Exec("ROLLBACK");
      return ok;
    }
  }
  if (auto ok = db.Exec("COMMIT"); !ok) {
    (void)db.Exec("ROLLBACK");
    return ok;
  }
  return {};
}

Result<Catalog> PgStore::ReadCatalog() {
  return Read([](PgDb& db) { return pg::LoadCatalog(db); });
}

Result<Roster> PgStore::ReadRoster(absl::CivilDay from, absl::CivilDay to) {
  return Read([&](PgDb& db) -> Result<Roster> {
    // One snapshot, so staff and shifts agree.
    if (auto ok = db.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !ok) {
      return std::unexpected(ok.error());
    }
    auto roster = pg::LoadRoster(db, from, to);
    (void)db.Exec(roster ? "COMMIT" : "ROLLBACK");
    return roster;
  });
}

Result<std::vector<SchoolHoliday>> PgStore::ReadSchoolHolidays() {
  return Read([](PgDb& db) { return pg::LoadSchoolHolidays(db); });
}

Result<std::optional<std::string>> PgStore::ReadSetting(std::string_view key) {
  return Read([&](PgDb& db) { return pg::LoadSetting(db, key); });
}

Result<std::vector<Appointment>> PgStore::ReadAppointments(absl::CivilDay from) {
  return Read([&](PgDb& db) { return pg::LoadAppointments(db, "day >= ?", FormatDay(from)); });
}

Result<std::optional<Appointment>> PgStore::FindAppointmentByCode(std::string_view code) {
  return Read([&](PgDb& db) -> Result<std::optional<Appointment>> {
    auto found = pg::LoadAppointments(db, "code = ?", code);
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return std::optional<Appointment>();
    return std::optional<Appointment>(std::move(found->front()));
  });
}

Result<std::optional<IdempotencyRecord>> PgStore::ReadIdempotency(std::string_view key) {
  return Read([&](PgDb& db) { return pg::LoadIdempotency(db, key); });
}

Result<std::vector<AppointmentEvent>> PgStore::ReadEvents(std::int64_t after_id, int limit) {
  return Read([&](PgDb& db) { return pg::LoadEvents(db, {.after_id = after_id, .limit = limit}); });
}

Result<std::vector<Appointment>> PgStore::ReadAppointmentsOn(absl::CivilDay day) {
  return Read([&](PgDb& db) { return pg::LoadAppointments(db, "day = ?", FormatDay(day)); });
}

Result<std::vector<Appointment>> PgStore::ReadAppointmentsOf(std::string_view contact_key) {
  return Read([&](PgDb& db) {
    return pg::LoadAppointments(db, "contact_key = ?1 OR phone_key = ?1", contact_key);
  });
}

Result<std::vector<Ticket>> PgStore::ReadTickets(absl::CivilDay from) {
  return Read([&](PgDb& db) { return pg::LoadTickets(db, from); });
}

Result<std::vector<TicketEvent>> PgStore::ReadTicketEvents(std::int64_t after_id, int limit) {
  return Read(
      [&](PgDb& db) { return pg::LoadTicketEvents(db, {.after_id = after_id, .limit = limit}); });
}

Result<std::vector<Counter>> PgStore::ReadCounters() {
  return Read([](PgDb& db) { return pg::LoadCounters(db); });
}

Result<std::vector<OutboxMessage>> PgStore::ReadDueMessages(MessageChannel channel, absl::Time now,
                                                            int limit) {
  return Read([&](PgDb& db) { return pg::LoadDueMessages(db, channel, now, limit); });
}

Result<std::vector<OutboxMessage>> PgStore::ReadMessagesOf(const MessageSubject& subject) {
  return Read([&](PgDb& db) { return pg::LoadMessagesOf(db, subject); });
}

Result<std::vector<CentreClosure>> PgStore::ReadCentreClosures(absl::CivilDay from,
                                                               absl::CivilDay to) {
  return Read([&](PgDb& db) { return pg::LoadCentreClosures(db, from, to); });
}

Result<std::vector<AppointmentEvent>> PgStore::ReadEventsOf(std::int64_t appointment_id) {
  return Read([&](PgDb& db) { return pg::LoadEvents(db, {.appointment_id = appointment_id}); });
}

Result<std::vector<AppointmentEvent>> PgStore::ReadEventsBetween(absl::Time from, absl::Time to) {
  return Read([&](PgDb& db) { return pg::LoadEvents(db, {.from = from, .to = to}); });
}

Result<std::vector<TicketEvent>> PgStore::ReadTicketEventsBetween(absl::Time from, absl::Time to) {
  return Read([&](PgDb& db) { return pg::LoadTicketEvents(db, {.from = from, .to = to}); });
}

Result<std::vector<SteeringAction>> PgStore::ReadActions(absl::Time from, absl::Time to) {
  return Read([&](PgDb& db) { return pg::LoadActions(db, from, to); });
}

Result<std::vector<Measure>> PgStore::ReadMeasures() {
  return Read([](PgDb& db) { return pg::LoadMeasures(db); });
}

Result<std::vector<SlotSnapshot>> PgStore::ReadSlotSnapshots(absl::CivilDay from,
                                                             absl::CivilDay to) {
  return Read([&](PgDb& db) { return pg::LoadSlotSnapshots(db, from, to); });
}

Result<std::vector<WindowSnapshot>> PgStore::ReadWindowSnapshots(absl::CivilDay from,
                                                                 absl::CivilDay to) {
  return Read([&](PgDb& db) { return pg::LoadWindowSnapshots(db, from, to); });
}

Result<std::optional<OnlineCase>> PgStore::FindCaseByCode(std::string_view code) {
  return Read([&](PgDb& db) { return pg::LoadCaseByCode(db, code); });
}

Result<std::vector<OnlineCase>> PgStore::ReadCases(const CaseFilter& filter) {
  return Read([&](PgDb& db) { return pg::LoadCases(db, filter); });
}

Result<std::vector<CaseEvent>> PgStore::ReadCaseEvents(std::int64_t case_id) {
  return Read([&](PgDb& db) { return pg::LoadCaseEvents(db, case_id); });
}

Result<std::vector<CaseDocument>> PgStore::ReadCaseDocuments(std::int64_t case_id) {
  return Read([&](PgDb& db) { return pg::LoadCaseDocuments(db, case_id); });
}

Result<std::optional<CaseDocument>> PgStore::ReadCaseDocument(std::int64_t case_id, int number) {
  return Read([&](PgDb& db) { return pg::LoadCaseDocument(db, case_id, number); });
}

Result<std::vector<WaitlistEntry>> PgStore::ReadOpenWaitlistEntries() {
  return Read([](PgDb& db) { return pg::LoadOpenWaitlistEntries(db); });
}

Result<std::optional<WaitlistEntry>> PgStore::FindWaitlistEntryByCode(std::string_view code) {
  return Read([&](PgDb& db) { return pg::LoadWaitlistEntryByCode(db, code); });
}

Result<std::optional<WaitlistEntry>> PgStore::FindWaitlistEntryByOffer(
    std::int64_t appointment_id) {
  return Read([&](PgDb& db) { return pg::LoadWaitlistEntryByOffer(db, appointment_id); });
}

Result<std::optional<StaffUser>> PgStore::ReadStaffUser(std::string_view name) {
  return Read([&](PgDb& db) { return pg::LoadStaffUser(db, name); });
}

Result<std::optional<StaffUser>> PgStore::ReadStaffUserById(std::int64_t id) {
  return Read([&](PgDb& db) { return pg::LoadStaffUserById(db, id); });
}

Result<std::vector<StaffUser>> PgStore::ReadStaffUsers() {
  return Read([](PgDb& db) { return pg::LoadStaffUsers(db); });
}

Result<std::optional<StaffSession>> PgStore::ReadStaffSession(std::string_view token_hash) {
  return Read([&](PgDb& db) { return pg::LoadStaffSession(db, token_hash); });
}

Result<std::vector<AuditEntry>> PgStore::ReadAudit(absl::Time from, absl::Time to, int limit) {
  return Read([&](PgDb& db) { return pg::LoadAudit(db, from, to, limit); });
}

Result<std::optional<LoginFailure>> PgStore::ReadLoginFailure(std::string_view key) {
  return Read([&](PgDb& db) { return pg::LoadLoginFailure(db, key); });
}

}  // namespace amtszeit::store
