// Validation of the catalogue and the roster. Every check returns a clear, specific message
// naming the offending record ("shift 17 of st-0042 on 2026-12-01 (06:00-12:00) starts before
// kz-harburg opens (07:00-19:00)") so data files and API calls can be fixed by a person.
//
//   if (auto ok = ValidateCatalog(catalog); !ok) return std::unexpected(ok.error());
#pragma once

#include <span>

#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/roster.h"

namespace amtszeit {

// Unique ids; locations name known districts; services have a positive duration on the grid, a
// skill when they need a visit and an online link when they do not; opening hours are valid;
// validity dates are ordered; coordinates are on Earth.
Result<void> ValidateCatalog(const Catalog& catalog);

// A staff member's skills name skills some service needs; home district/location are known.
Result<void> ValidateStaff(const Staff& staff, const Catalog& catalog);

// Known staff and location; a non-empty range on the grid; a break inside the shift; the location
// is in service and open for the whole shift that day (back-office shifts may lie outside opening
// hours); no overlap with `others` (the same person's other shifts, any location).
Result<void> ValidateShift(const Shift& shift, const Catalog& catalog, const Roster& roster,
                           std::span<const Shift> others, const HolidayCalendar& holidays);

// Known staff; first <= last.
Result<void> ValidateAbsence(const Absence& absence, const Roster& roster);

// Everything above for a whole roster (shifts checked against each other).
Result<void> ValidateRoster(const Roster& roster, const Catalog& catalog,
                            const HolidayCalendar& holidays);

}  // namespace amtszeit
