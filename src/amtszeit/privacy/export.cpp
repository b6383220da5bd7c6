#include "amtszeit/privacy/export.h"

#include "amtszeit/booking/api_json.h"
#include "amtszeit/domain/civil_time.h"

namespace amtszeit::privacy {

namespace json = boost::json;

json::object CitizenExport(const Appointment& appointment,
                           const std::vector<AppointmentEvent>& history,
                           const booking::BookingEngine& engine, const RetentionPolicy& policy,
                           absl::Time now) {
  const absl::TimeZone zone = engine.options().zone;
  json::array events;
  for (const AppointmentEvent& e : history) {
    events.push_back({{"event", ToString(e.kind)},
                      {"at", FormatInstant(e.at, zone)},
                      {"location", e.location_id},
                      {"day", FormatDay(e.day)}});
  }
  return {{"exported_at", FormatInstant(now, zone)},
          {"appointment", booking::AppointmentJson(appointment, engine, true)},
          {"history", std::move(events)},
          {"retention",
           {{"personal_data_kept_until", FormatDay(appointment.day + policy.days)},
            {"note",
             "Name, e-mail, phone, move-in and travel dates are deleted the day after; the "
             "history is kept without them for statistics."}}}};
}

}  // namespace amtszeit::privacy
