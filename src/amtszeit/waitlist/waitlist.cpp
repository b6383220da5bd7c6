#include "amtszeit/waitlist/waitlist.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "absl/strings/str_split.h"
#include "amtszeit/booking/rules.h"
#include "amtszeit/booking/secrets.h"
#include "amtszeit/capacity/capacity_index.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/secrets/secrets.h"

namespace amtszeit::waitlist {

namespace {

constexpr std::size_t kMaxPlaces = 30;

bool Contains(const std::vector<std::string>& v, std::string_view x) {
  return std::ranges::find(v, x) != v.end();
}

Result<std::optional<Appointment>> FindById(store::Store& store, const WaitlistEntry& e,
                                            std::int64_t id) {
  // The hold carries the entry's contact, so the contact's appointments include it.
  auto all = store.ReadAppointmentsOf(e.contact_key);
  if (!all) return std::unexpected(all.error());
  auto it = std::ranges::find(*all, id, &Appointment::id);
  if (it == all->end()) return std::optional<Appointment>();
  return std::optional<Appointment>(*it);
}

}  // namespace

std::string DeclinedKey(std::string_view location_id, absl::CivilDay day, int start_minute) {
  return fmt::format("{}T{}@{}", FormatDay(day), start_minute, location_id);
}

WaitlistService::WaitlistService(store::Store& store, booking::BookingEngine& engine,
                                 const Clock& clock, WaitlistOptions options)
    : store_(store), engine_(engine), clock_(clock), options_(std::move(options)) {}

Result<JoinReceipt> WaitlistService::Join(const JoinRequest& r) {
  const absl::Time now = clock_.Now();
  const Catalog& catalog = engine_.catalog();
  if (r.service_ids.empty())
    return Fail(ErrorCode::kInvalidArgument, "choose at least one service");
  std::vector<const Service*> services;
  for (const std::string& id : r.service_ids) {
    const Service* s = catalog.FindService(id);
    if (s == nullptr) return Fail(ErrorCode::kInvalidArgument, "unknown service '{}'", id);
    if (!s->needs_presence) {
      return Fail(ErrorCode::kInvalidArgument, "'{}' needs no visit; it is done online", id);
    }
    services.push_back(s);
  }
  if (auto minutes = booking::TotalDuration(services, engine_.options().rules); !minutes) {
    return std::unexpected(minutes.error());
  }
  if (r.location_ids.size() + r.district_ids.size() > kMaxPlaces) {
    return Fail(ErrorCode::kInvalidArgument, "at most {} centres and districts", kMaxPlaces);
  }
  for (const std::string& id : r.location_ids) {
    if (catalog.FindLocation(id) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "unknown location '{}'", id);
    }
  }
  for (const std::string& id : r.district_ids) {
    if (catalog.FindDistrict(id) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "unknown district '{}'", id);
    }
  }
  if (r.windows > 15) return Fail(ErrorCode::kInvalidArgument, "unknown time windows");
  auto contact_key = booking::ContactKey(r.contact);
  if (!contact_key) return std::unexpected(contact_key.error());
  if (!r.contact.language.empty() && r.contact.language != "de" && r.contact.language != "en") {
    return Fail(ErrorCode::kInvalidArgument, "language must be 'de' or 'en'");
  }

  const booking::BookingRules& rules = engine_.options().rules;
  const absl::CivilMinute local = ToCivilMinute(now, engine_.options().zone);
  const absl::CivilDay today(local);
  const booking::BookableRange range = booking::BookableDays(rules, local);
  auto deadline = booking::LegalDeadline(services, r.move_in_date, today, rules);
  if (!deadline) return std::unexpected(deadline.error());
  absl::CivilDay latest = r.latest.value_or(*deadline ? **deadline : range.last);
  if (*deadline) latest = std::min(latest, **deadline);  // an offer after it would be no use
  latest = std::min(latest, range.last);
  if (latest < range.first) {
    return Fail(ErrorCode::kInvalidArgument,
                "the latest day must be in the booking window ({} to {})", FormatDay(range.first),
                FormatDay(range.last));
  }

  auto open = store_.ReadOpenWaitlistEntries();
  if (!open) return std::unexpected(open.error());
  if (std::ranges::count(*open, *contact_key, &WaitlistEntry::contact_key) >=
      options_.max_open_per_contact) {
    return Fail(ErrorCode::kConflict,
                "this contact is already waiting for {} slots; leave one of them first",
                options_.max_open_per_contact);
  }

  WaitlistEntry e;
  const std::string token = secrets::NewToken();
  e.code = booking::NewAppointmentCode();
  e.token_hash = secrets::LinkTokenHash(token);
  if (options_.seal) e.sealed_token = options_.seal(token);
  for (const Service* s : services) e.service_ids.push_back(s->id);
  e.location_ids = r.location_ids;
  e.district_ids = r.district_ids;
  e.windows = r.windows;
  e.latest = latest;
  e.move_in_date = r.move_in_date;
  e.contact = r.contact;
  e.contact_key = *contact_key;
  e.phone_key = booking::PhoneKey(r.contact);
  e.created_at = e.updated_at = now;
  auto written = store_.Write([&](store::WriteTx& tx) -> Result<void> {
    auto id = tx.InsertWaitlistEntry(e);
    if (!id) return std::unexpected(id.error());
    e.id = *id;
    return {};
  });
  if (!written) return std::unexpected(written.error());
  spdlog::info("waitlist: entry {} joined", e.id);
  return JoinReceipt{.entry = std::move(e), .token = token};
}

