// The statement behind WriteTx::ConfirmHold, which SQLite and PostgreSQL run alike: the check
// that the hold is still open and the change in one, so the writer reads no row first. It leaves
// staff, day and time as they are: SQLite's overlap trigger then skips its range scan and
// PostgreSQL's exclusion constraint entry stays as the hold made it; no index entry of a column
// it does not set is rewritten.
#pragma once

#include <string_view>

#include "absl/time/time.h"
#include "amtszeit/domain/appointment.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store::sql {

inline constexpr std::string_view kConfirmHold =
    "UPDATE appointments SET status=?1, contact_name=?2, contact_email=?3, contact_phone=?4, "
    "contact_language=?5, contact_key=?6, phone_key=?7, created_us=?8, updated_us=?8 "
    "WHERE code=?9 AND status=?10 AND hold_expires_us > ?8 AND token_hash=?11";

template <typename Statement>
void BindHoldConfirmation(Statement& st, const HoldConfirmation& c) {
  st.Bind(1, ToString(AppointmentStatus::kConfirmed)).Bind(2, c.contact.name);
  st.Bind(3, c.contact.email).Bind(4, c.contact.phone).Bind(5, c.contact.language);
  st.Bind(6, c.contact_key).Bind(7, c.phone_key).Bind(8, absl::ToUnixMicros(c.at));
  st.Bind(9, c.code).Bind(10, ToString(AppointmentStatus::kHeld)).Bind(11, c.token_hash);
}

}  // namespace amtszeit::store::sql
