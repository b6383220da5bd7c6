// Reading and writing domain values as PostgreSQL rows; shared by the store's reads and its write
// transactions so each table is mapped in exactly one place.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "amtszeit/domain/steering_records.h"
#include "amtszeit/store/pg_db.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store::pg {

// Which events to load: after an id (paging, oldest first) or within [from, to) by time.
struct EventRange {
  std::int64_t after_id = 0;
  int limit = 0;                    // > 0: page by id
  std::int64_t appointment_id = 0;  // > 0: one appointment's events
  absl::Time from;
  absl::Time to;

  std::string Where() const;
  void BindTo(PgStatement& st) const;
};

Result<void> PutDistrict(PgDb& db, const District& d);
Result<void> PutLocation(PgDb& db, const Location& l);
Result<void> PutService(PgDb& db, const Service& s);
Result<void> PutStaff(PgDb& db, const Staff& s);
Result<std::int64_t> PutShift(PgDb& db, const Shift& s);
Result<std::int64_t> PutAbsence(PgDb& db, const Absence& a);
Result<void> ReplaceSchoolHolidays(PgDb& db, const std::vector<SchoolHoliday>& periods);
Result<void> PutSetting(PgDb& db, std::string_view key, std::string_view value);

Result<Catalog> LoadCatalog(PgDb& db);
Result<Roster> LoadRoster(PgDb& db, absl::CivilDay from, absl::CivilDay to);
Result<std::vector<SchoolHoliday>> LoadSchoolHolidays(PgDb& db);
Result<std::optional<std::string>> LoadSetting(PgDb& db, std::string_view key);

Result<std::int64_t> InsertAppointment(PgDb& db, const Appointment& a);
Result<void> UpdateAppointment(PgDb& db, const Appointment& a);
Result<std::optional<Appointment>> ConfirmHold(PgDb& db, const HoldConfirmation& c);
// `where` is an SQL condition with one '?' bound to `value`.
Result<std::vector<Appointment>> LoadAppointments(PgDb& db, std::string_view where,
                                                  std::string_view value);
Result<std::vector<Appointment>> LoadAppointments(PgDb& db, std::string_view where,
                                                  std::int64_t value);
Result<std::int64_t> AppendEvent(PgDb& db, const AppointmentEvent& e);
Result<std::vector<AppointmentEvent>> LoadEvents(PgDb& db, const EventRange& range);
Result<ForgottenCounts> ForgetPersonalData(PgDb& db, absl::CivilDay appointments_before,
                                           absl::Time idempotency_before);
Result<std::int64_t> InsertTicket(PgDb& db, const Ticket& t);
Result<void> UpdateTicket(PgDb& db, const Ticket& t);
Result<std::optional<Ticket>> LoadTicket(PgDb& db, std::int64_t id);
Result<std::vector<Ticket>> LoadTickets(PgDb& db, absl::CivilDay from);
Result<int> MaxTicketNumber(PgDb& db, std::string_view location_id, absl::CivilDay day,
                            QueueClass queue);
Result<std::int64_t> AppendTicketEvent(PgDb& db, const TicketEvent& e);
Result<std::vector<TicketEvent>> LoadTicketEvents(PgDb& db, const EventRange& range);

extern const std::string_view kShiftColumns;  // in ShiftRow's order
extern const std::string_view kAbsenceColumns;
Result<Shift> ShiftRow(const PgStatement& st);
Result<Absence> AbsenceRow(const PgStatement& st);

Result<std::int64_t> AppendAction(PgDb& db, const SteeringAction& a);
Result<std::vector<SteeringAction>> LoadActions(PgDb& db, absl::Time from, absl::Time to);
Result<std::int64_t> PutMeasure(PgDb& db, const Measure& m);
Result<std::vector<Measure>> LoadMeasures(PgDb& db);
Result<void> PutSlotSnapshots(PgDb& db, absl::CivilDay day, const std::vector<SlotSnapshot>& rows);
Result<std::vector<SlotSnapshot>> LoadSlotSnapshots(PgDb& db, absl::CivilDay from,
                                                    absl::CivilDay to);
Result<void> PutWindowSnapshots(PgDb& db, absl::CivilDay day,
                                const std::vector<WindowSnapshot>& rows);
Result<std::vector<WindowSnapshot>> LoadWindowSnapshots(PgDb& db, absl::CivilDay from,
                                                        absl::CivilDay to);
Result<std::optional<Shift>> LoadShift(PgDb& db, std::int64_t id);
Result<std::optional<Absence>> LoadAbsence(PgDb& db, std::int64_t id);
Result<std::int64_t> PutCentreClosure(PgDb& db, const CentreClosure& c);
Result<std::optional<CentreClosure>> LoadCentreClosure(PgDb& db, std::int64_t id);
Result<std::vector<CentreClosure>> LoadCentreClosures(PgDb& db, absl::CivilDay from,
                                                      absl::CivilDay to);
Result<void> PutCounter(PgDb& db, const Counter& c);
Result<std::vector<Counter>> LoadCounters(PgDb& db);
// One location's queue on `day`, under a transaction-scoped advisory lock on the location.
Result<QueueRows> LockAndLoadQueue(PgDb& db, std::string_view location_id, absl::CivilDay day);

Result<std::optional<IdempotencyRecord>> LoadIdempotency(PgDb& db, std::string_view key);
Result<void> PutIdempotency(PgDb& db, const IdempotencyRecord& r);

}  // namespace amtszeit::store::pg
