#include <algorithm>
#include <mutex>

#include "amtszeit/booking/engine.h"
#include "amtszeit/booking/engine_internal.h"
#include "amtszeit/booking/secrets.h"
#include "amtszeit/secrets/secrets.h"

namespace amtszeit::booking {

using capacity::CapacityIndex;
using internal::EventOf;
using internal::FindOwned;
using internal::Fingerprint;
using internal::kIndexDays;
using internal::kMaxLimit;
using internal::Ordinal;
using internal::Ticks;
using internal::WhyNotConfirmable;

Result<Receipt> BookingEngine::Replay(std::string_view key, std::string_view fingerprint) const {
  auto record = store_.ReadIdempotency(key);
  if (!record) return std::unexpected(record.error());
  if (!*record) return Fail(ErrorCode::kNotFound, "no earlier request with this key");
  if ((*record)->fingerprint != fingerprint) {
    return Fail(ErrorCode::kPreconditionFailed,
                "this Idempotency-Key was already used for a different request");
  }
  auto appointment = store_.FindAppointmentByCode((*record)->appointment_code);
  if (!appointment) return std::unexpected(appointment.error());
  if (!*appointment) return Fail(ErrorCode::kInternal, "idempotent answer lost its appointment");
  return Receipt{.appointment = **appointment, .token = (*record)->token, .replayed = true};
}

std::expected<Receipt, Conflict> BookingEngine::Hold(const HoldRequest& r) {
  const absl::Time now = clock_.Now();
  auto fail = [](Error e) { return std::unexpected(Conflict{.error = std::move(e)}); };
  // The fingerprint (a hash) only matters for a request with an Idempotency-Key.
  const std::string fingerprint = r.idempotency_key.empty() ? "" : Fingerprint(r);
  const std::string key = r.idempotency_key.empty() ? "" : "hold:" + r.idempotency_key;
  if (!key.empty()) {
    auto replay = Replay(key, fingerprint);
    if (replay) return *replay;
    if (replay.error().code != ErrorCode::kNotFound) return fail(replay.error());
  }

  // Validate the request against the same rules search uses.
  const absl::CivilMinute start_local = ToCivilMinute(r.start, options_.zone);
  const absl::CivilDay day(start_local);
  const int start_minute = start_local.hour() * 60 + start_local.minute();
  if (start_minute % kTickMinutes != 0 || start_local.second() != 0 ||
      ToInstant(start_local, options_.zone) != r.start) {
    return fail(Error{ErrorCode::kInvalidArgument, "start must be on the 5-minute grid"});
  }
  SearchRequest search{.service_ids = r.service_ids,
                       .from = day,
                       .to = day,
                       .locations = {r.location_id},
                       .channel = r.channel,
                       .move_in_date = r.move_in_date,
                       .travel_date = r.travel_date};
  Query q;
  {
    std::shared_lock lock(mu_);
    auto prepared = Prepare(search, now);
    if (!prepared) return fail(prepared.error());
    q = std::move(*prepared);
  }
  if (q.services.empty()) {
    return fail(Error{ErrorCode::kPreconditionFailed,
                      "these services need no visit; they are done online"});
  }
  if (!q.online.empty()) {
    return fail(Error{
        ErrorCode::kInvalidArgument,
        fmt::format("'{}' needs no visit; book the others without it", q.online[0].service_id)});
  }
  const capacity::SlotQuery& sq = q.slot_query;
  if (day < sq.from || day > sq.to ||
      (day == sq.from && start_minute / kTickMinutes < sq.min_start_tick_on_from)) {
    return fail(Error{
        ErrorCode::kPreconditionFailed,
        fmt::format("{} is outside the booking window ({} to {})",
                    FormatInstant(r.start, options_.zone), FormatDay(sq.from), FormatDay(sq.to))});
  }
  // Opening hours are not checked here: the index only offers time inside them, or inside an
  // extra opening the control room set up, and Claim below takes nothing else.

  Appointment a;
  a.code = NewAppointmentCode();
  const std::string token = secrets::NewToken();
  a.token_hash = secrets::LinkTokenHash(token);
  a.location_id = r.location_id;
  a.day = day;
  a.time = {start_minute, start_minute + q.minutes};
  a.start = r.start;
  a.end = ToInstant(day, a.time.end, options_.zone);
  for (const Service* s : q.services) a.service_ids.push_back(s->id);
  a.channel = r.channel;
  a.status = AppointmentStatus::kHeld;
  a.move_in_date = r.move_in_date;
  a.travel_date = r.travel_date;
  a.created_at = a.updated_at = now;
  a.hold_expires_at = now + options_.rules.hold_ttl;

  Occupancy occupancy;
  std::uint64_t claimed_in = 0;  // the index generation of the claim
  bool replayed = false;
  auto result = writer_->Submit({
      .prepare = [&]() -> Result<void> {
        auto loc = index_->LocationIndex(r.location_id);
        auto staff = index_->PickStaff(*loc, day, start_minute / kTickMinutes, sq.ticks,
                                       sq.required, sq.entitlement, sq.today);
        if (!staff || !index_->Claim(*loc, day, *staff, start_minute / kTickMinutes,
                                     start_minute / kTickMinutes + sq.ticks)) {
          return Fail(ErrorCode::kConflict, "this time is no longer free");
        }
        occupancy = {*loc, day, *staff, start_minute / kTickMinutes,
                     start_minute / kTickMinutes + sq.ticks};
        claimed_in = index_generation_;
        a.staff_id = index_->StaffId(*staff);
        return {};
      },
      .write = [&](store::WriteTx& tx) -> Result<void> {
        if (!key.empty()) {
          auto earlier = tx.FindIdempotency(key);
          if (!earlier) return std::unexpected(earlier.error());
          if (*earlier) {
            replayed = true;
            return Fail(ErrorCode::kConflict, "same request in flight");
          }
        }
        // In the hold's own savepoint, so a refused proof costs no extra transaction and a hold
        // that fails leaves the proof unspent.
        if (r.proof) {
          auto fresh = tx.SpendChallenge(r.proof->nonce, r.proof->expires_at);
          if (!fresh) return std::unexpected(fresh.error());
          if (!*fresh) {
            return Fail(ErrorCode::kForbidden,
                        "this challenge has been used already; fetch a new one");
          }
        }
        auto id = tx.InsertAppointment(a);
        if (!id) return std::unexpected(id.error());
        a.id = *id;
        if (auto e = tx.AppendEvent(EventOf(a, EventKind::kHeld, now)); !e) {
          return std::unexpected(e.error());
        }
        if (key.empty()) return {};
        return tx.PutIdempotency({.key = key,
                                  .fingerprint = fingerprint,
                                  .appointment_code = a.code,
                                  .token = token,
                                  .created_at = now});
      },
      .undo =
          [&] {
            if (index_generation_ != claimed_in) return;
            index_->Free(occupancy.location, occupancy.day, occupancy.staff, occupancy.first,
                         occupancy.end);
          },
      .publish =
          [&] {
            holds_[a.id] = {a.hold_expires_at, occupancy};
            Occupy(occupancy);
          },
  });
  if (replayed) {
    auto replay = Replay(key, fingerprint);
    if (replay) return *replay;
    return fail(replay.error());
  }
  if (!result) {
    Conflict conflict{.error = result.error()};
    if (result.error().code == ErrorCode::kConflict) conflict.alternatives = Alternatives(r, now);
    return std::unexpected(std::move(conflict));
  }
  return Receipt{.appointment = a, .token = token};
}

Result<Receipt> BookingEngine::Confirm(const ConfirmRequest& r) {
  const absl::Time now = clock_.Now();
  auto contact_key = ContactKey(r.contact);
  if (!contact_key) return std::unexpected(contact_key.error());
  const std::string fingerprint = r.idempotency_key.empty() ? "" : Fingerprint(r);
  const std::string key = r.idempotency_key.empty() ? "" : "confirm:" + r.idempotency_key;
  if (!key.empty()) {
    auto replay = Replay(key, fingerprint);
    if (replay) return replay;
    if (replay.error().code != ErrorCode::kNotFound) return replay;
  }
  Appointment a;
  bool replayed = false;
  auto result = writer_->Submit({
      .write = [&](store::WriteTx& tx) -> Result<void> {
        if (!key.empty()) {
          auto earlier = tx.FindIdempotency(key);
          if (!earlier) return std::unexpected(earlier.error());
          if (*earlier) {
            replayed = true;
            return Fail(ErrorCode::kConflict, "same request in flight");
          }
        }
        // Checked and written in one statement (the booking's created time becomes now: lead
        // time counts from the confirmation); only when it finds no open hold is the row read, to
        // say why.
        auto confirmed = tx.ConfirmHold({.code = NormaliseCode(r.code),
                                         .token_hash = secrets::LinkTokenHash(r.token),
                                         .contact = r.contact,
                                         .contact_key = *contact_key,
                                         .phone_key = PhoneKey(r.contact),
                                         .at = now});
        if (!confirmed) return std::unexpected(confirmed.error());
        if (!*confirmed) return WhyNotConfirmable(tx, r.code, r.token, now, options_.zone);
        a = std::move(**confirmed);
        // A second open booking of a service is refused after the row changed; the writer then
        // runs the group again with a savepoint per command, which this rare refusal can afford.
        auto booked = tx.OpenServicesOf(*contact_key, now, a.id);
        if (!booked) return std::unexpected(booked.error());
        for (const std::string& s : a.service_ids) {
          if (std::ranges::find(*booked, s) != booked->end()) {
            const Service* service = catalog().FindService(s);
            return Fail(ErrorCode::kConflict,
                        "there is already an open appointment for '{}' with this contact; "
                        "cancel or move it first",
                        service ? service->name_de : s);
          }
        }
        if (auto e = tx.AppendEvent(EventOf(a, EventKind::kConfirmed, now)); !e) {
          return std::unexpected(e.error());
        }
        if (auto t = internal::Tell(options_, tx, Change::kConfirmed, a, Authority(r.token), now);
            !t) {
          return t;
        }
        if (key.empty()) return {};
        return tx.PutIdempotency({.key = key,
                                  .fingerprint = fingerprint,
                                  .appointment_code = a.code,
                                  .token = r.token,
                                  .created_at = now});
      },
      .publish =
          [&] {
            holds_.erase(a.id);
            offer_holds_.erase(a.id);
          },
  });
  if (replayed) return Replay(key, fingerprint);
  if (!result) return std::unexpected(result.error());
  return Receipt{.appointment = a, .token = r.token};
}

Result<Appointment> BookingEngine::Get(std::string_view code, Authority who) const {
  auto found = store_.FindAppointmentByCode(NormaliseCode(code));
  if (!found) return std::unexpected(found.error());
  if (!*found || !(who.call_centre || secrets::LinkTokenMatches(who.token, (*found)->token_hash))) {
    return Fail(ErrorCode::kNotFound, "no appointment with this code and token");
  }
  return **found;
}

Result<std::vector<Appointment>> BookingEngine::FindByContact(const Contact& contact) const {
  // The key is the e-mail or the phone number; the name a caller gives is not part of it.
  const Contact probe{.name = "caller", .email = contact.email, .phone = contact.phone};
  auto key = ContactKey(probe);
  if (!key) return std::unexpected(key.error());
  auto all = store_.ReadAppointmentsOf(*key);
  if (!all) return std::unexpected(all.error());
  const absl::Time now = clock_.Now();
  std::erase_if(*all, [&](const Appointment& a) {
    return a.end <= now ||
           (a.status != AppointmentStatus::kConfirmed && a.status != AppointmentStatus::kCheckedIn);
  });
  return all;
}

Result<Appointment> BookingEngine::Cancel(std::string_view code, Authority who) {
  const absl::Time now = clock_.Now();
  Appointment a;
  bool changed = false;
  bool was_booking = false;
  std::optional<FreedSlot> freed;
  auto result = writer_->Submit({
      .write = [&](store::WriteTx& tx) -> Result<void> {
        auto found = FindOwned(tx, code, who);
        if (!found) return std::unexpected(found.error());
        a = std::move(*found);
        if (a.status == AppointmentStatus::kCancelled) return {};  // cancelling twice is fine
        if (a.status != AppointmentStatus::kHeld && a.status != AppointmentStatus::kConfirmed) {
          return Fail(ErrorCode::kConflict, "an appointment that is {} cannot be cancelled",
                      ToString(a.status));
        }
        if (a.start <= now) {
          return Fail(ErrorCode::kConflict, "the appointment has already begun");
        }
        was_booking = a.status == AppointmentStatus::kConfirmed;
        a.status = AppointmentStatus::kCancelled;
        a.updated_at = now;
        changed = true;
        if (auto u = tx.UpdateAppointment(a); !u) return u;
        if (auto e = tx.AppendEvent(EventOf(a, EventKind::kCancelled, now)); !e) {
          return std::unexpected(e.error());
        }
        return internal::Tell(options_, tx, Change::kCancelled, a, who, now);
      },
      .publish =
          [&] {
            holds_.erase(a.id);
            const bool offered = offer_holds_.erase(a.id) > 0;
            if (!changed) return;
            if (auto o = OccupancyOf(a)) {
              Vacate(*o);
              if (offered) {
                freed = KeepBack(*o);  // a declined offer passes on at once
              } else {
                ReleaseLater(*o, now + options_.rules.cancel_cooldown, was_booking);
              }
            }
          },
  });
  if (!result) return std::unexpected(result.error());
  if (freed) TellFreed({*freed});
  return a;
}

Result<Appointment> BookingEngine::Reschedule(std::string_view code, Authority who,
                                              std::string_view hold_code,
                                              std::string_view hold_token) {
  const absl::Time now = clock_.Now();
  Appointment moved;
  Appointment old;
  std::int64_t hold_id = 0;
  auto result = writer_->Submit({
      .write = [&](store::WriteTx& tx) -> Result<void> {
        auto found = FindOwned(tx, code, who);
        if (!found) return std::unexpected(found.error());
        old = *found;
        if (old.status != AppointmentStatus::kConfirmed) {
          return Fail(ErrorCode::kConflict, "only a confirmed appointment can be moved");
        }
        if (old.start <= now) return Fail(ErrorCode::kConflict, "the appointment has begun");
        auto hold = FindOwned(tx, hold_code, Authority(hold_token));
        if (!hold) return std::unexpected(hold.error());
        if (hold->status != AppointmentStatus::kHeld || hold->hold_expires_at <= now) {
          return Fail(ErrorCode::kConflict, "the new time's reservation is no longer valid");
        }
        std::vector<std::string> a = old.service_ids;
        std::vector<std::string> b = hold->service_ids;
        std::ranges::sort(a);
        std::ranges::sort(b);
        if (a != b) {
          return Fail(ErrorCode::kInvalidArgument,
                      "the new time was reserved for other services than the appointment");
        }
        hold_id = hold->id;
        moved = old;
        moved.location_id = hold->location_id;
        moved.staff_id = hold->staff_id;
        moved.day = hold->day;
        moved.time = hold->time;
        moved.start = hold->start;
        moved.end = hold->end;
        moved.updated_at = now;
        // The hold row gives its time to the appointment; release it first so the database's
        // no-overlap rule sees one occupant.
        Appointment consumed = *hold;
        consumed.status = AppointmentStatus::kCancelled;
        consumed.updated_at = now;
        if (auto u = tx.UpdateAppointment(consumed); !u) return u;
        if (auto u = tx.UpdateAppointment(moved); !u) return u;
        AppointmentEvent event = EventOf(moved, EventKind::kRescheduled, now);
        if (auto e = tx.AppendEvent(event); !e) return std::unexpected(e.error());
        return internal::Tell(options_, tx, Change::kRescheduled, moved, who, now, hold_id);
      },
      .publish =
          [&] {
            holds_.erase(hold_id);
            offer_holds_.erase(hold_id);
            if (auto o = OccupancyOf(old)) {
              Vacate(*o);
              ReleaseLater(*o, now + options_.rules.cancel_cooldown, /*offer=*/true);
            }
          },
  });
  if (!result) return std::unexpected(result.error());
  return moved;
}

}  // namespace amtszeit::booking
