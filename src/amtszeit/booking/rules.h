// The booking rules that do not need the index or the store: the booking window, who may use
// which contingent, contact normalisation for the one-per-person rule, legal deadlines.
//
//   BookableRange r = BookableDays(rules, local_now);     // which days a citizen may book now
//   Result<std::string> key = ContactKey(contact);        // "email:anna@example.org"
#pragma once

#include <optional>
#include <span>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/capacity/contingent.h"
#include "amtszeit/domain/appointment.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"

namespace amtszeit::booking {

struct BookingRules {
  int min_days_ahead = 1;  // 1 = from tomorrow
  int max_days_ahead = 90;
  bool same_day = false;  // allow today, not earlier than now + same_day_lead_minutes
  int same_day_lead_minutes = 60;
  // The day max_days_ahead ahead enters the window at this local time (announced), not at
  // midnight, so nobody has to stay up to get a slot and bots gain nothing by polling at 00:00.
  int release_minute = 7 * 60;
  absl::Duration hold_ttl = absl::Minutes(10);
  // A cancelled slot returns to the pool only after this delay, so slots cannot be handed from
  // one person to another by cancelling and rebooking at an agreed moment.
  absl::Duration cancel_cooldown = absl::Minutes(10);
  int max_services = 5;
  // Passport applicants travelling within this many weeks may use the priority contingent.
  int priority_travel_weeks = 12;
};

Result<void> ValidateBookingRules(const BookingRules& rules);

struct BookableRange {
  absl::CivilDay first;
  absl::CivilDay last;  // inclusive
  int min_start_tick_on_first = 0;
};

// The days a booking may fall on, seen at local time `now`.
BookableRange BookableDays(const BookingRules& rules, absl::CivilMinute now);

// Normalised key for the one-open-appointment-per-person-and-service rule: a lower-cased e-mail
// address, else a phone number in international form (+49…). Fails with a message a citizen can
// act on when neither is usable or the name is missing.
Result<std::string> ContactKey(const Contact& contact);
// "phone:+4940428280" when a phone number is given (also when the contact key is the e-mail).
std::string PhoneKey(const Contact& contact);

// The last day allowed by the services' legal deadlines (e.g. Ummeldung: move-in + 14 days), or
// nullopt when no service has one. Fails when a service has a deadline and no move-in date was
// given, or the move-in date is implausible (more than a year ago or after the window).
Result<std::optional<absl::CivilDay>> LegalDeadline(std::span<const Service* const> services,
                                                    std::optional<absl::CivilDay> move_in,
                                                    absl::CivilDay today,
                                                    const BookingRules& rules);

// What the caller may use beyond the open pool: the phone contingent for the call centre, the
// deadline contingent up to the deadline, and priority passport slots for applicants with a
// travel date within priority_travel_weeks.
capacity::Entitlement EntitlementFor(Channel channel, std::span<const Service* const> services,
                                     std::optional<absl::CivilDay> deadline,
                                     std::optional<absl::CivilDay> travel_date,
                                     absl::CivilDay today, const BookingRules& rules);

// Sum of the services' durations in minutes. Fails for an empty set, duplicates, too many
// services, or a service that needs no visit (the caller should send the citizen online).
Result<int> TotalDuration(std::span<const Service* const> services, const BookingRules& rules);

}  // namespace amtszeit::booking
