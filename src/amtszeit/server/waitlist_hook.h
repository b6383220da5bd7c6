// Joins the booking engine, the waitlist and the outbox: the change hook that keeps waitlist
// entries in step with their offers (and says nothing of an offer's end), and the freed-time hook.
#pragma once

#include "amtszeit/booking/engine.h"
#include "amtszeit/notify/notifier.h"
#include "amtszeit/waitlist/waitlist.h"

namespace amtszeit::server {

// NotifyHook, but an offer that ends (declined, withdrawn) drops its unsent offer message instead
// of telling of a cancellation, and an accepted offer marks its entry booked.
booking::ChangeHook WaitlistNotifyHook(const notify::Notifier& notifier);

// Freed time goes to `target`, which the server sets before the engine first ticks.
booking::FreedHook WaitlistFreedHook(waitlist::WaitlistService*& target);

// Offer messages through the notifier's outbox, link tokens sealed under its key.
waitlist::WaitlistOptions WaitlistOptionsFor(const notify::Notifier& notifier, int offer_minutes);

}  // namespace amtszeit::server
