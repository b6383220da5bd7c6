// The statement behind WriteTx::OpenServicesOf, which SQLite and PostgreSQL run alike. It names
// only columns of the contact index's entries (the row id among them) until a row qualifies, so
// for a contact with no other open appointment, nearly every confirmation, no table row is read.
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
