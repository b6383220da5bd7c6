// AuditingTx: a WriteTx that passes every call on to the transaction it wraps and notes, for the
// audit log, the records a staff action changes — each with its relevant fields (ids, codes,
// statuses, times; no citizen's contact, no token hash) before its first and after its last
// change in the transaction. Used by RunAudited (audit_scope.h).
//
// A method added to WriteTx needs its line here (the compiler says so).
#pragma once

#include <boost/json.hpp>
#include <map>
#include <string>

#include "amtszeit/store/store.h"

namespace amtszeit::store {

class AuditingTx : public WriteTx {
 public:
  explicit AuditingTx(WriteTx& inner) : inner_(inner) {}

  bool touched() const { return !after_.empty() || action_id_ != 0; }
  // JSON objects keyed "kind:id" ("ticket:17", "appointment:K7M2-Q9XD"); null where the record
  // did not exist before or no longer exists after. After also carries the id of a steering
  // action the change appended ("action_id"), which links the entry to that audit's row.
  std::string Before() const;
  std::string After() const;

  Result<void> PutDistrict(const District& d) override { return inner_.PutDistrict(d); }
  Result<void> PutLocation(const Location& l) override { return inner_.PutLocation(l); }
  Result<void> PutService(const Service& s) override { return inner_.PutService(s); }
  Result<void> PutStaff(const Staff& s) override { return inner_.PutStaff(s); }
  Result<std::int64_t> PutShift(const Shift& shift) override;
  Result<void> DeleteShift(std::int64_t id) override;
  Result<std::int64_t> PutAbsence(const Absence& absence) override;
  Result<void> DeleteAbsence(std::int64_t id) override;
  Result<void> ReplaceSchoolHolidays(const std::vector<SchoolHoliday>& p) override {
    return inner_.ReplaceSchoolHolidays(p);
  }
  Result<void> PutSetting(std::string_view key, std::string_view value) override;
  Result<std::optional<std::string>> FindSetting(std::string_view key) override {
    return inner_.FindSetting(key);
  }

  Result<std::int64_t> InsertAppointment(const Appointment& a) override;
  Result<void> UpdateAppointment(const Appointment& a) override;
  Result<void> ConfirmAppointment(const Appointment& a) override;
  Result<std::optional<Appointment>> FindAppointmentByCode(std::string_view code) override {
    return inner_.FindAppointmentByCode(code);
  }
  Result<std::optional<Appointment>> FindAppointmentById(std::int64_t id) override {
    return inner_.FindAppointmentById(id);
  }
  Result<std::vector<Appointment>> OpenAppointmentsOf(std::string_view contact_key,
                                                      absl::Time now) override {
    return inner_.OpenAppointmentsOf(contact_key, now);
  }
  Result<std::int64_t> AppendEvent(const AppointmentEvent& e) override {
    return inner_.AppendEvent(e);
  }
  Result<std::optional<IdempotencyRecord>> FindIdempotency(std::string_view key) override {
    return inner_.FindIdempotency(key);
  }
  Result<void> PutIdempotency(const IdempotencyRecord& r) override {
    return inner_.PutIdempotency(r);
  }
  Result<ForgottenCounts> ForgetPersonalData(absl::CivilDay appointments_before,
                                             absl::Time idempotency_before) override {
    return inner_.ForgetPersonalData(appointments_before, idempotency_before);
  }

  Result<std::int64_t> InsertOutboxMessage(const OutboxMessage& m) override {
    return inner_.InsertOutboxMessage(m);
  }
  Result<void> UpdateOutboxMessage(const OutboxMessage& m) override {
    return inner_.UpdateOutboxMessage(m);
  }
  Result<std::vector<OutboxMessage>> PendingMessagesOf(const MessageSubject& subject) override {
    return inner_.PendingMessagesOf(subject);
  }
  Result<void> PutOutboxSecret(const MessageSubject& subject, std::string_view sealed) override {
    return inner_.PutOutboxSecret(subject, sealed);
  }
  Result<std::optional<std::string>> FindOutboxSecret(const MessageSubject& subject) override {
    return inner_.FindOutboxSecret(subject);
  }
  Result<void> DeleteOutboxSecret(const MessageSubject& subject) override {
    return inner_.DeleteOutboxSecret(subject);
  }

  Result<std::int64_t> InsertTicket(const Ticket& t) override;
  Result<void> UpdateTicket(const Ticket& t) override;
  Result<std::optional<Ticket>> FindTicket(std::int64_t id) override {
    return inner_.FindTicket(id);
  }
  Result<int> MaxTicketNumber(std::string_view location_id, absl::CivilDay day,
                              QueueClass queue) override {
    return inner_.MaxTicketNumber(location_id, day, queue);
  }
  Result<std::int64_t> AppendTicketEvent(const TicketEvent& e) override {
    return inner_.AppendTicketEvent(e);
  }
  Result<void> PutCounter(const Counter& c) override { return inner_.PutCounter(c); }
  Result<std::optional<QueueRows>> LockQueue(std::string_view location_id,
                                             absl::CivilDay day) override {
    return inner_.LockQueue(location_id, day);
  }

