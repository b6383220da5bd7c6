// Internal to store/: online cases as PostgreSQL rows (migration 10), the twin of
// sqlite_case_rows. Documents are bytea; their bytes travel hex-encoded because every value
// crosses libpq as text.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "amtszeit/store/pg_db.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store::pg {

Result<std::int64_t> InsertCase(PgDb& db, const OnlineCase& c);
Result<void> UpdateCase(PgDb& db, const OnlineCase& c);
Result<std::optional<OnlineCase>> LoadCaseByCode(PgDb& db, std::string_view code);
Result<std::optional<OnlineCase>> LoadCaseById(PgDb& db, std::int64_t id);
Result<std::vector<OnlineCase>> LoadCases(PgDb& db, const CaseFilter& filter);
Result<std::int64_t> AppendCaseEvent(PgDb& db, const CaseEvent& e);
Result<std::vector<CaseEvent>> LoadCaseEvents(PgDb& db, std::int64_t case_id);
Result<void> InsertCaseDocument(PgDb& db, const CaseDocument& d);
Result<std::vector<CaseDocument>> LoadCaseDocuments(PgDb& db, std::int64_t case_id);
Result<std::optional<CaseDocument>> LoadCaseDocument(PgDb& db, std::int64_t case_id, int number);
Result<int> ForgetClosedCases(PgDb& db, absl::Time closed_before);

}  // namespace amtszeit::store::pg
