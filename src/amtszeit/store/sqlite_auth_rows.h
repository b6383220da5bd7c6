// Staff accounts, sessions and the audit log as SQLite rows (migration 8).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "amtszeit/domain/staff_account.h"
#include "amtszeit/store/sqlite_db.h"

namespace amtszeit::store::rows {

Result<std::int64_t> PutStaffUser(SqliteDb& db, const StaffUser& u);
Result<std::optional<StaffUser>> LoadStaffUser(SqliteDb& db, std::string_view name);
Result<std::optional<StaffUser>> LoadStaffUserById(SqliteDb& db, std::int64_t id);
Result<std::vector<StaffUser>> LoadStaffUsers(SqliteDb& db);
Result<void> PutStaffSession(SqliteDb& db, const StaffSession& s);
Result<std::optional<StaffSession>> LoadStaffSession(SqliteDb& db, std::string_view token_hash);
Result<void> TouchStaffSession(SqliteDb& db, std::string_view token_hash, absl::Time last_seen);
Result<void> DeleteStaffSession(SqliteDb& db, std::string_view token_hash);
Result<void> DeleteStaffSessionsOf(SqliteDb& db, std::int64_t user_id);
Result<std::int64_t> AppendAudit(SqliteDb& db, const AuditEntry& e);
Result<std::vector<AuditEntry>> LoadAudit(SqliteDb& db, absl::Time from, absl::Time to, int limit);
// Login failures and shared secrets (migration 14).
Result<std::optional<LoginFailure>> LoadLoginFailure(SqliteDb& db, std::string_view key);
Result<void> PutLoginFailure(SqliteDb& db, const LoginFailure& f);
Result<void> DeleteLoginFailure(SqliteDb& db, std::string_view key);
Result<void> DeleteLoginFailuresBefore(SqliteDb& db, absl::Time quiet_since);
Result<std::string> SharedSecret(SqliteDb& db, std::string_view name, std::string_view candidate);
Result<bool> SpendChallenge(SqliteDb& db, std::string_view nonce, absl::Time expires_at);
Result<int> PruneSpentChallenges(SqliteDb& db, absl::Time now);

}  // namespace amtszeit::store::rows
