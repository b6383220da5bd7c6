#include <algorithm>
#include <mutex>

#include "absl/strings/str_split.h"
#include "amtszeit/booking/engine.h"
#include "amtszeit/booking/engine_internal.h"
#include "amtszeit/booking/secrets.h"
#include "amtszeit/capacity/scan_search.h"

namespace amtszeit::booking {

using capacity::CapacityIndex;
using internal::EventOf;
using internal::FindOwned;
using internal::Fingerprint;
using internal::kIndexDays;
using internal::kMaxLimit;
using internal::Ordinal;
using internal::Ticks;

Result<std::vector<const Service*>> BookingEngine::Services(
    const std::vector<std::string>& ids) const {
  std::vector<const Service*> services;
  for (const std::string& id : ids) {
    const Service* s = catalog().FindService(id);
    if (s == nullptr) return Fail(ErrorCode::kInvalidArgument, "unknown service '{}'", id);
    services.push_back(s);
  }
  if (services.empty()) return Fail(ErrorCode::kInvalidArgument, "choose at least one service");
  return services;
}

Result<BookingEngine::Query> BookingEngine::Prepare(const SearchRequest& r, absl::Time now) const {
  auto all = Services(r.service_ids);
  if (!all) return std::unexpected(all.error());
  Query q;
  for (const Service* s : *all) {
    if (s->needs_presence) {
      q.services.push_back(s);
    } else {
      q.online.push_back({s->id, s->name_de, s->online_url});
    }
  }
  const absl::CivilMinute local = LocalNow(now);
  const absl::CivilDay today(local);
  if (!q.services.empty()) {
    auto minutes = TotalDuration(q.services, options_.rules);
    if (!minutes) return std::unexpected(minutes.error());
    q.minutes = *minutes;
    auto deadline = LegalDeadline(q.services, r.move_in_date, today, options_.rules);
    if (!deadline) return std::unexpected(deadline.error());
    q.deadline = *deadline;
  }

  const BookableRange range = BookableDays(options_.rules, local);
  capacity::SlotQuery& sq = q.slot_query;
  sq.required = index_->skills().Required(q.services);
  sq.ticks = Ticks(q.minutes);
  sq.from = std::max(range.first, r.from.value_or(range.first));
  // Registration is only possible once one has moved in.
  if (r.move_in_date) sq.from = std::max(sq.from, *r.move_in_date);
  sq.to = std::min(range.last, r.to.value_or(range.last));
  sq.min_start_tick_on_from = sq.from == range.first ? range.min_start_tick_on_first : 0;
  if (r.from && r.to && *r.to < *r.from) {
    return Fail(ErrorCode::kInvalidArgument, "'to' ({}) is before 'from' ({})", FormatDay(*r.to),
                FormatDay(*r.from));
  }
  for (const std::string& id : r.locations) {
    auto loc = index_->LocationIndex(id);
    if (!loc) return Fail(ErrorCode::kInvalidArgument, "unknown location '{}'", id);
    sq.locations.push_back(*loc);
  }
  for (const std::string& district : r.districts) {
    if (catalog().FindDistrict(district) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "unknown district '{}'", district);
    }
    for (std::int32_t i = 0; i < index_->location_count(); ++i) {
      if (index_->location(i).district_id == district &&
          std::ranges::find(sq.locations, i) == sq.locations.end()) {
        sq.locations.push_back(i);
      }
    }
  }
  std::ranges::sort(sq.locations);
  if (sq.locations.empty() && (!r.locations.empty() || !r.districts.empty())) {
    sq.to = sq.from - 1;  // the filters match no centre
  }
  sq.windows = r.windows;
  sq.near = r.near;
  sq.limit = std::clamp(r.limit, 1, kMaxLimit);
  sq.today = today;
  sq.entitlement =
      EntitlementFor(r.channel, q.services, q.deadline, r.travel_date, today, options_.rules);
  if (!r.cursor.empty()) {
    auto cursor = DecodeCursor(r.cursor, *index_);
    if (!cursor) return std::unexpected(cursor.error());
    sq.after = *cursor;
  }
  return q;
}

SlotView BookingEngine::View(const capacity::Slot& slot, const Query& q,
                             DayInstants& instants) const {
  SlotView v;
  v.location_id = index_->LocationId(slot.location);
  v.day = slot.day;
  v.start_minute = slot.start_tick * kTickMinutes;
  v.end_minute = v.start_minute + q.minutes;
  v.start = instants.At(slot.day, v.start_minute);
  v.end = instants.At(slot.day, v.end_minute);
  v.distance_km = slot.distance_km;
  if (q.deadline) v.within_deadline = slot.day <= *q.deadline;
  return v;
}

