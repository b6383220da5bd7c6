// QueueService: a location's walk-in queue, express lane and checked-in appointments, its
// counters and its call display, kept in the store and published live.
//
// State: today's tickets and every counter in memory, rebuilt from the store on start (a restart
// loses no ticket). Every change runs under one lock: decided against memory, written with its
// events in one durable transaction, then applied to memory and published to the live hub. The
// lock makes two counters calling at once pick different tickets; the store's unique numbers are
// the backstop.
//
// Several nodes on one PostgreSQL store: the transaction first takes the location's queue lock in
// the database (WriteTx::LockQueue) and compares the stored queue with memory. When another node
// changed it, nothing is written: memory takes the stored queue and the change is decided again.
// Other nodes hear of each committed change on the store's change feed and Refresh() that
// location, publishing calls made elsewhere on their displays.
//
// Topics published (live::Hub):
//   display/LOC          "call"    {ticket_id, number, counter, at}
//   counter/LOC/NAME     "counter" the counter;  "queue" {waiting, express_waiting, ...}
//   ticket/ID            "ticket"  the ticket with its position and estimate
//
//   auto queue = QueueService::Open(store, clock, catalog, holidays, hub, {.zone = berlin});
//   auto issued = (*queue)->Issue({.location_id = "kz-altona", .service_ids =
//   {"personalausweis"}});
//   (*queue)->OpenCounter("kz-altona", "5", {.mode = CounterMode::kWalkIn, .staff = "Meyer"});
//   auto called = (*queue)->CallNext("kz-altona", "5");
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/live_catalog.h"
#include "amtszeit/domain/ticket.h"
#include "amtszeit/live/hub.h"
#include "amtszeit/queue/estimate.h"
#include "amtszeit/queue/policy.h"
#include "amtszeit/store/store.h"

namespace amtszeit::queue {

struct QueueOptions {
  absl::TimeZone zone;
  CallingPolicy policy;
  std::size_t display_calls = 10;  // calls a display shows
};

// A ticket with its live figures (for waiting tickets).
struct TicketView {
  Ticket ticket;
  std::optional<int> position;      // 1 = next
  std::optional<int> wait_minutes;  // estimate; nullopt when nobody serves walk-ins now
};

struct Issued {
  TicketView view;
  std::string token;  // the secret of the follow link; only its hash is stored
};

struct IssueRequest {
  std::string location_id;
  std::vector<std::string> service_ids;
  PriorityReason priority = PriorityReason::kNone;
  TicketSource source = TicketSource::kKiosk;
};

struct CallRecord {
  std::int64_t ticket_id = 0;
  std::string number;
  std::string counter;
  absl::Time at;
};

struct LocationQueue {
  std::string location_id;
  std::vector<TicketView> waiting;  // in the order they are expected to be called
  std::vector<TicketView> called;
  std::vector<TicketView> serving;
  std::vector<Counter> counters;
  std::optional<int> walk_in_wait_minutes;  // "if I come now"
  std::optional<int> express_wait_minutes;
};

struct NowEntry {
  const Location* location = nullptr;
  bool open_now = false;
  std::optional<int> walk_in_wait_minutes;
  std::optional<int> express_wait_minutes;
  int waiting = 0;
  int open_counters = 0;
};

struct CounterSettings {
  CounterMode mode = CounterMode::kWalkIn;
  std::string staff;
  std::vector<std::string> service_ids;  // empty: everything
};

struct CounterResult {
  Counter counter;
  std::optional<TicketView> ticket;
};

enum class CounterAction { kRecall, kStart, kFinish, kNoShow, kPause, kResume, kClose };

class QueueService {
 public:
  static Result<std::unique_ptr<QueueService>> Open(store::Store& store, const Clock& clock,
                                                    CatalogView catalog,
                                                    const HolidayCalendar& holidays, live::Hub& hub,
                                                    QueueOptions options);

  Result<Issued> Issue(const IssueRequest& request);
  // Turns today's confirmed appointment at this location into a ticket due at its start.
  Result<Issued> CheckIn(std::string_view location_id, std::string_view code);
  Result<TicketView> Get(std::int64_t id, std::string_view token) const;
  Result<TicketView> Cancel(std::int64_t id, std::string_view token);
  // Publish the current state on a ticket's or a counter's topic (a new follower's first events).
  void PublishTicket(std::int64_t id);
  void PublishCounter(std::string_view location_id, std::string_view name);

  Result<LocationQueue> Queue(std::string_view location_id) const;
  Result<std::vector<Counter>> Counters(std::string_view location_id) const;
  Result<std::vector<CallRecord>> RecentCalls(std::string_view location_id) const;
  std::vector<NowEntry> Now() const;

  Result<CounterResult> OpenCounter(std::string_view location_id, std::string_view name,
                                    const CounterSettings& settings);
  // kNotFound when nobody waits whom this counter can serve.
  Result<CounterResult> CallNext(std::string_view location_id, std::string_view name);
  Result<CounterResult> Act(std::string_view location_id, std::string_view name,
                            CounterAction action);
  // Ends the counter's ticket as transferred; a new waiting ticket for `service_ids` keeps the
  // original issue time (so it does not start waiting again from zero).
  Result<CounterResult> Transfer(std::string_view location_id, std::string_view name,
                                 const std::vector<std::string>& service_ids);

