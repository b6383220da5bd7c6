// Demo history: synthetic but plausible past activity for every centre of a catalogue, so the
// monitoring views and the district committee report show figures computed from stored events
// (the monitor never recomputes history from today's state).
//
// What is written, for the `days` days before `today` (today itself is left to the live system):
// appointment events (confirmed at booking time, then cancelled, no-show, or checked in and
// served), walk-in (A) and express (E) tickets with their calls, and each morning's slot and
// window snapshots. Every event lies in [first day 00:00, today 00:00) local:
//  - bookings made in the window for appointments on later days (today and after) are written as
//    their `confirmed` event, because the official lead time averages over the bookings *made* in
//    a period; nothing else of them happens;
//  - bookings made before the window for appointments in it are not: a month holding only the
//    long-lead bookings of the days after it would show a lead time far above anything lived
//    (57 days instead of ~28 in a trial). Those appointments start with their later events.
// Every figure of the model is an estimate; demo_history.cpp names its source in
// research/hamburg.md where there is one. No personal data: the events carry none by design.
//
// Synthetic appointments and tickets exist only as events: their ids start at kHistoryIdBase,
// far above anything the appointments and tickets tables will hand out (the event tables have no
// foreign keys), and they never occupy capacity.
//
// Deterministic for a seed. Idempotent: when the store already holds history (the setting
// kHistorySetting, or any appointment or ticket event before `today`), nothing is written and the
// summary says days = 0.
//
//   auto summary = provision::WriteDemoHistory(store, catalog, holidays, zone, {.today = today});
//   if (summary && summary->days > 0) ... // summary->appointment_events, ticket_events, snapshots
#pragma once

#include <cstdint>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/store/store.h"

namespace amtszeit::provision {

// Synthetic appointment and ticket ids start here.
inline constexpr std::int64_t kHistoryIdBase = 1'000'000'000;
// Set when the history was written: "<days> days before <today>, seed <seed>".
inline constexpr std::string_view kHistorySetting = "demo.history";

struct HistoryOptions {
  absl::CivilDay today;
  int days = 120;  // 0 to 366
  std::uint64_t seed = 2026;
};

struct HistorySummary {
  int days = 0;  // 0: nothing written (history was already there, or days = 0)
  std::int64_t appointment_events = 0;
  std::int64_t ticket_events = 0;
  int snapshots = 0;  // slot and window snapshot rows
};

// REQUIRES: `holidays` covers the years from `today - days - 90` to `today + 90` (outside it,
// holidays count as ordinary days).
Result<HistorySummary> WriteDemoHistory(store::Store& store, const Catalog& catalog,
                                        const HolidayCalendar& holidays, absl::TimeZone zone,
                                        const HistoryOptions& options);

}  // namespace amtszeit::provision
