// A citizen's right of access (GDPR art. 15): everything stored about their appointment, found by
// code and token — the appointment with its contact details, its history, and how long it is kept.
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "amtszeit/booking/engine.h"
#include "amtszeit/domain/appointment.h"
#include "amtszeit/privacy/retention.h"

namespace amtszeit::privacy {

boost::json::object CitizenExport(const Appointment& appointment,
                                  const std::vector<AppointmentEvent>& history,
                                  const booking::BookingEngine& engine,
                                  const RetentionPolicy& policy, absl::Time now);

}  // namespace amtszeit::privacy
