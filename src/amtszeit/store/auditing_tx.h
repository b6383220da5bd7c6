// AuditingTx: a WriteTx that passes every call on to the transaction it wraps and notes, for the
// audit log, the records a staff action changes — each with its relevant fields (ids, codes,
// statuses, times; no citizen's contact, no token hash) before its first and after its last
// change in the transaction. Used by RunAudited (audit_scope.h).
//
// A method added to WriteTx needs its line in ForwardingWriteTx only, unless it changes an audited
// record.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <string>

#include "amtszeit/store/forwarding_tx.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store {

class AuditingTx : public ForwardingWriteTx {
 public:
  explicit AuditingTx(WriteTx& inner) : ForwardingWriteTx(inner) {}

  bool touched() const { return !after_.empty() || action_id_ != 0; }
  // JSON objects keyed "kind:id" ("ticket:17", "appointment:K7M2-Q9XD"); null where the record
  // did not exist before or no longer exists after. After also carries the id of a steering
  // action the change appended ("action_id"), which links the entry to that audit's row.
  std::string Before() const;
  std::string After() const;

  // What a staff action changes; the rest passes through unnoted.
  Result<std::int64_t> PutShift(const Shift& shift) override;
  Result<void> DeleteShift(std::int64_t id) override;
  Result<std::int64_t> PutAbsence(const Absence& absence) override;
  Result<void> DeleteAbsence(std::int64_t id) override;
  Result<void> PutSetting(std::string_view key, std::string_view value) override;
  Result<std::int64_t> InsertAppointment(const Appointment& a) override;
  Result<void> UpdateAppointment(const Appointment& a) override;
  Result<std::optional<Appointment>> ConfirmHold(const HoldConfirmation& c) override;
  Result<std::int64_t> InsertTicket(const Ticket& t) override;
  Result<void> UpdateTicket(const Ticket& t) override;
  Result<std::int64_t> AppendAction(const SteeringAction& action) override;
  Result<std::int64_t> PutCentreClosure(const CentreClosure& closure) override;
  Result<void> DeleteCentreClosure(std::int64_t id) override;
  Result<std::int64_t> PutMeasure(const Measure& measure) override;
  Result<std::int64_t> InsertCase(const OnlineCase& c) override;
  Result<void> UpdateCase(const OnlineCase& c) override;

 private:
  // Notes `before` only at a record's first change in this transaction.
  void Note(const std::string& key, boost::json::value before, boost::json::value after);

  std::map<std::string, boost::json::value> before_;
  std::map<std::string, boost::json::value> after_;
  std::int64_t action_id_ = 0;
};

// The relevant fields of audited records (exposed for tests).
boost::json::value AuditFields(const Appointment& a);
boost::json::value AuditFields(const Ticket& t);
boost::json::value AuditFields(const OnlineCase& c);

}  // namespace amtszeit::store
