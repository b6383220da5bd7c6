// BookingEngine: time-first search across all centres, holds, confirmations, cancellations and
// reschedules, for the web (online) and the city's call centre (phone).
//
// State: the capacity index in memory (derived; rebuilt from the store on start and when the
// date rolls over) and the store (the truth). Reads take a shared lock on the index and never wait
// for disk. Every change goes through the Writer: prepared against the index, written in a group
// transaction, acknowledged only after the commit is durable.
//
//   auto engine = BookingEngine::Open(store, clock, {.zone = berlin});
//   auto page = (*engine)->Search({.service_ids = {"personalausweis"}});
//   auto hold = (*engine)->Hold({.service_ids = {...}, .location_id = ..., .start = ...});
//   auto booked = (*engine)->Confirm({.code = hold->code, .token = hold->token, .contact = ...});
#pragma once

#include <concepts>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/booking/rules.h"
#include "amtszeit/booking/writer.h"
#include "amtszeit/capacity/capacity_index.h"
#include "amtszeit/domain/appointment.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/live_catalog.h"
#include "amtszeit/store/store.h"

namespace amtszeit::booking {

// A change to a citizen's appointment, told to EngineOptions::on_change inside the transaction
// that makes it, so whatever the hook writes (the messages about it) commits or rolls back with
// the change itself.
enum class Change { kConfirmed, kCancelled, kRescheduled, kReassigned };
struct ChangeNote {
  Change change;
  const Appointment& appointment;  // as written
  std::string_view token;          // the citizen's secret when the caller had it, else empty
  absl::Time at;
  // kRescheduled: the hold whose time the appointment took (e.g. a waitlist offer), else 0.
  std::int64_t consumed_hold_id = 0;
};
// An error rolls the change back.
using ChangeHook = std::function<Result<void>(store::WriteTx&, const ChangeNote&)>;

// A staff member's time that became free and is kept out of the public pool until the waitlist
// has had it: a booking's time once cancelled or moved away (after the cool-down), an offer that
// was declined or left unanswered, or capacity that steering opened. A hold that simply expires
// is not freed time: nobody was waiting for it.
struct FreedSlot {
  std::string location_id;
  std::string staff_id;
  absl::CivilDay day;
  int first_minute = 0;
  int end_minute = 0;

  friend bool operator==(const FreedSlot&, const FreedSlot&) = default;
};
// Told outside the engine's locks (from Tick, Cancel or ChangeRoster). The listener answers each
// slot with OfferHold (for some or all of it) and ReturnToPool for the rest.
using FreedHook = std::function<void(const FreedSlot&)>;

// Holds part of a freed slot for a waitlisted citizen.
struct OfferRequest {
  FreedSlot slot;
  std::vector<std::string> service_ids;
  int start_minute = 0;  // inside the slot, on the grid
  std::optional<absl::CivilDay> move_in_date;
  Contact contact;         // the hold carries it; confirming needs it again
  std::string token_hash;  // the hold answers to this secret (the waitlist entry's)
  absl::Duration ttl = absl::Minutes(30);
  // Runs inside the hold's transaction; an error rolls the hold back.
  std::function<Result<void>(store::WriteTx&, const Appointment& hold)> write;
};

struct OfferAnswer {
  Appointment hold;
  std::vector<FreedSlot> rest;  // the slot's time before and after the hold, still kept back
};

struct EngineOptions {
  BookingRules rules;
  capacity::ContingentPolicy policy = capacity::ContingentPolicy::HamburgDefault();
  absl::TimeZone zone;
  std::size_t writer_max_group = Writer::kMaxGroup;
  ChangeHook on_change;  // optional
  FreedHook on_freed;    // optional: without it freed time returns to the pool at once
};

struct SlotView {
  std::string location_id;
  absl::CivilDay day;
  int start_minute = 0;
  int end_minute = 0;
  absl::Time start;
  absl::Time end;
  std::optional<double> distance_km;
  std::optional<bool> within_deadline;  // set when a legal deadline applies
};

struct OnlineAlternative {
  std::string service_id;
  std::string name;
  std::string url;
};

struct SearchRequest {
  std::vector<std::string> service_ids;
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  std::vector<std::string> districts;
  std::vector<std::string> locations;
  unsigned windows = 0;  // capacity::Window bits
  std::optional<GeoPoint> near;
  int limit = 20;
  std::string cursor;
  Channel channel = Channel::kOnline;
  std::optional<absl::CivilDay> move_in_date;
  std::optional<absl::CivilDay> travel_date;
};

struct SearchAnswer {
  std::vector<SlotView> slots;
  std::string next_cursor;                // empty when there is no further page
  std::vector<OnlineAlternative> online;  // requested services that need no visit
  int duration_minutes = 0;
  std::optional<absl::CivilDay> deadline;
  absl::CivilDay first_bookable;
  absl::CivilDay last_bookable;
};

struct DayAvailability {
  absl::CivilDay day;
  int starts = 0;  // distinct start times
  std::optional<int> first_minute;
};

// A solved proof-of-work challenge (server/proof_of_work.h) the hold spends in its own
// transaction: refused with kForbidden when any node spent it before.
struct ProofSpend {
  std::string nonce;
  absl::Time expires_at;
};

struct HoldRequest {
  std::vector<std::string> service_ids;
  std::string location_id;
  absl::Time start;
  Channel channel = Channel::kOnline;
  std::optional<absl::CivilDay> move_in_date;
  std::optional<absl::CivilDay> travel_date;
  std::string idempotency_key;
  std::optional<ProofSpend> proof;
};

// What the client needs to confirm, view, cancel or move: the code and the secret token.
struct Receipt {
  Appointment appointment;
  std::string token;
  bool replayed = false;  // answered from an earlier request with the same idempotency key
};

struct ConfirmRequest {
  std::string code;
  std::string token;
  Contact contact;
  std::string idempotency_key;
};

// Who acts on an appointment: its holder, by the secret token of the citizen's link, or the city's
// call centre on a caller's behalf (the server has checked the call centre's key first).
struct Authority {
  // Implicit on purpose: a token is the common case. The token must outlive the call.
  template <typename T>
  // NOLINTNEXTLINE(google-explicit-constructor)
  requires std::convertible_to<const T&, std::string_view> Authority(const T& holder_token)
      : token(holder_token) {}
  static Authority CallCentre() {
    Authority a("");
    a.call_centre = true;
    return a;
  }
  std::string_view token;
  bool call_centre = false;
};

// A taken slot is answered with the next free alternatives.
struct Conflict {
  Error error;
  std::vector<SlotView> alternatives;
};

class BookingEngine {
 public:
  static Result<std::unique_ptr<BookingEngine>> Open(store::Store& store, const Clock& clock,
                                                     EngineOptions options);
  ~BookingEngine();

