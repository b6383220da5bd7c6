// Store: the one place state is kept. Feature modules talk to storage only through this
// interface; implementations (sqlite/ embedded, postgres/ for many nodes) are interchangeable and
// pass the same conformance suite.
//
// Writes are atomic units: Write() runs a function against a WriteTx inside one transaction and
// commits only when the function succeeds; any error rolls everything back. Reads see committed
// state only.
//
//   auto store = OpenStore("var/amtszeit.db");           // Result<std::unique_ptr<Store>>
//   auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
//     return tx.PutDistrict({.id = "altona", .name = "Altona"});
//   });
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/domain/school_holidays.h"

namespace amtszeit::store {

// Mutations available inside one transaction. Put* inserts or replaces by id.
class WriteTx {
 public:
  virtual ~WriteTx() = default;

  virtual Result<void> PutDistrict(const District& district) = 0;
  virtual Result<void> PutLocation(const Location& location) = 0;  // with its opening hours
  virtual Result<void> PutService(const Service& service) = 0;
  virtual Result<void> PutStaff(const Staff& staff) = 0;
  // id == 0 assigns a new id; returns the stored id.
  virtual Result<std::int64_t> PutShift(const Shift& shift) = 0;
  virtual Result<void> DeleteShift(std::int64_t id) = 0;
  virtual Result<std::int64_t> PutAbsence(const Absence& absence) = 0;
  virtual Result<void> DeleteAbsence(std::int64_t id) = 0;
  // Replaces the whole school-holiday table.
  virtual Result<void> ReplaceSchoolHolidays(const std::vector<SchoolHoliday>& periods) = 0;
  virtual Result<void> PutSetting(std::string_view key, std::string_view value) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual std::string_view Kind() const = 0;  // "sqlite", "postgresql"
  // The schema version this store is at (after migrations ran at open).
  virtual int SchemaVersion() const = 0;

  // REQUIRES: fn does not call back into this Store.
  virtual Result<void> Write(const std::function<Result<void>(WriteTx&)>& fn) = 0;

  virtual Result<Catalog> ReadCatalog() = 0;
  // All staff; shifts on days in [from, to]; absences overlapping [from, to].
  virtual Result<Roster> ReadRoster(absl::CivilDay from, absl::CivilDay to) = 0;
  virtual Result<std::vector<SchoolHoliday>> ReadSchoolHolidays() = 0;
  virtual Result<std::optional<std::string>> ReadSetting(std::string_view key) = 0;
};

// The newest schema version this build knows. A database at a higher version is refused.
int LatestSchemaVersion();

struct OpenOptions {
  bool create_if_missing = true;
};

// Opens a store by URL: "sqlite:PATH", or a plain PATH for SQLite ("postgresql://..." later).
// Runs pending migrations. A corrupt file, a file that is not an amtszeit database, or one written
// by a newer version fails with kDataLoss and is left untouched.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url, const OpenOptions& options = {});

}  // namespace amtszeit::store
