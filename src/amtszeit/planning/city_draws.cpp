// The random side of a replication: booking requests and tickets drawn from the demand model.
#include <algorithm>

#include "amtszeit/dataset/demand_profile.h"
#include "amtszeit/planning/city_replication.h"

namespace amtszeit::planning::city {

long Replication::Poisson(double mean) {
  if (!(mean > 0)) return 0;
  return std::poisson_distribution<long>(mean)(rng_);
}

std::vector<Request> Replication::DrawRequests(absl::CivilDay day) {
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

std::int16_t Replication::PickDistrict() {
  double total = 0;
  for (double w : s_.district_weights) total += w;
  double x = Uniform() * total;
  for (std::size_t i = 0; i < s_.district_weights.size(); ++i) {
    x -= s_.district_weights[i];
    if (x < 0 && s_.district_weights[i] > 0) return static_cast<std::int16_t>(i);
  }
  return -1;
}

std::vector<Arrival> Replication::DrawArrivals(int d, std::int32_t l) {
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

}  // namespace amtszeit::planning::city
