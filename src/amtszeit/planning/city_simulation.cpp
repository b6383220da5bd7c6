#include "amtszeit/planning/city_simulation.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <queue>
#include <random>
#include <thread>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "amtszeit/capacity/capacity_index.h"
#include "amtszeit/dataset/demand_profile.h"

namespace amtszeit::planning {

namespace {

using capacity::CapacityIndex;
using capacity::SlotQuery;

constexpr int kMinutesPerDayI = kMinutesPerDay;
constexpr int kSnapshotMinute = 7 * 60;  // the morning snapshot, after the window's release
constexpr int kWithinDays = 14;          // the promise
// When citizens book (estimates): online from 06:00 to 23:30, phone and counter in office hours.
constexpr int kOnlineFrom = 6 * 60;
constexpr int kOnlineTo = 23 * 60 + 30;
constexpr int kOfficeFrom = 8 * 60;
constexpr int kOfficeTo = 18 * 60;
constexpr int kMoveInDaysBack = 6;    // registrations book 0..6 days after moving in
constexpr double kTravelShare = 0.3;  // passport applicants with a booked journey
constexpr int kTravelMinDays = 14;    // ... that far ahead
constexpr int kTravelMaxDays = 84;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::uint64_t Mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

int Ticks(int minutes) { return (minutes + kTickMinutes - 1) / kTickMinutes; }

// The policy's clock: minutes of the simulated day from an arbitrary origin (only differences
// matter to it).
absl::Time At(double minute) { return absl::UnixEpoch() + absl::Seconds(minute * 60); }

struct Request {
  int minute = 0;
  std::int16_t service = 0;
  Channel channel = Channel::kOnline;
  std::int16_t district = -1;  // -1: all centres
  std::optional<absl::CivilDay> move_in;
  std::optional<absl::CivilDay> travel;
  ScriptedBooking::Fate fate = ScriptedBooking::Fate::kShow;
  double cancel_at = 0;  // kCancel: share of the time to the appointment, or minutes (script)
  bool cancel_in_minutes = false;
  std::vector<std::int32_t> locations;  // scripted: explicit centres
};

struct Arrival {
  double minute = 0;
  std::int16_t service = 0;
  QueueClass queue = QueueClass::kWalkIn;
  double work = 0;  // minutes at the counter
  PriorityReason priority = PriorityReason::kNone;
};

// A walk-in or express desk for a day: its shift minus its break.
struct Desk {
  std::int32_t staff = 0;
  CounterMode mode = CounterMode::kWalkIn;
  int begin = 0;
  int end = 0;
  int break_begin = 0;
  int break_end = 0;                     // == break_begin when none
  std::vector<std::string> service_ids;  // empty: everything
};

// Time freed by a cancellation, after the cool-down.
struct Release {
  std::int64_t at = 0;  // minutes since the simulation's first day
  std::int32_t location = 0;
  absl::CivilDay day;
  std::int32_t staff = 0;
  int first = 0;
  int end = 0;
  friend bool operator>(const Release& a, const Release& b) { return a.at > b.at; }
};

// The last search of a kind of request found nothing before `day` with the index as it was in
// `epoch`; bookings only take time away, so until time is freed or a day passes (contingents
// release, the window moves), the next search of that kind may start there.
struct Hint {
  std::uint64_t epoch = 0;
  absl::CivilDay day;
};
using HintKey = std::tuple<capacity::SkillMask, int, unsigned, std::int64_t, int>;

// Shared by all replications: what the catalogue and roster say, resolved to indexes.
struct Setup {
  const CitySimulationOptions* options = nullptr;
  const Catalog* catalog = nullptr;
  absl::CivilDay start;  // first simulated day (warm-up included)
  int sim_days = 0;
  int index_days = 0;
  std::vector<std::int32_t> lead_services;  // catalogue indexes
  std::vector<std::vector<std::int32_t>> district_locations;
  std::vector<double> district_weights;
  std::vector<std::vector<std::string>> staff_services;  // per staff: what their skills allow
  std::vector<std::vector<const Shift*>> desk_shifts;    // [day * locations + location]
  // Expected demand, the same in every replication: [day][service] booking requests and
  // [(day * locations + location) * 2 + kind][service] tickets (walk-in, express).
  std::vector<std::vector<double>> bookings;
  std::vector<std::vector<double>> tickets;
  std::vector<std::vector<double>> arrival_cdf;  // [day * locations + location], by tick
};

Result<Setup> Prepare(const CitySimulationOptions& o) {
  if (o.catalog == nullptr || o.roster == nullptr || o.holidays == nullptr || o.school == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "simulation without catalogue, roster or calendars");
  }
  if (o.days < 1 || o.warmup_days < 0) {
    return Fail(ErrorCode::kInvalidArgument, "simulate at least one day, warm-up not negative");
  }
  if (!(o.sickness_rate >= 0 && o.sickness_rate <= 1) || !(o.cancel_share >= 0) ||
      !(o.no_show_share >= 0) || o.cancel_share + o.no_show_share > 1 || !(o.online_share >= 0) ||
      !(o.phone_share >= 0) || o.online_share + o.phone_share > 1 ||
      !(o.local_share >= 0 && o.local_share <= 1) || !(o.demand_multiplier >= 0)) {
    return Fail(ErrorCode::kInvalidArgument, "a rate or share is outside [0, 1]");
  }
  if (auto ok = booking::ValidateBookingRules(o.rules); !ok) return std::unexpected(ok.error());
  Setup s;
  s.options = &o;
  s.catalog = o.catalog;
  s.start = o.first_day - o.warmup_days;
  s.sim_days = o.warmup_days + o.days;
  s.index_days = std::min(400, s.sim_days + o.rules.max_days_ahead + 1);
  if (s.sim_days > s.index_days) {
    return Fail(ErrorCode::kInvalidArgument, "{} days with warm-up; at most 400 are simulated",
                s.sim_days);
  }
  for (const std::string& id : o.lead_services) {
    const Service* svc = o.catalog->FindService(id);
    if (svc == nullptr) return Fail(ErrorCode::kInvalidArgument, "unknown service '{}'", id);
    s.lead_services.push_back(static_cast<std::int32_t>(svc - o.catalog->services.data()));
  }
  const auto& locations = o.catalog->locations;
  for (const District& d : o.catalog->districts) {
    std::vector<std::int32_t> ids;
    double weight = 0;
    for (std::size_t i = 0; i < locations.size(); ++i) {
      if (locations[i].district_id == d.id) {
        ids.push_back(static_cast<std::int32_t>(i));
        weight += locations[i].counters;
      }
    }
    s.district_locations.push_back(std::move(ids));
    s.district_weights.push_back(weight);
  }
  for (const Staff& st : o.roster->staff) {
    std::vector<std::string> can;
    bool all = true;
    for (const Service& svc : o.catalog->services) {
      if (!svc.needs_presence) continue;
      if (st.HasSkill(svc.skill)) {
        can.push_back(svc.id);
      } else {
        all = false;
      }
    }
    s.staff_services.push_back(all ? std::vector<std::string>{} : std::move(can));
  }
  absl::flat_hash_map<std::string, std::vector<const Absence*>> absent;
  for (const Absence& a : o.roster->absences) absent[a.staff_id].push_back(&a);
  s.desk_shifts.resize(static_cast<std::size_t>(s.sim_days) * locations.size());
  for (const Shift& sh : o.roster->shifts) {
    if (sh.mode != ShiftMode::kWalkIn && sh.mode != ShiftMode::kExpress) continue;
    const auto d = sh.day - s.start;
    if (d < 0 || d >= s.sim_days) continue;
    const Location* l = o.catalog->FindLocation(sh.location_id);
    if (l == nullptr || !l->InServiceOn(sh.day) || o.roster->Closed(l->id, sh.day)) continue;
    if (std::ranges::any_of(absent[sh.staff_id],
                            [&](const Absence* a) { return a->Covers(sh.day); })) {
      continue;
    }
    s.desk_shifts[d * locations.size() + (l - locations.data())].push_back(&sh);
  }
  if (o.demand == nullptr) return s;
  const DemandModel& demand = *o.demand;
  const int ns = demand.service_count();
  s.bookings.resize(s.sim_days);
  s.tickets.resize(static_cast<std::size_t>(s.sim_days) * locations.size() * 2);
  s.arrival_cdf.resize(static_cast<std::size_t>(s.sim_days) * locations.size());
  for (int d = 0; d < s.sim_days; ++d) {
    const absl::CivilDay day = s.start + d;
    const double city = demand.CityCounterDays(day);
    for (int k = 0; k < ns; ++k) {
      s.bookings[d].push_back(o.demand_multiplier * city *
                              demand.PerCounterDay(DemandKind::kBooking, k, day));
    }
    for (std::size_t l = 0; l < locations.size(); ++l) {
      const Location& loc = locations[l];
      if (!loc.InServiceOn(day)) continue;
      const std::vector<TimeRange> open = loc.hours.OpenOn(day, *o.holidays);
      int minutes = 0;
      for (const TimeRange& r : open) minutes += r.Minutes();
      if (minutes <= 0) continue;
      const double counter_days = loc.counters * dataset::profile::DayScale(minutes);
      for (int kind = 0; kind < 2; ++kind) {
        auto& row = s.tickets[(d * locations.size() + l) * 2 + kind];
        for (int k = 0; k < ns; ++k) {
          row.push_back(
              o.demand_multiplier * counter_days *
              demand.PerCounterDay(kind == 0 ? DemandKind::kWalkIn : DemandKind::kExpress, k, day));
        }
      }
      const auto shares = demand.arrivals().TickShares(open);
      auto& cdf = s.arrival_cdf[d * locations.size() + l];
      double sum = 0;
      for (double x : shares) cdf.push_back(sum += x);
    }
  }
  return s;
}

class Replication {
 public:
  Replication(const Setup& setup, std::uint64_t seed, bool random)
      : s_(setup), o_(*setup.options), rng_(seed), random_(random) {}

