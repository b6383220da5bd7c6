// A citizen's wish to be told of an earlier slot (the waitlist, Warteliste): which services, where
// (centres or districts), at what times of day, by which day at the latest, and how to reach them.
// Entries are served first come, first served; an entry has at most one open offer at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/appointment.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

// waiting -> offered -> booked | waiting (declined) | lapsed (left unanswered)
// waiting -> cancelled (by the citizen) | expired (the latest day passed)
enum class WaitlistStatus { kWaiting, kOffered, kBooked, kCancelled, kLapsed, kExpired };
std::string_view ToString(WaitlistStatus status);
Result<WaitlistStatus> ParseWaitlistStatus(std::string_view text);
// Waiting or offered: the entry still takes part.
bool IsOpen(WaitlistStatus status);

struct WaitlistEntry {
  std::int64_t id = 0;  // the order of arrival
  std::string code;     // like an appointment's: "W-…"
  std::string token_hash;
  std::string sealed_token;  // the link secret, sealed by notify/ for the offer messages
  std::vector<std::string> service_ids;
  std::vector<std::string> location_ids;  // empty with district_ids empty: any centre
  std::vector<std::string> district_ids;
  unsigned windows = 0;  // capacity::Window bits; 0 = any time
  absl::CivilDay latest;
  std::optional<absl::CivilDay> move_in_date;
  Contact contact;
  std::string contact_key;
  std::string phone_key;
  WaitlistStatus status = WaitlistStatus::kWaiting;
  std::int64_t offer_appointment_id = 0;  // the hold of the open (or last) offer
  std::string declined;  // "location@unix-seconds" of declined slots, comma-separated
  absl::Time created_at;
  absl::Time updated_at;

  friend bool operator==(const WaitlistEntry&, const WaitlistEntry&) = default;
};

}  // namespace amtszeit
