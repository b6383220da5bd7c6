// Moving an installation from SQLite to PostgreSQL (`amtszeit migrate`): every table of the SQLite
// file is copied row by row into a new PostgreSQL database in one transaction, id sequences are
// moved past the copied ids, and the copy is verified per table by row count and an
// order-independent checksum of every value. Both schemas share table and column names (see
// pg_migrations.h), so no table needs a mapping of its own; a table SQLite has and PostgreSQL does
// not (a migration not yet ported) stops the copy before anything is written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "amtszeit/domain/error.h"

namespace amtszeit::store {

struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;
  std::uint64_t checksum = 0;  // equal on both sides
};

// REQUIRES: `pg_url` names a database (or schema) without amtszeit tables, or with empty ones.
Result<std::vector<CopiedTable>> CopySqliteToPostgres(const std::string& sqlite_path,
                                                      const std::string& pg_url);

}  // namespace amtszeit::store
