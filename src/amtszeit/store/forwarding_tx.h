// ForwardingWriteTx: a WriteTx that passes every call on to the transaction it wraps. A wrapper
// that changes a few methods (AuditingTx) derives from it and overrides only those, so a method
// added to WriteTx needs one line here rather than one in every wrapper.
#pragma once

#include "amtszeit/store/store.h"

namespace amtszeit::store {

class ForwardingWriteTx : public WriteTx {
 public:
  explicit ForwardingWriteTx(WriteTx& inner) : inner_(inner) {}

  Result<void> PutDistrict(const District& district) override {
    return inner_.PutDistrict(district);
  }
  Result<void> PutLocation(const Location& location) override {
    return inner_.PutLocation(location);
  }
  Result<void> PutService(const Service& service) override { return inner_.PutService(service); }
  Result<void> PutStaff(const Staff& staff) override { return inner_.PutStaff(staff); }
  Result<std::int64_t> PutShift(const Shift& shift) override { return inner_.PutShift(shift); }
  Result<void> DeleteShift(std::int64_t id) override { return inner_.DeleteShift(id); }
  Result<std::int64_t> PutAbsence(const Absence& absence) override {
    return inner_.PutAbsence(absence);
  }
  Result<void> DeleteAbsence(std::int64_t id) override { return inner_.DeleteAbsence(id); }
  Result<void> ReplaceSchoolHolidays(const std::vector<SchoolHoliday>& periods) override {
    return inner_.ReplaceSchoolHolidays(periods);
  }
  Result<void> PutSetting(std::string_view key, std::string_view value) override {
    return inner_.PutSetting(key, value);
  }
  Result<std::optional<std::string>> FindSetting(std::string_view key) override {
    return inner_.FindSetting(key);
  }
  Result<std::int64_t> InsertAppointment(const Appointment& appointment) override {
    return inner_.InsertAppointment(appointment);
  }
  Result<void> UpdateAppointment(const Appointment& appointment) override {
    return inner_.UpdateAppointment(appointment);
  }
  Result<std::optional<Appointment>> ConfirmHold(const HoldConfirmation& c) override {
    return inner_.ConfirmHold(c);
  }
  Result<std::optional<Appointment>> FindAppointmentByCode(std::string_view code) override {
    return inner_.FindAppointmentByCode(code);
  }
  Result<std::optional<Appointment>> FindAppointmentById(std::int64_t id) override {
    return inner_.FindAppointmentById(id);
  }
  Result<std::vector<std::string>> OpenServicesOf(std::string_view contact_key, absl::Time now,
                                                  std::int64_t except_id) override {
    return inner_.OpenServicesOf(contact_key, now, except_id);
  }
  Result<std::int64_t> AppendEvent(const AppointmentEvent& event) override {
    return inner_.AppendEvent(event);
  }
  Result<std::optional<IdempotencyRecord>> FindIdempotency(std::string_view key) override {
    return inner_.FindIdempotency(key);
  }
  Result<void> PutIdempotency(const IdempotencyRecord& record) override {
    return inner_.PutIdempotency(record);
  }
  Result<ForgottenCounts> ForgetPersonalData(absl::CivilDay appointments_before,
                                             absl::Time idempotency_before) override {
    return inner_.ForgetPersonalData(appointments_before, idempotency_before);
  }
  Result<std::int64_t> InsertOutboxMessage(const OutboxMessage& message) override {
    return inner_.InsertOutboxMessage(message);
  }
  Result<void> UpdateOutboxMessage(const OutboxMessage& message) override {
    return inner_.UpdateOutboxMessage(message);
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
  Result<std::int64_t> InsertTicket(const Ticket& ticket) override {
    return inner_.InsertTicket(ticket);
  }
  Result<void> UpdateTicket(const Ticket& ticket) override { return inner_.UpdateTicket(ticket); }
  Result<std::optional<Ticket>> FindTicket(std::int64_t id) override {
    return inner_.FindTicket(id);
  }
  Result<int> MaxTicketNumber(std::string_view location_id, absl::CivilDay day,
                              QueueClass queue) override {
    return inner_.MaxTicketNumber(location_id, day, queue);
  }
  Result<std::int64_t> AppendTicketEvent(const TicketEvent& event) override {
    return inner_.AppendTicketEvent(event);
  }
  Result<void> PutCounter(const Counter& counter) override { return inner_.PutCounter(counter); }
  Result<std::optional<QueueRows>> LockQueue(std::string_view location_id,
                                             absl::CivilDay day) override {
    return inner_.LockQueue(location_id, day);
  }
  Result<std::optional<Shift>> FindShift(std::int64_t id) override { return inner_.FindShift(id); }
  Result<std::optional<Absence>> FindAbsence(std::int64_t id) override {
    return inner_.FindAbsence(id);
  }
  Result<std::int64_t> AppendAction(const SteeringAction& action) override {
    return inner_.AppendAction(action);
  }
  Result<std::int64_t> PutCentreClosure(const CentreClosure& closure) override {
    return inner_.PutCentreClosure(closure);
  }
  Result<std::optional<CentreClosure>> FindCentreClosure(std::int64_t id) override {
    return inner_.FindCentreClosure(id);
  }
  Result<void> DeleteCentreClosure(std::int64_t id) override {
    return inner_.DeleteCentreClosure(id);
  }
  Result<std::int64_t> PutMeasure(const Measure& measure) override {
    return inner_.PutMeasure(measure);
  }
  Result<void> PutSlotSnapshots(absl::CivilDay day,
                                const std::vector<SlotSnapshot>& rows) override {
    return inner_.PutSlotSnapshots(day, rows);
  }
  Result<void> PutWindowSnapshots(absl::CivilDay day,
                                  const std::vector<WindowSnapshot>& rows) override {
    return inner_.PutWindowSnapshots(day, rows);
  }
  Result<std::int64_t> InsertCase(const OnlineCase& online_case) override {
    return inner_.InsertCase(online_case);
  }
  Result<void> UpdateCase(const OnlineCase& online_case) override {
    return inner_.UpdateCase(online_case);
  }
  Result<std::optional<OnlineCase>> FindCaseByCode(std::string_view code) override {
    return inner_.FindCaseByCode(code);
  }
  Result<std::optional<OnlineCase>> FindCaseById(std::int64_t id) override {
    return inner_.FindCaseById(id);
  }
  Result<std::int64_t> AppendCaseEvent(const CaseEvent& event) override {
    return inner_.AppendCaseEvent(event);
  }
  Result<void> InsertCaseDocument(const CaseDocument& document) override {
    return inner_.InsertCaseDocument(document);
  }
  Result<int> ForgetClosedCases(absl::Time closed_before) override {
    return inner_.ForgetClosedCases(closed_before);
  }
  Result<std::int64_t> InsertWaitlistEntry(const WaitlistEntry& entry) override {
    return inner_.InsertWaitlistEntry(entry);
  }
  Result<void> UpdateWaitlistEntry(const WaitlistEntry& entry) override {
    return inner_.UpdateWaitlistEntry(entry);
  }
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByCode(std::string_view code) override {
    return inner_.FindWaitlistEntryByCode(code);
  }
  Result<std::optional<WaitlistEntry>> FindWaitlistEntryByOffer(
      std::int64_t appointment_id) override {
    return inner_.FindWaitlistEntryByOffer(appointment_id);
  }
  Result<std::int64_t> PutStaffUser(const StaffUser& user) override {
    return inner_.PutStaffUser(user);
  }
  Result<std::optional<StaffUser>> FindStaffUser(std::string_view name) override {
    return inner_.FindStaffUser(name);
  }
  Result<void> PutStaffSession(const StaffSession& session) override {
    return inner_.PutStaffSession(session);
  }
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
  Result<std::int64_t> AppendAudit(const AuditEntry& entry) override {
    return inner_.AppendAudit(entry);
  }
  Result<std::optional<LoginFailure>> FindLoginFailure(std::string_view key) override {
    return inner_.FindLoginFailure(key);
  }
  Result<void> PutLoginFailure(const LoginFailure& failure) override {
    return inner_.PutLoginFailure(failure);
  }
  Result<void> DeleteLoginFailure(std::string_view key) override {
    return inner_.DeleteLoginFailure(key);
  }
  Result<void> DeleteLoginFailuresBefore(absl::Time quiet_since) override {
    return inner_.DeleteLoginFailuresBefore(quiet_since);
  }
  Result<std::string> SharedSecret(std::string_view name, std::string_view candidate) override {
    return inner_.SharedSecret(name, candidate);
  }

 protected:
  WriteTx& inner() { return inner_; }

 private:
  WriteTx& inner_;
};

}  // namespace amtszeit::store
