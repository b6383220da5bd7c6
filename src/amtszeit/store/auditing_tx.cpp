#include "amtszeit/store/auditing_tx.h"

#include "absl/time/time.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/json_codec.h"

namespace amtszeit::store {

namespace json = boost::json;

namespace {

std::string Utc(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_sec, t, absl::UTCTimeZone());
}

json::value OptionalUtc(const std::optional<absl::Time>& t) {
  return t ? json::value(Utc(*t)) : json::value(nullptr);
}

json::array Ids(const std::vector<std::string>& ids) { return json::array(ids.begin(), ids.end()); }

template <typename T>
json::value OrNull(const std::optional<T>& v, json::value (*fields)(const T&)) {
  return v ? fields(*v) : json::value(nullptr);
}

// A staff member's absence without its free-text note (it may say why someone is ill).
json::value AbsenceFields(const Absence& a) {
  json::value v = ToJson(a);
  if (v.is_object()) v.as_object().erase("note");
  return v;
}
json::value ShiftFields(const Shift& s) { return ToJson(s); }
json::value ClosureFields(const CentreClosure& c) { return ToJson(c); }

json::value MeasureFields(const Measure& m) {
  return {{"id", m.id},
          {"district_id", m.district_id},
          {"day", FormatDay(m.day)},
          {"title", m.title},
          {"status", ToString(m.status)}};
}

std::string Serialize(const std::map<std::string, json::value>& records, std::int64_t action_id) {
  json::object o;
  for (const auto& [key, value] : records) o[key] = value;
  if (action_id != 0) o["action_id"] = action_id;
  return json::serialize(o);
}

}  // namespace

json::value AuditFields(const Appointment& a) {
  json::object o{{"id", a.id},
                 {"code", a.code},
                 {"location_id", a.location_id},
                 {"staff_id", a.staff_id},
                 {"start", Utc(a.start)},
                 {"end", Utc(a.end)},
                 {"services", Ids(a.service_ids)},
                 {"channel", ToString(a.channel)},
                 {"status", ToString(a.status)}};
  if (a.rescheduled_from) o["rescheduled_from"] = *a.rescheduled_from;
  return o;
}

json::value AuditFields(const Ticket& t) {
  json::object o{{"id", t.id},
                 {"number", TicketLabel(t)},
                 {"location_id", t.location_id},
                 {"day", FormatDay(t.day)},
                 {"queue", ToString(t.queue)},
                 {"services", Ids(t.service_ids)},
                 {"status", ToString(t.status)},
                 {"counter", t.counter},
                 {"called_at", OptionalUtc(t.called_at)},
                 {"finished_at", OptionalUtc(t.finished_at)},
                 {"recalls", t.recalls}};
  if (!t.appointment_code.empty()) o["appointment_code"] = t.appointment_code;
  if (t.transferred_from) o["transferred_from"] = *t.transferred_from;
  return o;
}

json::value AuditFields(const OnlineCase& c) {
  return {{"id", c.id},
          {"code", c.code},
          {"service_id", c.service_id},
          {"status", ToString(c.status)},
          {"assignee", c.assignee},
          {"location_id", c.location_id}};
}

std::string AuditingTx::Before() const { return Serialize(before_, 0); }
std::string AuditingTx::After() const { return Serialize(after_, action_id_); }

void AuditingTx::Note(const std::string& key, json::value before, json::value after) {
  before_.try_emplace(key, std::move(before));
  after_[key] = std::move(after);
}

Result<std::int64_t> AuditingTx::PutShift(const Shift& shift) {
  json::value before = nullptr;
  if (shift.id != 0) {
    auto old = inner().FindShift(shift.id);
    if (!old) return std::unexpected(old.error());
    before = OrNull(*old, &ShiftFields);
  }
  auto id = inner().PutShift(shift);
  if (!id) return id;
  Shift stored = shift;
  stored.id = *id;
  Note("shift:" + std::to_string(*id), std::move(before), ShiftFields(stored));
  return id;
}

Result<void> AuditingTx::DeleteShift(std::int64_t id) {
  auto old = inner().FindShift(id);
  if (!old) return std::unexpected(old.error());
  if (auto ok = inner().DeleteShift(id); !ok) return ok;
  Note("shift:" + std::to_string(id), OrNull(*old, &ShiftFields), nullptr);
  return {};
}

Result<std::int64_t> AuditingTx::PutAbsence(const Absence& absence) {
  json::value before = nullptr;
  if (absence.id != 0) {
    auto old = inner().FindAbsence(absence.id);
    if (!old) return std::unexpected(old.error());
    before = OrNull(*old, &AbsenceFields);
  }
  auto id = inner().PutAbsence(absence);
  if (!id) return id;
  Absence stored = absence;
  stored.id = *id;
  Note("absence:" + std::to_string(*id), std::move(before), AbsenceFields(stored));
  return id;
}