  Result<CityReplication> Run(const CityScript* script) {
    if (auto ok = BuildIndex(); !ok) return std::unexpected(ok.error());
    const auto& locations = o_.catalog->locations;
    const std::size_t nl = locations.size();
    out_.first_day = o_.first_day;
    out_.days = o_.days;
    for (const Location& l : locations) out_.locations.push_back(l.id);
    out_.figures.resize(static_cast<std::size_t>(o_.days) * nl);
    for (auto& f : out_.figures) f.lead_time.assign(s_.lead_services.size(), kNaN);
    appointment_busy_.assign(static_cast<std::size_t>(s_.index_days) * nl, 0.0);
    if (script != nullptr) Bucket(*script);

    for (int d = 0; d < s_.sim_days; ++d) {
      const absl::CivilDay day = s_.start + d;
      ++epoch_;  // a new day: contingents release, the window moves
      std::vector<Request> requests = random_ ? DrawRequests(day) : std::move(script_requests_[d]);
      std::ranges::stable_sort(requests, {}, &Request::minute);
      const bool measured = day >= o_.first_day;
      bool snapped = false;
      for (Request& r : requests) {
        ReleaseUntil(static_cast<std::int64_t>(d) * kMinutesPerDayI + r.minute);
        if (!snapped && r.minute >= kSnapshotMinute) {
          if (measured) Snapshot(day);
          snapped = true;
        }
        Book(day, d, r, measured);
      }
      if (!snapped && measured) Snapshot(day);
      ReleaseUntil(static_cast<std::int64_t>(d + 1) * kMinutesPerDayI - 1);
      for (std::size_t l = 0; l < nl; ++l) {
        std::vector<Arrival> arrivals = random_ ? DrawArrivals(d, static_cast<std::int32_t>(l))
                                                : std::move(script_tickets_[d * nl + l]);
        Counters(day, d, static_cast<std::int32_t>(l), arrivals, measured);
      }
    }
    return std::move(out_);
  }

