// Interim solutions: a centre closed for a period, and its appointments rebooked elsewhere.
#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <tuple>

#include "amtszeit/booking/engine.h"
#include "amtszeit/domain/json_codec.h"
#include "amtszeit/steering/steering.h"

namespace amtszeit::steering {

namespace {

namespace json = boost::json;

constexpr int kMaxClosureDays = 366;
// Without a legal deadline an appointment moves at most this far past its day; beyond that the
// call centre agrees a new time with the citizen.
constexpr int kMaxShiftDays = 14;
constexpr int kPage = 200;
constexpr int kHoldAttempts = 4;

using Taken = std::set<std::pair<std::string, absl::Time>>;

// Within one day: the start nearest the original time of day, then the nearest centre.
bool Nearer(const booking::SlotView& x, const booking::SlotView& y, int minute) {
  const int dx = std::abs(x.start_minute - minute);
  const int dy = std::abs(y.start_minute - minute);
  if (dx != dy) return dx < dy;
  return x.distance_km.value_or(0) < y.distance_km.value_or(0);
}

// Deadline-bound appointments choose first, then by time: those with the least room go first.
bool HandledBefore(const Appointment& a, const Appointment& b) {
  if (a.move_in_date.has_value() != b.move_in_date.has_value()) return a.move_in_date.has_value();
  return std::tie(a.start, a.id) < std::tie(b.start, b.id);
}

}  // namespace

Result<void> SteeringService::CheckClosure(const CentreClosure& closure) const {
  const Location* location = engine_.FindLocation(closure.location_id);
  if (location == nullptr) return Fail(ErrorCode::kNotFound, "no centre '{}'", closure.location_id);
  if (closure.last < closure.first) {
    return Fail(ErrorCode::kInvalidArgument, "last: must not be before first");
  }
  if (closure.last - closure.first >= kMaxClosureDays) {
    return Fail(ErrorCode::kInvalidArgument, "a closure spans at most {} days", kMaxClosureDays);
  }
  if (closure.first < Today()) return Fail(ErrorCode::kInvalidArgument, "first: lies in the past");
  auto existing = Closures(closure.first, closure.last);
  if (!existing) return std::unexpected(existing.error());
  for (const CentreClosure& c : *existing) {
    if (c.location_id == closure.location_id) {
      return Fail(ErrorCode::kConflict, "{} is already closed from {} to {}", location->name,
                  FormatDay(c.first), FormatDay(c.last));
    }
  }
  return {};
}

Result<std::vector<CentreClosure>> SteeringService::Closures(absl::CivilDay from,
                                                             absl::CivilDay to) const {
  return store_.ReadCentreClosures(from, to);
}

Result<std::optional<booking::SlotView>> SteeringService::NearestSlot(const Appointment& a,
                                                                      const Taken& taken) const {
  const Location* home = engine_.FindLocation(a.location_id);
  booking::SearchRequest request{.service_ids = a.service_ids,
                                 .limit = kPage,
                                 .channel = Channel::kPhone,
                                 .move_in_date = a.move_in_date,
                                 .travel_date = a.travel_date};
  if (home != nullptr) request.near = home->geo;
  auto usable = [&](const booking::SlotView& s) {
    return s.location_id != a.location_id && !taken.contains({s.location_id, s.start});
  };
  auto search = [&](absl::CivilDay from, absl::CivilDay to, std::string cursor) {
    booking::SearchRequest r = request;
    r.from = from;
    r.to = to;
    r.cursor = std::move(cursor);
    return engine_.Search(r);
  };

  // An interim location standing in for the appointment's own centre comes first (its citizens
  // were told to expect it there): its earliest day from the appointment's on, nearest the
  // original time, not after the deadline.
  std::vector<std::string> interims;
  for (const Location& l : engine_.catalog().locations) {
    if (l.interim_for == a.location_id && l.id != a.location_id) interims.push_back(l.id);
  }
  if (!interims.empty()) {
    booking::SearchRequest r = request;
    r.locations = std::move(interims);
    r.from = a.day;
    r.to = a.day + kMaxShiftDays;
    auto page = engine_.Search(r);
    if (!page) return std::unexpected(page.error());
    const absl::CivilDay last =
        page->deadline ? std::max(*page->deadline, a.day) : a.day + kMaxShiftDays;
    std::optional<booking::SlotView> in_interim;
    for (const booking::SlotView& s : page->slots) {
      if (!usable(s) || s.day > last) continue;
      if (in_interim && s.day != in_interim->day) break;
      if (!in_interim || Nearer(s, *in_interim, a.time.begin)) in_interim = s;
    }
    if (in_interim) return in_interim;
  }

  // The same day, anywhere in the city: every page of it, keeping the nearest start.
  std::optional<booking::SlotView> best;
  std::string cursor;
  std::optional<absl::CivilDay> deadline;
  do {
    auto page = search(a.day, a.day, cursor);
    if (!page) return std::unexpected(page.error());
    deadline = page->deadline;
    for (const booking::SlotView& s : page->slots) {
      if (usable(s) && (!best || Nearer(s, *best, a.time.begin))) best = s;
    }
    cursor = page->next_cursor;
  } while (!cursor.empty());
  if (best) return best;

  // Then the following days, the earliest day with room; an appointment already booked past its
  // deadline is not moved further back than its own day.
  absl::CivilDay limit = a.day + kMaxShiftDays;
  if (deadline) limit = std::max(*deadline, a.day);
  if (a.day < limit) {
    auto page = search(a.day + 1, limit, "");
    if (!page) return std::unexpected(page.error());
    for (const booking::SlotView& s : page->slots) {
      if (!usable(s)) continue;
      if (best && s.day != best->day) break;
      if (!best || Nearer(s, *best, a.time.begin)) best = s;
    }
    if (best) return best;
  }

  // Bound by a deadline with nothing left before it from the original day on: an earlier day.
  if (deadline && a.day <= *deadline) {
    auto page = search(a.day - kMaxShiftDays, a.day - 1, "");
    if (!page) return std::unexpected(page.error());
    for (const booking::SlotView& s : page->slots) {
      if (usable(s)) return std::optional(s);
    }
  }
  return std::optional<booking::SlotView>();
}

Result<std::optional<booking::SlotView>> SteeringService::Relocate(const Appointment& a,
                                                                   const Actor& actor) {
  Taken lost;  // slots someone else took between the search and the hold
  for (int attempt = 0; attempt < kHoldAttempts; ++attempt) {
    auto slot = NearestSlot(a, lost);
    if (!slot) return std::unexpected(slot.error());
    if (!*slot) return slot;
    auto hold = engine_.Hold({.service_ids = a.service_ids,
                              .location_id = (*slot)->location_id,
                              .start = (*slot)->start,
                              .channel = Channel::kPhone,
                              .move_in_date = a.move_in_date,
                              .travel_date = a.travel_date});
    if (!hold) {
      if (hold.error().error.code != ErrorCode::kConflict)
        return std::unexpected(hold.error().error);
      lost.insert({(*slot)->location_id, (*slot)->start});
      continue;
    }
    auto moved = engine_.Reschedule(a.code, booking::Authority::CallCentre(),
                                    hold->appointment.code, hold->token);
    if (!moved) {
      (void)engine_.Cancel(hold->appointment.code, hold->token);  // best effort: it expires too
      if (moved.error().code == ErrorCode::kConflict) return std::optional<booking::SlotView>();
      return std::unexpected(moved.error());
    }
    auto audited = store_.Write([&](store::WriteTx& tx) -> Result<void> {
      auto id = tx.AppendAction(
          {.at = clock_.Now(),
           .actor = actor.name,
           .kind = "appointment.relocated",
           .location_id = moved->location_id,
           .staff_id = moved->staff_id,
           .reason = actor.reason,
           .before = json::serialize(json::object{{"code", a.code},
                                                  {"location_id", a.location_id},
                                                  {"start", absl::FormatTime(a.start)}}),
           .after = json::serialize(json::object{{"code", a.code},
                                                 {"location_id", moved->location_id},
                                                 {"start", absl::FormatTime(moved->start)}})});
      if (!id) return std::unexpected(id.error());
      return {};
    });
    if (!audited) return std::unexpected(audited.error());
    return slot;
  }
  return std::optional<booking::SlotView>();
}

Result<ClosureOutcome> SteeringService::CloseCentre(CentreClosure closure, bool dry_run,
                                                    const Actor& actor) {
  if (auto ok = CheckActor(actor); !ok) return std::unexpected(ok.error());
  closure.id = 0;
  if (closure.reason.empty()) closure.reason = actor.reason;
  if (closure.reason.size() > 500) return Fail(ErrorCode::kInvalidArgument, "reason: too long");
  if (auto ok = CheckClosure(closure); !ok) return std::unexpected(ok.error());
  ClosureOutcome out{.closure = closure, .dry_run = dry_run};
  const absl::CivilDay from = std::max(closure.first, Today());

  std::vector<Appointment> affected;
  if (dry_run) {
    auto upcoming = store_.ReadAppointments(from);
    if (!upcoming) return std::unexpected(upcoming.error());
    for (Appointment& a : *upcoming) {
      if (a.location_id == closure.location_id && a.day <= closure.last && OccupiesTime(a.status)) {
        affected.push_back(std::move(a));
      }
    }
  } else {
    auto applied = Apply(
        [&](store::WriteTx& tx, Outcome& o, SteeringAction& action) -> Result<void> {
          auto id = tx.PutCentreClosure(closure);
          if (!id) return std::unexpected(id.error());
          closure.id = *id;
          o.ids = {*id};
          action.after = json::serialize(ToJson(closure));
          return {};
        },
        {.kind = "centre.closed", .location_id = closure.location_id}, closure.first, closure.last,
        actor);
    if (!applied) return std::unexpected(applied.error());
    out.closure = closure;
    out.action_id = applied->action_id;
    auto unstaffed = engine_.Unstaffed(from, closure.last);
    if (!unstaffed) return std::unexpected(unstaffed.error());
    for (Appointment& a : *unstaffed) {
      if (a.location_id == closure.location_id) affected.push_back(std::move(a));
    }
  }
  std::ranges::sort(affected, HandledBefore);

  Taken proposed;
  for (Appointment& a : affected) {
    Relocation r{.before = a};
    if (a.status == AppointmentStatus::kConfirmed) {
      auto slot = dry_run ? NearestSlot(a, proposed) : Relocate(a, actor);
      if (!slot) return std::unexpected(slot.error());
      r.after = std::move(*slot);
    }
    if (r.after) {
      proposed.insert({r.after->location_id, r.after->start});
      ++out.rebooked;
    } else {
      ++out.listed;
    }
    out.relocations.push_back(std::move(r));
  }
  if (!dry_run && on_listed_) {
    const absl::Time now = clock_.Now();
    auto told = store_.Write([&](store::WriteTx& tx) -> Result<void> {
      for (const Relocation& r : out.relocations) {
        if (r.after || r.before.status != AppointmentStatus::kConfirmed) continue;
        if (auto ok = on_listed_(tx, r.before, now); !ok) return ok;
      }
      return {};
    });
    if (!told) return std::unexpected(told.error());
  }
  return out;
}

Result<Outcome> SteeringService::ReopenCentre(std::int64_t closure_id, const Actor& actor) {
  if (auto ok = CheckActor(actor); !ok) return std::unexpected(ok.error());
  return Apply(
      [&](store::WriteTx& tx, Outcome& out, SteeringAction& action) -> Result<void> {
        auto found = tx.FindCentreClosure(closure_id);
        if (!found) return std::unexpected(found.error());
        if (!*found) return Fail(ErrorCode::kNotFound, "no closure {}", closure_id);
        action.location_id = (*found)->location_id;
        action.before = json::serialize(ToJson(**found));
        out.ids = {closure_id};
        return tx.DeleteCentreClosure(closure_id);
      },
      {.kind = "centre.reopened"}, Today(), Today(), actor);
}

}  // namespace amtszeit::steering