Result<void> AuditingTx::DeleteAbsence(std::int64_t id) {
  auto old = inner().FindAbsence(id);
  if (!old) return std::unexpected(old.error());
  if (auto ok = inner().DeleteAbsence(id); !ok) return ok;
  Note("absence:" + std::to_string(id), OrNull(*old, &AbsenceFields), nullptr);
  return {};
}

Result<void> AuditingTx::PutSetting(std::string_view key, std::string_view value) {
  auto old = inner().FindSetting(key);
  if (!old) return std::unexpected(old.error());
  if (auto ok = inner().PutSetting(key, value); !ok) return ok;
  Note("setting:" + std::string(key), *old ? json::value(**old) : json::value(nullptr),
       json::value(value));
  return {};
}

Result<std::int64_t> AuditingTx::InsertAppointment(const Appointment& a) {
  auto id = inner().InsertAppointment(a);
  if (!id) return id;
  Appointment stored = a;
  stored.id = *id;
  Note("appointment:" + a.code, nullptr, AuditFields(stored));
  return id;
}

Result<void> AuditingTx::UpdateAppointment(const Appointment& a) {
  auto old = inner().FindAppointmentById(a.id);
  if (!old) return std::unexpected(old.error());
  if (auto ok = inner().UpdateAppointment(a); !ok) return ok;
  Note("appointment:" + a.code, OrNull<Appointment>(*old, &AuditFields), AuditFields(a));
  return {};
}

Result<std::optional<Appointment>> AuditingTx::ConfirmHold(const HoldConfirmation& c) {
  auto old = inner().FindAppointmentByCode(c.code);
  if (!old) return std::unexpected(old.error());
  auto confirmed = inner().ConfirmHold(c);
  if (!confirmed) return confirmed;
  const std::optional<Appointment>& row = *confirmed;
  if (!row) return confirmed;  // not confirmed: nothing changed, nothing to note
  Note("appointment:" + row->code, OrNull<Appointment>(*old, &AuditFields), AuditFields(*row));
  return confirmed;
}

Result<std::int64_t> AuditingTx::InsertTicket(const Ticket& t) {
  auto id = inner().InsertTicket(t);
  if (!id) return id;
  Ticket stored = t;
  stored.id = *id;
  Note("ticket:" + std::to_string(*id), nullptr, AuditFields(stored));
  return id;
}

Result<void> AuditingTx::UpdateTicket(const Ticket& t) {
  auto old = inner().FindTicket(t.id);
  if (!old) return std::unexpected(old.error());
  if (auto ok = inner().UpdateTicket(t); !ok) return ok;
  Note("ticket:" + std::to_string(t.id), OrNull<Ticket>(*old, &AuditFields), AuditFields(t));
  return {};
}

Result<std::int64_t> AuditingTx::AppendAction(const SteeringAction& action) {
  auto id = inner().AppendAction(action);
  if (id && action_id_ == 0) action_id_ = *id;
  return id;
}

Result<std::int64_t> AuditingTx::PutCentreClosure(const CentreClosure& closure) {
  json::value before = nullptr;
  if (closure.id != 0) {
    auto old = inner().FindCentreClosure(closure.id);
    if (!old) return std::unexpected(old.error());
    before = OrNull(*old, &ClosureFields);
  }
  auto id = inner().PutCentreClosure(closure);
  if (!id) return id;
  CentreClosure stored = closure;
  stored.id = *id;
  Note("closure:" + std::to_string(*id), std::move(before), ClosureFields(stored));
  return id;
}

Result<void> AuditingTx::DeleteCentreClosure(std::int64_t id) {
  auto old = inner().FindCentreClosure(id);
  if (!old) return std::unexpected(old.error());
  if (auto ok = inner().DeleteCentreClosure(id); !ok) return ok;
  Note("closure:" + std::to_string(id), OrNull(*old, &ClosureFields), nullptr);
  return {};
}

Result<std::int64_t> AuditingTx::PutMeasure(const Measure& measure) {
  auto id = inner().PutMeasure(measure);
  if (!id) return id;
  Measure stored = measure;
  stored.id = *id;
  // A measure (a line of the committee's plan, no operational state) is not read back inside a
  // transaction, so an update's entry shows only the state after it.
  Note("measure:" + std::to_string(*id), nullptr, MeasureFields(stored));
  return id;
}

Result<std::int64_t> AuditingTx::InsertCase(const OnlineCase& c) {
  auto id = inner().InsertCase(c);
  if (!id) return id;
  OnlineCase stored = c;
  stored.id = *id;
  Note("case:" + c.code, nullptr, AuditFields(stored));
  return id;
}

Result<void> AuditingTx::UpdateCase(const OnlineCase& c) {
  auto old = inner().FindCaseByCode(c.code);
  if (!old) return std::unexpected(old.error());
  if (auto ok = inner().UpdateCase(c); !ok) return ok;
  Note("case:" + c.code, OrNull<OnlineCase>(*old, &AuditFields), AuditFields(c));
  return {};
}

}  // namespace amtszeit::store
