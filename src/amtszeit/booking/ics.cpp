#include "amtszeit/booking/ics.h"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>

namespace amtszeit::booking {

namespace {

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

icaltimetype Utc(absl::Time t) {
  return icaltime_from_timet_with_zone(absl::ToTimeT(t), 0, icaltimezone_get_utc_timezone());
}

}  // namespace

std::string AppointmentIcs(const Appointment& a, const Location& location,
                           std::span<const Service* const> services, std::string_view manage_url) {
  const bool cancelled = a.status == AppointmentStatus::kCancelled;
  std::unique_ptr<icalcomponent, ComponentDeleter> calendar(
      icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//amtszeit//Termin//DE"));
  icalcomponent_add_property(
      calendar.get(),
      icalproperty_new_method(cancelled ? ICAL_METHOD_CANCEL : ICAL_METHOD_PUBLISH));

  std::string what;
  for (const Service* s : services) what += (what.empty() ? "" : ", ") + s->name_de;
  std::string summary = "Termin: " + what + " – " + location.name;
  std::string place = location.name + ", " + location.address.street + ", " +
                      location.address.postcode + " " + location.address.city;
  std::string description =
      "Vorgangsnummer / appointment code: " + a.code + "\nBitte bringen Sie Ihre Unterlagen mit.";
  if (!manage_url.empty()) {
    description += "\nTermin ansehen, verschieben oder absagen: " + std::string(manage_url);
  }

  icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property(event, icalproperty_new_uid((a.code + "@amtszeit").c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(Utc(a.updated_at)));
  icalcomponent_add_property(event, icalproperty_new_dtstart(Utc(a.start)));
  icalcomponent_add_property(event, icalproperty_new_dtend(Utc(a.end)));
  icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
  icalcomponent_add_property(event, icalproperty_new_location(place.c_str()));
  icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  icalcomponent_add_property(event, icalproperty_new_geo({location.geo.lat, location.geo.lon}));
  icalcomponent_add_property(
      event, icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_property(event, icalproperty_new_sequence(cancelled ? 1 : 0));
  if (!manage_url.empty()) {
    icalcomponent_add_property(event, icalproperty_new_url(std::string(manage_url).c_str()));
  }
  icalcomponent_add_component(calendar.get(), event);

  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string out(text);
  std::free(text);
  return out;
}

}  // namespace amtszeit::booking
