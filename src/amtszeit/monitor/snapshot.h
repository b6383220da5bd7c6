// The morning snapshot: for every centre the first free slot of the services the promises name,
// and which of the next weekdays offer early, late and lunchtime slots. Stored each morning, so
// the history of "how long would a citizen have waited" is real, not recomputed later.
//
//   auto snap = TakeSnapshot(engine, promises, holidays, today);
//   if (!HasSnapshot(store, today)) WriteSnapshot(store, today, *snap);
#pragma once

#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/booking/engine.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/steering_records.h"
#include "amtszeit/monitor/promises.h"
#include "amtszeit/store/store.h"

namespace amtszeit::monitor {

struct Snapshot {
  std::vector<SlotSnapshot> slots;
  std::vector<WindowSnapshot> windows;
};

// Reads the engine's index as an online citizen would search it on `today`.
Result<Snapshot> TakeSnapshot(const booking::BookingEngine& engine, const PromiseSet& promises,
                              const HolidayCalendar& holidays, absl::CivilDay today);

// Takes and stores today's snapshot unless one exists; true when it wrote one.
Result<bool> EnsureSnapshot(store::Store& store, const booking::BookingEngine& engine,
                            const HolidayCalendar& holidays, absl::CivilDay today);

}  // namespace amtszeit::monitor
