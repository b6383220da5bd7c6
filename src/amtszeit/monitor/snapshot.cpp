#include "amtszeit/monitor/snapshot.h"

#include "amtszeit/capacity/capacity_index.h"

namespace amtszeit::monitor {

namespace {

constexpr int kWindowDays = 14;  // the promise: every weekday of the next two weeks

}  // namespace

Result<Snapshot> TakeSnapshot(const booking::BookingEngine& engine, const PromiseSet& promises,
                              const HolidayCalendar& holidays, absl::CivilDay today) {
  const Catalog& catalog = engine.catalog();
  std::vector<const Service*> services;
  for (const std::string& id : promises.core_services) {
    if (const Service* s = catalog.FindService(id)) services.push_back(s);
  }
  if (const Service* s = catalog.FindService(promises.registration_service);
      s != nullptr && std::ranges::find(services, s) == services.end()) {
    services.push_back(s);
  }
  Snapshot out;
  for (const Location& l : catalog.locations) {
    if (!l.InServiceOn(today)) continue;
    for (const Service* s : services) {
      booking::SearchRequest r{.service_ids = {s->id}, .locations = {l.id}, .limit = 1};
      // Someone who moved in today: the legal deadline counts from here.
      if (s->legal_deadline_days) r.move_in_date = today;
      auto answer = engine.Search(r);
      if (!answer) return std::unexpected(answer.error());
      SlotSnapshot snap{.taken_on = today, .location_id = l.id, .service_id = s->id};
      if (!answer->slots.empty()) snap.days_to_first_free = answer->slots[0].day - today;
      out.slots.push_back(std::move(snap));
    }
    WindowSnapshot w{.taken_on = today, .location_id = l.id};
    for (int d = 1; d <= kWindowDays; ++d) {
      const absl::CivilDay day = today + d;
      if (WeekdayIndex(day) >= 5 || !l.InServiceOn(day) || l.hours.OpenOn(day, holidays).empty()) {
        continue;
      }
      ++w.weekdays;
      const unsigned windows = engine.OfferedWindows(l.id, day);
      if (windows & capacity::kWindowEarly) ++w.early;
      if (windows & capacity::kWindowLate) ++w.late;
      if (windows & capacity::kWindowLunch) ++w.lunch;
    }
    out.windows.push_back(w);
  }
  return out;
}

Result<bool> EnsureSnapshot(store::Store& store, const booking::BookingEngine& engine,
                            const HolidayCalendar& holidays, absl::CivilDay today) {
  auto existing = store.ReadWindowSnapshots(today, today);
  if (!existing) return std::unexpected(existing.error());
  if (!existing->empty()) return false;
  auto promises = LoadPromises(store);
  if (!promises) return std::unexpected(promises.error());
  auto snap = TakeSnapshot(engine, *promises, holidays, today);
  if (!snap) return std::unexpected(snap.error());
  auto ok = store.Write([&](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.PutSlotSnapshots(today, snap->slots); !r) return r;
    return tx.PutWindowSnapshots(today, snap->windows);
  });
  if (!ok) return std::unexpected(ok.error());
  return true;
}

}  // namespace amtszeit::monitor
