#include "amtszeit/provision/demo_history.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <numbers>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "amtszeit/dataset/demand_profile.h"
#include "amtszeit/domain/civil_time.h"

namespace amtszeit::provision {

namespace {

// The model. Every figure is an estimate for a plausible demo, not a published number; [Sn] are
// the sources listed in research/hamburg.md (shared folder) that the estimate leans on.
// Volumes, the service mix, channels, the fate of bookings and the walk-ins' arrival profile are
// the city's demand profile (dataset/demand_profile.h), shared with the planning module's demand
// model; what follows here only shapes the story the demo tells.
using dataset::profile::kAppointmentsPerCounter;
using dataset::profile::kCancelShare;
using dataset::profile::kExpressPerCounter;
using dataset::profile::kKioskClosesBefore;
using dataset::profile::kMorningPeakShare;
using dataset::profile::kNoShowShare;
using dataset::profile::kOnlineShare;
using dataset::profile::kPeakCentreMinutes;
using dataset::profile::kPeakSpreadMinutes;
using dataset::profile::kPhoneShare;
using dataset::profile::kSecondServiceShare;
using dataset::profile::kWalkInsByWeekday;
using dataset::profile::kWalkInsPerCounter;
using dataset::profile::Weight;

constexpr double kVolumeNoise = 0.07;  // standard deviation of a day's volume, relative

// --- Lead time (Terminvorlauf), days, by the appointment's day ----------------------------------
// The story Hamburg lived: long lead times, then a push back under the promise of 14 days (aim:
// 10) [S3][S13]. The first third of the window sits high (2015: average 14.5, up to 39 days at
// Harburg [S45]; "two months" in the press [S44]), the level falls until 70 % of the window and
// then stays near March 2023's city average of 8.68 days [S6]. Two centres stay worse, as City
// (14.4) and Süderelbe (16.6) did in 2024 [S9]; the others spread as Bergedorf (2.57) and
// Bramfeld (13.39) did in October 2022 [S6].
constexpr double kLeadEarly = 28;
constexpr double kLeadLate = 9;
constexpr double kLeadWorseEarly = 36;
constexpr double kLeadWorseLate = 15;
constexpr double kHighUntil = 1.0 / 3;  // share of the window
constexpr double kLowFrom = 0.7;
constexpr double kLeadFactorMin = 0.7;  // spread of the ordinary centres around the level
constexpr double kLeadFactorMax = 1.2;
constexpr double kLeadWobble = 0.07;  // a slow swing (19-day period) so the curves are not ruled
constexpr int kWorseCentres = 2;      // the ones with the most counters
// Bookable from tomorrow up to 90 days ahead (the booking rules, README).
constexpr int kHorizonDays = 90;

// --- Channels and booking times -----------------------------------------------------------------
// The portal releases slots at 07:00 and 10:00 [S46]: online bookings bunch right after.
constexpr double kAtSevenShare = 0.20;
constexpr double kAtTenShare = 0.08;
constexpr int kOnlineFrom = 6 * 60;  // the rest of online bookings: 06:00-23:30
constexpr int kOnlineTo = 23 * 60 + 30;
constexpr int kOfficeFrom = 8 * 60;  // phone and counter: working days 08:00-18:00 (estimate)
constexpr int kOfficeTo = 18 * 60;

// --- What becomes of a booking -------------------------------------------------------------------
constexpr int kNoShowAfterMinutes = 15;  // marked after a grace period
constexpr int kCheckInEarliest = 15;     // minutes before the start
constexpr int kCheckInLatest = 2;
// Booked customers waited ~7 minutes in 2015 [S44]; today's delay: exponential, mean 4 minutes.
constexpr double kAppointmentDelayMinutes = 4;

// --- Waits at the kiosk queues ------------------------------------------------------------------
// Walk-ins waited 20+ minutes in 2014 [S1]; the promise is p90 <= 30 minutes (monitor/promises).
// Log-normal around a median of ~15 minutes with a long tail: worse on Mondays, at the two worse
// centres, in the morning peak and in the first third of the window.
constexpr double kWalkInMedianMinutes = 11.5;
constexpr double kWalkInSigma = 0.55;
constexpr std::array<double, 7> kWaitByWeekday = {1.3, 1.0, 0.95, 1.0, 0.9, 1.1, 1.0};
constexpr double kWorseWait = 1.35;
constexpr double kPeakWait = 1.15;  // tickets drawn in the first three opening hours
constexpr int kPeakMinutes = 180;
constexpr double kEarlyWait = 1.2;  // in the first third of the window, easing with the lead time
constexpr double kWaitFactorMin = 0.85;  // spread of the centres
constexpr double kWaitFactorMax = 1.15;
constexpr double kMaxWaitMinutes = 240;
// Express: the promise is p95 <= 5 minutes (monitor/promises); median ~2, p95 ~3-8.
constexpr double kExpressMedianMinutes = 1.6;
constexpr double kExpressSigma = 0.5;
constexpr double kWalkInGiveUpShare = 0.02;  // leave before their call: estimate
constexpr double kWalkInNoShowShare = 0.03;  // called, but gone: estimate
// Counters: the last tenth of a centre's desks serve express, the three tenths before them walk-ins
// (the staffing plan's mode shares are of the same order; estimate).
constexpr double kExpressCounterShare = 0.1;
constexpr double kWalkInCounterShare = 0.3;

// --- Morning snapshots --------------------------------------------------------------------------
// The first free slot lies below the average lead time: some citizens book later than the first
// free slot on purpose. Registrations come sooner (the contingent for the legal 14 days [S49]).
constexpr double kFirstFreeMin = 0.55;
constexpr double kFirstFreeMax = 0.8;
constexpr std::array kSnapshotServices = {
    Weight{"personalausweis", 1.0},
    Weight{"reisepass", 1.0},
    Weight{"anmeldung", 0.85},
    Weight{"ummeldung", 0.75},
};
constexpr int kWindowDays = 14;  // the promise: every weekday of the next two weeks
// Share of weekdays on which a centre offers appointment time before 9, after 17 and over lunch:
// nearly always, except at a few centres whose appointment desks start later or end earlier (as
// in the one-shift plans of 2024 [S15]): estimate.
constexpr double kWindowShare = 0.97;
constexpr double kWeakWindowShare = 0.35;
constexpr int kWeakEarlyCentres = 2;
constexpr int kWeakLateCentres = 1;

constexpr int kEarlyBefore = 9 * 60;
constexpr int kLateFrom = 17 * 60;
constexpr int kLunchFrom = 12 * 60;
constexpr int kLunchTo = 14 * 60;

constexpr std::size_t kRowsPerTransaction = 100'000;

// Random streams, so one part of the model can change without reshuffling the others.
enum Stream : std::uint64_t {
  kStreamCentres = 1,
  kStreamAppointments,
  kStreamTickets,
  kStreamSlots,
  kStreamWindows,
};

// SplitMix64: small, fast and the same on every platform (std::*_distribution is not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // REQUIRES: n > 0.
  int Below(int n) { return std::min(n - 1, static_cast<int>(Uniform() * n)); }
  bool Chance(double p) { return Uniform() < p; }
  double Exponential() { return -std::log1p(-Uniform()); }           // mean 1
  double Gamma2() { return 0.5 * (Exponential() + Exponential()); }  // shape 2, mean 1
  double Normal() {
    const double u = 1.0 - Uniform();  // (0, 1]
    const double v = Uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
  }
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }

