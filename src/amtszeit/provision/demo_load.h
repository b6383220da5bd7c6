// Provisioning: brings a store to the state a dataset describes. Used by `amtszeit demo` and by
// tests that need a realistic installation.
//
// Loading is idempotent: the catalogue and school holidays are upserted by id, and the generated
// roster (staff, shifts, absences) is written only into a store that has no staff yet, so running
// the demo twice changes nothing and never disturbs a roster that bookings may already rely on.
//
//   auto summary = provision::LoadDemo(dataset, store, today, holidays);
#pragma once

#include <cstdint>

#include "absl/time/civil_time.h"
#include "amtszeit/dataset/dataset.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/store/store.h"

namespace amtszeit::provision {

inline constexpr int kDemoRosterDays = 120;
inline constexpr std::uint64_t kDemoRosterSeed = 20260101;

struct LoadSummary {
  std::size_t districts = 0;
  std::size_t locations = 0;
  std::size_t services = 0;
  std::size_t staff = 0;
  std::size_t shifts = 0;
  std::size_t absences = 0;
  bool roster_generated = false;  // false: the store already had a roster, which was kept
};

Result<LoadSummary> LoadDemo(const dataset::Dataset& dataset, store::Store& store,
                             absl::CivilDay today, const HolidayCalendar& holidays);

}  // namespace amtszeit::provision
