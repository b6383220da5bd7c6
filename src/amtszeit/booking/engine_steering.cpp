// The booking engine's side of central steering: roster changes ordered with bookings, finding
// appointments that lost their staff member, and handing them to a colleague.
#include <algorithm>
#include <mutex>

#include "amtszeit/booking/engine.h"
#include "amtszeit/booking/engine_internal.h"

namespace amtszeit::booking {

using internal::Ticks;

namespace {

// Entries keep their places, so the index numbers of centres (kept-back time, cursors) stay what
// they were: the stored version of each replaces the held one and new ones are appended.
template <typename T>
bool MergeById(std::vector<T>& held, std::vector<T> stored) {
  bool changed = false;
  for (T& s : stored) {
    auto it = std::ranges::find(held, s.id, &T::id);
    if (it == held.end()) {
      held.push_back(std::move(s));
      changed = true;
    } else if (!(*it == s)) {
      *it = std::move(s);
      changed = true;
    }
  }
  return changed;
}

}  // namespace

Result<void> BookingEngine::ChangeRoster(const store::WriteFn& change) {
  Result<void> rebuilt;
  std::vector<FreedSlot> opened;
  auto result = writer_->Submit({
      .write = change,
      .publish =
          [&] {
            std::map<std::tuple<std::int32_t, std::int64_t, std::string>, capacity::TickSet> before;
            if (options_.on_freed) {
              for (std::int32_t l = 0; l < index_->location_count(); ++l) {
                for (absl::CivilDay d = index_->first_day(); d <= index_->last_day(); ++d) {
                  for (const capacity::StaffDay& sd : index_->StaffDays(l, d)) {
                    before[{l, internal::Ordinal(d), index_->StaffId(sd.staff)}] = sd.available;
                  }
                }
              }
            }
            rebuilt = Rebuild(index_day_);
            if (rebuilt && options_.on_freed) opened = KeepBackNewCapacity(before);
          },
  });
  if (!result) return result;
  TellFreed(opened);
  // The change is durable; a failed rebuild leaves the old index, which the next day's rebuild
  // or restart replaces. Report it so the caller knows the view may lag.
  return rebuilt;
}

Result<void> BookingEngine::AddLocation(const Location& location, const store::WriteFn& also) {
  std::lock_guard serial(add_location_mu_);
  if (catalog().FindLocation(location.id) != nullptr) {
    return Fail(ErrorCode::kConflict, "a centre '{}' exists already", location.id);
  }
  Result<void> rebuilt;
  auto result = writer_->Submit({
      .write = [&](store::WriteTx& tx) -> Result<void> {
        if (auto ok = tx.PutLocation(location); !ok) return ok;
        return also ? also(tx) : Result<void>();
      },
      .publish =
          [&] {
            // Appended, so the index numbers of the other centres (kept-back time, cursors)
            // stay what they were.
            Catalog next = catalog();
            next.locations.push_back(location);
            catalog_->Replace(std::move(next));
            rebuilt = Rebuild(index_day_);
          },
  });
  if (!result) return result;
  return rebuilt;
}

Result<void> BookingEngine::ReloadCatalog() {
  std::lock_guard serial(add_location_mu_);
  auto stored = store_.ReadCatalog();
  if (!stored) return std::unexpected(stored.error());
  Catalog next = catalog();
  const bool districts = MergeById(next.districts, std::move(stored->districts));
  const bool locations = MergeById(next.locations, std::move(stored->locations));
  const bool services = MergeById(next.services, std::move(stored->services));
  if (!districts && !locations && !services) return {};
  Result<void> rebuilt;
  // Through the writer, so the rebuild is ordered with this node's own bookings.
  auto result = writer_->Submit({
      .write = [](store::WriteTx&) -> Result<void> { return {}; },
      .publish =
          [&] {
            catalog_->Replace(std::move(next));
            rebuilt = Rebuild(index_day_);
          },
  });
  if (!result) return result;
  return rebuilt;
}

bool BookingEngine::Staffed(const Occupancy& o) const {
  for (const capacity::StaffDay& sd : index_->StaffDays(o.location, o.day)) {
    if (sd.staff != o.staff) continue;
    for (int t = o.first; t < o.end; ++t) {
      if (!sd.available.Test(t)) return false;
    }
    return true;
  }
  return false;
}

Result<std::vector<Appointment>> BookingEngine::Unstaffed(absl::CivilDay from,
                                                          absl::CivilDay to) const {
  auto appointments = store_.ReadAppointments(from);
  if (!appointments) return std::unexpected(appointments.error());
  std::vector<Appointment> out;
  std::shared_lock lock(mu_);
  for (Appointment& a : *appointments) {
    if (a.day > to || !OccupiesTime(a.status) || !index_->Covers(a.day)) continue;
    auto location = index_->LocationIndex(a.location_id);
    auto staff = index_->StaffIndex(a.staff_id);
    if (location && staff &&
        Staffed({*location, a.day, *staff, a.time.begin / kTickMinutes, Ticks(a.time.end)})) {
      continue;
    }
    out.push_back(std::move(a));
  }
  return out;
}

Result<Appointment> BookingEngine::Reassign(std::int64_t appointment_id) {
  Appointment a;
  Occupancy from;
  Occupancy to;
  std::uint64_t claimed_in = 0;  // the index generation of the claim of `to`
  bool have_from = false;
  auto result = writer_->Submit({
      .prepare = [&]() -> Result<void> {
        // Read under the writer's order, so no booking command interleaves with the check.
        auto stored = store_.ReadAppointments(index_day_);
        if (!stored) return std::unexpected(stored.error());
        auto it = std::ranges::find(*stored, appointment_id, &Appointment::id);
        if (it == stored->end()) return Fail(ErrorCode::kNotFound, "no such upcoming appointment");
        a = *it;
        if (!OccupiesTime(a.status)) {
          return Fail(ErrorCode::kConflict, "an appointment that is {} needs no staff",
                      ToString(a.status));
        }
        auto location = index_->LocationIndex(a.location_id);
        if (!location || !index_->Covers(a.day)) {
          return Fail(ErrorCode::kNotFound, "the appointment is outside the planning range");
        }
        const int first = a.time.begin / kTickMinutes;
        const int end = Ticks(a.time.end);
        if (auto staff = index_->StaffIndex(a.staff_id)) {
          from = {*location, a.day, *staff, first, end};
          have_from = true;
          if (Staffed(from)) return Fail(ErrorCode::kConflict, "the appointment is staffed");
        }
        std::vector<const Service*> services;
        for (const std::string& id : a.service_ids) {
          if (const Service* s = catalog().FindService(id)) services.push_back(s);
        }
        // Any contingent may be used: the citizen already holds this time.
        const capacity::Entitlement all{
            .phone = true, .deadline = a.day, .priority_passport = true};
        auto staff = index_->PickStaff(*location, a.day, first, end - first,
                                       index_->skills().Required(services), all, index_day_);
        if (!staff || !index_->Claim(*location, a.day, *staff, first, end)) {
          return Fail(ErrorCode::kConflict, "no qualified colleague is free at {} on {}",
                      FormatClock(a.time.begin), FormatDay(a.day));
        }
        to = {*location, a.day, *staff, first, end};
        claimed_in = index_generation_;
        a.staff_id = index_->StaffId(*staff);
        return {};
      },
      .write = [&](store::WriteTx& tx) -> Result<void> {
        auto current = tx.FindAppointmentById(a.id);
        if (!current) return std::unexpected(current.error());
        if (!*current || (*current)->status != a.status) {
          return Fail(ErrorCode::kConflict, "the appointment changed meanwhile");
        }
        Appointment updated = **current;
        updated.staff_id = a.staff_id;
        updated.updated_at = clock_.Now();
        a = updated;
        if (auto u = tx.UpdateAppointment(updated); !u) return u;
        return internal::Tell(options_, tx, Change::kReassigned, a, Authority::CallCentre(),
                              updated.updated_at);
      },
      .undo =
          [&] {
            if (index_generation_ != claimed_in) return;
            index_->Free(to.location, to.day, to.staff, to.first, to.end);
          },
      .publish =
          [&] {
            if (have_from) {
              Vacate(from);
              Release(from);
            }
            Occupy(to);
            if (auto hold = holds_.find(a.id); hold != holds_.end()) hold->second.second = to;
          },
  });
  if (!result) return std::unexpected(result.error());
  return a;
}

unsigned BookingEngine::OfferedWindows(std::string_view location_id, absl::CivilDay day) const {
  std::shared_lock lock(mu_);
  auto location = index_->LocationIndex(location_id);
  if (!location) return 0;
  capacity::TickSet offered;
  for (const capacity::StaffDay& sd : index_->StaffDays(*location, day)) offered |= sd.available;
  unsigned windows = 0;
  for (unsigned w : {capacity::kWindowEarly, capacity::kWindowLate, capacity::kWindowLunch}) {
    if (!(offered & capacity::WindowStarts(w, day)).Empty()) windows |= w;
  }
  return windows;
}

absl::CivilDay BookingEngine::IndexDay() const {
  std::shared_lock lock(mu_);
  return index_day_;
}

}  // namespace amtszeit::booking