 private:
  std::uint64_t state_;
};

std::uint64_t Seed(std::uint64_t seed, std::initializer_list<std::int64_t> parts) {
  std::uint64_t h = seed;
  for (std::int64_t p : parts) {
    h = Rng(h ^ (static_cast<std::uint64_t>(p) * 0xD1B54A32D192ED03ULL)).Next();
  }
  return h;
}

std::int64_t Ordinal(absl::CivilDay day) { return day - absl::CivilDay(1970, 1, 1); }

class WeightedPick {
 public:
  void Add(int item, double weight) {
    if (weight <= 0) return;
    items_.push_back(item);
    cumulative_.push_back((cumulative_.empty() ? 0.0 : cumulative_.back()) + weight);
  }
  bool empty() const { return items_.empty(); }
  // REQUIRES: !empty().
  int Pick(Rng& rng) const {
    const double x = rng.Uniform() * cumulative_.back();
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
    const auto i = std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()),
                                         items_.size() - 1);
    return items_[i];
  }

 private:
  std::vector<int> items_;
  std::vector<double> cumulative_;
};

struct ServiceMixes {
  WeightedPick visit;      // what an appointment or a walk-in comes for
  WeightedPick documents;  // a second service next to the first
  WeightedPick express;    // what an express ticket is for
};

