// What a citizen asks the waitlist for: plain data, decoded from a request body
// (server/bodies) and handled by WaitlistService::Join.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/appointment.h"

namespace amtszeit::waitlist {

struct JoinRequest {
  std::vector<std::string> service_ids;
  std::vector<std::string> location_ids;  // with district_ids: any of them; both empty: anywhere
  std::vector<std::string> district_ids;
  unsigned windows = 0;                  // capacity::Window bits; 0 = any time
  std::optional<absl::CivilDay> latest;  // default: the end of the booking window or the deadline
  std::optional<absl::CivilDay> move_in_date;
  Contact contact;
};

}  // namespace amtszeit::waitlist
