// Internal to store/: the waitlist's table in PostgreSQL (migration 9), the twin of
// sqlite_waitlist_rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "amtszeit/domain/waitlist_entry.h"
#include "amtszeit/store/pg_db.h"

namespace amtszeit::store::pg {

Result<std::int64_t> InsertWaitlistEntry(PgDb& db, const WaitlistEntry& e);
Result<void> UpdateWaitlistEntry(PgDb& db, const WaitlistEntry& e);
Result<std::optional<WaitlistEntry>> LoadWaitlistEntryByCode(PgDb& db, std::string_view code);
Result<std::optional<WaitlistEntry>> LoadWaitlistEntryByOffer(PgDb& db,
                                                              std::int64_t appointment_id);
Result<std::vector<WaitlistEntry>> LoadOpenWaitlistEntries(PgDb& db);

}  // namespace amtszeit::store::pg