ServiceMixes BuildMixes(const Catalog& catalog) {
  using dataset::profile::ServiceGroup;
  std::vector<int> documents;
  std::vector<int> registrations;
  std::vector<int> others;
  std::vector<int> express;
  for (std::size_t i = 0; i < catalog.services.size(); ++i) {
    const int index = static_cast<int>(i);
    switch (dataset::profile::GroupOf(catalog.services[i])) {
      case ServiceGroup::kOnline:
        break;
      case ServiceGroup::kExpress:
        express.push_back(index);
        break;
      case ServiceGroup::kDocument:
        documents.push_back(index);
        break;
      case ServiceGroup::kRegistration:
        registrations.push_back(index);
        break;
      case ServiceGroup::kOther:
        others.push_back(index);
        break;
    }
  }
  ServiceMixes mixes;
  // An empty group's share goes to the others: the picks normalise by the total weight.
  auto add = [&](WeightedPick& pick, const std::vector<int>& group, double share) {
    double total = 0;
    for (int i : group) total += dataset::profile::WeightInGroup(catalog.services[i]);
    for (int i : group) {
      pick.Add(i, share * dataset::profile::WeightInGroup(catalog.services[i]) / total);
    }
  };
  add(mixes.visit, documents, dataset::profile::kDocumentShare);
  add(mixes.visit, registrations, dataset::profile::kRegistrationShare);
  add(mixes.visit, others, dataset::profile::kOtherShare);
  add(mixes.documents, documents, 1);
  add(mixes.express, express, 1);
  if (mixes.express.empty()) mixes.express = mixes.visit;
  return mixes;
}

struct Centre {
  const Location* location = nullptr;
  bool worse = false;
  double lead_factor = 1;
  double wait_factor = 1;
  double phase = 0;
  double early_share = kWindowShare;
  double late_share = kWindowShare;
  double lunch_share = kWindowShare;
  std::vector<std::string> walk_in_counters;
  std::vector<std::string> express_counters;
};

// Desk names as on the signs ("5"); the web pages put "Schalter" in front.
void NameCounters(Centre& c) {
  const int n = std::max(1, c.location->counters);
  const int express = std::max(1, static_cast<int>(std::lround(n * kExpressCounterShare)));
  const int walk_in = std::max(1, static_cast<int>(std::lround(n * kWalkInCounterShare)));
  const int first_express = std::max(1, n - express + 1);
  const int first_walk_in = std::max(1, first_express - walk_in);
  for (int i = first_express; i <= n; ++i) c.express_counters.push_back(std::to_string(i));
  for (int i = first_walk_in; i < first_express; ++i) {
    c.walk_in_counters.push_back(std::to_string(i));
  }
  if (c.walk_in_counters.empty()) c.walk_in_counters = c.express_counters;
}

// Compact records: a few hundred thousand appointments and about a million events are generated
// before anything is written, so they are kept small and turned into store rows chunk by chunk.
struct Appt {
  std::int64_t id = 0;
  absl::CivilDay day;
  absl::Time booked_at;
  std::int32_t centre = 0;
  std::int16_t start = 0;
  std::array<std::int16_t, 2> services = {-1, -1};
  Channel channel = Channel::kOnline;
};
struct ApptEvent {
  absl::Time at;
  std::uint32_t appt = 0;
  EventKind kind = EventKind::kConfirmed;
};
struct Tick {
  std::int64_t id = 0;
  std::int32_t centre = 0;
  std::int16_t service = 0;
  QueueClass queue = QueueClass::kWalkIn;
};
struct TickEvent {
  absl::Time at;
  std::uint32_t ticket = 0;
  TicketEventKind kind = TicketEventKind::kIssued;
  std::int16_t counter = -1;  // index into the centre's list for the ticket's queue
};

int OpenMinutes(const std::vector<TimeRange>& ranges) {
  int minutes = 0;
  for (const TimeRange& r : ranges) minutes += r.Minutes();
  return minutes;
}

// A start on the grid such that [start, start + duration) lies in one open range.
std::optional<int> PickStart(const std::vector<TimeRange>& ranges, int duration, Rng& rng) {
  int starts = 0;
  for (const TimeRange& r : ranges) {
    if (r.Minutes() >= duration) starts += (r.end - duration - r.begin) / kTickMinutes + 1;
  }
  if (starts == 0) return std::nullopt;
  int k = rng.Below(starts);
  for (const TimeRange& r : ranges) {
    if (r.Minutes() < duration) continue;
    const int here = (r.end - duration - r.begin) / kTickMinutes + 1;
    if (k < here) return r.begin + k * kTickMinutes;
    k -= here;
  }
  return std::nullopt;
}

// When a walk-in draws a ticket: minute of the day inside the opening hours.
int IssueMinute(const std::vector<TimeRange>& ranges, Rng& rng) {
  const int open = ranges.front().begin;
  const int last = std::max(open, ranges.back().end - kKioskClosesBefore);
  for (int attempt = 0; attempt < 20; ++attempt) {
    const double m = rng.Chance(kMorningPeakShare)
                         ? open + kPeakCentreMinutes + kPeakSpreadMinutes * rng.Normal()
                         : rng.Uniform(open, last + 1);
    const int minute = static_cast<int>(std::floor(m));
    if (minute < open || minute > last) continue;
    for (const TimeRange& r : ranges) {
      if (r.begin <= minute && minute < r.end) return minute;
    }
  }
  return open;
}

