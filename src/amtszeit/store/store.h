// Store: the one place state is kept. Feature modules talk to storage only through this
// interface; implementations (sqlite/ embedded, postgres/ for many nodes) are interchangeable and
// pass the same conformance suite.
//
// Writes are atomic units: Write() runs a function against a WriteTx inside one transaction and
// commits only when the function succeeds; any error rolls everything back. Reads see committed
// state only.
//
//   auto store = OpenStore("var/amtszeit.db");           // Result<std::unique_ptr<Store>>
//   auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
//     return tx.PutDistrict({.id = "altona", .name = "Altona"});
//   });
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/appointment.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/online_case.h"
#include "amtszeit/domain/outbox_message.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/domain/school_holidays.h"
#include "amtszeit/domain/staff_account.h"
#include "amtszeit/domain/steering_records.h"
#include "amtszeit/domain/ticket.h"
#include "amtszeit/domain/waitlist_entry.h"

namespace amtszeit::store {

// The first answer to a request with an Idempotency-Key, kept so a retry gets the same answer.
struct IdempotencyRecord {
  std::string key;          // scoped by operation, e.g. "hold:<client key>"
  std::string fingerprint;  // hash of the request; a different request with the key is refused
  std::string appointment_code;
  std::string token;  // the secret the first answer carried; purged with the record
  absl::Time created_at;
};

// What confirming a hold writes (WriteTx::ConfirmHold).
struct HoldConfirmation {
  std::string code;
  std::string token_hash;  // of the token the caller presented
  Contact contact;
  std::string contact_key;
  std::string phone_key;
  absl::Time at;  // the confirmation's time: the hold must not have expired by then
};

// What a retention run removed.
struct ForgottenCounts {
  int appointments = 0;      // whose contact details and dates were cleared
  int idempotency_keys = 0;  // deleted with the tokens they kept
  int cases = 0;             // online cases whose answers, notes and documents were cleared
};

// Which online cases to read: by status and service, oldest first.
struct CaseFilter {
  std::vector<CaseStatus> statuses;  // empty: any
  std::string service_id;            // empty: any
  int limit = 500;
};

// A location's walk-in queue as stored: the day's tickets there and its counters.
struct QueueRows {
  std::vector<Ticket> tickets;  // by id
  std::vector<Counter> counters;
};

// Mutations available inside one transaction. Put* inserts or replaces by id.
class WriteTx {
 public:
  virtual ~WriteTx() = default;

  virtual Result<void> PutDistrict(const District& district) = 0;
  virtual Result<void> PutLocation(const Location& location) = 0;  // with its opening hours
  virtual Result<void> PutService(const Service& service) = 0;
  virtual Result<void> PutStaff(const Staff& staff) = 0;
  // id == 0 assigns a new id; returns the stored id.
  virtual Result<std::int64_t> PutShift(const Shift& shift) = 0;
  virtual Result<void> DeleteShift(std::int64_t id) = 0;
  virtual Result<std::int64_t> PutAbsence(const Absence& absence) = 0;
  virtual Result<void> DeleteAbsence(std::int64_t id) = 0;
  // Replaces the whole school-holiday table.
  virtual Result<void> ReplaceSchoolHolidays(const std::vector<SchoolHoliday>& periods) = 0;
  virtual Result<void> PutSetting(std::string_view key, std::string_view value) = 0;
  virtual Result<std::optional<std::string>> FindSetting(std::string_view key) = 0;