  Result<std::optional<Shift>> FindShift(std::int64_t id) override { return inner_.FindShift(id); }
  Result<std::optional<Absence>> FindAbsence(std::int64_t id) override {
    return inner_.FindAbsence(id);
  }
  Result<std::int64_t> AppendAction(const SteeringAction& action) override;
  Result<std::int64_t> PutCentreClosure(const CentreClosure& closure) override;
  Result<std::optional<CentreClosure>> FindCentreClosure(std::int64_t id) override {
    return inner_.FindCentreClosure(id);
  }
  Result<void> DeleteCentreClosure(std::int64_t id) override;
  Result<std::int64_t> PutMeasure(const Measure& measure) override;
  Result<void> PutSlotSnapshots(absl::CivilDay day,
                                const std::vector<SlotSnapshot>& rows) override {
    return inner_.PutSlotSnapshots(day, rows);
  }
  Result<void> PutWindowSnapshots(absl::CivilDay day,
                                  const std::vector<WindowSnapshot>& rows) override {
    return inner_.PutWindowSnapshots(day, rows);
  }

  Result<std::int64_t> InsertCase(const OnlineCase& c) override;
  Result<void> UpdateCase(const OnlineCase& c) override;
  Result<std::optional<OnlineCase>> FindCaseByCode(std::string_view code) override {
    return inner_.FindCaseByCode(code);
  }
  Result<std::optional<OnlineCase>> FindCaseById(std::int64_t id) override {
    return inner_.FindCaseById(id);
  }
  Result<std::int64_t> AppendCaseEvent(const CaseEvent& e) override {
    return inner_.AppendCaseEvent(e);
  }
  Result<void> InsertCaseDocument(const CaseDocument& d) override {
    return inner_.InsertCaseDocument(d);
  }
  Result<int> ForgetClosedCases(absl::Time closed_before) override {
    return inner_.ForgetClosedCases(closed_before);
  }
  Result<std::int64_t> InsertWaitlistEntry(const WaitlistEntry& e) override {
    return inner_.InsertWaitlistEntry(e);
  }
  Result<void> UpdateWaitlistEntry(const WaitlistEntry& e) override {
    return inner_.UpdateWaitlistEntry(e);
  }
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByCode(std::string_view code) override {
    return inner_.FindWaitlistEntryByCode(code);
  }
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByOffer(
      std::int64_t appointment_id) override {
    return inner_.FindWaitlistEntryByOffer(appointment_id);
  }
  Result<std::int64_t> PutStaffUser(const StaffUser& u) override { return inner_.PutStaffUser(u); }
  Result<std::optional<StaffUser>> FindStaffUser(std::string_view name) override {
    return inner_.FindStaffUser(name);
  }
  Result<void> PutStaffSession(const StaffSession& s) override { return inner_.PutStaffSession(s); }
  Result<void> TouchStaffSession(std::string_view token_hash, absl::Time last_seen) override {
    return inner_.TouchStaffSession(token_hash, last_seen);
  }
  Result<bool> SpendChallenge(std::string_view nonce, absl::Time expires_at) override {
    return inner_.SpendChallenge(nonce, expires_at);
  }
  Result<int> PruneSpentChallenges(absl::Time now) override {
    return inner_.PruneSpentChallenges(now);
  }
  Result<void> DeleteStaffSession(std::string_view token_hash) override {
    return inner_.DeleteStaffSession(token_hash);
  }
  Result<void> DeleteStaffSessionsOf(std::int64_t user_id) override {
    return inner_.DeleteStaffSessionsOf(user_id);
  }
  Result<std::int64_t> AppendAudit(const AuditEntry& e) override { return inner_.AppendAudit(e); }
  Result<std::optional<LoginFailure>> FindLoginFailure(std::string_view key) override {
    return inner_.FindLoginFailure(key);
  }
  Result<void> PutLoginFailure(const LoginFailure& f) override { return inner_.PutLoginFailure(f); }
  Result<void> DeleteLoginFailure(std::string_view key) override {
    return inner_.DeleteLoginFailure(key);
  }
  Result<void> DeleteLoginFailuresBefore(absl::Time quiet_since) override {
    return inner_.DeleteLoginFailuresBefore(quiet_since);
  }
  Result<std::string> SharedSecret(std::string_view name, std::string_view candidate) override {
    return inner_.SharedSecret(name, candidate);
  }

 private:
  // Notes `before` only at a record's first change in this transaction.
  void Note(const std::string& key, boost::json::value before, boost::json::value after);

  WriteTx& inner_;
  std::map<std::string, boost::json::value> before_;
  std::map<std::string, boost::json::value> after_;
  std::int64_t action_id_ = 0;
};

// The relevant fields of audited records (exposed for tests).
boost::json::value AuditFields(const Appointment& a);
boost::json::value AuditFields(const Ticket& t);
boost::json::value AuditFields(const OnlineCase& c);

}  // namespace amtszeit::store