Result<WaitlistEntry> WaitlistService::Owned(std::string_view code, std::string_view token) const {
  auto found = store_.FindWaitlistEntryByCode(booking::NormaliseCode(code));
  if (!found) return std::unexpected(found.error());
  // An unknown code and a wrong token answer alike, so codes cannot be probed.
  if (!*found || !secrets::LinkTokenMatches(token, (*found)->token_hash)) {
    return Fail(ErrorCode::kNotFound, "no waitlist entry with this code and token");
  }
  return **found;
}

Result<std::optional<Appointment>> WaitlistService::OfferOf(const WaitlistEntry& e) const {
  if (e.status != WaitlistStatus::kOffered || e.offer_appointment_id == 0) {
    return std::optional<Appointment>();
  }
  return FindById(store_, e, e.offer_appointment_id);
}

Result<EntryView> WaitlistService::Get(std::string_view code, std::string_view token) const {
  auto e = Owned(code, token);
  if (!e) return std::unexpected(e.error());
  auto offer = OfferOf(*e);
  if (!offer) return std::unexpected(offer.error());
  return EntryView{.entry = std::move(*e), .offer = std::move(*offer)};
}

Result<WaitlistEntry> WaitlistService::Leave(std::string_view code, std::string_view token) {
  auto e = Owned(code, token);
  if (!e) return std::unexpected(e.error());
  if (!IsOpen(e->status)) return *e;  // leaving twice is fine
  auto offer = OfferOf(*e);
  if (!offer) return std::unexpected(offer.error());
  e->status = WaitlistStatus::kCancelled;
  e->sealed_token.clear();
  e->updated_at = clock_.Now();
  auto written = store_.Write([&](store::WriteTx& tx) { return tx.UpdateWaitlistEntry(*e); });
  if (!written) return std::unexpected(written.error());
  if (*offer && (*offer)->status == AppointmentStatus::kHeld) {
    // The engine passes the slot on to the next in line.
    if (auto c = engine_.Cancel((*offer)->code, token); !c) return std::unexpected(c.error());
  }
  return *e;
}

Result<EntryView> WaitlistService::OwnedOffer(std::string_view offer_code,
                                              std::string_view token) const {
  auto hold = store_.FindAppointmentByCode(booking::NormaliseCode(offer_code));
  if (!hold) return std::unexpected(hold.error());
  if (!*hold || !secrets::LinkTokenMatches(token, (*hold)->token_hash)) {
    return Fail(ErrorCode::kNotFound, "no offer with this code and token");
  }
  auto e = store_.FindWaitlistEntryByOffer((*hold)->id);
  if (!e) return std::unexpected(e.error());
  if (!*e) return Fail(ErrorCode::kNotFound, "no offer with this code and token");
  return EntryView{.entry = std::move(**e), .offer = std::move(**hold)};
}

Result<EntryView> WaitlistService::GetOffer(std::string_view offer_code,
                                            std::string_view token) const {
  return OwnedOffer(offer_code, token);
}

