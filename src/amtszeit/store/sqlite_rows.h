// Reading and writing domain values as SQLite rows; shared by the store's reads and its write
// transactions so each table is mapped in exactly one place.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "amtszeit/domain/steering_records.h"
#include "amtszeit/store/sqlite_db.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store::rows {

// Which events to load: after an id (paging, oldest first) or within [from, to) by time.
struct EventRange {
  std::int64_t after_id = 0;
  int limit = 0;                    // > 0: page by id
  std::int64_t appointment_id = 0;  // > 0: one appointment's events
  absl::Time from;
  absl::Time to;

  std::string Where() const;
  void BindTo(Statement& st) const;
};

Result<void> PutDistrict(SqliteDb& db, const District& d);
Result<void> PutLocation(SqliteDb& db, const Location& l);
Result<void> PutService(SqliteDb& db, const Service& s);
Result<void> PutStaff(SqliteDb& db, const Staff& s);
Result<std::int64_t> PutShift(SqliteDb& db, const Shift& s);
Result<std::int64_t> PutAbsence(SqliteDb& db, const Absence& a);
Result<void> ReplaceSchoolHolidays(SqliteDb& db, const std::vector<SchoolHoliday>& periods);
Result<void> PutSetting(SqliteDb& db, std::string_view key, std::string_view value);

Result<Catalog> LoadCatalog(SqliteDb& db);
Result<Roster> LoadRoster(SqliteDb& db, absl::CivilDay from, absl::CivilDay to);
Result<std::vector<SchoolHoliday>> LoadSchoolHolidays(SqliteDb& db);
Result<std::optional<std::string>> LoadSetting(SqliteDb& db, std::string_view key);

Result<std::int64_t> InsertAppointment(SqliteDb& db, const Appointment& a);
Result<void> UpdateAppointment(SqliteDb& db, const Appointment& a);
Result<std::optional<Appointment>> ConfirmHold(SqliteDb& db, const HoldConfirmation& c);
// `where` is an SQL condition with one '?' bound to `value`.
Result<std::vector<Appointment>> LoadAppointments(SqliteDb& db, std::string_view where,
                                                  std::string_view value);
// The call centre's lookup by contact. The `<> ''` terms let SQLite use the partial indexes
// appointments_contact and appointments_phone: for a bare `contact_key = ?` the planner cannot
// know that ? is not '', and scans the whole table (sql::kOpenServicesOf says it too).
inline constexpr std::string_view kByContactOrPhoneKey =
    "(contact_key = ?1 AND contact_key <> '') OR (phone_key = ?1 AND phone_key <> '')";
Result<std::vector<Appointment>> LoadAppointments(SqliteDb& db, std::string_view where,
                                                  std::int64_t value);
Result<std::int64_t> AppendEvent(SqliteDb& db, const AppointmentEvent& e);
Result<std::vector<AppointmentEvent>> LoadEvents(SqliteDb& db, const EventRange& range);
Result<ForgottenCounts> ForgetPersonalData(SqliteDb& db, absl::CivilDay appointments_before,
                                           absl::Time idempotency_before);
Result<std::int64_t> InsertTicket(SqliteDb& db, const Ticket& t);
Result<void> UpdateTicket(SqliteDb& db, const Ticket& t);
Result<std::optional<Ticket>> LoadTicket(SqliteDb& db, std::int64_t id);
Result<std::vector<Ticket>> LoadTickets(SqliteDb& db, absl::CivilDay from);
Result<int> MaxTicketNumber(SqliteDb& db, std::string_view location_id, absl::CivilDay day,
                            QueueClass queue);
Result<std::int64_t> AppendTicketEvent(SqliteDb& db, const TicketEvent& e);
Result<std::vector<TicketEvent>> LoadTicketEvents(SqliteDb& db, const EventRange& range);

extern const std::string_view kShiftColumns;  // in ShiftRow's order
extern const std::string_view kAbsenceColumns;
Result<Shift> ShiftRow(const Statement& st);
Result<Absence> AbsenceRow(const Statement& st);

Result<std::int64_t> AppendAction(SqliteDb& db, const SteeringAction& a);
Result<std::vector<SteeringAction>> LoadActions(SqliteDb& db, absl::Time from, absl::Time to);
Result<std::int64_t> PutMeasure(SqliteDb& db, const Measure& m);
Result<std::vector<Measure>> LoadMeasures(SqliteDb& db);
Result<void> PutSlotSnapshots(SqliteDb& db, absl::CivilDay day,
                              const std::vector<SlotSnapshot>& rows);
Result<std::vector<SlotSnapshot>> LoadSlotSnapshots(SqliteDb& db, absl::CivilDay from,
                                                    absl::CivilDay to);
Result<void> PutWindowSnapshots(SqliteDb& db, absl::CivilDay day,
                                const std::vector<WindowSnapshot>& rows);
Result<std::vector<WindowSnapshot>> LoadWindowSnapshots(SqliteDb& db, absl::CivilDay from,
                                                        absl::CivilDay to);
Result<std::optional<Shift>> LoadShift(SqliteDb& db, std::int64_t id);
Result<std::optional<Absence>> LoadAbsence(SqliteDb& db, std::int64_t id);
Result<std::int64_t> PutCentreClosure(SqliteDb& db, const CentreClosure& c);
Result<std::optional<CentreClosure>> LoadCentreClosure(SqliteDb& db, std::int64_t id);
Result<std::vector<CentreClosure>> LoadCentreClosures(SqliteDb& db, absl::CivilDay from,
                                                      absl::CivilDay to);
Result<void> PutCounter(SqliteDb& db, const Counter& c);
Result<std::vector<Counter>> LoadCounters(SqliteDb& db);

Result<std::optional<IdempotencyRecord>> LoadIdempotency(SqliteDb& db, std::string_view key);
Result<void> PutIdempotency(SqliteDb& db, const IdempotencyRecord& r);

}  // namespace amtszeit::store::rows