  // Appointments. Inserting or updating a row so that two rows occupying time (held, confirmed,
  // checked in, called) overlap for one staff member fails with kConflict: the database enforces
  // what the capacity index promises.
  virtual Result<std::int64_t> InsertAppointment(const Appointment& appointment) = 0;
  virtual Result<void> UpdateAppointment(const Appointment& appointment) = 0;
  // Confirms the hold `code` in one statement, if it is still a hold at `at` (held, not expired)
  // and `token_hash` is its token's: writes only status, contact, contact and phone keys, and
  // created and updated times (`at`), and returns the confirmed row. The staff member and time
  // stay as the hold stored them (and checked). Nothing, and nothing changed, when there is no
  // such hold: the caller reads the row to tell why.
  virtual Result<std::optional<Appointment>> ConfirmHold(const HoldConfirmation& c) = 0;
  virtual Result<std::optional<Appointment>> FindAppointmentByCode(std::string_view code) = 0;
  virtual Result<std::optional<Appointment>> FindAppointmentById(std::int64_t id) = 0;
  // The services of a contact's open appointments (confirmed or checked in, starting after
  // `now`) other than `except_id`, a service once per appointment that books it: what the
  // per-person limit compares a new booking with.
  virtual Result<std::vector<std::string>> OpenServicesOf(std::string_view contact_key,
                                                          absl::Time now,
                                                          std::int64_t except_id) = 0;
  virtual Result<std::int64_t> AppendEvent(const AppointmentEvent& event) = 0;
  virtual Result<std::optional<IdempotencyRecord>> FindIdempotency(std::string_view key) = 0;
  virtual Result<void> PutIdempotency(const IdempotencyRecord& record) = 0;
  // Data protection: clears the contact details (and move-in and travel dates) of appointments
  // on days before `appointments_before`, and deletes idempotency records created before
  // `idempotency_before`. Events carry no personal data and stay for the statistics.
  virtual Result<ForgottenCounts> ForgetPersonalData(absl::CivilDay appointments_before,
                                                     absl::Time idempotency_before) = 0;

  // Notification outbox (notify/): messages are inserted in the transaction of the change they
  // tell about.
  virtual Result<std::int64_t> InsertOutboxMessage(const OutboxMessage& message) = 0;
  // Writes status, recipient, due and attempt times, attempts and error of a message that is
  // still pending; kConflict when it no longer is (a change dropped it meanwhile).
  virtual Result<void> UpdateOutboxMessage(const OutboxMessage& message) = 0;
  virtual Result<std::vector<OutboxMessage>> PendingMessagesOf(const MessageSubject& subject) = 0;
  // The link token of a subject's messages (an appointment's, a case's), sealed by notify/
  // (opaque here).
  virtual Result<void> PutOutboxSecret(const MessageSubject& subject, std::string_view sealed) = 0;
  virtual Result<std::optional<std::string>> FindOutboxSecret(const MessageSubject& subject) = 0;
  virtual Result<void> DeleteOutboxSecret(const MessageSubject& subject) = 0;

  // Tickets and counters. (location, day, queue, number) is unique: kConflict otherwise.
  virtual Result<std::int64_t> InsertTicket(const Ticket& ticket) = 0;
  virtual Result<void> UpdateTicket(const Ticket& ticket) = 0;
  virtual Result<std::optional<Ticket>> FindTicket(std::int64_t id) = 0;
  // The highest number issued in a queue on a day, 0 when none.
  virtual Result<int> MaxTicketNumber(std::string_view location_id, absl::CivilDay day,
                                      QueueClass queue) = 0;
  virtual Result<std::int64_t> AppendTicketEvent(const TicketEvent& event) = 0;
  virtual Result<void> PutCounter(const Counter& counter) = 0;
  // Serialises changes to one location's queue across processes until the transaction ends and
  // reads the queue's rows of `day` under that lock; other nodes hear of the change when it
  // commits. nullopt when this process is the store's only writer (SQLite): its memory is the
  // truth and nothing needs reading.
  virtual Result<std::optional<QueueRows>> LockQueue(std::string_view location_id,
                                                     absl::CivilDay day) = 0;

