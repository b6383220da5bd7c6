// A staff move between centres as the control room asks for it: plain data, decoded from a
// request body (server/bodies) and carried out by SteeringService.
#pragma once

#include <string>

#include "absl/time/civil_time.h"

namespace amtszeit::steering {

// Send a staff member to another centre for days in [first, last]: their shifts there move.
struct Move {
  std::string staff_id;
  std::string to_location_id;
  absl::CivilDay first;
  absl::CivilDay last;
};

}  // namespace amtszeit::steering
