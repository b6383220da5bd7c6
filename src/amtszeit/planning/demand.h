// The demand model: how many citizens ask for which service on a day — booking requests for the
// whole city, walk-in and express tickets per centre — and when in the day walk-ins arrive. The
// capacity-planning simulator draws its citizens from it.
//
// Built from the city's demand profile (dataset/demand_profile.h, the same estimates the demo
// history is written from) and, when the store holds history, fitted to it: the profile's
// weekday and month factors per service are corrected by what the events show, shrunk towards
// the profile where the data are thin.
//
//   DemandModel model = DemandModel::FromProfile(catalog, holidays);
//   auto fitted = DemandModel::Fit(store, catalog, holidays, zone, {.from = d0, .to = d1});
//   double passports = fitted->Bookings(reisepass, day);          // expected requests that day
//   double walk_ins = fitted->Tickets(DemandKind::kWalkIn, s, location, day);
//
// Expectations, not draws: deterministic, pure apart from Fit's reads.
#pragma once

#include <array>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/store/store.h"

namespace amtszeit::planning {

enum class DemandKind { kBooking, kWalkIn, kExpress };
inline constexpr int kDemandKinds = 3;

// Walk-ins through an opening day: a morning peak (normal, around `peak_after_open` minutes
// after opening) over an even spread, nothing in the last `kiosk_closes_before` minutes.
struct ArrivalProfile {
  double peak_share = 0;
  int peak_after_open = 0;
  int peak_spread = 1;
  int kiosk_closes_before = 0;

  // The share of a day's walk-ins drawing their ticket in each 5-minute tick, given the day's
  // open ranges: sums to 1 when any tick admits arrivals, else all zero.
  std::array<double, kTicksPerDay> TickShares(const std::vector<TimeRange>& open) const;
};

struct FitOptions {
  absl::CivilDay from;  // history read from this day
  absl::CivilDay to;    // up to and including this one
  // The profile counts as this many days of observations: with less history the fit stays close
  // to it, with much more it follows the data.
  double prior_days = 14;
  // The history starts with the first day that has an event: the days before it are not counted
  // as days without demand (a store that has run for 120 days, fitted over a year).
  bool from_first_event = false;
};

class DemandModel {
 public:
  // REQUIRES: catalog and holidays outlive the model.
  static DemandModel FromProfile(const Catalog& catalog, const HolidayCalendar& holidays);

  // The profile corrected by the appointment and ticket events stored in [from, to]: booking
  // requests counted by the day a booking was confirmed (bookings, not searches: demand that
  // found no slot is not seen), tickets by the day they were issued, each by its first service.
  // Per kind, service and weekday, then per kind, service and month, the factor becomes
  // (α + observed) / (α + expected) times the profile's, with α the expected count of
  // `prior_days` days (a gamma prior of mean 1 on the correction).
  static Result<DemandModel> Fit(store::Store& store, const Catalog& catalog,
                                 const HolidayCalendar& holidays, absl::TimeZone zone,
                                 const FitOptions& options);

  // Expected booking requests for a service (catalogue index) made on `day`, across the city.
  double Bookings(int service, absl::CivilDay day) const;
  // Expected walk-in (kWalkIn) or express (kExpress) tickets for a service at a centre on `day`;
  // zero when the centre is closed.
  double Tickets(DemandKind kind, int service, const Location& location, absl::CivilDay day) const;

  // Expected requests per counter on a full open day, all factors applied: Bookings is this times
  // CityCounterDays, Tickets this times the centre's counters and DayScale.
  double PerCounterDay(DemandKind kind, int service, absl::CivilDay day) const;

  // The factors, for tests and reports. REQUIRES: 0 <= service < service count.
  double WeekdayFactor(DemandKind kind, int service, int weekday) const;  // Monday = 0
  double MonthFactor(DemandKind kind, int service, int month) const;      // January = 1
  double MonthEndFactor(int service, absl::CivilDay day) const;
  // Requests per counter and full open day before any factor.
  double Base(DemandKind kind, int service) const;

  // Days of history the fit used: from its first day (or first event) to `to`; 0 for the profile
  // and for a fit that saw no event.
  int history_days() const { return history_days_; }

  const ArrivalProfile& arrivals() const { return arrivals_; }
  int service_count() const { return static_cast<int>(base_[0].size()); }
  // Counter-days a booking day stands for: the city's weekly counter capacity spread over 7 days.
  double CityCounterDays(absl::CivilDay day) const;

 private:
  struct Factors {
    std::array<double, 7> weekday{};
    std::array<double, 12> month{};
  };
  // Before the month-end factor: Fit's unit of comparison.
  double Expected(DemandKind kind, int service, absl::CivilDay day,
                  const std::vector<double>& counter_days) const;

  const Catalog* catalog_ = nullptr;
  const HolidayCalendar* holidays_ = nullptr;
  std::array<std::vector<double>, kDemandKinds> base_;      // [kind][service]
  std::array<std::vector<Factors>, kDemandKinds> factors_;  // [kind][service]
  std::vector<bool> month_end_;                             // [service]: registrations
  ArrivalProfile arrivals_;
  int history_days_ = 0;
};

// Open minutes of a location on a day (status, hours, holidays).
int OpenMinutesOn(const Location& location, absl::CivilDay day, const HolidayCalendar& holidays);

}  // namespace amtszeit::planning