  // Rolls over to a new day (yesterday's open tickets are cancelled) and marks appointments not
  // checked in `no_show_after` past their start as no-shows. The server calls it periodically.
  void Tick();

  // Rereads a location's queue (or every queue) from the store after another node changed it, and
  // publishes what changed: calls to the display, positions to followers.
  void Refresh(std::string_view location_id);
  void RefreshAll();

  // Rereads today's roster after the control room changed it (walk-in staff off sick, a centre
  // closed for the day), so estimates and ticket issue follow at once rather than tomorrow.
  void RosterChanged();

  const CallingPolicy& policy() const { return options_.policy; }

 private:
  struct Change;  // one mutation's rows, events and publications
  QueueService(store::Store& store, const Clock& clock, CatalogView catalog,
               const HolidayCalendar& holidays, live::Hub& hub, QueueOptions options);
  Result<void> Load(absl::Time now);            // REQUIRES: mu_ held
  Result<void> LoadRoster(absl::CivilDay day);  // REQUIRES: mu_ held
  void RollOver(absl::Time now);                // REQUIRES: mu_ held
  Result<void> Commit(Change& change);          // REQUIRES: mu_ held
  // Whether a change decided from memory still holds against the stored queue: nothing it
  // updates was changed elsewhere and its new ticket's number is still free. REQUIRES: mu_ held.
  bool Unaffected(const Change& change, const store::QueueRows& rows) const;
  // Takes the stored queue of a location into memory; true when something changed. Calls made
  // by another node go to the display. REQUIRES: mu_ held.
  bool Absorb(const std::string& location_id, const store::QueueRows& rows, absl::Time now);
  void PushCall(const std::string& location_id, const CallRecord& call);  // REQUIRES: mu_ held
  // The operations, once; the public ones run them again when another node changed the queue.
  Result<Issued> IssueOnce(const IssueRequest& request);
  Result<Issued> CheckInOnce(std::string_view location_id, std::string_view code);
  Result<TicketView> CancelOnce(std::int64_t id, std::string_view token);
  Result<CounterResult> OpenCounterOnce(std::string_view location_id, std::string_view name,
                                        const CounterSettings& settings);
  Result<CounterResult> CallNextOnce(std::string_view location_id, std::string_view name);
  Result<CounterResult> ActOnce(std::string_view location_id, std::string_view name,
                                CounterAction action);
  Result<CounterResult> TransferOnce(std::string_view location_id, std::string_view name,
                                     const std::vector<std::string>& service_ids);
  Result<const Location*> FindLocation(std::string_view id) const;
  bool OpenAt(const Location& location, absl::Time now) const;
  Result<std::vector<std::string>> CheckServices(const std::vector<std::string>& ids) const;
  // The counter after any rollover to a new day. REQUIRES: mu_ held.
  Result<Counter> CurrentCounter(std::string_view location_id, std::string_view name,
                                 absl::Time now);
  Result<int> NextNumber(const std::string& location_id, QueueClass queue);  // REQUIRES: mu_
  absl::Duration Expected(const Ticket& t) const;                            // REQUIRES: mu_ held
  // Positions and estimates of one location's waiting tickets. REQUIRES: mu_ held.
  struct Estimates {
    std::vector<TicketView> waiting;
    std::optional<int> walk_in;
    std::optional<int> express;
  };
  Estimates Estimate(const std::string& location_id, absl::Time now) const;
  TicketView ViewOf(const Ticket& t, absl::Time now) const;              // REQUIRES: mu_ held
  void PublishLocation(const std::string& location_id, absl::Time now);  // REQUIRES: mu_ held
  std::string CountsJson(const Estimates& est) const;
  void PublishCounterState(const Counter& c, const std::string& counts);    // REQUIRES: mu_ held
  int WalkInStaffAt(const std::string& location_id, absl::Time now) const;  // REQUIRES: mu_

  store::Store& store_;
  const Clock& clock_;
  CatalogView catalog_;
  const HolidayCalendar& holidays_;
  live::Hub& hub_;
  QueueOptions options_;

  mutable std::mutex mu_;
  absl::CivilDay day_;                                               // GUARDED_BY(mu_)
  std::map<std::int64_t, Ticket> tickets_;                           // today's; GUARDED_BY(mu_)
  std::map<std::pair<std::string, std::string>, Counter> counters_;  // GUARDED_BY(mu_)
  std::map<std::pair<std::string, QueueClass>, int> numbers_;        // GUARDED_BY(mu_)
  std::map<std::string, std::deque<CallRecord>> calls_;              // GUARDED_BY(mu_)
  std::map<std::string, RunningMean> pace_;  // observed / planned service time; GUARDED_BY(mu_)
  // Walk-in and express shifts of today per location: (begin, end) local minutes.
  std::map<std::string, std::vector<std::pair<int, int>>> walk_in_shifts_;  // GUARDED_BY(mu_)
  std::map<std::string, std::string> closed_today_;  // location -> reason. GUARDED_BY(mu_)
  absl::Time last_no_show_sweep_;                    // GUARDED_BY(mu_)
};

}  // namespace amtszeit::queue