Result<booking::Receipt> WaitlistService::Accept(std::string_view offer_code,
                                                 std::string_view token) {
  auto v = OwnedOffer(offer_code, token);
  if (!v) return std::unexpected(v.error());
  if (v->entry.status != WaitlistStatus::kOffered ||
      v->entry.offer_appointment_id != v->offer->id) {
    return Fail(ErrorCode::kConflict, "this offer is over (the waitlist entry is {})",
                ToString(v->entry.status));
  }
  // Someone waiting for an earlier time of a later appointment they hold: that appointment moves
  // into the offer (code and link stay; its old time is freed and offered on), where a second
  // booking would be refused by the one-per-person rule. The move's change hook marks the entry
  // booked in the same transaction.
  auto theirs = store_.ReadAppointmentsOf(v->entry.contact_key);
  if (!theirs) return std::unexpected(theirs.error());
  std::vector<std::string> wanted = v->offer->service_ids;
  std::ranges::sort(wanted);
  const Appointment* later = nullptr;
  for (const Appointment& a : *theirs) {
    std::vector<std::string> services = a.service_ids;
    std::ranges::sort(services);
    if (a.status != AppointmentStatus::kConfirmed || services != wanted ||
        a.start <= v->offer->start || a.start <= clock_.Now()) {
      continue;
    }
    if (later == nullptr || a.start < later->start) later = &a;
  }
  if (later != nullptr) {
    auto moved =
        engine_.Reschedule(later->code, booking::Authority::CallCentre(), v->offer->code, token);
    if (!moved) return std::unexpected(moved.error());
    // No new secret: the citizen's link of the moved appointment keeps working.
    return booking::Receipt{.appointment = std::move(*moved)};
  }
  // The confirmation's change hook marks the entry booked in the same transaction; the engine
  // refuses an offer whose time box is over.
  return engine_.Confirm(
      {.code = v->offer->code, .token = std::string(token), .contact = v->entry.contact});
}

Result<EntryView> WaitlistService::Decline(std::string_view offer_code, std::string_view token) {
  auto v = OwnedOffer(offer_code, token);
  if (!v) return std::unexpected(v.error());
  if (v->entry.status != WaitlistStatus::kOffered ||
      v->entry.offer_appointment_id != v->offer->id ||
      v->offer->status != AppointmentStatus::kHeld) {
    return Fail(ErrorCode::kConflict, "this offer is over (the waitlist entry is {})",
                ToString(v->entry.status));
  }
  // The cancellation's change hook sets the entry waiting again; the engine passes the slot on.
  if (auto c = engine_.Cancel(v->offer->code, token); !c) return std::unexpected(c.error());
  return OwnedOffer(offer_code, token);
}

Result<bool> OnBookingChange(store::WriteTx& tx, const booking::ChangeNote& note) {
  if (note.change == booking::Change::kRescheduled && note.consumed_hold_id != 0) {
    // An appointment moved into an offer (Accept): the entry got what it waited for.
    auto found = tx.FindWaitlistEntryByOffer(note.consumed_hold_id);
    if (!found) return std::unexpected(found.error());
    if (!*found || (*found)->status != WaitlistStatus::kOffered) return false;
    WaitlistEntry e = std::move(**found);
    e.status = WaitlistStatus::kBooked;
    e.sealed_token.clear();
    e.updated_at = note.at;
    if (auto u = tx.UpdateWaitlistEntry(e); !u) return std::unexpected(u.error());
    return true;
  }
  if (note.change != booking::Change::kConfirmed && note.change != booking::Change::kCancelled) {
    return false;
  }
  auto found = tx.FindWaitlistEntryByOffer(note.appointment.id);
  if (!found) return std::unexpected(found.error());
  // Once booked, the appointment is an ordinary one; its later changes are told as usual.
  if (!*found || (*found)->status == WaitlistStatus::kBooked) return false;
  WaitlistEntry e = std::move(**found);
  if (e.status != WaitlistStatus::kOffered) return true;  // left the list: the offer is withdrawn
  const Appointment& a = note.appointment;
  if (note.change == booking::Change::kConfirmed) {
    e.status = WaitlistStatus::kBooked;
    e.sealed_token.clear();
  } else {
    e.status = WaitlistStatus::kWaiting;
    if (!e.declined.empty()) e.declined += ",";
    e.declined += DeclinedKey(a.location_id, a.day, a.time.begin);
  }
  e.updated_at = note.at;
  if (auto u = tx.UpdateWaitlistEntry(e); !u) return std::unexpected(u.error());
  return true;
}