class Generator {
 public:
  Generator(const Catalog& catalog, const HolidayCalendar& holidays, absl::TimeZone zone,
            const HistoryOptions& options)
      : catalog_(catalog),
        holidays_(holidays),
        zone_(zone),
        options_(options),
        first_(options.today - options.days),
        window0_(ToInstant(first_, 0, zone)),
        today0_(ToInstant(options.today, 0, zone)),
        mixes_(BuildMixes(catalog)) {
    ChooseCentres();
  }

  void Run() {
    for (absl::CivilDay day = first_; day <= options_.today + kHorizonDays; ++day) {
      const bool past = day < options_.today;
      for (std::size_t c = 0; c < centres_.size(); ++c) {
        const Location& l = *centres_[c].location;
        if (!l.InServiceOn(day)) continue;
        const std::vector<TimeRange> ranges = l.hours.OpenOn(day, holidays_);
        if (ranges.empty()) continue;
        Appointments(day, static_cast<int>(c), ranges, past);
        if (past) Tickets(day, static_cast<int>(c), ranges);
      }
      if (past) Snapshots(day);
    }
    // Written oldest first, so ids follow time as they do for live events.
    std::ranges::stable_sort(appt_events_, {}, &ApptEvent::at);
    std::ranges::stable_sort(ticket_events_, {}, &TickEvent::at);
  }

  AppointmentEvent Materialize(const ApptEvent& e) const {
    const Appt& a = appts_[e.appt];
    AppointmentEvent out{.appointment_id = a.id,
                         .kind = e.kind,
                         .at = e.at,
                         .location_id = centres_[a.centre].location->id,
                         .day = a.day,
                         .start_minute = a.start,
                         .channel = a.channel,
                         .booked_at = a.booked_at};
    for (std::int16_t s : a.services) {
      if (s >= 0) out.service_ids.push_back(catalog_.services[s].id);
    }
    return out;
  }

  TicketEvent Materialize(const TickEvent& e) const {
    const Tick& t = tickets_[e.ticket];
    const Centre& c = centres_[t.centre];
    TicketEvent out{.ticket_id = t.id,
                    .location_id = c.location->id,
                    .kind = e.kind,
                    .at = e.at,
                    .queue = t.queue,
                    .service_ids = {catalog_.services[t.service].id}};
    if (e.counter >= 0) {
      const auto& names = t.queue == QueueClass::kExpress ? c.express_counters : c.walk_in_counters;
      out.counter = names[e.counter];
    }
    return out;
  }

  const std::vector<ApptEvent>& appt_events() const { return appt_events_; }
  const std::vector<TickEvent>& ticket_events() const { return ticket_events_; }
  const std::vector<SlotSnapshot>& slots(absl::CivilDay day) const { return slots_[day - first_]; }
  const std::vector<WindowSnapshot>& windows(absl::CivilDay day) const {
    return windows_[day - first_];
  }

