// Staff accounts, sessions and the audit log as PostgreSQL rows (migration 8), the twin of
// sqlite_auth_rows.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "amtszeit/domain/staff_account.h"
#include "amtszeit/store/pg_db.h"

namespace amtszeit::store::pg {

Result<std::int64_t> PutStaffUser(PgDb& db, const StaffUser& u);
Result<std::optional<StaffUser>> LoadStaffUser(PgDb& db, std::string_view name);
Result<std::optional<StaffUser>> LoadStaffUserById(PgDb& db, std::int64_t id);
Result<std::vector<StaffUser>> LoadStaffUsers(PgDb& db);
Result<void> PutStaffSession(PgDb& db, const StaffSession& s);
Result<std::optional<StaffSession>> LoadStaffSession(PgDb& db, std::string_view token_hash);
Result<void> TouchStaffSession(PgDb& db, std::string_view token_hash, absl::Time last_seen);
Result<void> DeleteStaffSession(PgDb& db, std::string_view token_hash);
Result<void> DeleteStaffSessionsOf(PgDb& db, std::int64_t user_id);
Result<std::int64_t> AppendAudit(PgDb& db, const AuditEntry& e);
Result<std::vector<AuditEntry>> LoadAudit(PgDb& db, absl::Time from, absl::Time to, int limit);
// Login failures and shared secrets (migration 14).
Result<std::optional<LoginFailure>> LoadLoginFailure(PgDb& db, std::string_view key);
Result<void> PutLoginFailure(PgDb& db, const LoginFailure& f);
Result<void> DeleteLoginFailure(PgDb& db, std::string_view key);
Result<void> DeleteLoginFailuresBefore(PgDb& db, absl::Time quiet_since);
Result<std::string> SharedSecret(PgDb& db, std::string_view name, std::string_view candidate);
Result<bool> SpendChallenge(PgDb& db, std::string_view nonce, absl::Time expires_at);
Result<int> PruneSpentChallenges(PgDb& db, absl::Time now);

}  // namespace amtszeit::store::pg