Result<SearchAnswer> BookingEngine::Search(const SearchRequest& request, Method method) const {
  const absl::Time now = clock_.Now();
  std::shared_lock lock(mu_);
  auto q = Prepare(request, now);
  if (!q) return std::unexpected(q.error());
  SearchAnswer answer;
  answer.online = q->online;
  answer.duration_minutes = q->minutes;
  answer.deadline = q->deadline;
  answer.first_bookable = q->slot_query.from;
  answer.last_bookable = q->slot_query.to;
  if (q->services.empty()) return answer;  // everything asked for is done online
  const std::vector<capacity::Slot> slots = method == Method::kIndex
                                                ? index_->Search(q->slot_query)
                                                : capacity::ScanSearch(*index_, q->slot_query);
  answer.slots.reserve(slots.size());
  DayInstants instants(options_.zone);
  for (const capacity::Slot& s : slots) answer.slots.push_back(View(s, *q, instants));
  if (static_cast<int>(slots.size()) == q->slot_query.limit) {
    answer.next_cursor = EncodeCursor(slots.back().Cursor(), *index_);
  }
  return answer;
}

Result<std::vector<DayAvailability>> BookingEngine::Days(const SearchRequest& request) const {
  if (request.locations.size() != 1) {
    return Fail(ErrorCode::kInvalidArgument, "the calendar shows one location");
  }
  const absl::Time now = clock_.Now();
  std::shared_lock lock(mu_);
  auto q = Prepare(request, now);
  if (!q) return std::unexpected(q.error());
  std::vector<DayAvailability> days;
  if (q->services.empty()) return days;
  const std::int32_t loc = q->slot_query.locations.at(0);
  capacity::SlotQuery first_only = q->slot_query;
  first_only.limit = 1;
  first_only.locations = {loc};
  first_only.after.reset();
  for (absl::CivilDay d = q->slot_query.from; d <= q->slot_query.to; ++d) {
    DayAvailability day{.day = d, .starts = index_->CountStarts(q->slot_query, loc, d)};
    if (day.starts > 0) {
      first_only.from = first_only.to = d;
      first_only.min_start_tick_on_from =
          d == q->slot_query.from ? q->slot_query.min_start_tick_on_from : 0;
      auto first = index_->Search(first_only);
      if (!first.empty()) day.first_minute = first[0].start_tick * kTickMinutes;
    }
    days.push_back(day);
  }
  return days;
}

std::vector<SlotView> BookingEngine::Alternatives(const HoldRequest& r, absl::Time now) const {
  SearchRequest search{.service_ids = r.service_ids,
                       .limit = 5,
                       .channel = r.channel,
                       .move_in_date = r.move_in_date,
                       .travel_date = r.travel_date};
  const absl::CivilDay day(ToCivilMinute(r.start, options_.zone));
  search.from = day;
  std::shared_lock lock(mu_);
  auto q = Prepare(search, now);
  std::vector<SlotView> out;
  if (!q || q->services.empty()) return out;
  if (q->slot_query.from == day) {
    // Continue from the requested time rather than offering earlier ones that day.
    const absl::CivilMinute m = ToCivilMinute(r.start, options_.zone);
    q->slot_query.min_start_tick_on_from =
        std::max(q->slot_query.min_start_tick_on_from, (m.hour() * 60 + m.minute()) / kTickMinutes);
  }
  DayInstants instants(options_.zone);
  for (const capacity::Slot& s : index_->Search(q->slot_query)) {
    out.push_back(View(s, *q, instants));
  }
  return out;
}

std::string EncodeCursor(const capacity::SlotCursor& c, const CapacityIndex& index) {
  return FormatDay(c.day) + "." + std::to_string(c.start_tick) + "." + index.LocationId(c.location);
}

Result<capacity::SlotCursor> DecodeCursor(std::string_view text, const CapacityIndex& index) {
  std::vector<std::string_view> parts =
      absl::StrSplit(absl::string_view(text.data(), text.size()), absl::MaxSplits('.', 2));
  auto bad = [&] { return Fail(ErrorCode::kInvalidArgument, "malformed cursor '{}'", text); };
  if (parts.size() != 3) return bad();
  auto day = ParseDay(parts[0]);
  if (!day) return bad();
  int tick = 0;
  for (char ch : parts[1]) {
    if (ch < '0' || ch > '9' || tick > kTicksPerDay) return bad();
    tick = tick * 10 + (ch - '0');
  }
  auto loc = index.LocationIndex(parts[2]);
  if (parts[1].empty() || tick >= kTicksPerDay || !loc) return bad();
  return capacity::SlotCursor{*day, tick, *loc};
}

}  // namespace amtszeit::booking
