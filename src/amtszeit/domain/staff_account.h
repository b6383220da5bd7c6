// Staff accounts, their sign-in sessions and the audit log of staff actions, as stored. Roles and
// their rules live in auth/; these are the plain records the Store keeps.
//
//   StaffUser u{.name = "k.meyer", .role = "centre_manager", .location_id = "kz-altona"};
#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace amtszeit {

struct StaffUser {
  std::int64_t id = 0;
  std::string name;           // the sign-in name, unique
  std::string role;           // auth::Role as text
  std::string location_id;    // scope of counter staff and centre managers
  std::string district_id;    // scope of district leads
  std::string password_hash;  // argon2id, libsodium's encoded string
  bool disabled = false;
  absl::Time created_at;

  friend bool operator==(const StaffUser&, const StaffUser&) = default;
};

// Only the hash of the session's token is stored: a copy of the database signs no one in.
struct StaffSession {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  absl::Time created_at;
  absl::Time last_seen;

  friend bool operator==(const StaffSession&, const StaffSession&) = default;
};

// Failed sign-ins under one throttle key ("user:NAME" or "addr:CLIENT"), kept in the store so
// that every node and a restarted one apply the same back-off.
struct LoginFailure {
  std::string key;
  int failures = 0;
  absl::Time last_failure;
  absl::Time blocked_until;

  friend bool operator==(const LoginFailure&, const LoginFailure&) = default;
};

// One staff action: who, when, what on which target, and the state before and after it (JSON,
// personal data of citizens removed). Append-only. Written in the transaction of the change
// (store/audit_scope.h) when the action changed audited records; otherwise after the answer.
struct AuditEntry {
  std::int64_t id = 0;
  absl::Time at;
  std::string user;  // sign-in name, or "phone-api-key"
  std::string role;
  std::string action;  // "POST /api/v1/shifts"
  std::string target;  // JSON object of the path's parameters
  int status = 0;      // the HTTP status answered; 0 when written with the change
  std::string before;  // JSON or empty
  std::string after;   // JSON or empty

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

}  // namespace amtszeit
