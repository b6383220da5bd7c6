#include "amtszeit/planning/city_replication.h"

#include <algorithm>

namespace amtszeit::planning::city {

Result<CityReplication> Replication::Run(const CityScript* script) {
  if (auto ok = BuildIndex(); !ok) return std::unexpected(ok.error());
  const auto& locations = o_.catalog->locations;
  const std::size_t nl = locations.size();
  out_.first_day = o_.first_day;
  out_.days = o_.days;
  for (const Location& l : locations) out_.locations.push_back(l.id);
  out_.figures.resize(static_cast<std::size_t>(o_.days) * nl);
  for (auto& f : out_.figures) f.lead_time.assign(s_.lead_services.size(), kNaN);
  appointment_busy_.assign(static_cast<std::size_t>(s_.index_days) * nl, 0.0);
  changes_.assign(static_cast<std::size_t>(s_.index_days) * nl, {});
  for (std::size_t l = 0; l < nl; ++l) all_locations_.push_back(static_cast<std::int32_t>(l));
  if (script != nullptr) Bucket(*script);

  for (int d = 0; d < s_.sim_days; ++d) {
    const absl::CivilDay day = s_.start + d;
    ++epoch_;  // a new day: contingents release, the window moves
    hints_.clear();
    std::vector<Request> requests = random_ ? DrawRequests(day) : std::move(script_requests_[d]);
    // By minute, in drawing order at equal minutes; sorting (minute, position) pairs moves far
    // less than sorting the requests.
    order_.clear();
    for (std::size_t i = 0; i < requests.size(); ++i) {
      order_.emplace_back(requests[i].minute, static_cast<std::uint32_t>(i));
    }
    std::ranges::sort(order_);
    const bool measured = day >= o_.first_day;
    bool snapped = false;
    for (const auto& [minute, i] : order_) {
      const Request& r = requests[i];
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
    if (o_.days_done != nullptr) o_.days_done->fetch_add(1, std::memory_order_relaxed);
  }
  return std::move(out_);
}

Result<void> Replication::BuildIndex() {
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
        with_sickness.absences.push_back(
            {.staff_id = sh.staff_id, .first = sh.day, .last = sh.day, .kind = AbsenceKind::kSick});
        sick_.insert({sh.staff_id, ord});
      }
    }
    roster = &with_sickness;
  }
  if (roster == o_.roster && s_.roster_index) {
    index_.emplace(*s_.roster_index);
  } else {
    auto index = CapacityIndex::Build({.catalog = *o_.catalog,
                                       .roster = *roster,
                                       .holidays = *o_.holidays,
                                       .school = *o_.school,
                                       .policy = o_.policy,
                                       .first_day = s_.start,
                                       .days = s_.index_days});
    if (!index) return std::unexpected(index.error());
    index_.emplace(std::move(*index));
  }
  // What the rules and skills say of one service alone, asked once instead of per request.
  for (const Service& svc : o_.catalog->services) {
    const Service* services[] = {&svc};
    const auto minutes = booking::TotalDuration(services, o_.rules);
    service_minutes_.push_back(minutes ? std::optional<int>(*minutes) : std::nullopt);
    service_skills_.push_back(index_->skills().Required(services));
  }
  return {};
}

// Sick on top of the roster (whose absences Prepare has taken out already).
bool Replication::Absent(const std::string& staff, absl::CivilDay day) const {
  return !sick_.empty() && sick_.contains({staff, day - absl::CivilDay(1970, 1, 1)});
}

void Replication::Bucket(const CityScript& script) {
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

void Replication::ReleaseUntil(std::int64_t minute) {
  while (!releases_.empty() && releases_.top().at <= minute) {
    const Release r = releases_.top();
    releases_.pop();
    index_->Free(r.location, r.day, r.staff, r.first, r.end);
    Changed(r.location, r.day, -1, r.first, r.end);
    // Time came back on r.day only: a search that found nothing before a later day may now find
    // it there, but still nothing before r.day.
    for (auto& [key, hint] : hints_) {
      if (hint.epoch == epoch_ && hint.day > r.day) hint.day = r.day;
    }
    ++out_.events;
  }
}

CentreDayFigures& Replication::Figures(absl::CivilDay day, std::int32_t location) {
  return out_.figures[static_cast<std::size_t>(day - o_.first_day) * o_.catalog->locations.size() +
                      location];
}

// monitor::TakeSnapshot's question, asked of this index.
void Replication::Snapshot(absl::CivilDay day) {
  for (std::int32_t l = 0; l < index_->location_count(); ++l) {
    if (!index_->location(l).InServiceOn(day)) continue;
    CentreDayFigures& f = Figures(day, l);
    for (std::size_t k = 0; k < s_.lead_services.size(); ++k) {
      const Service& svc = o_.catalog->services[s_.lead_services[k]];
      std::optional<absl::CivilDay> move_in;
      if (svc.legal_deadline_days) move_in = day;
      auto q = Query(svc, Channel::kOnline, day, kSnapshotMinute, move_in, std::nullopt);
      if (!q) continue;
      const std::optional<capacity::Slot> first = FirstSlot(*q, std::span(&l, 1));
      f.lead_time[k] =
          first ? static_cast<double>(first->day - day) : o_.rules.max_days_ahead + 1.0;
    }
  }
}

}  // namespace amtszeit::planning::city
