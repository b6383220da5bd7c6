// Data protection in PostgreSQL: contact details and message addresses cleared after the retention
// period (also of waitlist entries long over), sealed link tokens and idempotency records (which
// keep the citizen's token) deleted.

#include "amtszeit/store/pg_row_helpers.h"
#include "amtszeit/store/pg_rows.h"

namespace amtszeit::store::pg {

Result<ForgottenCounts> ForgetPersonalData(PgDb& db, absl::CivilDay appointments_before,
                                           absl::Time idempotency_before) {
  ForgottenCounts out;
  {
    AMTSZEIT_PREPARE(st, db,
                     "UPDATE appointments SET contact_name = '', contact_email = '', "
                     "contact_phone = '', contact_key = '', phone_key = '', contact_language = '', "
                     "move_in_date = NULL, "
                     "travel_date = NULL WHERE day < ? AND (contact_name <> '' OR "
                     "contact_email <> '' OR contact_phone <> '' OR contact_key <> '' OR "
                     "phone_key <> '' OR move_in_date IS NOT NULL OR travel_date IS NOT NULL)");
    AMTSZEIT_RUN(st->Bind(1, FormatDay(appointments_before)).Run());
    out.appointments = static_cast<int>(db.Changes());
  }
  {
    // Messages about those appointments: nothing is sent any more, the address and the sealed
    // link token go with the contact details.
    AMTSZEIT_PREPARE(st, db,
                     "UPDATE outbox SET recipient = '', status = CASE status WHEN 'pending' "
                     "THEN 'dropped' ELSE status END WHERE recipient <> '' AND subject_kind = "
                     "'appointment' AND subject_id IN "
                     "(SELECT id FROM appointments WHERE day < ?)");
    AMTSZEIT_RUN(st->Bind(1, FormatDay(appointments_before)).Run());
    AMTSZEIT_PREPARE(
        secrets, db,
        "DELETE FROM outbox_secrets WHERE subject_kind = 'appointment' AND subject_id IN "
        "(SELECT id FROM appointments WHERE day < ?)");
    AMTSZEIT_RUN(secrets->Bind(1, FormatDay(appointments_before)).Run());
  }
  {
    // Waitlist entries whose latest day is that long past: over, and their contact goes too.
    AMTSZEIT_PREPARE(st, db,
                     "UPDATE waitlist SET contact_name = '', contact_email = '', "
                     "contact_phone = '', contact_key = '', phone_key = '', sealed_token = '', "
                     "move_in_date = NULL, status = CASE WHEN status IN ('waiting', 'offered') "
                     "THEN 'expired' ELSE status END WHERE latest_day < ? AND (contact_name <> '' "
                     "OR contact_email <> '' OR contact_phone <> '' OR sealed_token <> '')");
    AMTSZEIT_RUN(st->Bind(1, FormatDay(appointments_before)).Run());
  }
  {
    AMTSZEIT_PREPARE(st, db, "DELETE FROM idempotency_keys WHERE created_us < ?");
    AMTSZEIT_RUN(st->Bind(1, Micros(idempotency_before)).Run());
    out.idempotency_keys = static_cast<int>(db.Changes());
  }
  return out;
}

}  // namespace amtszeit::store::pg
