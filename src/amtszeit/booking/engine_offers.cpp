// The booking engine's side of the waitlist: freed time is kept booked in the index (so no search
// offers it) until the waitlist holds it for someone or gives it back to the pool.
#include <algorithm>
#include <mutex>

#include "amtszeit/booking/engine.h"
#include "amtszeit/booking/engine_internal.h"
#include "amtszeit/booking/secrets.h"

namespace amtszeit::booking {

using internal::EventOf;
using internal::Ordinal;

FreedSlot BookingEngine::SlotOf(const Occupancy& o) const {
  return {.location_id = index_->LocationId(o.location),
          .staff_id = index_->StaffId(o.staff),
          .day = o.day,
          .first_minute = o.first * kTickMinutes,
          .end_minute = o.end * kTickMinutes};
}

std::optional<FreedSlot> BookingEngine::KeepBack(const Occupancy& o) {
  bool shared = false;
  if (auto it = occupied_.find({o.location, Ordinal(o.day), o.staff}); it != occupied_.end()) {
    for (const auto& [first, end] : it->second) shared |= first < o.end && o.first < end;
  }
  // Time the roster no longer offers (e.g. a closed centre) is nobody's to offer.
  if (!options_.on_freed || shared || !index_->Covers(o.day) || !Staffed(o)) {
    Release(o);
    return std::nullopt;
  }
  index_->ForceBook(o.location, o.day, o.staff, o.first, o.end);
  if (std::ranges::find(kept_back_, o) == kept_back_.end()) kept_back_.push_back(o);
  return SlotOf(o);
}

void BookingEngine::TellFreed(const std::vector<FreedSlot>& slots) {
  for (const FreedSlot& slot : slots) options_.on_freed(slot);
}

std::vector<FreedSlot> BookingEngine::KeepBackNewCapacity(
    const std::map<std::tuple<std::int32_t, std::int64_t, std::string>, capacity::TickSet>&
        before) {
  std::vector<FreedSlot> out;
  const absl::CivilDay first = std::max(index_->first_day(), index_day_ + 1);
  for (std::int32_t l = 0; l < index_->location_count(); ++l) {
    for (absl::CivilDay d = first; d <= index_->last_day(); ++d) {
      for (const capacity::StaffDay& sd : index_->StaffDays(l, d)) {
        capacity::TickSet fresh = sd.available.Minus(sd.booked);
        if (auto it = before.find({l, Ordinal(d), index_->StaffId(sd.staff)}); it != before.end()) {
          fresh = fresh.Minus(it->second);
        }
        // One slot per run of consecutive new ticks.
        for (auto t = fresh.First(); t;) {
          int end = *t;
          while (end < kTicksPerDay && fresh.Test(end)) ++end;
          if (auto slot = KeepBack({l, d, sd.staff, *t, end})) out.push_back(std::move(*slot));
          t = end < kTicksPerDay ? fresh.First(end) : std::nullopt;
        }
      }
    }
  }
  return out;
}

std::vector<FreedSlot> BookingEngine::KeptBack() const {
  std::shared_lock lock(mu_);
  std::vector<FreedSlot> out;
  for (const Occupancy& o : kept_back_) out.push_back(SlotOf(o));
  return out;
}

void BookingEngine::ReturnToPool(const FreedSlot& slot) {
  std::unique_lock lock(mu_);
  auto it = std::ranges::find_if(kept_back_, [&](const Occupancy& o) { return SlotOf(o) == slot; });
  if (it == kept_back_.end()) return;
  const Occupancy o = *it;
  kept_back_.erase(it);
  Release(o);
}

Result<OfferAnswer> BookingEngine::OfferHold(const OfferRequest& r) {
  const absl::Time now = clock_.Now();
  const FreedSlot& slot = r.slot;
  if (r.start_minute % kTickMinutes != 0) {
    return Fail(ErrorCode::kInvalidArgument, "start must be on the 5-minute grid");
  }
  auto contact_key = ContactKey(r.contact);
  if (!contact_key) return std::unexpected(contact_key.error());
  SearchRequest search{.service_ids = r.service_ids,
                       .from = slot.day,
                       .to = slot.day,
                       .locations = {slot.location_id},
                       .move_in_date = r.move_in_date};
  Query q;
  {
    std::shared_lock lock(mu_);
    auto prepared = Prepare(search, now);
    if (!prepared) return std::unexpected(prepared.error());
    q = std::move(*prepared);
  }
  if (q.services.empty() || !q.online.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "only services that need a visit can be offered");
  }
  const capacity::SlotQuery& sq = q.slot_query;
  const int first = r.start_minute / kTickMinutes;
  const int end = first + sq.ticks;
  if (slot.day < sq.from || slot.day > sq.to ||
      (slot.day == sq.from && first < sq.min_start_tick_on_from)) {
    return Fail(ErrorCode::kConflict, "the slot is outside the booking window");
  }
  if (q.deadline && slot.day > *q.deadline) {
    return Fail(ErrorCode::kConflict, "the slot is after the legal deadline");
  }
  if (first < slot.first_minute / kTickMinutes || end > slot.end_minute / kTickMinutes) {
    return Fail(ErrorCode::kConflict, "the services do not fit into the freed time");
  }

