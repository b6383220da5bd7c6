// A booking request as the booking engine would serve it, on the replication's index.
#include <algorithm>

#include "amtszeit/planning/city_replication.h"

namespace amtszeit::planning::city {

// The query the booking engine prepares for this request (BookingEngine::Prepare), or nullopt
// when the rules refuse it.
std::optional<SlotQuery> Replication::Query(const Service& svc, Channel channel, absl::CivilDay day,
                                            int minute, std::optional<absl::CivilDay> move_in,
                                            std::optional<absl::CivilDay> travel) const {
  const Service* services[] = {&svc};
  const std::size_t k = static_cast<std::size_t>(&svc - o_.catalog->services.data());
  const std::optional<int> minutes = service_minutes_[k];
  if (!minutes) return std::nullopt;
  auto deadline = booking::LegalDeadline(services, move_in, day, o_.rules);
  if (!deadline) return std::nullopt;
  const booking::BookableRange range = booking::BookableDays(
      o_.rules, absl::CivilMinute(day.year(), day.month(), day.day(), minute / 60, minute % 60));
  SlotQuery q;
  q.required = service_skills_[k];
  q.ticks = Ticks(*minutes);
  q.from = range.first;
  if (move_in) q.from = std::max(q.from, *move_in);
  q.to = range.last;
  q.min_start_tick_on_from = q.from == range.first ? range.min_start_tick_on_first : 0;
  q.limit = 1;
  q.today = day;
  q.entitlement = booking::EntitlementFor(channel, services, *deadline, travel, day, o_.rules);
  return q;
}

void Replication::Book(absl::CivilDay day, int d, const Request& r, bool measured) {
  ++out_.events;
  if (measured) ++out_.booking_requests;
  const Service& svc = o_.catalog->services[r.service];
  std::optional<SlotQuery> q = Query(svc, r.channel, day, r.minute, r.move_in, r.travel);
  if (!q) return;
  std::span<const std::int32_t> locations = all_locations_;
  if (!r.locations.empty()) {
    locations = r.locations;
  } else if (r.district >= 0) {
    locations = s_.district_locations[r.district];
    if (locations.empty()) return;
  }
  const capacity::Entitlement& e = q->entitlement;
  const HintKey key{
      q->required, q->ticks,
      (e.phone ? 1U : 0U) | (e.priority_passport ? 2U : 0U) | (r.locations.empty() ? 0U : 4U),
      e.deadline ? *e.deadline - absl::CivilDay(1970, 1, 1) : -1, r.district};
  Hint& hint = hints_[key];
  const bool use_hint = r.locations.empty() && hint.epoch == epoch_;
  if (use_hint && hint.day > q->from) {
    q->from = hint.day;
    q->min_start_tick_on_from = 0;
  }
  const std::optional<capacity::Slot> found = FirstSlot(*q, locations);
  if (!found) {
    if (measured) ++out_.lost_requests;
    hint = {epoch_, q->to + 1};
    return;
  }
  const capacity::Slot& slot = *found;
  hint = {epoch_, slot.day};
  const auto staff = index_->PickStaff(slot.location, slot.day, slot.start_tick, q->ticks,
                                       q->required, q->entitlement, day);
  if (!staff || !index_->Claim(slot.location, slot.day, *staff, slot.start_tick,
                               slot.start_tick + q->ticks)) {
    return;  // cannot happen: the search offered it
  }
  Changed(slot.location, slot.day, *staff, slot.start_tick, slot.start_tick + q->ticks);
  if (measured) {
    ++out_.bookings;
    CentreDayFigures& f = Figures(day, slot.location);
    ++f.bookings;
    if (slot.day - day <= kWithinDays) ++f.within_14;
  }
  const std::int64_t booked_at = static_cast<std::int64_t>(d) * kMinutesPerDayI + r.minute;
  const std::int64_t begin = static_cast<std::int64_t>(slot.day - s_.start) * kMinutesPerDayI +
                             slot.start_tick * kTickMinutes;
  switch (r.fate) {
    case ScriptedBooking::Fate::kCancel: {
      // Most cancel shortly before the day, as in the demo history.
      const std::int64_t at =
          r.cancel_in_minutes
              ? booked_at + static_cast<std::int64_t>(r.cancel_at)
              : std::max<std::int64_t>(
                    booked_at + 1, begin - static_cast<std::int64_t>((begin - booked_at) *
                                                                     r.cancel_at * r.cancel_at));
      releases_.push({.at = at + absl::ToInt64Minutes(o_.rules.cancel_cooldown),
                      .location = slot.location,
                      .day = slot.day,
                      .staff = *staff,
                      .first = slot.start_tick,
                      .end = slot.start_tick + q->ticks});
      break;
    }
    case ScriptedBooking::Fate::kShow:
      if (slot.day >= o_.first_day && slot.day < o_.first_day + o_.days) ++out_.visits;
      appointment_busy_[static_cast<std::size_t>(slot.day - s_.start) *
                            o_.catalog->locations.size() +
                        slot.location] += q->ticks * kTickMinutes;
      break;
    case ScriptedBooking::Fate::kNoShow:
      break;
  }
}

}  // namespace amtszeit::planning::city
