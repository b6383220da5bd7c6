// The walk-in and express counters of one centre and day, called by the real policy.
#include <algorithm>
#include <queue>
#include <span>
#include <tuple>
#include <utility>

#include "amtszeit/planning/city_replication.h"
#include "amtszeit/queue/policy.h"

namespace amtszeit::planning::city {

std::vector<Desk> Replication::Desks(int d, absl::CivilDay day, std::int32_t l) const {
  std::vector<Desk> desks;
  for (const DeskShift& ds : s_.desk_shifts[d * o_.catalog->locations.size() + l]) {
    const Shift* sh = ds.shift;
    if (Absent(sh->staff_id, day)) continue;
    if (ds.staff < 0) continue;
    Desk desk{
        .staff = ds.staff,
        .mode = sh->mode == ShiftMode::kExpress ? CounterMode::kExpress : CounterMode::kWalkIn,
        .begin = sh->time.begin,
        .end = sh->time.end,
        .service_ids = s_.staff_services[ds.staff]};
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
void Replication::Counters(absl::CivilDay day, int d, std::int32_t l,
                           std::vector<Arrival>& arrivals, bool measured) {
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
  // The queue: waiting_[0, live) with their arrivals. The tickets' storage is kept from one
  // centre-day to the next and refilled in place, so a ticket costs no allocation. Their order
  // does not matter: PickNext ranks by urgency, issue time and then the unique id.
  std::size_t live = 0;
  std::vector<bool> idle(desks.size(), false);
  std::int64_t next_id = 1;
  const std::string& location_id = o_.catalog->locations[l].id;

  auto try_call = [&](std::size_t k, double now) -> bool {
    const Desk& desk = desks[k];
    if (live == 0) return false;
    const queue::CounterView view{.mode = desk.mode, .service_ids = desk.service_ids};
    const auto pick = queue::PickNext(std::span(waiting_.data(), live), view, o_.calling, At(now));
    if (!pick) return false;
    const Arrival& a = arrivals[waiting_arrival_[*pick]];
    const double wait = now - a.minute;
    if (f != nullptr) {
      (a.queue == QueueClass::kExpress ? f->express_wait : f->walk_in_wait).push_back(wait);
      f->busy_minutes += a.work;
      ++out_.visits;
    }
    ++out_.events;
    events.push({now + a.work, 0, k});
    --live;
    std::swap(waiting_[*pick], waiting_[live]);
    std::swap(waiting_arrival_[*pick], waiting_arrival_[live]);
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
      if (live == waiting_.size()) {
        waiting_.emplace_back();
        waiting_arrival_.emplace_back();
      }
      Ticket& t = waiting_[live];
      t.id = next_id++;
      t.location_id = location_id;
      t.day = day;
      t.queue = a.queue;
      t.service_ids.resize(1);
      t.service_ids[0] = o_.catalog->services[a.service].id;
      t.priority = a.priority;
      t.issued_at = t.queued_at = At(a.minute);
      waiting_arrival_[live] = i;
      ++live;
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
  if (f != nullptr) f->turned_away += static_cast<int>(live);
}

}  // namespace amtszeit::planning::city
