// The store for several server nodes: PostgreSQL through libpq. Writes go through one connection
// per process (serialised, like SQLite's writer, so the booking writer's group commit keeps its
// meaning); reads take a connection from a small pool. Other nodes write beside this one: the
// database's constraints (the appointments' exclusion constraint, unique keys) decide races, and
// a lost race is kConflict, exactly as with SQLite.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "amtszeit/store/pg_db.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store {

class PgStore final : public Store {
 public:
  // `url` is a libpq connection URI (postgresql://user@host:port/db?options=...).
  static Result<std::unique_ptr<Store>> Open(const std::string& url, const OpenOptions& options);

  std::string_view Kind() const override { return "postgresql"; }
  const std::string& Url() const { return url_; }
  // The server process of the writer connection: the change feed skips its own notifications.
  int WriterPid() const { return writer_pid_.load(); }
  int SchemaVersion() const override { return version_; }

  Result<void> Write(const WriteFn& fn) override;
  Result<std::vector<Result<void>>> WriteGroup(std::span<const WriteFn> fns) override;

  Result<Catalog> ReadCatalog() override;
  Result<Roster> ReadRoster(absl::CivilDay from, absl::CivilDay to) override;
  Result<std::vector<SchoolHoliday>> ReadSchoolHolidays() override;
  Result<std::optional<std::string>> ReadSetting(std::string_view key) override;
  Result<std::vector<Appointment>> ReadAppointments(absl::CivilDay from) override;
  Result<std::optional<Appointment>> FindAppointmentByCode(std::string_view code) override;
  Result<std::optional<IdempotencyRecord>> ReadIdempotency(std::string_view key) override;
  Result<std::vector<AppointmentEvent>> ReadEvents(std::int64_t after_id, int limit) override;
  Result<std::vector<Appointment>> ReadAppointmentsOn(absl::CivilDay day) override;
  Result<std::vector<Appointment>> ReadAppointmentsOf(std::string_view contact_key) override;
  Result<std::vector<Ticket>> ReadTickets(absl::CivilDay from) override;
  Result<std::vector<TicketEvent>> ReadTicketEvents(std::int64_t after_id, int limit) override;
  Result<std::vector<Counter>> ReadCounters() override;
  Result<std::vector<OutboxMessage>> ReadDueMessages(MessageChannel channel, absl::Time now,
                                                     int limit) override;
  Result<std::vector<OutboxMessage>> ReadMessagesOf(const MessageSubject& subject) override;
  Result<std::vector<AppointmentEvent>> ReadEventsOf(std::int64_t appointment_id) override;
  Result<std::vector<CentreClosure>> ReadCentreClosures(absl::CivilDay from,
                                                        absl::CivilDay to) override;
  Result<std::vector<AppointmentEvent>> ReadEventsBetween(absl::Time from, absl::Time to) override;
  Result<std::vector<TicketEvent>> ReadTicketEventsBetween(absl::Time from, absl::Time to) override;
  Result<std::vector<SteeringAction>> ReadActions(absl::Time from, absl::Time to) override;
  Result<std::vector<Measure>> ReadMeasures() override;
  Result<std::vector<SlotSnapshot>> ReadSlotSnapshots(absl::CivilDay from,
                                                      absl::CivilDay to) override;
  Result<std::vector<WindowSnapshot>> ReadWindowSnapshots(absl::CivilDay from,
                                                          absl::CivilDay to) override;

  Result<std::optional<OnlineCase>> FindCaseByCode(std::string_view code) override;
  Result<std::vector<OnlineCase>> ReadCases(const CaseFilter& filter) override;
  Result<std::vector<CaseEvent>> ReadCaseEvents(std::int64_t case_id) override;
  Result<std::vector<CaseDocument>> ReadCaseDocuments(std::int64_t case_id) override;
  Result<std::optional<CaseDocument>> ReadCaseDocument(std::int64_t case_id, int number) override;
  Result<std::optional<StaffUser>> ReadStaffUser(std::string_view name) override;
  Result<std::optional<StaffUser>> ReadStaffUserById(std::int64_t id) override;
  Result<std::vector<StaffUser>> ReadStaffUsers() override;
  Result<std::optional<StaffSession>> ReadStaffSession(std::string_view token_hash) override;
  Result<std::vector<AuditEntry>> ReadAudit(absl::Time from, absl::Time to, int limit) override;
  Result<std::optional<LoginFailure>> ReadLoginFailure(std::string_view key) override;
  Result<std::vector<WaitlistEntry>> ReadOpenWaitlistEntries() override;
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByCode(std::string_view code) override;
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByOffer(
      std::int64_t appointment_id) override;

 private:
  static constexpr std::size_t kMaxReaders = 4;
  static constexpr int kMaxRetries = 8;       // of one command after a deadlock
  static constexpr int kMaxGroupRetries = 8;  // of a whole group after a deadlock

  struct GroupMode {
    bool savepoints = true;    // false: none, and *again when a command needs one
    bool may_restart = false;  // whether a deadlock may start the whole group again
  };
  // One attempt of WriteGroup. With savepoints, every command has one of its own; sets *again
  // (after rolling back) when a deadlock needs the whole group to start again and `may_restart`
  // allows it. Without, sets *again (after rolling back) when a command failed after it changed
  // rows or its failure aborted the transaction: then only savepoints can keep the others.
  Result<std::vector<Result<void>>> WriteGroupOnce(std::span<const WriteFn> fns, GroupMode mode,
                                                   bool* again);
  // Tells other nodes what the group changed (if anything), then commits.
  Result<void> AnnounceAndCommit(PgDb& db, bool changed, bool catalog,
                                 const std::set<std::string, std::less<>>& queues);

  PgStore(std::string url, std::unique_ptr<PgDb> writer, int version)
      : url_(std::move(url)),
        writer_(std::move(writer)),
        writer_pid_(PQbackendPID(writer_->raw())),
        version_(version) {}

  // A pooled reader, returned to the pool when destroyed.
  class Reader {
   public:
    Reader(PgStore* store, std::unique_ptr<PgDb> db) : store_(store), db_(std::move(db)) {}
    Reader(Reader&&) = default;
    ~Reader();
    PgDb& operator*() { return *db_; }
    PgDb* operator->() { return db_.get(); }

   private:
    PgStore* store_;
    std::unique_ptr<PgDb> db_;
  };
  Result<Reader> AcquireReader();
  // Runs `load` on a pooled reader; a connection lost meanwhile is replaced and `load` retried
  // once (reads are idempotent).
  template <typename F>
  auto Read(F&& load) -> decltype(load(std::declval<PgDb&>()));
  // Reconnects the writer when the server closed its connection (a restart, a failover).
  Result<void> EnsureWriter();

  std::string url_;
  std::mutex write_mu_;
  std::unique_ptr<PgDb> writer_;  // GUARDED_BY(write_mu_)
  std::atomic<int> writer_pid_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<PgDb>> idle_;  // GUARDED_BY(pool_mu_)
  std::size_t open_readers_ = 0;             // GUARDED_BY(pool_mu_)
  int version_;
};

}  // namespace amtszeit::store