  // Central steering. Actions are append-only (the database refuses updates and deletes).
  virtual Result<std::optional<Shift>> FindShift(std::int64_t id) = 0;
  virtual Result<std::optional<Absence>> FindAbsence(std::int64_t id) = 0;
  virtual Result<std::int64_t> AppendAction(const SteeringAction& action) = 0;
  // id == 0 assigns a new id; returns the stored id.
  virtual Result<std::int64_t> PutCentreClosure(const CentreClosure& closure) = 0;
  virtual Result<std::optional<CentreClosure>> FindCentreClosure(std::int64_t id) = 0;
  virtual Result<void> DeleteCentreClosure(std::int64_t id) = 0;
  // id == 0 assigns a new id; returns the stored id.
  virtual Result<std::int64_t> PutMeasure(const Measure& measure) = 0;
  // Replace the snapshots taken on `day`.
  virtual Result<void> PutSlotSnapshots(absl::CivilDay day,
                                        const std::vector<SlotSnapshot>& rows) = 0;
  virtual Result<void> PutWindowSnapshots(absl::CivilDay day,
                                          const std::vector<WindowSnapshot>& rows) = 0;

  // Online cases. The code is unique (kConflict otherwise). Documents are numbered by the caller.
  virtual Result<std::int64_t> InsertCase(const OnlineCase& online_case) = 0;
  // Writes status, assignee, location and times.
  virtual Result<void> UpdateCase(const OnlineCase& online_case) = 0;
  virtual Result<std::optional<OnlineCase>> FindCaseByCode(std::string_view code) = 0;
  virtual Result<std::optional<OnlineCase>> FindCaseById(std::int64_t id) = 0;
  virtual Result<std::int64_t> AppendCaseEvent(const CaseEvent& event) = 0;
  virtual Result<void> InsertCaseDocument(const CaseDocument& document) = 0;
  // Data protection: clears answers, event notes and documents of cases closed before the time.
  virtual Result<int> ForgetClosedCases(absl::Time closed_before) = 0;
  // The waitlist (waitlist/). Codes are unique: kConflict otherwise.
  virtual Result<std::int64_t> InsertWaitlistEntry(const WaitlistEntry& entry) = 0;
  virtual Result<void> UpdateWaitlistEntry(const WaitlistEntry& entry) = 0;
  virtual Result<std::optional<WaitlistEntry>> FindWaitlistEntryByCode(std::string_view code) = 0;
  // The entry whose open or last offer is the hold `appointment_id`.
  virtual Result<std::optional<WaitlistEntry>> FindWaitlistEntryByOffer(
      std::int64_t appointment_id) = 0;
  // Staff accounts, sessions and the audit log (auth/).
  // id == 0 inserts (kConflict when the name is taken); returns the stored id.
  virtual Result<std::int64_t> PutStaffUser(const StaffUser& user) = 0;
  virtual Result<std::optional<StaffUser>> FindStaffUser(std::string_view name) = 0;
  virtual Result<void> PutStaffSession(const StaffSession& session) = 0;
  // Moves last_seen forward only: a late batch never takes back a newer time another node wrote.
  virtual Result<void> TouchStaffSession(std::string_view token_hash, absl::Time last_seen) = 0;
  virtual Result<void> DeleteStaffSession(std::string_view token_hash) = 0;
  virtual Result<void> DeleteStaffSessionsOf(std::int64_t user_id) = 0;
  // Append-only: the database refuses updates and deletes.
  virtual Result<std::int64_t> AppendAudit(const AuditEntry& entry) = 0;
  // Login throttling (auth::LoginThrottle), shared by every node.
  virtual Result<std::optional<LoginFailure>> FindLoginFailure(std::string_view key) = 0;
  virtual Result<void> PutLoginFailure(const LoginFailure& failure) = 0;  // by key
  virtual Result<void> DeleteLoginFailure(std::string_view key) = 0;
  // Deletes the keys whose last failure lies before `quiet_since`.
  virtual Result<void> DeleteLoginFailuresBefore(absl::Time quiet_since) = 0;
  // A secret every node must share (e.g. the proof-of-work MAC key): stores `candidate` under
  // `name` unless a value is there already, and returns the stored value.
  virtual Result<std::string> SharedSecret(std::string_view name, std::string_view candidate) = 0;
  // Proof of work: marks a solved challenge (by its nonce) spent until it expires. false, and
  // nothing written, when any node spent it before.
  virtual Result<bool> SpendChallenge(std::string_view nonce, absl::Time expires_at) = 0;
  // Forgets spent challenges that expired at or before `now`; returns how many.
  virtual Result<int> PruneSpentChallenges(absl::Time now) = 0;
};

using WriteFn = std::function<Result<void>(WriteTx&)>;

class Store {
 public:
  virtual ~Store() = default;

