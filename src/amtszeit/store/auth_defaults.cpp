// Stores that keep no staff accounts (yet) answer kUnavailable, so the server refuses sign-in
// instead of failing to build against them.
#include "amtszeit/store/store.h"

namespace amtszeit::store {

namespace {
std::unexpected<Error> NoAccounts() {
  return Fail(ErrorCode::kUnavailable, "this store keeps no staff accounts");
}
}  // namespace

Result<std::int64_t> WriteTx::PutStaffUser(const StaffUser&) { return NoAccounts(); }
Result<std::optional<StaffUser>> WriteTx::FindStaffUser(std::string_view) { return NoAccounts(); }
Result<void> WriteTx::PutStaffSession(const StaffSession&) { return NoAccounts(); }
Result<void> WriteTx::TouchStaffSession(std::string_view, absl::Time) { return NoAccounts(); }
Result<void> WriteTx::DeleteStaffSession(std::string_view) { return NoAccounts(); }
Result<void> WriteTx::DeleteStaffSessionsOf(std::int64_t) { return NoAccounts(); }
Result<std::int64_t> WriteTx::AppendAudit(const AuditEntry&) { return NoAccounts(); }

Result<std::optional<StaffUser>> Store::ReadStaffUser(std::string_view) { return NoAccounts(); }
Result<std::optional<StaffUser>> Store::ReadStaffUserById(std::int64_t) { return NoAccounts(); }
Result<std::vector<StaffUser>> Store::ReadStaffUsers() { return NoAccounts(); }
Result<std::optional<StaffSession>> Store::ReadStaffSession(std::string_view) {
  return NoAccounts();
}
Result<std::vector<AuditEntry>> Store::ReadAudit(absl::Time, absl::Time, int) {
  return NoAccounts();
}

}  // namespace amtszeit::store