 private:
  void ChooseCentres() {
    const absl::CivilDay last = options_.today + kHorizonDays;
    for (const Location& l : catalog_.locations) {
      bool serves = false;
      for (absl::CivilDay d = first_; d <= last && !serves; ++d) serves = l.InServiceOn(d);
      if (!serves || l.counters <= 0) continue;
      Centre c{.location = &l};
      Rng rng(Seed(options_.seed, {kStreamCentres, static_cast<std::int64_t>(centres_.size())}));
      c.lead_factor = rng.Uniform(kLeadFactorMin, kLeadFactorMax);
      c.wait_factor = rng.Uniform(kWaitFactorMin, kWaitFactorMax);
      c.phase = rng.Uniform(0, 2 * std::numbers::pi);
      NameCounters(c);
      centres_.push_back(std::move(c));
    }
    // The worse ones: most counters among those serving in the window (ties by id).
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < centres_.size(); ++i) {
      bool in_window = false;
      for (absl::CivilDay d = first_; d < options_.today && !in_window; ++d) {
        in_window = centres_[i].location->InServiceOn(d);
      }
      if (in_window) order.push_back(i);
    }
    std::ranges::sort(order, [&](std::size_t a, std::size_t b) {
      const Location& la = *centres_[a].location;
      const Location& lb = *centres_[b].location;
      if (la.counters != lb.counters) return la.counters > lb.counters;
      return la.id < lb.id;
    });
    for (std::size_t k = 0; k < order.size() && k < kWorseCentres; ++k) {
      centres_[order[k]].worse = true;
    }
    // A few others lack early or late appointment time on most days: picked by the seed.
    std::vector<std::pair<std::uint64_t, std::size_t>> shuffled;
    for (std::size_t i : order) {
      if (!centres_[i].worse) {
        shuffled.emplace_back(Seed(options_.seed, {kStreamWindows, static_cast<std::int64_t>(i)}),
                              i);
      }
    }
    std::ranges::sort(shuffled);
    for (std::size_t k = 0; k < shuffled.size(); ++k) {
      if (k < kWeakEarlyCentres) {
        centres_[shuffled[k].second].early_share = kWeakWindowShare;
      } else if (k < kWeakEarlyCentres + kWeakLateCentres) {
        centres_[shuffled[k].second].late_share = kWeakWindowShare;
      }
    }
  }

  // How far the story has come on `day`: 0 in the first third, 1 from kLowFrom on.
  double Progress(absl::CivilDay day) const {
    if (options_.days <= 0) return 1;
    const double t = static_cast<double>(day - first_) / options_.days;
    return std::clamp((t - kHighUntil) / (kLowFrom - kHighUntil), 0.0, 1.0);
  }

  // Mean lead time, in days, of the appointments on `day` at centre `c`.
  double Level(const Centre& c, absl::CivilDay day) const {
    const double high = c.worse ? kLeadWorseEarly : kLeadEarly * c.lead_factor;
    const double low = c.worse ? kLeadWorseLate : kLeadLate * c.lead_factor;
    const double base = high + (low - high) * Progress(day);
    const double swing =
        std::sin(2 * std::numbers::pi * static_cast<double>(Ordinal(day)) / 19.0 + c.phase);
    return base * (1 + kLeadWobble * swing);
  }

  bool OpenDay(const Centre& c, absl::CivilDay day) const {
    return c.location->InServiceOn(day) && !c.location->hours.OpenOn(day, holidays_).empty();
  }

  bool WorkingDay(absl::CivilDay day) const {
    return WeekdayIndex(day) < 5 && !holidays_.IsHoliday(day);
  }

  // When a booking for `day` was made, `lead` days before it.
  absl::Time BookedAt(absl::CivilDay day, int lead, Channel channel, Rng& rng) const {
    absl::CivilDay booked = day - lead;
    int minute = 0;
    if (channel == Channel::kOnline) {
      const double u = rng.Uniform();
      if (u < kAtSevenShare) {
        minute = 7 * 60 + rng.Below(10);
      } else if (u < kAtSevenShare + kAtTenShare) {
        minute = 10 * 60 + rng.Below(10);
      } else {
        minute = kOnlineFrom + rng.Below(kOnlineTo - kOnlineFrom);
      }
    } else {
      while (!WorkingDay(booked)) --booked;  // phone and counter work on working days only
      minute = kOfficeFrom + rng.Below(kOfficeTo - kOfficeFrom);
    }
    return ToInstant(booked, minute, zone_) + absl::Seconds(rng.Below(60));
  }

  void Appointments(absl::CivilDay day, int ci, const std::vector<TimeRange>& ranges, bool past) {
    if (mixes_.visit.empty()) return;
    const Centre& c = centres_[ci];
    Rng rng(Seed(options_.seed, {kStreamAppointments, Ordinal(day), ci}));
    const double scale = dataset::profile::DayScale(OpenMinutes(ranges));
    const double volume = c.location->counters * kAppointmentsPerCounter * scale *
                          std::max(0.0, 1 + kVolumeNoise * rng.Normal());
    const long n = std::lround(volume);
    const double level = Level(c, day);
    for (long k = 0; k < n; ++k) {
      Appt a{.day = day, .centre = ci};
      const double channel = rng.Uniform();
      a.channel = channel < kOnlineShare                 ? Channel::kOnline
                  : channel < kOnlineShare + kPhoneShare ? Channel::kPhone
                                                         : Channel::kCounter;
      const int lead =
          static_cast<int>(std::clamp<long>(std::lround(level * rng.Gamma2()), 1, kHorizonDays));
      // Booked after today for sure (phone and counter bookings move back a few days at most,
      // over a weekend and holidays): skip the rest of the work.
      if (day - lead > options_.today + 7) continue;
      a.services[0] = static_cast<std::int16_t>(mixes_.visit.Pick(rng));
      if (rng.Chance(kSecondServiceShare) && !mixes_.documents.empty()) {
        const int second = mixes_.documents.Pick(rng);
        if (second != a.services[0]) a.services[1] = static_cast<std::int16_t>(second);
      }
      int duration = 0;
      for (std::int16_t s : a.services) {
        if (s >= 0) duration += catalog_.services[s].duration_minutes;
      }
      duration = std::max(kTickMinutes, duration);
      const std::optional<int> start = PickStart(ranges, duration, rng);
      a.booked_at = BookedAt(day, lead, a.channel, rng);
      const double fate = rng.Uniform();
      const double u = rng.Uniform();
      if (!start || a.booked_at >= today0_) continue;  // does not fit, or not booked yet
      a.start = static_cast<std::int16_t>(*start);
      a.id = kHistoryIdBase + static_cast<std::int64_t>(appts_.size());
      const auto index = static_cast<std::uint32_t>(appts_.size());
      appts_.push_back(a);
      if (a.booked_at >= window0_) {
        appt_events_.push_back({a.booked_at, index, EventKind::kConfirmed});
      }
      const absl::Time begin = ToInstant(day, *start, zone_);
      if (fate < kCancelShare) {
        // Most cancel shortly before the day.
        const absl::Time at =
            std::max(begin - (begin - a.booked_at) * (u * u), a.booked_at + absl::Minutes(1));
        if (window0_ <= at && at < today0_) {
          appt_events_.push_back({at, index, EventKind::kCancelled});
        }
        continue;
      }
      if (!past) continue;
      if (fate < kCancelShare + kNoShowShare) {
        appt_events_.push_back(
            {begin + absl::Minutes(kNoShowAfterMinutes), index, EventKind::kNoShow});
        continue;
      }
      const absl::Time checked_in =
          begin - absl::Minutes(kCheckInLatest + rng.Below(kCheckInEarliest - kCheckInLatest + 1)) -
          absl::Seconds(rng.Below(60));
      // Called a little after the start; the `called` step itself is not written (no view needs
      // it, and it would add a sixth to the volume).
      const absl::Time called =
          begin + absl::Seconds(std::lround(60 * kAppointmentDelayMinutes * rng.Exponential()));
      const absl::Time served =
          called + absl::Seconds(std::lround(60.0 * duration * rng.Uniform(0.7, 1.3)));
      appt_events_.push_back({checked_in, index, EventKind::kCheckedIn});
      appt_events_.push_back({served, index, EventKind::kServed});
    }
  }

  void Tickets(absl::CivilDay day, int ci, const std::vector<TimeRange>& ranges) {
    if (mixes_.visit.empty()) return;
    const Centre& c = centres_[ci];
    Rng rng(Seed(options_.seed, {kStreamTickets, Ordinal(day), ci}));
    const int weekday = WeekdayIndex(day);
    const double scale = dataset::profile::DayScale(OpenMinutes(ranges));
    const double counters = c.location->counters * scale;
    const long walk_ins = std::lround(counters * kWalkInsPerCounter * kWalkInsByWeekday[weekday] *
                                      std::max(0.0, 1 + kVolumeNoise * rng.Normal()));
    const long express =
        std::lround(counters * kExpressPerCounter * std::max(0.0, 1 + kVolumeNoise * rng.Normal()));
    const double story = kEarlyWait + (1 - kEarlyWait) * Progress(day);
    const double place = c.wait_factor * (c.worse ? kWorseWait : 1.0);
    for (long k = 0; k < walk_ins + express; ++k) {
      const bool is_express = k >= walk_ins;
      Tick t{.id = kHistoryIdBase + static_cast<std::int64_t>(tickets_.size()),
             .centre = ci,
             .queue = is_express ? QueueClass::kExpress : QueueClass::kWalkIn};
      t.service = static_cast<std::int16_t>((is_express ? mixes_.express : mixes_.visit).Pick(rng));
      const int minute = IssueMinute(ranges, rng);
      const absl::Time issued = ToInstant(day, minute, zone_) + absl::Seconds(rng.Below(60));
      double wait = 0;
      if (is_express) {
        wait =
            rng.LogNormal(kExpressMedianMinutes * kWaitByWeekday[weekday] * place, kExpressSigma);
      } else {
        const double peak = minute < ranges.front().begin + kPeakMinutes ? kPeakWait : 1.0;
        wait = rng.LogNormal(kWalkInMedianMinutes * kWaitByWeekday[weekday] * place * peak * story,
                             kWalkInSigma);
      }
      wait = std::min(wait, kMaxWaitMinutes);
      const double fate = rng.Uniform();
      const double work =
          std::max(dataset::profile::kWorkFloorMinutes,
                   catalog_.services[t.service].duration_minutes *
                       rng.Uniform(dataset::profile::kWorkMin, dataset::profile::kWorkMax));
      const auto& names = is_express ? c.express_counters : c.walk_in_counters;
      const auto counter = static_cast<std::int16_t>(rng.Below(static_cast<int>(names.size())));
      const auto index = static_cast<std::uint32_t>(tickets_.size());
      tickets_.push_back(t);
      ticket_events_.push_back({issued, index, TicketEventKind::kIssued});
      if (!is_express && fate < kWalkInGiveUpShare) {
        ticket_events_.push_back({issued + absl::Seconds(std::lround(60 * 0.7 * wait)), index,
                                  TicketEventKind::kCancelled});
        continue;
      }
      const absl::Time called = issued + absl::Seconds(std::lround(60 * wait));
      ticket_events_.push_back({called, index, TicketEventKind::kCalled, counter});
      if (!is_express && fate < kWalkInGiveUpShare + kWalkInNoShowShare) {
        ticket_events_.push_back(
            {called + absl::Minutes(3), index, TicketEventKind::kNoShow, counter});
        continue;
      }
      ticket_events_.push_back({called + absl::Seconds(std::lround(60 * work)), index,
                                TicketEventKind::kServed, counter});
    }
  }

  void Snapshots(absl::CivilDay day) {
    std::vector<SlotSnapshot>& slots = slots_.emplace_back();
    std::vector<WindowSnapshot>& windows = windows_.emplace_back();
    for (std::size_t ci = 0; ci < centres_.size(); ++ci) {
      const Centre& c = centres_[ci];
      if (!c.location->InServiceOn(day)) continue;
      // Bookings made this morning meet the level of the days they book into.
      const double level = Level(c, day + static_cast<int>(std::lround(Level(c, day))));
      for (std::size_t k = 0; k < kSnapshotServices.size(); ++k) {
        const Weight& s = kSnapshotServices[k];
        if (catalog_.FindService(s.id) == nullptr) continue;
        Rng rng(Seed(options_.seed, {kStreamSlots, Ordinal(day), static_cast<std::int64_t>(ci),
                                     static_cast<std::int64_t>(k)}));
        int ahead = std::max(1, static_cast<int>(std::lround(
                                    level * rng.Uniform(kFirstFreeMin, kFirstFreeMax) * s.weight)));
        while (ahead <= kHorizonDays && !OpenDay(c, day + ahead)) ++ahead;
        SlotSnapshot snap{
            .taken_on = day, .location_id = c.location->id, .service_id = std::string(s.id)};
        if (ahead <= kHorizonDays) snap.days_to_first_free = ahead;
        slots.push_back(std::move(snap));
      }
      WindowSnapshot w{.taken_on = day, .location_id = c.location->id};
      for (int d = 1; d <= kWindowDays; ++d) {
        const absl::CivilDay ahead = day + d;
        if (WeekdayIndex(ahead) >= 5 || !c.location->InServiceOn(ahead)) continue;
        const std::vector<TimeRange> ranges = c.location->hours.OpenOn(ahead, holidays_);
        if (ranges.empty()) continue;
        ++w.weekdays;
        bool early = false;
        bool late = false;
        bool lunch = false;
        for (const TimeRange& r : ranges) {
          early = early || r.begin < kEarlyBefore;
          late = late || std::max(r.begin, kLateFrom) + kTickMinutes <= r.end;
          lunch = lunch || std::max(r.begin, kLunchFrom) < std::min(r.end, kLunchTo);
        }
        // Whether a window is staffed on a day is a property of that day: the same answer in
        // every snapshot that looks at it.
        Rng rng(
            Seed(options_.seed, {kStreamWindows, Ordinal(ahead), static_cast<std::int64_t>(ci)}));
        if (rng.Chance(c.early_share) && early) ++w.early;
        if (rng.Chance(c.late_share) && late) ++w.late;
        if (rng.Chance(c.lunch_share) && lunch) ++w.lunch;
      }
      windows.push_back(w);
    }
  }

  const Catalog& catalog_;
  const HolidayCalendar& holidays_;
  absl::TimeZone zone_;
  HistoryOptions options_;
  absl::CivilDay first_;
  absl::Time window0_;  // the first moment written
  absl::Time today0_;   // the first moment not written
  ServiceMixes mixes_;
  std::vector<Centre> centres_;
  std::vector<Appt> appts_;
  std::vector<ApptEvent> appt_events_;
  std::vector<Tick> tickets_;
  std::vector<TickEvent> ticket_events_;
  std::vector<std::vector<SlotSnapshot>> slots_;  // by day of the window
  std::vector<std::vector<WindowSnapshot>> windows_;
};

