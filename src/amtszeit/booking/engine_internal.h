// Helpers shared by the engine's files; not part of the module's API.
#pragma once

#include <string>
#include <string_view>

#include "amtszeit/booking/engine.h"
#include "amtszeit/store/store.h"

namespace amtszeit::booking::internal {

inline constexpr int kIndexDays = 120;
inline constexpr int kMaxLimit = 200;

inline int Ticks(int minutes) { return (minutes + kTickMinutes - 1) / kTickMinutes; }
inline std::int64_t Ordinal(absl::CivilDay day) { return day - absl::CivilDay(1970, 1, 1); }

std::string Fingerprint(const HoldRequest& r);
std::string Fingerprint(const ConfirmRequest& r);
using ::amtszeit::EventOf;
// Loads and checks an appointment by code and token inside a write transaction. An unknown code
// and a wrong token give the same answer, so codes cannot be probed.
Result<Appointment> FindOwned(store::WriteTx& tx, std::string_view code, const Authority& who);
// Why the hold `code` could not be confirmed at `now` (always an error): an unknown code or a
// wrong token (the same 404), a reservation no longer held, or one that expired (409).
Result<void> WhyNotConfirmable(store::WriteTx& tx, std::string_view code, std::string_view token,
                               absl::Time now, const absl::TimeZone& zone);
// Tells the engine's change hook, when there is one, inside the change's transaction.
inline Result<void> Tell(const EngineOptions& options, store::WriteTx& tx, Change change,
                         const Appointment& a, const Authority& who, absl::Time at,
                         std::int64_t consumed_hold_id = 0) {
  if (!options.on_change) return {};
  return options.on_change(tx, {.change = change,
                                .appointment = a,
                                .token = who.call_centre ? std::string_view() : who.token,
                                .at = at,
                                .consumed_hold_id = consumed_hold_id});
}

}  // namespace amtszeit::booking::internal
