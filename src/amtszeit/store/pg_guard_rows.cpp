// Login failures and the secrets nodes share, as PostgreSQL rows (migration 14), and the
// proof-of-work challenges already spent (migration 16).
#include "amtszeit/store/pg_auth_rows.h"
#include "amtszeit/store/pg_row_helpers.h"

namespace amtszeit::store::pg {

Result<std::optional<LoginFailure>> LoadLoginFailure(PgDb& db, std::string_view key) {
  AMTSZEIT_PREPARE(
      st, db,
      "SELECT throttle_key, failures, last_failure_us, blocked_until_us FROM login_failures "
      "WHERE throttle_key = ?");
  st->Bind(1, key);
  std::optional<LoginFailure> out;
  AMTSZEIT_RUN(ForEachRow(*st, [&] {
    out = LoginFailure{.key = st->Text(0),
                       .failures = static_cast<int>(st->Int(1)),
                       .last_failure = FromMicros(st->Int(2)),
                       .blocked_until = FromMicros(st->Int(3))};
  }));
  return out;
}

Result<void> PutLoginFailure(PgDb& db, const LoginFailure& f) {
  AMTSZEIT_PREPARE(
      st, db,
      "INSERT INTO login_failures(throttle_key, failures, last_failure_us, blocked_until_us) "
      "VALUES (?,?,?,?) ON CONFLICT(throttle_key) DO UPDATE SET failures = excluded.failures, "
      "last_failure_us = excluded.last_failure_us, "
      "blocked_until_us = excluded.blocked_until_us");
  return st->Bind(1, f.key)
      .Bind(2, f.failures)
      .Bind(3, Micros(f.last_failure))
      .Bind(4, Micros(f.blocked_until))
      .Run();
}

Result<void> DeleteLoginFailure(PgDb& db, std::string_view key) {
  AMTSZEIT_PREPARE(st, db, "DELETE FROM login_failures WHERE throttle_key = ?");
  return st->Bind(1, key).Run();
}

Result<void> DeleteLoginFailuresBefore(PgDb& db, absl::Time quiet_since) {
  AMTSZEIT_PREPARE(st, db,
                   "DELETE FROM login_failures WHERE last_failure_us < ? AND blocked_until_us < ?");
  return st->Bind(1, Micros(quiet_since)).Bind(2, Micros(quiet_since)).Run();
}

Result<std::string> SharedSecret(PgDb& db, std::string_view name, std::string_view candidate) {
  {
    AMTSZEIT_PREPARE(st, db,
                     "INSERT INTO shared_secrets(name, value) VALUES (?,?) "
                     "ON CONFLICT(name) DO NOTHING");
    AMTSZEIT_RUN(st->Bind(1, name).Bind(2, candidate).Run());
  }
  AMTSZEIT_PREPARE(st, db, "SELECT value FROM shared_secrets WHERE name = ?");
  st->Bind(1, name);
  std::string out;
  AMTSZEIT_RUN(ForEachRow(*st, [&] { out = st->Text(0); }));
  return out;
}

// The primary key decides: of two nodes spending the same challenge at once, one inserts.
Result<bool> SpendChallenge(PgDb& db, std::string_view nonce, absl::Time expires_at) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO spent_challenges(nonce, expires_us) VALUES (?,?) "
                   "ON CONFLICT(nonce) DO NOTHING");
  AMTSZEIT_RUN(st->Bind(1, nonce).Bind(2, Micros(expires_at)).Run());
  return st->Changes() == 1;
}

Result<int> PruneSpentChallenges(PgDb& db, absl::Time now) {
  AMTSZEIT_PREPARE(st, db, "DELETE FROM spent_challenges WHERE expires_us <= ?");
  AMTSZEIT_RUN(st->Bind(1, Micros(now)).Run());
  return static_cast<int>(st->Changes());
}

}  // namespace amtszeit::store::pg