  virtual std::string_view Kind() const = 0;  // "sqlite", "postgresql"
  // The schema version this store is at (after migrations ran at open).
  virtual int SchemaVersion() const = 0;

  // REQUIRES: fn does not call back into this Store.
  virtual Result<void> Write(const WriteFn& fn) = 0;
  // Group commit: one transaction, each function inside its own savepoint (a failing function
  // rolls back only its own changes), one durable commit. The outer error means the commit itself
  // failed and nothing was written; otherwise one result per function.
  virtual Result<std::vector<Result<void>>> WriteGroup(std::span<const WriteFn> fns) = 0;
  // Group commit in two steps, for a writer that prepares its next group while the disk takes
  // the last (booking::Writer): CommitGroup commits like WriteGroup, so every later read sees the
  // rows, but may return before they are on disk; SyncCommitted() returns once everything
  // committed before the call is. Nobody may be told of a write before its sync returned. A store
  // whose commit is durable by itself (PostgreSQL) has nothing left to sync.
  virtual Result<std::vector<Result<void>>> CommitGroup(std::span<const WriteFn> fns) {
    return WriteGroup(fns);
  }
  virtual Result<void> SyncCommitted() { return {}; }

  virtual Result<Catalog> ReadCatalog() = 0;
  // All staff; shifts on days in [from, to]; absences overlapping [from, to].
  // Staff, and the shifts, absences and closures that touch a day in [from, to].
  virtual Result<Roster> ReadRoster(absl::CivilDay from, absl::CivilDay to) = 0;
  // Closures of centres touching a day in [from, to] (also part of ReadRoster).
  virtual Result<std::vector<CentreClosure>> ReadCentreClosures(absl::CivilDay from,
                                                                absl::CivilDay to) = 0;
  virtual Result<std::vector<SchoolHoliday>> ReadSchoolHolidays() = 0;
  virtual Result<std::optional<std::string>> ReadSetting(std::string_view key) = 0;

  // Appointments on days >= from, any status.
  virtual Result<std::vector<Appointment>> ReadAppointments(absl::CivilDay from) = 0;
  virtual Result<std::vector<Appointment>> ReadAppointmentsOn(absl::CivilDay day) = 0;
  // Every appointment of one contact (its contact_key or phone_key), any status.
  virtual Result<std::vector<Appointment>> ReadAppointmentsOf(std::string_view contact_key) = 0;
  virtual Result<std::optional<Appointment>> FindAppointmentByCode(std::string_view code) = 0;
  virtual Result<std::optional<IdempotencyRecord>> ReadIdempotency(std::string_view key) = 0;
  // Events with id > after_id, oldest first.
  virtual Result<std::vector<AppointmentEvent>> ReadEvents(std::int64_t after_id, int limit) = 0;
  // Tickets issued on days >= from, any status, by id.
  virtual Result<std::vector<Ticket>> ReadTickets(absl::CivilDay from) = 0;
  virtual Result<std::vector<TicketEvent>> ReadTicketEvents(std::int64_t after_id, int limit) = 0;
  virtual Result<std::vector<Counter>> ReadCounters() = 0;
  // Pending messages of a channel whose next attempt is due at `now`, earliest first.
  virtual Result<std::vector<OutboxMessage>> ReadDueMessages(MessageChannel channel, absl::Time now,
                                                             int limit) = 0;
  // One subject's messages, any status, by id.
  virtual Result<std::vector<OutboxMessage>> ReadMessagesOf(const MessageSubject& subject) = 0;

