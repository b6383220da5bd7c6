#include "amtszeit/auth/users.h"

#include "amtszeit/auth/password.h"

namespace amtszeit::auth {

namespace {

Result<void> CheckName(std::string_view name) {
  if (name.empty() || name.size() > 64) {
    return Fail(ErrorCode::kInvalidArgument, "a user name has 1 to 64 characters");
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_' || c == '@';
    if (!ok) {
      return Fail(ErrorCode::kInvalidArgument,
                  "a user name has only letters, digits and . - _ @ ('{}')", name);
    }
  }
  return {};
}

Result<void> CheckScope(const Catalog& catalog, const NewUser& user) {
  switch (ScopeOf(user.role)) {
    case ScopeKind::kLocation:
      if (!user.district_id.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "{} is bound to a centre, not a district",
                    ToString(user.role));
      }
      if (user.location_id.empty() || catalog.FindLocation(user.location_id) == nullptr) {
        return Fail(ErrorCode::kInvalidArgument, "{} needs --location with a known centre",
                    ToString(user.role));
      }
      return {};
    case ScopeKind::kDistrict:
      if (!user.location_id.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "a district lead is bound to a district");
      }
      for (const District& d : catalog.districts) {
        if (d.id == user.district_id) return {};
      }
      return Fail(ErrorCode::kInvalidArgument, "district_lead needs --district with a known id");
    case ScopeKind::kNone:
      if (!user.location_id.empty() || !user.district_id.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "{} acts city-wide: no --location or --district",
                    ToString(user.role));
      }
      return {};
  }
  return {};
}

Result<StaffUser> Existing(store::WriteTx& tx, std::string_view name) {
  auto user = tx.FindStaffUser(name);
  if (!user) return std::unexpected(user.error());
  if (!*user) return Fail(ErrorCode::kNotFound, "no user '{}'", name);
  return **user;
}

}  // namespace

Result<std::int64_t> AddUser(store::Store& store, const Catalog& catalog, const NewUser& user,
                             std::string_view password, absl::Time now) {
  if (auto ok = CheckName(user.name); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckScope(catalog, user); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckPasswordStrength(password); !ok) return std::unexpected(ok.error());
  auto hash = HashPassword(password);
  if (!hash) return std::unexpected(hash.error());
  std::int64_t id = 0;
  auto written = store.Write([&](store::WriteTx& tx) -> Result<void> {
    auto existing = tx.FindStaffUser(user.name);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) return Fail(ErrorCode::kConflict, "the user '{}' exists", user.name);
    auto put = tx.PutStaffUser({.name = user.name,
                                .role = std::string(ToString(user.role)),
                                .location_id = user.location_id,
                                .district_id = user.district_id,
                                .password_hash = *hash,
                                .created_at = now});
    if (!put) return std::unexpected(put.error());
    id = *put;
    return {};
  });
  if (!written) return std::unexpected(written.error());
  return id;
}

Result<void> SetPassword(store::Store& store, std::string_view name, std::string_view password) {
  if (auto ok = CheckPasswordStrength(password); !ok) return ok;
  auto hash = HashPassword(password);
  if (!hash) return std::unexpected(hash.error());
  return store.Write([&](store::WriteTx& tx) -> Result<void> {
    auto user = Existing(tx, name);
    if (!user) return std::unexpected(user.error());
    user->password_hash = *hash;
    if (auto put = tx.PutStaffUser(*user); !put) return std::unexpected(put.error());
    return tx.DeleteStaffSessionsOf(user->id);
  });
}

Result<void> DisableUser(store::Store& store, std::string_view name) {
  return store.Write([&](store::WriteTx& tx) -> Result<void> {
    auto user = Existing(tx, name);
    if (!user) return std::unexpected(user.error());
    user->disabled = true;
    if (auto put = tx.PutStaffUser(*user); !put) return std::unexpected(put.error());
    return tx.DeleteStaffSessionsOf(user->id);
  });
}

Result<std::vector<StaffUser>> ListUsers(store::Store& store) { return store.ReadStaffUsers(); }

}  // namespace amtszeit::auth
