// The PostgreSQL schema: the same ordered migrations as SqliteMigrations(), in PostgreSQL's
// dialect, with the same version numbers and the same column meanings (days as 'YYYY-MM-DD'
// text, times of day in minutes, instants as unix microseconds), so each table's row mapping
// mirrors its SQLite twin line by line. A version missing here (a feature not yet ported) is
// simply not applied; PgStore reports the highest version it has.
#pragma once

#include <span>

#include "amtszeit/store/migrations.h"

namespace amtszeit::store {

std::span<const Migration> PgMigrations();

}  // namespace amtszeit::store
