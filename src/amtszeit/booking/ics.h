// Appointments as RFC 5545 calendar files (libical), so a citizen can put the appointment into
// any calendar. Times are written in UTC, which every client converts to its own zone.
//
//   std::string ics = AppointmentIcs(appointment, *location, services, manage_url);
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "amtszeit/domain/appointment.h"
#include "amtszeit/domain/catalog.h"

namespace amtszeit::booking {

// A VCALENDAR with one VEVENT: UID "<code>@amtszeit", SUMMARY naming the services and the
// centre, LOCATION with the address and geo point, DESCRIPTION with the code and the manage link.
// A cancelled appointment is written with METHOD:CANCEL and STATUS:CANCELLED.
std::string AppointmentIcs(const Appointment& appointment, const Location& location,
                           std::span<const Service* const> services, std::string_view manage_url);

}  // namespace amtszeit::booking