  Appointment a;
  a.code = NewAppointmentCode();
  a.token_hash = r.token_hash;
  a.location_id = slot.location_id;
  a.staff_id = slot.staff_id;
  a.day = slot.day;
  a.time = {r.start_minute, r.start_minute + q.minutes};
  a.start = ToInstant(slot.day, r.start_minute, options_.zone);
  a.end = ToInstant(slot.day, a.time.end, options_.zone);
  for (const Service* s : q.services) a.service_ids.push_back(s->id);
  a.channel = Channel::kOnline;
  a.status = AppointmentStatus::kHeld;
  a.move_in_date = r.move_in_date;
  a.contact = r.contact;
  a.contact_key = *contact_key;
  a.phone_key = PhoneKey(r.contact);
  a.created_at = a.updated_at = now;
  a.hold_expires_at = now + r.ttl;

  Occupancy kept;
  Occupancy held;
  OfferAnswer answer;
  auto result = writer_->Submit({
      .prepare = [&]() -> Result<void> {
        auto it =
            std::ranges::find_if(kept_back_, [&](const Occupancy& o) { return SlotOf(o) == slot; });
        if (it == kept_back_.end()) return Fail(ErrorCode::kConflict, "the slot is gone");
        kept = *it;
        held = {kept.location, kept.day, kept.staff, first, end};
        // Freed time stays in the contingent it belonged to (e.g. the call centre's share): only
        // an entry entitled to it (a deadline) gets it; otherwise the waitlist passes it on or
        // returns it to the pool, where the contingent holds it as before.
        const unsigned blocked = index_->BlockedKinds(kept.day, sq.entitlement, sq.today);
        for (const capacity::StaffDay& sd : index_->StaffDays(kept.location, kept.day)) {
          if (sd.staff != kept.staff) continue;
          if ((sd.skills & sq.required) != sq.required) {
            return Fail(ErrorCode::kConflict, "the staff member cannot serve these services");
          }
          for (int k = 0; k < capacity::kContingentKinds; ++k) {
            if ((blocked & (1U << k)) == 0) continue;
            for (int t = first; t < end; ++t) {
              if (sd.held[k].Test(t)) {
                return Fail(ErrorCode::kConflict, "the freed time is held for the {} contingent",
                            capacity::ToString(static_cast<capacity::ContingentKind>(k)));
              }
            }
          }
        }
        // Claimed here, so a second offer of the same slot cannot overlap this one.
        kept_back_.erase(it);
        return {};
      },
      .write = [&](store::WriteTx& tx) -> Result<void> {
        auto id = tx.InsertAppointment(a);
        if (!id) return std::unexpected(id.error());
        a.id = *id;
        if (auto e = tx.AppendEvent(EventOf(a, EventKind::kHeld, now)); !e) {
          return std::unexpected(e.error());
        }
        return r.write ? r.write(tx, a) : Result<void>();
      },
      .undo = [&] { kept_back_.push_back(kept); },
      .publish =
          [&] {
            holds_[a.id] = {a.hold_expires_at, held};
            offer_holds_.insert(a.id);
            Occupy(held);
            // The rest stays kept back (still booked in the index) for the next in line.
            for (auto [f, e] : {std::pair{kept.first, first}, std::pair{end, kept.end}}) {
              if (f >= e) continue;
              const Occupancy part{kept.location, kept.day, kept.staff, f, e};
              kept_back_.push_back(part);
              answer.rest.push_back(SlotOf(part));
            }
          },
  });
  if (!result) return std::unexpected(result.error());
  answer.hold = a;
  return answer;
}

}  // namespace amtszeit::booking
