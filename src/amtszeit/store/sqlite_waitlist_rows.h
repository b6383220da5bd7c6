// Internal to store/: the waitlist's table in SQLite.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "amtszeit/domain/waitlist_entry.h"
#include "amtszeit/store/sqlite_db.h"

namespace amtszeit::store::rows {

Result<std::int64_t> InsertWaitlistEntry(SqliteDb& db, const WaitlistEntry& e);
Result<void> UpdateWaitlistEntry(SqliteDb& db, const WaitlistEntry& e);
Result<std::optional<WaitlistEntry>> LoadWaitlistEntryByCode(SqliteDb& db, std::string_view code);
Result<std::optional<WaitlistEntry>> LoadWaitlistEntryByOffer(SqliteDb& db,
                                                              std::int64_t appointment_id);
Result<std::vector<WaitlistEntry>> LoadOpenWaitlistEntries(SqliteDb& db);

}  // namespace amtszeit::store::rows