// Whether the store already holds history: our marker, or any event before `today`. Events are
// appended with the time they happen, so the oldest by id tells; the last week is looked at too in
// case a store got live events first and back-dated ones later.
Result<bool> HasHistory(store::Store& store, absl::CivilDay today, absl::TimeZone zone) {
  auto marker = store.ReadSetting(kHistorySetting);
  if (!marker) return std::unexpected(marker.error());
  if (marker->has_value()) return true;
  const absl::Time today0 = ToInstant(today, 0, zone);
  auto first = store.ReadEvents(0, 1);
  if (!first) return std::unexpected(first.error());
  if (!first->empty() && first->front().at < today0) return true;
  auto first_ticket = store.ReadTicketEvents(0, 1);
  if (!first_ticket) return std::unexpected(first_ticket.error());
  if (!first_ticket->empty() && first_ticket->front().at < today0) return true;
  const absl::Time week = ToInstant(today - 7, 0, zone);
  auto recent = store.ReadEventsBetween(week, today0);
  if (!recent) return std::unexpected(recent.error());
  if (!recent->empty()) return true;
  auto recent_tickets = store.ReadTicketEventsBetween(week, today0);
  if (!recent_tickets) return std::unexpected(recent_tickets.error());
  return !recent_tickets->empty();
}

}  // namespace

