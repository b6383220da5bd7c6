#include "amtszeit/server/waitlist_hook.h"

#include "amtszeit/server/notify_hook.h"

namespace amtszeit::server {

booking::ChangeHook WaitlistNotifyHook(const notify::Notifier& notifier) {
  return [&notifier, notify = NotifyHook(notifier)](
             store::WriteTx& tx, const booking::ChangeNote& note) -> Result<void> {
    auto offer = waitlist::OnBookingChange(tx, note);
    if (!offer) return std::unexpected(offer.error());
    if (*offer && note.change == booking::Change::kCancelled) {
      return notifier.outbox().Withdrawn(tx, note.appointment);
    }
    return notify(tx, note);
  };
}

booking::FreedHook WaitlistFreedHook(waitlist::WaitlistService*& target) {
  return [&target](const booking::FreedSlot& slot) {
    if (target != nullptr) target->OnFreed(slot);
  };
}

waitlist::WaitlistOptions WaitlistOptionsFor(const notify::Notifier& notifier, int offer_minutes) {
  return {
      .offer_ttl = absl::Minutes(offer_minutes),
      .seal = [&notifier](std::string_view token) { return notifier.Seal(token); },
      .on_offer = [&notifier](
                      store::WriteTx& tx, const Appointment& hold, std::string_view sealed,
                      absl::Time now) { return notifier.outbox().Offered(tx, hold, sealed, now); }};
}

}  // namespace amtszeit::server
