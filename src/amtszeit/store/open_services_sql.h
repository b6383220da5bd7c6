// The statement behind WriteTx::OpenServicesOf, which SQLite and PostgreSQL run alike. SQLite
// compares the contact key and the row id inside the contact index's entries before it reads a
// table row, so for a contact with no other open appointment (nearly every confirmation) it
// reads none.
// `contact_key <> ''` lets SQLite use the partial index appointments_contact (a bare equality
// could be '' for all the planner knows).
#pragma once

#include <cstdint>
#include <string_view>

#include "absl/time/time.h"

namespace amtszeit::store::sql {

// ?1 contact key, ?2 the appointment left out, ?3 now (µs since the epoch).
inline constexpr std::string_view kOpenServicesOf =
    "SELECT services FROM appointments WHERE contact_key = ?1 AND contact_key <> '' "
    "AND id <> ?2 AND (status = 'confirmed' OR status = 'checked_in') AND start_us > ?3";

template <typename Statement>
void BindOpenServicesOf(Statement& st, std::string_view contact_key, absl::Time now,
                        std::int64_t except_id) {
  st.Bind(1, contact_key).Bind(2, except_id).Bind(3, absl::ToUnixMicros(now));
}

}  // namespace amtszeit::store::sql
