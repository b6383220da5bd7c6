// Online cases as SQLite rows (migration 10): cases, their status events and documents.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "amtszeit/store/sqlite_db.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store::rows {

Result<std::int64_t> InsertCase(SqliteDb& db, const OnlineCase& c);
Result<void> UpdateCase(SqliteDb& db, const OnlineCase& c);
Result<std::optional<OnlineCase>> LoadCaseByCode(SqliteDb& db, std::string_view code);
Result<std::optional<OnlineCase>> LoadCaseById(SqliteDb& db, std::int64_t id);
Result<std::vector<OnlineCase>> LoadCases(SqliteDb& db, const CaseFilter& filter);
Result<std::int64_t> AppendCaseEvent(SqliteDb& db, const CaseEvent& e);
Result<std::vector<CaseEvent>> LoadCaseEvents(SqliteDb& db, std::int64_t case_id);
Result<void> InsertCaseDocument(SqliteDb& db, const CaseDocument& d);
Result<std::vector<CaseDocument>> LoadCaseDocuments(SqliteDb& db, std::int64_t case_id);
Result<std::optional<CaseDocument>> LoadCaseDocument(SqliteDb& db, std::int64_t case_id,
                                                     int number);
Result<int> ForgetClosedCases(SqliteDb& db, absl::Time closed_before);

}  // namespace amtszeit::store::rows
