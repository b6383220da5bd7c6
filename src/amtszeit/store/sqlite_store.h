// The embedded store: one SQLite file in WAL mode. One connection writes (BEGIN IMMEDIATE,
// serialised by a mutex); another reads beside it, seeing committed state. Commits are as durable
// as with synchronous=FULL, but the sync is a step of its own (CommitGroup, SyncCommitted).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "amtszeit/store/sqlite_db.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store {

class SqliteStore final : public Store {
 public:
  // The log is copied into the database file (checkpointed) once it holds this many frames.
  static constexpr int kWalFramesBeforeCheckpoint = 4000;

  static Result<std::unique_ptr<Store>> Open(const std::string& path, const OpenOptions& options);

  std::string_view Kind() const override { return "sqlite"; }
  int SchemaVersion() const override { return version_; }

  Result<void> Write(const WriteFn& fn) override;
  Result<std::vector<Result<void>>> WriteGroup(std::span<const WriteFn> fns) override;
  Result<std::vector<Result<void>>> CommitGroup(std::span<const WriteFn> fns) override;
  Result<void> SyncCommitted() override;
  ~SqliteStore() override;

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
  Result<std::vector<WaitlistEntry>> ReadOpenWaitlistEntries() override;
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByCode(std::string_view code) override;
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByOffer(std::int64_t id) override;

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

 private:
  // One try of WriteGroup: with `savepoints`, each function in its own; without, it sets *again
  // (and rolls everything back) when a failing function left changes behind.
  Result<std::vector<Result<void>>> WriteGroupOnce(std::span<const WriteFn> fns, bool savepoints,
                                                   bool* again);
  SqliteStore(std::unique_ptr<SqliteDb> writer, std::unique_ptr<SqliteDb> reader, int version,
              std::string wal_path)
      : writer_(std::move(writer)),
        reader_(std::move(reader)),
        version_(version),
        wal_path_(std::move(wal_path)) {}

  std::mutex write_mu_;
  std::unique_ptr<SqliteDb> writer_;  // GUARDED_BY(write_mu_)
  std::mutex read_mu_;
  std::unique_ptr<SqliteDb> reader_;  // GUARDED_BY(read_mu_)
  int version_;
  // The WAL file, which SyncCommitted() syncs; empty when the file is not in WAL mode (then every
  // commit syncs by itself). Opened on first use: the WAL exists once something was committed.
  const std::string wal_path_;
  std::mutex sync_mu_;
  int wal_fd_ = -1;  // GUARDED_BY(sync_mu_)
};

}  // namespace amtszeit::store
