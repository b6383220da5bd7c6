#include "amtszeit/booking/engine.h"

#include <algorithm>
#include <mutex>

#include "amtszeit/booking/engine_internal.h"
#include "amtszeit/booking/secrets.h"

namespace amtszeit::booking {

using capacity::CapacityIndex;
using internal::EventOf;
using internal::FindOwned;
using internal::Fingerprint;
using internal::kIndexDays;
using internal::kMaxLimit;
using internal::Ordinal;
using internal::Ticks;

BookingEngine::BookingEngine(store::Store& store, const Clock& clock, EngineOptions options)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      holidays_(kFirstHolidayYear, kLastHolidayYear) {}

BookingEngine::~BookingEngine() {
  if (writer_) writer_->Stop();
}

Result<std::unique_ptr<BookingEngine>> BookingEngine::Open(store::Store& store, const Clock& clock,
                                                           EngineOptions options) {
  if (auto ok = ValidateBookingRules(options.rules); !ok) return std::unexpected(ok.error());
  if (auto ok = capacity::ValidateContingentPolicy(options.policy); !ok) {
    return std::unexpected(ok.error());
  }
  std::unique_ptr<BookingEngine> engine(new BookingEngine(store, clock, std::move(options)));
  auto catalog = store.ReadCatalog();
  if (!catalog) return std::unexpected(catalog.error());
  engine->catalog_ = std::make_shared<LiveCatalog>(std::move(*catalog));
  auto school = store.ReadSchoolHolidays();
  if (!school) return std::unexpected(school.error());
  engine->school_ = SchoolCalendar(std::move(*school));
  {
    std::unique_lock lock(engine->mu_);
    if (auto ok = engine->Rebuild(absl::CivilDay(engine->LocalNow(clock.Now()))); !ok) {
      return std::unexpected(ok.error());
    }
  }
  engine->writer_ =
      std::make_unique<Writer>(store, engine->options_.writer_max_group, &engine->mu_);
  return engine;
}

absl::CivilMinute BookingEngine::LocalNow(absl::Time now) const {
  return ToCivilMinute(now, options_.zone);
}

Result<void> BookingEngine::Rebuild(absl::CivilDay today) {
  const absl::CivilDay first = today;
  const int days = std::max(kIndexDays, options_.rules.max_days_ahead + 2);
  auto roster = store_.ReadRoster(first, first + (days - 1));
  if (!roster) return std::unexpected(roster.error());
  auto index = CapacityIndex::Build({.catalog = catalog_->Current(),
                                     .roster = *roster,
                                     .holidays = holidays_,
                                     .school = school_,
                                     .policy = options_.policy,
                                     .first_day = first,
                                     .days = days});
  if (!index) return std::unexpected(index.error());
  auto appointments = store_.ReadAppointments(first);
  if (!appointments) return std::unexpected(appointments.error());

  index_ = std::move(*index);
  index_day_ = today;
  ++index_generation_;
  holds_.clear();
  releases_.clear();
  occupied_.clear();
  // Time kept back for the waitlist stays kept back (the store no longer marks it: its booking
  // is cancelled), unless the roster no longer offers it.
  std::erase_if(kept_back_, [&](const Occupancy& o) {
    if (!index_->Covers(o.day)) return true;
    index_->ForceBook(o.location, o.day, o.staff, o.first, o.end);
    return false;
  });
  const absl::Time now = clock_.Now();
  for (const Appointment& a : *appointments) {
    auto occupancy = OccupancyOf(a);
    if (!occupancy) continue;
    const bool cooling =
        (a.status == AppointmentStatus::kCancelled || a.status == AppointmentStatus::kExpired) &&
        a.updated_at + options_.rules.cancel_cooldown > now;
    if (!OccupiesTime(a.status) && !cooling) continue;
    index_->ForceBook(occupancy->location, occupancy->day, occupancy->staff, occupancy->first,
                      occupancy->end);
    if (OccupiesTime(a.status)) Occupy(*occupancy);
    if (a.status == AppointmentStatus::kHeld) holds_[a.id] = {a.hold_expires_at, *occupancy};
    // A cancelled booking carried a contact; an abandoned hold did not.
    if (cooling) {
      releases_.emplace(a.updated_at + options_.rules.cancel_cooldown,
                        PendingRelease{*occupancy, a.status == AppointmentStatus::kCancelled &&
                                                       !a.contact_key.empty()});
    }
  }
  std::erase_if(offer_holds_, [&](std::int64_t id) { return !holds_.contains(id); });
  // Holds that are a waitlist entry's open offer stay offers across a restart, so one that
  // expires (also while the server was down) passes on to the next in line, not to the pool. The
  // store has them already: the entry names its offer.
  for (const auto& [id, hold] : holds_) {
    if (offer_holds_.contains(id)) continue;
    auto entry = store_.FindWaitlistEntryByOffer(id);
    if (!entry) return std::unexpected(entry.error());
    if (*entry && (*entry)->status == WaitlistStatus::kOffered) offer_holds_.insert(id);
  }
  return {};
}

std::optional<BookingEngine::Occupancy> BookingEngine::OccupancyOf(const Appointment& a) const {
  auto loc = index_->LocationIndex(a.location_id);
  auto staff = index_->StaffIndex(a.staff_id);
  if (!loc || !staff) return std::nullopt;
  return Occupancy{*loc, a.day, *staff, a.time.begin / kTickMinutes, Ticks(a.time.end)};
}

void BookingEngine::ReleaseLater(const Occupancy& o, absl::Time at, bool offer) {
  releases_.emplace(at, PendingRelease{o, offer});
}

void BookingEngine::Occupy(const Occupancy& o) {
  // Idempotent: a rebuild after a roster change may already have restored this range from the
  // store before the command that wrote it publishes (two appointments never share a range).
  auto& ranges = occupied_[{o.location, Ordinal(o.day), o.staff}];
  if (std::ranges::find(ranges, std::pair{o.first, o.end}) == ranges.end()) {
    ranges.emplace_back(o.first, o.end);
  }
}

void BookingEngine::Vacate(const Occupancy& o) {
  auto it = occupied_.find({o.location, Ordinal(o.day), o.staff});
  if (it == occupied_.end()) return;
  auto& ranges = it->second;
  if (auto r = std::ranges::find(ranges, std::pair{o.first, o.end}); r != ranges.end()) {
    ranges.erase(r);
  }
  if (ranges.empty()) occupied_.erase(it);
}

void BookingEngine::Release(const Occupancy& o) {
  index_->Free(o.location, o.day, o.staff, o.first, o.end);
  auto it = occupied_.find({o.location, Ordinal(o.day), o.staff});
  if (it == occupied_.end()) return;
  for (const auto& [first, end] : it->second) {
    if (first < o.end && o.first < end) index_->ForceBook(o.location, o.day, o.staff, first, end);
  }
}

void BookingEngine::Tick() {
  const absl::Time now = clock_.Now();
  std::vector<std::int64_t> expired;
  std::vector<FreedSlot> freed;
  {
    std::unique_lock lock(mu_);
    const absl::CivilDay today(LocalNow(now));
    if (today != index_day_) {
      // A new day: the window moved. Rebuild from the store (the truth) for the new range.
      (void)Rebuild(today);
    }
    while (!releases_.empty() && releases_.begin()->first <= now) {
      const auto [occupancy, offer] = releases_.begin()->second;
      releases_.erase(releases_.begin());
      if (!offer) {
        Release(occupancy);
      } else if (auto slot = KeepBack(occupancy)) {
        freed.push_back(std::move(*slot));
      }
    }
    for (const auto& [id, hold] : holds_) {
      if (hold.first <= now) expired.push_back(id);
    }
  }
  for (std::int64_t id : expired) {
    Appointment a;
    bool changed = false;
    (void)writer_->Submit({
        .write = [&](store::WriteTx& tx) -> Result<void> {
          auto found = tx.FindAppointmentById(id);
          if (!found) return std::unexpected(found.error());
          if (!*found || (*found)->status != AppointmentStatus::kHeld) return {};
          a = **found;
          a.status = AppointmentStatus::kExpired;
          a.updated_at = now;
          changed = true;
          if (auto u = tx.UpdateAppointment(a); !u) return u;
          if (auto e = tx.AppendEvent(EventOf(a, EventKind::kExpired, now)); !e) {
            return std::unexpected(e.error());
          }
          return {};
        },
        .publish =
            [&] {
              auto it = holds_.find(id);
              if (it == holds_.end()) return;
              if (changed) {
                Vacate(it->second.second);
                if (offer_holds_.erase(id) > 0) {
                  // An unanswered offer passes on at once: the next in line is waiting.
                  if (auto slot = KeepBack(it->second.second)) freed.push_back(std::move(*slot));
                } else {
                  ReleaseLater(it->second.second, now + options_.rules.cancel_cooldown);
                }
              }
              holds_.erase(it);
            },
    });
  }
  TellFreed(freed);
}

}  // namespace amtszeit::booking