 private:
  Result<void> BuildIndex() {
    const Roster* roster = o_.roster;
    Roster with_sickness;
    if (random_ && o_.sickness_rate > 0) {
      with_sickness = *roster;
      std::bernoulli_distribution sick(o_.sickness_rate);
      // Per staff-day, in roster order: the draws do not depend on anything else.
      absl::flat_hash_map<std::pair<std::string_view, std::int64_t>, bool> decided;
      for (const Shift& sh : roster->shifts) {
        const std::int64_t ord = sh.day - absl::CivilDay(1970, 1, 1);
        auto [it, fresh] = decided.try_emplace(std::pair{std::string_view(sh.staff_id), ord});
        if (!fresh) continue;
        it->second = sick(rng_);
        if (it->second) {
          with_sickness.absences.push_back({.staff_id = sh.staff_id,
                                            .first = sh.day,
                                            .last = sh.day,
                                            .kind = AbsenceKind::kSick});
          sick_.insert({sh.staff_id, ord});
        }
      }
      roster = &with_sickness;
    }
    auto index = CapacityIndex::Build({.catalog = *o_.catalog,
                                       .roster = *roster,
                                       .holidays = *o_.holidays,
                                       .school = *o_.school,
                                       .policy = o_.policy,
                                       .first_day = s_.start,
                                       .days = s_.index_days});
    if (!index) return std::unexpected(index.error());
    index_.emplace(std::move(*index));
    return {};
  }