  // Events with `at` in [from, to), oldest first: the statistics' input.
  // One appointment's events, oldest first.
  virtual Result<std::vector<AppointmentEvent>> ReadEventsOf(std::int64_t appointment_id) = 0;
  virtual Result<std::vector<AppointmentEvent>> ReadEventsBetween(absl::Time from,
                                                                  absl::Time to) = 0;
  virtual Result<std::vector<TicketEvent>> ReadTicketEventsBetween(absl::Time from,
                                                                   absl::Time to) = 0;
  virtual Result<std::vector<SteeringAction>> ReadActions(absl::Time from, absl::Time to) = 0;
  virtual Result<std::vector<Measure>> ReadMeasures() = 0;
  // Snapshots taken on days in [from, to].
  virtual Result<std::vector<SlotSnapshot>> ReadSlotSnapshots(absl::CivilDay from,
                                                              absl::CivilDay to) = 0;
  virtual Result<std::vector<WindowSnapshot>> ReadWindowSnapshots(absl::CivilDay from,
                                                                  absl::CivilDay to) = 0;

  // Online cases (see WriteTx). Documents without their data, by number; one with its data.
  virtual Result<std::optional<OnlineCase>> FindCaseByCode(std::string_view code) = 0;
  virtual Result<std::vector<OnlineCase>> ReadCases(const CaseFilter& filter) = 0;
  virtual Result<std::vector<CaseEvent>> ReadCaseEvents(std::int64_t case_id) = 0;
  virtual Result<std::vector<CaseDocument>> ReadCaseDocuments(std::int64_t case_id) = 0;
  virtual Result<std::optional<CaseDocument>> ReadCaseDocument(std::int64_t case_id,
                                                               int number) = 0;
  // Waitlist entries still waiting or offered, in order of arrival.
  virtual Result<std::vector<WaitlistEntry>> ReadOpenWaitlistEntries() = 0;
  virtual Result<std::optional<WaitlistEntry>> FindWaitlistEntryByCode(std::string_view code) = 0;
  virtual Result<std::optional<WaitlistEntry>> FindWaitlistEntryByOffer(
      std::int64_t appointment_id) = 0;
  // Staff accounts, sessions and the audit log.
  virtual Result<std::optional<StaffUser>> ReadStaffUser(std::string_view name) = 0;
  virtual Result<std::optional<StaffUser>> ReadStaffUserById(std::int64_t id) = 0;
  virtual Result<std::vector<StaffUser>> ReadStaffUsers() = 0;
  virtual Result<std::optional<StaffSession>> ReadStaffSession(std::string_view token_hash) = 0;
  // Entries with `at` in [from, to), newest first, at most `limit`.
  virtual Result<std::vector<AuditEntry>> ReadAudit(absl::Time from, absl::Time to, int limit) = 0;
  virtual Result<std::optional<LoginFailure>> ReadLoginFailure(std::string_view key) = 0;
};

// Upserts a whole catalogue (districts, locations with their hours, services) within `tx`.
Result<void> PutCatalog(WriteTx& tx, const Catalog& catalog);

// The newest schema version this build knows. A database at a higher version is refused.
int LatestSchemaVersion();

struct OpenOptions {
  bool create_if_missing = true;
};

// Opens a store by URL: "sqlite:PATH" or a plain PATH for SQLite, "postgresql://..." (a libpq URI)
// for PostgreSQL.
// Runs pending migrations. A corrupt file, a file that is not an amtszeit database, or one written
// by a newer version fails with kDataLoss and is left untouched.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url, const OpenOptions& options = {});

}  // namespace amtszeit::store
