// The waitlist: a citizen who finds nothing suitable asks to be told of an earlier slot — for
// which services, where (centres or districts), at which times of day, by which day at the latest.
// Time that becomes free (a booking cancelled or moved away once its cool-down is over, an offer
// declined or left unanswered, capacity steering opened) is held for the first matching entry in
// order of arrival for a time box, and offered by message with links to accept or decline; on
// decline or expiry the next entry gets it, and only when nobody wants it does it return to the
// public pool. So a bot polling the search never sees freed time first.
//
//   WaitlistService waitlist(store, engine, clock, {.offer_ttl = absl::Minutes(30)});
//   // engine options: .on_freed = [&](const booking::FreedSlot& s) { waitlist.OnFreed(s); }
//   auto joined = waitlist.Join({.service_ids = {"personalausweis"}, .contact = ...});
//   ... later, from the offer link:  waitlist.Accept(code, token);
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/booking/engine.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/waitlist_entry.h"
#include "amtszeit/store/store.h"
#include "amtszeit/waitlist/join_request.h"

namespace amtszeit::waitlist {

struct WaitlistOptions {
  absl::Duration offer_ttl = absl::Minutes(30);  // how long an offered slot is held
  int max_open_per_contact = 3;
  // Seals an entry's link secret for the offer messages (notify/'s key); unset: offers carry no
  // link and are answered on the entry's page.
  std::function<std::string(std::string_view token)> seal;
  // Queues the offer message inside the hold's transaction (notify::Outbox::Offered).
  std::function<Result<void>(store::WriteTx&, const Appointment& hold, std::string_view sealed,
                             absl::Time now)>
      on_offer;
};

struct JoinReceipt {
  WaitlistEntry entry;
  std::string token;  // the citizen's secret; only its hash is stored
};

// An entry as its citizen sees it, with the slot held for them while an offer is open.
struct EntryView {
  WaitlistEntry entry;
  std::optional<Appointment> offer;
};

class WaitlistService {
 public:
  WaitlistService(store::Store& store, booking::BookingEngine& engine, const Clock& clock,
                  WaitlistOptions options);

  Result<JoinReceipt> Join(const JoinRequest& request);
  Result<EntryView> Get(std::string_view code, std::string_view token) const;
  // Leaves the waitlist; an open offer is withdrawn and passes on.
  Result<WaitlistEntry> Leave(std::string_view code, std::string_view token);
  // The offer link names the held slot's code and the entry's token.
  Result<EntryView> GetOffer(std::string_view offer_code, std::string_view token) const;
  // Books the offered slot with the entry's contact; the appointment answers to the same token.
  Result<booking::Receipt> Accept(std::string_view offer_code, std::string_view token);
  // Passes the offered slot on; the entry keeps waiting (that slot is not offered to it again).
  Result<EntryView> Decline(std::string_view offer_code, std::string_view token);

  // The engine's FreedHook: holds the slot for the first matching entries, the rest goes back to
  // the pool. Slots are handled one at a time, in the order they come.
  void OnFreed(const booking::FreedSlot& slot);

  const WaitlistOptions& options() const { return options_; }

 private:
  Result<WaitlistEntry> Owned(std::string_view code, std::string_view token) const;
  // The entry whose open offer is the hold `offer_code`; kNotFound when the offer is over.
  Result<EntryView> OwnedOffer(std::string_view offer_code, std::string_view token) const;
  Result<std::optional<Appointment>> OfferOf(const WaitlistEntry& e) const;
  // Ends offers that lapsed and entries whose latest day passed.
  Result<void> Sweep(absl::Time now);
  bool Matches(const WaitlistEntry& e, const booking::FreedSlot& slot) const;
  // The earliest start inside `slot` the entry's time-of-day wishes allow.
  std::optional<int> StartFor(const WaitlistEntry& e, const booking::FreedSlot& slot) const;

  store::Store& store_;
  booking::BookingEngine& engine_;
  const Clock& clock_;
  WaitlistOptions options_;
  std::mutex offer_mu_;  // one freed slot at a time
};

// For the engine's change hook, inside the change's transaction: when the appointment is an open
// offer, a confirmation books the entry and a cancellation (the decline) sets it waiting again.
// Answers whether the appointment was an offer, so the caller can keep the citizen from being
// told of the "cancellation" of a slot that was never theirs.
Result<bool> OnBookingChange(store::WriteTx& tx, const booking::ChangeNote& note);

// "2026-12-07T600@kz-altona": how a declined slot is remembered.
std::string DeclinedKey(std::string_view location_id, absl::CivilDay day, int start_minute);

}  // namespace amtszeit::waitlist