  // Sick on top of the roster (whose absences Prepare has taken out already).
  bool Absent(const std::string& staff, absl::CivilDay day) const {
    return !sick_.empty() && sick_.contains({staff, day - absl::CivilDay(1970, 1, 1)});
  }

  void Bucket(const CityScript& script) {
    const std::size_t nl = o_.catalog->locations.size();
    script_requests_.resize(s_.sim_days);
    script_tickets_.resize(static_cast<std::size_t>(s_.sim_days) * nl);
    auto service = [&](const std::string& id) -> std::int16_t {
      const Service* svc = o_.catalog->FindService(id);
      return svc == nullptr ? -1 : static_cast<std::int16_t>(svc - o_.catalog->services.data());
    };
    for (const ScriptedBooking& b : script.bookings) {
      const auto d = b.day - s_.start;
      if (d < 0 || d >= s_.sim_days || b.services.size() != 1 || service(b.services[0]) < 0) {
        continue;
      }
      Request r{.minute = b.minute,
                .service = service(b.services[0]),
                .channel = b.channel,
                .move_in = b.move_in,
                .fate = b.fate,
                .cancel_at = static_cast<double>(b.cancel_after_minutes),
                .cancel_in_minutes = true};
      for (const std::string& id : b.locations) {
        if (auto l = index_->LocationIndex(id)) r.locations.push_back(*l);
      }
      script_requests_[d].push_back(std::move(r));
    }
    for (const ScriptedTicket& t : script.tickets) {
      const auto d = t.day - s_.start;
      auto l = index_->LocationIndex(t.location);
      if (d < 0 || d >= s_.sim_days || !l || service(t.service) < 0) continue;
      script_tickets_[d * nl + *l].push_back({.minute = static_cast<double>(t.minute),
                                              .service = service(t.service),
                                              .queue = t.queue,
                                              .work = t.service_minutes,
                                              .priority = t.priority});
    }
  }

  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  int UniformInt(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  long Poisson(double mean) {
    if (!(mean > 0)) return 0;
    return std::poisson_distribution<long>(mean)(rng_);
  }

  std::vector<Request> DrawRequests(absl::CivilDay day) {
    std::vector<Request> out;
    const std::vector<double>& expected = s_.bookings[day - s_.start];
    for (std::size_t s = 0; s < expected.size(); ++s) {
      const long count = Poisson(expected[s]);
      const Service& svc = o_.catalog->services[s];
      for (long k = 0; k < count; ++k) {
        Request r{.service = static_cast<std::int16_t>(s)};
        const double c = Uniform();
        r.channel = c < o_.online_share                    ? Channel::kOnline
                    : c < o_.online_share + o_.phone_share ? Channel::kPhone
                                                           : Channel::kCounter;
        const bool office = r.channel != Channel::kOnline;
        if (office && WeekdayIndex(day) >= 5) r.channel = Channel::kOnline;
        r.minute = office && WeekdayIndex(day) < 5 ? UniformInt(kOfficeFrom, kOfficeTo - 1)
                                                   : UniformInt(kOnlineFrom, kOnlineTo - 1);
        if (Uniform() < o_.local_share) r.district = PickDistrict();
        if (svc.legal_deadline_days) r.move_in = day - UniformInt(0, kMoveInDaysBack);
        if (svc.priority == PriorityRule::kPassportBeforeSummer && Uniform() < kTravelShare) {
          r.travel = day + UniformInt(kTravelMinDays, kTravelMaxDays);
        }
        const double fate = Uniform();
        r.fate = fate < o_.cancel_share                      ? ScriptedBooking::Fate::kCancel
                 : fate < o_.cancel_share + o_.no_show_share ? ScriptedBooking::Fate::kNoShow
                                                             : ScriptedBooking::Fate::kShow;
        r.cancel_at = Uniform();
        out.push_back(std::move(r));
      }
    }
    return out;
  }

  std::int16_t PickDistrict() {
    double total = 0;
    for (double w : s_.district_weights) total += w;
    double x = Uniform() * total;
    for (std::size_t i = 0; i < s_.district_weights.size(); ++i) {
      x -= s_.district_weights[i];
      if (x < 0 && s_.district_weights[i] > 0) return static_cast<std::int16_t>(i);
    }
    return -1;
  }

  void ReleaseUntil(std::int64_t minute) {
    while (!releases_.empty() && releases_.top().at <= minute) {
      const Release r = releases_.top();
      releases_.pop();
      index_->Free(r.location, r.day, r.staff, r.first, r.end);
      ++epoch_;
      ++out_.events;
    }
  }

  // The query the booking engine prepares for this request (BookingEngine::Prepare), or nullopt
  // when the rules refuse it.
  std::optional<SlotQuery> Query(const Service& svc, Channel channel, absl::CivilDay day,
                                 int minute, std::optional<absl::CivilDay> move_in,
                                 std::optional<absl::CivilDay> travel) const {
    const Service* services[] = {&svc};
    auto minutes = booking::TotalDuration(services, o_.rules);
    if (!minutes) return std::nullopt;
    auto deadline = booking::LegalDeadline(services, move_in, day, o_.rules);
    if (!deadline) return std::nullopt;
    const booking::BookableRange range = booking::BookableDays(
        o_.rules, absl::CivilMinute(day.year(), day.month(), day.day(), minute / 60, minute % 60));
    SlotQuery q;
    q.required = index_->skills().Required(services);
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

  void Book(absl::CivilDay day, int d, const Request& r, bool measured) {
    ++out_.events;
    if (measured) ++out_.booking_requests;
    const Service& svc = o_.catalog->services[r.service];
    std::optional<SlotQuery> q = Query(svc, r.channel, day, r.minute, r.move_in, r.travel);
    if (!q) return;
    if (!r.locations.empty()) {
      q->locations = r.locations;
    } else if (r.district >= 0) {
      q->locations = s_.district_locations[r.district];
      if (q->locations.empty()) return;
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
    const std::vector<capacity::Slot> slots = index_->Search(*q);
    if (slots.empty()) {
      if (measured) ++out_.lost_requests;
      hint = {epoch_, q->to + 1};
      return;
    }
    const capacity::Slot& slot = slots.front();
    hint = {epoch_, slot.day};
    const auto staff = index_->PickStaff(slot.location, slot.day, slot.start_tick, q->ticks,
                                         q->required, q->entitlement, day);
    if (!staff || !index_->Claim(slot.location, slot.day, *staff, slot.start_tick,
                                 slot.start_tick + q->ticks)) {
      return;  // cannot happen: the search offered it
    }
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

  CentreDayFigures& Figures(absl::CivilDay day, std::int32_t location) {
    return out_
        .figures[static_cast<std::size_t>(day - o_.first_day) * o_.catalog->locations.size() +
                 location];
  }

  // monitor::TakeSnapshot's question, asked of this index.
  void Snapshot(absl::CivilDay day) {
    for (std::int32_t l = 0; l < index_->location_count(); ++l) {
      if (!index_->location(l).InServiceOn(day)) continue;
      CentreDayFigures& f = Figures(day, l);
      for (std::size_t k = 0; k < s_.lead_services.size(); ++k) {
        const Service& svc = o_.catalog->services[s_.lead_services[k]];
        std::optional<absl::CivilDay> move_in;
        if (svc.legal_deadline_days) move_in = day;
        auto q = Query(svc, Channel::kOnline, day, kSnapshotMinute, move_in, std::nullopt);
        if (!q) continue;
        q->locations = {l};
        const auto slots = index_->Search(*q);
        f.lead_time[k] = slots.empty() ? o_.rules.max_days_ahead + 1.0
                                       : static_cast<double>(slots.front().day - day);
      }
    }
  }

  std::vector<Arrival> DrawArrivals(int d, std::int32_t l) {
    std::vector<Arrival> out;
    const std::size_t cell = static_cast<std::size_t>(d) * o_.catalog->locations.size() + l;
    const std::vector<double>& cumulative = s_.arrival_cdf[cell];
    if (cumulative.empty() || !(cumulative.back() > 0)) return out;
    const double sum = cumulative.back();
    for (DemandKind kind : {DemandKind::kWalkIn, DemandKind::kExpress}) {
      const std::vector<double>& expected =
          s_.tickets[cell * 2 + (kind == DemandKind::kWalkIn ? 0 : 1)];
      for (std::size_t s = 0; s < expected.size(); ++s) {
        const long count = Poisson(expected[s]);
        const int duration = o_.catalog->services[s].duration_minutes;
        for (long k = 0; k < count; ++k) {
          const double x = Uniform() * sum;
          const int tick = static_cast<int>(std::min<std::ptrdiff_t>(
              std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin(),
              static_cast<std::ptrdiff_t>(cumulative.size()) - 1));
          const double work = std::max(
              dataset::profile::kWorkFloorMinutes,
              duration * (dataset::profile::kWorkMin +
                          (dataset::profile::kWorkMax - dataset::profile::kWorkMin) * Uniform()));
          out.push_back(
              {.minute = tick * kTickMinutes + kTickMinutes * Uniform(),
               .service = static_cast<std::int16_t>(s),
               .queue = kind == DemandKind::kExpress ? QueueClass::kExpress : QueueClass::kWalkIn,
               .work = work});
        }
      }
    }
    return out;
  }

  std::vector<Desk> Desks(int d, absl::CivilDay day, std::int32_t l) const {
    std::vector<Desk> desks;
    for (const Shift* sh : s_.desk_shifts[d * o_.catalog->locations.size() + l]) {
      if (Absent(sh->staff_id, day)) continue;
      const auto staff = index_->StaffIndex(sh->staff_id);
      if (!staff) continue;
      Desk desk{
          .staff = *staff,
          .mode = sh->mode == ShiftMode::kExpress ? CounterMode::kExpress : CounterMode::kWalkIn,
          .begin = sh->time.begin,
          .end = sh->time.end,
          .service_ids = s_.staff_services[*staff]};
      desk.break_begin = desk.break_end = desk.end;
      if (sh->break_time) {
        desk.break_begin = sh->break_time->begin;
        desk.break_end = sh->break_time->end;
      }
      desks.push_back(std::move(desk));
    }
    return desks;
  }

  // One centre's walk-in and express queue through a day, called by the real policy.
  void Counters(absl::CivilDay day, int d, std::int32_t l, std::vector<Arrival>& arrivals,
                bool measured) {
    const std::vector<Desk> desks = Desks(d, day, l);
    std::ranges::stable_sort(arrivals, {}, &Arrival::minute);
    CentreDayFigures* f = measured ? &Figures(day, l) : nullptr;
    if (f != nullptr) {
      for (const capacity::StaffDay& sd : index_->StaffDays(l, day)) {
        f->staffed_minutes += sd.available.Count() * kTickMinutes;
      }
      f->busy_minutes +=
          appointment_busy_[static_cast<std::size_t>(d) * o_.catalog->locations.size() + l];
      for (const Desk& desk : desks) {
        f->staffed_minutes += (desk.end - desk.begin) - (desk.break_end - desk.break_begin);
      }
    }
    if (arrivals.empty()) return;
    // Events: (time, kind, index); kind 0 = a desk is ready, 1 = an arrival. Desks first at equal
    // times so a desk that frees up sees the ticket drawn at that moment too.
    using Event = std::tuple<double, int, std::size_t>;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    for (std::size_t i = 0; i < desks.size(); ++i) events.push({desks[i].begin, 0, i});
    for (std::size_t i = 0; i < arrivals.size(); ++i) events.push({arrivals[i].minute, 1, i});
    std::vector<Ticket> waiting;
    std::vector<std::size_t> waiting_arrival;
    std::vector<bool> idle(desks.size(), false);
    std::int64_t next_id = 1;
    const std::string& location_id = o_.catalog->locations[l].id;

    auto try_call = [&](std::size_t k, double now) -> bool {
      const Desk& desk = desks[k];
      if (waiting.empty()) return false;
      const queue::CounterView view{.mode = desk.mode, .service_ids = desk.service_ids};
      const auto pick = queue::PickNext(waiting, view, o_.calling, At(now));
      if (!pick) return false;
      const Arrival& a = arrivals[waiting_arrival[*pick]];
      const double wait = now - a.minute;
      if (f != nullptr) {
        (a.queue == QueueClass::kExpress ? f->express_wait : f->walk_in_wait).push_back(wait);
        f->busy_minutes += a.work;
        ++out_.visits;
      }
      ++out_.events;
      waiting.erase(waiting.begin() + static_cast<std::ptrdiff_t>(*pick));
      waiting_arrival.erase(waiting_arrival.begin() + static_cast<std::ptrdiff_t>(*pick));
      events.push({now + a.work, 0, k});
      return true;
    };
    // When a desk may next take a ticket at or after `t`; nullopt when its day is over.
    auto open_at = [&](const Desk& desk, double t) -> std::optional<double> {
      if (t < desk.begin) t = desk.begin;
      if (t >= desk.break_begin && t < desk.break_end) t = desk.break_end;
      if (t >= desk.end) return std::nullopt;
      return t;
    };

    while (!events.empty()) {
      const auto [now, kind, i] = events.top();
      events.pop();
      ++out_.events;
      if (kind == 1) {
        const Arrival& a = arrivals[i];
        Ticket t{.id = next_id++,
                 .location_id = location_id,
                 .day = day,
                 .queue = a.queue,
                 .service_ids = {o_.catalog->services[a.service].id},
                 .priority = a.priority,
                 .issued_at = At(a.minute),
                 .queued_at = At(a.minute)};
        waiting.push_back(std::move(t));
        waiting_arrival.push_back(i);
        for (std::size_t k = 0; k < desks.size(); ++k) {
          if (!idle[k] || open_at(desks[k], now) != now) continue;
          if (try_call(k, now)) {
            idle[k] = false;
            break;
          }
        }
        continue;
      }
      const auto at = open_at(desks[i], now);
      if (!at) continue;
      if (*at > now) {
        events.push({*at, 0, i});  // back from the break
        continue;
      }
      idle[i] = !try_call(i, now);
      if (idle[i] && desks[i].break_begin > now && desks[i].break_begin < desks[i].end) {
        // An idle desk stays idle through its break; it wakes for tickets after it.
        events.push({static_cast<double>(desks[i].break_end), 0, i});
      }
    }
    if (f != nullptr) f->turned_away += static_cast<int>(waiting.size());
  }

  const Setup& s_;
  const CitySimulationOptions& o_;
  std::mt19937_64 rng_;
  bool random_;
  std::optional<CapacityIndex> index_;
  absl::flat_hash_set<std::pair<std::string, std::int64_t>> sick_;
  std::vector<double> appointment_busy_;  // [index day * locations + location], minutes shown
  std::priority_queue<Release, std::vector<Release>, std::greater<>> releases_;
  absl::flat_hash_map<HintKey, Hint> hints_;
  std::uint64_t epoch_ = 0;
  std::vector<std::vector<Request>> script_requests_;
  std::vector<std::vector<Arrival>> script_tickets_;
  CityReplication out_;
};

std::uint64_t ReplicationSeed(std::uint64_t seed, int replication) {
  return Mix(Mix(seed) ^ (static_cast<std::uint64_t>(replication) * 0xD1B54A32D192ED03ULL));
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return kNaN;
  std::ranges::sort(values);
  // Nearest rank: the smallest value with at least p of the values at or below it.
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

double Mean(const std::vector<double>& values) {
  if (values.empty()) return kNaN;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// Summarize over the replications that have the figure.
Estimate SummarizeFinite(const std::vector<double>& samples) {
  std::vector<double> finite;
  for (double x : samples) {
    if (std::isfinite(x)) finite.push_back(x);
  }
  if (finite.empty()) return {kNaN, std::numeric_limits<double>::infinity()};
  return Summarize(finite);
}

}  // namespace

Result<CityReplication> SimulateCityReplication(const CitySimulationOptions& options,
                                                int replication) {
  auto setup = Prepare(options);
  if (!setup) return std::unexpected(setup.error());
  if (options.demand == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "simulation without a demand model");
  }
  Replication r(*setup, ReplicationSeed(options.seed, replication), true);
  return r.Run(nullptr);
}

Result<CityReplication> SimulateCityScripted(const CitySimulationOptions& options,
                                             const CityScript& script) {
  auto setup = Prepare(options);
  if (!setup) return std::unexpected(setup.error());
  for (const ScriptedBooking& b : script.bookings) {
    if (b.services.size() != 1 || options.catalog->FindService(b.services[0]) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "a scripted booking names one known service");
    }
  }
  Replication r(*setup, 0, false);
  return r.Run(&script);
}

Result<CitySimulationResult> SimulateCity(const CitySimulationOptions& options) {
  auto setup = Prepare(options);
  if (!setup) return std::unexpected(setup.error());
  if (options.demand == nullptr) {
    return Fail(ErrorCode::kInvalidArgument, "simulation without a demand model");
  }
  if (options.replications < 2) {
    return Fail(ErrorCode::kInvalidArgument, "at least 2 replications: an interval needs two");
  }
  const int replications = options.replications;
  int threads = options.threads;
  if (threads <= 0) {
    threads = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  }
  threads = std::min(threads, replications);

  // Workers take replications by index and write only their own slot, so which thread ran which
  // replication cannot change the result.
  std::vector<Result<CityReplication>> runs(replications, Fail(ErrorCode::kInternal, "not run"));
  std::atomic<int> next{0};
  auto work = [&] {
    for (int r; (r = next.fetch_add(1)) < replications;) {
      Replication rep(*setup, ReplicationSeed(options.seed, r), true);
      runs[r] = rep.Run(nullptr);
    }
  };
  {
    std::vector<std::jthread> pool;
    for (int i = 0; i < threads; ++i) pool.emplace_back(work);
  }
  for (const auto& r : runs) {
    if (!r) return std::unexpected(r.error());
  }

  CitySimulationResult out;
  out.lead_services = options.lead_services;
  const std::size_t nl = options.catalog->locations.size();
  const std::size_t nk = options.lead_services.size();
  std::vector<double> samples(replications);
  auto across = [&](auto figure) {
    for (int r = 0; r < replications; ++r) samples[r] = figure(*runs[r]);
    return SummarizeFinite(samples);
  };
  for (int d = 0; d < options.days; ++d) {
    const absl::CivilDay day = options.first_day + d;
    for (std::size_t l = 0; l < nl; ++l) {
      const Location& loc = options.catalog->locations[l];
      if (!loc.InServiceOn(day)) continue;
      const auto li = static_cast<int>(l);
      CentreDayEstimate e{.day = day, .location_id = loc.id};
      for (std::size_t k = 0; k < nk; ++k) {
        e.lead_time.push_back(
            across([&](const CityReplication& r) { return r.at(d, li).lead_time[k]; }));
      }
      e.within_14_share = across([&](const CityReplication& r) {
        const CentreDayFigures& f = r.at(d, li);
        return f.bookings > 0 ? static_cast<double>(f.within_14) / f.bookings : kNaN;
      });
      e.walk_in_mean =
          across([&](const CityReplication& r) { return Mean(r.at(d, li).walk_in_wait); });
      e.walk_in_p90 = across(
          [&](const CityReplication& r) { return Percentile(r.at(d, li).walk_in_wait, 0.9); });
      e.walk_in_p95 = across(
          [&](const CityReplication& r) { return Percentile(r.at(d, li).walk_in_wait, 0.95); });
      e.express_mean =
          across([&](const CityReplication& r) { return Mean(r.at(d, li).express_wait); });
      e.express_p90 = across(
          [&](const CityReplication& r) { return Percentile(r.at(d, li).express_wait, 0.9); });
      e.express_p95 = across(
          [&](const CityReplication& r) { return Percentile(r.at(d, li).express_wait, 0.95); });
      e.utilisation = across([&](const CityReplication& r) {
        const CentreDayFigures& f = r.at(d, li);
        return f.staffed_minutes > 0 ? f.busy_minutes / f.staffed_minutes : kNaN;
      });
      e.bookings = across([&](const CityReplication& r) { return 1.0 * r.at(d, li).bookings; });
      e.walk_ins = across([&](const CityReplication& r) {
        const CentreDayFigures& f = r.at(d, li);
        return 1.0 * static_cast<double>(f.walk_in_wait.size() + f.express_wait.size());
      });
      out.centre_days.push_back(std::move(e));
    }
  }
  out.visits = across([](const CityReplication& r) { return 1.0 * r.visits; });
  out.bookings = across([](const CityReplication& r) { return 1.0 * r.bookings; });
  out.lost_requests = across([](const CityReplication& r) { return 1.0 * r.lost_requests; });
  for (const auto& r : runs) out.events += r->events;
  return out;
}

}  // namespace amtszeit::planning