Result<void> WaitlistService::Sweep(absl::Time now) {
  auto open = store_.ReadOpenWaitlistEntries();
  if (!open) return std::unexpected(open.error());
  const absl::CivilDay today(ToCivilMinute(now, engine_.options().zone));
  std::vector<WaitlistEntry> changed;
  for (WaitlistEntry& e : *open) {
    if (e.status == WaitlistStatus::kOffered) {
      auto hold = FindById(store_, e, e.offer_appointment_id);
      if (!hold) return std::unexpected(hold.error());
      if (*hold && (*hold)->status == AppointmentStatus::kHeld) continue;
      // Left unanswered: the entry ends, so one unread mailbox cannot hold up every freed slot.
      e.status = WaitlistStatus::kLapsed;
    } else if (e.latest < today + 1) {
      e.status = WaitlistStatus::kExpired;
    } else {
      continue;
    }
    e.sealed_token.clear();
    e.updated_at = now;
    changed.push_back(std::move(e));
  }
  if (changed.empty()) return {};
  return store_.Write([&](store::WriteTx& tx) -> Result<void> {
    for (const WaitlistEntry& e : changed) {
      auto current = tx.FindWaitlistEntryByCode(e.code);
      if (!current) return std::unexpected(current.error());
      // Changed meanwhile (accepted at the last moment, or offered): leave it.
      if (!*current) continue;
      const WaitlistEntry& now_stored = **current;
      if (e.status == WaitlistStatus::kLapsed &&
          (now_stored.status != WaitlistStatus::kOffered ||
           now_stored.offer_appointment_id != e.offer_appointment_id)) {
        continue;
      }
      if (e.status == WaitlistStatus::kExpired && now_stored.status != WaitlistStatus::kWaiting) {
        continue;
      }
      if (auto u = tx.UpdateWaitlistEntry(e); !u) return u;
    }
    return {};
  });
}

bool WaitlistService::Matches(const WaitlistEntry& e, const booking::FreedSlot& slot) const {
  if (e.status != WaitlistStatus::kWaiting || slot.day > e.latest) return false;
  if (!e.location_ids.empty() || !e.district_ids.empty()) {
    const Location* l = engine_.FindLocation(slot.location_id);
    const bool here = Contains(e.location_ids, slot.location_id) ||
                      (l != nullptr && Contains(e.district_ids, l->district_id));
    if (!here) return false;
  }
  return true;
}

std::optional<int> WaitlistService::StartFor(const WaitlistEntry& e,
                                             const booking::FreedSlot& slot) const {
  const capacity::TickSet allowed = capacity::WindowStarts(e.windows, slot.day);
  for (int m = slot.first_minute; m < slot.end_minute; m += kTickMinutes) {
    if (!allowed.Test(m / kTickMinutes)) continue;
    if (!e.declined.empty()) {
      const std::string key = DeclinedKey(slot.location_id, slot.day, m);
      bool declined = false;
      for (absl::string_view d : absl::StrSplit(e.declined, ',')) declined |= d == key;
      if (declined) continue;
    }
    return m;
  }
  return std::nullopt;
}

void WaitlistService::OnFreed(const booking::FreedSlot& freed) {
  std::lock_guard lock(offer_mu_);
  const absl::Time now = clock_.Now();
  if (auto ok = Sweep(now); !ok) spdlog::warn("waitlist: sweep failed: {}", ok.error().message);
  auto entries = store_.ReadOpenWaitlistEntries();
  if (!entries) {
    spdlog::warn("waitlist: {}; the freed slot goes to the pool", entries.error().message);
    engine_.ReturnToPool(freed);
    return;
  }
  std::vector<booking::FreedSlot> pieces = {freed};
  while (!pieces.empty()) {
    const booking::FreedSlot slot = pieces.back();
    pieces.pop_back();
    bool offered = false;
    for (WaitlistEntry& e : *entries) {
      if (!Matches(e, slot)) continue;
      const std::optional<int> start = StartFor(e, slot);
      if (!start) continue;
      WaitlistEntry marked = e;
      auto answer = engine_.OfferHold(
          {.slot = slot,
           .service_ids = e.service_ids,
           .start_minute = *start,
           .move_in_date = e.move_in_date,
           .contact = e.contact,
           .token_hash = e.token_hash,
           .ttl = options_.offer_ttl,
           .write = [&](store::WriteTx& tx, const Appointment& hold) -> Result<void> {
             marked.status = WaitlistStatus::kOffered;
             marked.offer_appointment_id = hold.id;
             marked.updated_at = now;
             if (auto u = tx.UpdateWaitlistEntry(marked); !u) return u;
             if (!options_.on_offer) return {};
             return options_.on_offer(tx, hold, e.sealed_token, now);
           }});
      if (!answer) {
        // Does not fit this entry (services, deadline, booking window): the next one may.
        spdlog::info("waitlist: entry {} passed over: {}", e.id, answer.error().message);
        continue;
      }
      spdlog::info("waitlist: entry {} offered a slot until {}", e.id,
                   absl::FormatTime(answer->hold.hold_expires_at));
      e = std::move(marked);
      for (booking::FreedSlot& rest : answer->rest) pieces.push_back(std::move(rest));
      offered = true;
      break;
    }
    if (!offered) {
      spdlog::info("waitlist: nobody waits for {} {} {}-{}; it goes to the pool", slot.location_id,
                   FormatDay(slot.day), slot.first_minute, slot.end_minute);
      engine_.ReturnToPool(slot);
    }
  }
}

}  // namespace amtszeit::waitlist