  // kScan answers the same from capacity::ScanSearch: the benchmark's reference.
  enum class Method { kIndex, kScan };
  Result<SearchAnswer> Search(const SearchRequest& request, Method method = Method::kIndex) const;
  Result<std::vector<DayAvailability>> Days(const SearchRequest& request) const;

  // kConflict errors carry alternatives through LastAlternatives-free API: see HoldOrAlternatives.
  std::expected<Receipt, Conflict> Hold(const HoldRequest& request);
  Result<Receipt> Confirm(const ConfirmRequest& request);
  Result<Appointment> Get(std::string_view code, Authority who) const;
  Result<Appointment> Cancel(std::string_view code, Authority who);
  // The call centre finds a caller's upcoming appointments by e-mail or phone number.
  Result<std::vector<Appointment>> FindByContact(const Contact& contact) const;
  // Moves a confirmed appointment to the slot of a hold the citizen took first; the old slot is
  // kept until the move is durable. Code and token stay the same.
  Result<Appointment> Reschedule(std::string_view code, Authority who, std::string_view hold_code,
                                 std::string_view hold_token);

  // Central steering (DESIGN.md §2 steering/). A roster change (shifts, absences, moves, extra
  // openings) is written through the same writer as bookings, so it is ordered with them; once it
  // is durable the index is rebuilt from the store, and new capacity is bookable at once.
  Result<void> ChangeRoster(const store::WriteFn& change);
  // Appointments that occupy time (held, confirmed, checked in, called) on days in [from, to]
  // whose staff member has no appointment time for them any more (sick, moved, shift removed).
  Result<std::vector<Appointment>> Unstaffed(absl::CivilDay from, absl::CivilDay to) const;
  // Gives an unstaffed appointment to another qualified staff member at the same centre and time.
  // Code, token, time and services stay; kConflict when nobody can take it.
  Result<Appointment> Reassign(std::int64_t appointment_id);
  // capacity::Window bits of the times a centre offers appointments on a day (booked or not).
  unsigned OfferedWindows(std::string_view location_id, absl::CivilDay day) const;
  // The day the index starts on (the local date of its last rebuild).
  absl::CivilDay IndexDay() const;

  // The waitlist's side of freed time (see FreedSlot). kConflict when the slot is no longer kept
  // back or the request does not fit it (services the staff member cannot serve, too long, outside
  // the booking window or the legal deadline, before the move-in date).
  Result<OfferAnswer> OfferHold(const OfferRequest& request);
  void ReturnToPool(const FreedSlot& slot);
  // Slots kept back for the waitlist right now.
  std::vector<FreedSlot> KeptBack() const;

  // Expires holds whose time is up and returns cancelled time after its cool-down. The server
  // calls it every second; tests call it after advancing their clock.
  void Tick();

  const Catalog& catalog() const { return catalog_->Current(); }
  // The catalogue as it changes (AddLocation), for the modules that show centres.
  CatalogView live_catalog() const { return CatalogView(catalog_); }
  // Adds a centre at runtime (an interim location): written together with `also` (its audit) in
  // the writer's order, then the catalogue and the index take it and it is bookable at once.
  // kConflict when the id is taken.
  Result<void> AddLocation(const Location& location, const store::WriteFn& also);
  // Takes the catalogue another node changed (e.g. opened an interim location) from the store:
  // held entries are updated in place, new ones appended, and the index is rebuilt.
  Result<void> ReloadCatalog();
  const EngineOptions& options() const { return options_; }
  const Writer& writer() const { return *writer_; }
  const Location* FindLocation(std::string_view id) const { return catalog().FindLocation(id); }