Result<HistorySummary> WriteDemoHistory(store::Store& store, const Catalog& catalog,
                                        const HolidayCalendar& holidays, absl::TimeZone zone,
                                        const HistoryOptions& options) {
  if (options.days < 0 || options.days > 366) {
    return Fail(ErrorCode::kInvalidArgument, "history: days must be 0 to 366, not {}",
                options.days);
  }
  if (options.days == 0) return HistorySummary{};
  auto has = HasHistory(store, options.today, zone);
  if (!has) return std::unexpected(has.error());
  if (*has) return HistorySummary{};

  const absl::CivilDay first = options.today - options.days;
  // Mornings the live system already took a snapshot of keep theirs.
  std::set<absl::CivilDay> snapshotted;
  auto existing = store.ReadWindowSnapshots(first, options.today - 1);
  if (!existing) return std::unexpected(existing.error());
  for (const WindowSnapshot& w : *existing) snapshotted.insert(w.taken_on);

  Generator gen(catalog, holidays, zone, options);
  gen.Run();
  const auto& appt_events = gen.appt_events();
  const auto& ticket_events = gen.ticket_events();

  HistorySummary summary{.days = options.days,
                         .appointment_events = static_cast<std::int64_t>(appt_events.size()),
                         .ticket_events = static_cast<std::int64_t>(ticket_events.size())};
  absl::CivilDay day = first;  // nothing lies before it
  // One transaction per run of days holding about kRowsPerTransaction rows: few commits, and a
  // write-ahead log that stays small.
  std::size_t a = 0;
  std::size_t t = 0;
  std::size_t a_end = 0;
  std::size_t t_end = 0;
  absl::CivilDay chunk_first = day;
  for (; day < options.today; ++day) {
    const absl::Time end = ToInstant(day + 1, 0, zone);
    while (a_end < appt_events.size() && appt_events[a_end].at < end) ++a_end;
    while (t_end < ticket_events.size() && ticket_events[t_end].at < end) ++t_end;
    const bool last = day + 1 == options.today;
    if ((a_end - a) + (t_end - t) < kRowsPerTransaction && !last) continue;
    auto written = store.Write([&](store::WriteTx& tx) -> Result<void> {
      for (std::size_t i = a; i < a_end; ++i) {
        if (auto r = tx.AppendEvent(gen.Materialize(appt_events[i])); !r) {
          return std::unexpected(r.error());
        }
      }
      for (std::size_t i = t; i < t_end; ++i) {
        if (auto r = tx.AppendTicketEvent(gen.Materialize(ticket_events[i])); !r) {
          return std::unexpected(r.error());
        }
      }
      for (absl::CivilDay s = std::max(chunk_first, first); s <= day; ++s) {
        if (snapshotted.contains(s)) continue;
        if (auto r = tx.PutSlotSnapshots(s, gen.slots(s)); !r) return r;
        if (auto r = tx.PutWindowSnapshots(s, gen.windows(s)); !r) return r;
        summary.snapshots += static_cast<int>(gen.slots(s).size() + gen.windows(s).size());
      }
      if (!last) return {};
      return tx.PutSetting(kHistorySetting, fmt::format("{} days before {}, seed {}", options.days,
                                                        FormatDay(options.today), options.seed));
    });
    if (!written) return std::unexpected(written.error());
    a = a_end;
    t = t_end;
    chunk_first = day + 1;
  }
  return summary;
}

}  // namespace amtszeit::provision
