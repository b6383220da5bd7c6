// The statement behind WriteTx::OpenServicesOf, which SQLite and PostgreSQL run alike. SQLite
// compares the contact key and the row id inside the contact index's entries before it reads a
// table row, so for a contact with no other open appointment (nearly every confirmation) it
// reads none.
// `contact_key <> ''` lets SQLite use the partial index appointments_contact (a bare equality
// could be '' for all the planner knows).
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/store/id_list.h"

namespace amtszeit::store::sql {

// ?1 contact key, ?2 the appointment left out, ?3 now (µs since the epoch).
inline constexpr std::string_view kOpenServicesOf =
    "SELECT services FROM appointments WHERE contact_key = ?1 AND contact_key <> '' "
    "AND id <> ?2 AND (status = 'confirmed' OR status = 'checked_in') AND start_us > ?3";

// Runs it on either store's connection (SqliteDb, PgDb: they prepare, bind, step and read alike).
template <typename Db>
Result<std::vector<std::string>> OpenServicesOf(Db& db, std::string_view contact_key,
                                                absl::Time now, std::int64_t except_id) {
  auto st = db.Prepare(kOpenServicesOf);
  if (!st) return std::unexpected(st.error());
  st->Bind(1, contact_key).Bind(2, except_id).Bind(3, absl::ToUnixMicros(now));
  std::vector<std::string> services;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return services;
    std::ranges::move(SplitIds(st->Text(0)), std::back_inserter(services));
  }
}

}  // namespace amtszeit::store::sql