 private:
  struct Occupancy {
    std::int32_t location = 0;
    absl::CivilDay day;
    std::int32_t staff = 0;
    int first = 0;
    int end = 0;
    friend bool operator==(const Occupancy&, const Occupancy&) = default;
  };
  struct Query {
    std::vector<const Service*> services;
    std::vector<OnlineAlternative> online;
    int minutes = 0;
    std::optional<absl::CivilDay> deadline;
    capacity::SlotQuery slot_query;
  };

  BookingEngine(store::Store& store, const Clock& clock, EngineOptions options);
  Result<void> Rebuild(absl::CivilDay today);  // REQUIRES: mu_ held exclusively or not shared yet
  Result<Query> Prepare(const SearchRequest& request, absl::Time now) const;
  // `instants` converts the slot's local times; one per answer, so each day is looked up once.
  SlotView View(const capacity::Slot& slot, const Query& q, DayInstants& instants) const;
  std::vector<SlotView> Alternatives(const HoldRequest& request, absl::Time now) const;
  std::optional<Occupancy> OccupancyOf(const Appointment& a) const;  // REQUIRES: mu_ held
  Result<std::vector<const Service*>> Services(const std::vector<std::string>& ids) const;
  absl::CivilMinute LocalNow(absl::Time now) const;
  Result<Receipt> Replay(std::string_view key, std::string_view fingerprint) const;
  // REQUIRES for the three below: mu_ held exclusively.
  // `offer`: the time was a booking's, so the waitlist sees it before the pool does.
  void ReleaseLater(const Occupancy& o, absl::Time at, bool offer = false);
  // Keeps `o` booked in the index for the waitlist and returns it for on_freed, or releases it
  // when there is no listener or someone else occupies part of it.  REQUIRES: mu_ held exclusively.
  std::optional<FreedSlot> KeepBack(const Occupancy& o);
  FreedSlot SlotOf(const Occupancy& o) const;  // REQUIRES: mu_ held
  void TellFreed(const std::vector<FreedSlot>& slots);
  // New appointment time after a roster change, kept back.  REQUIRES: mu_ held exclusively.
  std::vector<FreedSlot> KeepBackNewCapacity(
      const std::map<std::tuple<std::int32_t, std::int64_t, std::string>, capacity::TickSet>&
          before);
  void Occupy(const Occupancy& o);
  void Vacate(const Occupancy& o);
  // True when the staff member's appointment time covers the occupancy.  REQUIRES: mu_ held.
  bool Staffed(const Occupancy& o) const;
  // Clears a released range, then re-marks any occupant's time inside it, so releasing the time
  // of a cancelled or consumed hold never frees time someone else now holds.
  void Release(const Occupancy& o);

  store::Store& store_;
  const Clock& clock_;
  EngineOptions options_;
  std::shared_ptr<LiveCatalog> catalog_;
  std::mutex add_location_mu_;  // one AddLocation at a time: its id check holds until published
  HolidayCalendar holidays_;
  SchoolCalendar school_;

  // The writer holds it exclusively around every command's prepare, undo and publish, so those
  // steps do not take it themselves.
  mutable std::shared_mutex mu_;
  std::optional<capacity::CapacityIndex> index_;  // GUARDED_BY(mu_)
  absl::CivilDay index_day_;                      // GUARDED_BY(mu_)
  // Counts rebuilds. A claim undone after a rebuild must not free time: the rebuilt index
  // already left the claim out and may have booked that time for another node's appointment.
  std::uint64_t index_generation_ = 0;                              // GUARDED_BY(mu_)
  std::map<std::int64_t, std::pair<absl::Time, Occupancy>> holds_;  // GUARDED_BY(mu_)
  struct PendingRelease {
    Occupancy occupancy;
    bool offer = false;
  };
  std::multimap<absl::Time, PendingRelease> releases_;  // GUARDED_BY(mu_)
  std::vector<Occupancy> kept_back_;    // GUARDED_BY(mu_): freed time for the waitlist
  std::set<std::int64_t> offer_holds_;  // GUARDED_BY(mu_): holds made by OfferHold
  // Occupying appointments' ranges per (location, day ordinal, staff).
  std::map<std::tuple<std::int32_t, std::int64_t, std::int32_t>, std::vector<std::pair<int, int>>>
      occupied_;  // GUARDED_BY(mu_)

  std::unique_ptr<Writer> writer_;  // last: stops before the state it writes into goes away
};

// Opaque page cursor: "YYYY-MM-DD.TICK.LOCATION".
std::string EncodeCursor(const capacity::SlotCursor& c, const capacity::CapacityIndex& index);
Result<capacity::SlotCursor> DecodeCursor(std::string_view text,
                                          const capacity::CapacityIndex& index);

}  // namespace amtszeit::booking
