// Joins the booking engine to the notification outbox without either module knowing the other:
// the engine's change hook, answered by the notifier inside the change's own transaction.
#pragma once

#include "amtszeit/booking/engine.h"
#include "amtszeit/notify/notifier.h"

namespace amtszeit::server {

// A staff reassignment keeps time and place, so the citizen is not told.
booking::ChangeHook NotifyHook(const notify::Notifier& notifier);

}  // namespace amtszeit::server
