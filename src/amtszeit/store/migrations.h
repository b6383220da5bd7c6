// The schema as an ordered list of migrations. Each runs once, in its own transaction, and is
// recorded in schema_migrations (and mirrored into PRAGMA user_version).
#pragma once

#include <span>
#include <string_view>

namespace amtszeit::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> SqliteMigrations();

// 'AMTZ': marks a file as an amtszeit database, so another program's SQLite file is refused.
inline constexpr int kApplicationId = 0x414D545A;

}  // namespace amtszeit::store
