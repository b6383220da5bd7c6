// Opening an interim location over HTTP and staffing it, as the control room does when a centre
// moves or closes (POST /api/v1/interim-locations, then POST /api/v1/moves).
//
//   const absl::CivilDay day = WorkingDayAfter(today);
//   central.PostJson("/api/v1/interim-locations",
//                    json::serialize(InterimLocationBody({.id = "kz-x-interim", ...})));
#pragma once

#include <boost/json.hpp>
#include <string>

#include "absl/time/civil_time.h"
#include "support/http_client.h"

namespace amtszeit::testing {

// Today in Hamburg.
absl::CivilDay HamburgToday();

// A working day at least three days after `from`, clear of weekends and of the holidays around
// the turn of the year, 1 May and 3 October, on which the demo roster has staff.
absl::CivilDay WorkingDayAfter(absl::CivilDay from);

struct InterimLocation {
  std::string id;
  std::string name;
  std::string interim_for;  // the centre it stands in for
  absl::CivilDay first, last;
  std::string reason;
};

// The body of POST /api/v1/interim-locations: a site in Wilhelmsburg open 07:00–19:00 on
// weekdays with four counters.
boost::json::object InterimLocationBody(const InterimLocation& location);

// A staff member working appointments on `day`, skilled for `skill` (a service's "skill" as the
// API gives it), not absent, and not rostered at `not_at`; empty when there is none.
std::string AppointmentColleague(HttpClient& central, absl::CivilDay day,
                                 const boost::json::value& skill, const std::string& not_at = "");

}  // namespace amtszeit::testing
