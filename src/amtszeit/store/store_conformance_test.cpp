// The Store conformance suite: every test runs against each backend (SQLite always, PostgreSQL
// when AMTSZEIT_TEST_PG_URL is set), each in a fresh database, through the Store interface only.
// Checks beneath the interface (row counts, raw SQL the database must refuse) go through the
// backend. Backend-specific behaviour (SQLite's file checks) stays in sqlite_*_test.cpp.
#include <gtest/gtest.h>
#include <poll.h>

#include <atomic>
#include <boost/json.hpp>
#include <set>
#include <thread>

#include "amtszeit/store/audit_scope.h"
#include "amtszeit/store/auditing_tx.h"
#include "amtszeit/store/change_feed.h"
#include "amtszeit/store/conformance_backends.h"
#include "amtszeit/store/pg_copy.h"
#include "amtszeit/store/store.h"
#include "amtszeit/store/store_samples.h"

namespace amtszeit::store {
namespace {

using absl::CivilDay;
using conformance::Backend;
using conformance::BackendKind;
using conformance::SampleAppointment;
using conformance::SampleCatalog;
using conformance::SampleRoster;
using conformance::WriteSample;

class StoreConformance : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override { backend_ = GetParam().make(); }

  Result<std::unique_ptr<Store>> Open() { return OpenStore(backend_->Url()); }

  int CountRows(const std::string& table) {
    auto n = backend_->QueryInt("SELECT count(*) FROM " + table);
    EXPECT_TRUE(n) << n.error().message;
    return n ? static_cast<int>(*n) : -1;
  }

  std::unique_ptr<Backend> backend_;
};

INSTANTIATE_TEST_SUITE_P(Stores, StoreConformance, ::testing::ValuesIn(conformance::BackendKinds()),
                         [](const ::testing::TestParamInfo<BackendKind>& info) {
                           return info.param.name;
                         });

TEST_P(StoreConformance, RoundTripsCatalogueAndRosterAcrossReopen) {
  {
    auto store = Open();
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE(WriteSample(**store));
  }
  auto store = OpenStore(backend_->Url(), {.create_if_missing = false});
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ((*store)->SchemaVersion(), backend_->LatestVersion());
  auto catalog = (*store)->ReadCatalog();
  ASSERT_TRUE(catalog);
  EXPECT_EQ(*catalog, SampleCatalog());
  auto roster = (*store)->ReadRoster(CivilDay(2026, 12, 1), CivilDay(2026, 12, 31));
  ASSERT_TRUE(roster);
  EXPECT_EQ(*roster, SampleRoster());
  auto only_first_day = (*store)->ReadRoster(CivilDay(2026, 12, 1), CivilDay(2026, 12, 1));
  EXPECT_EQ(only_first_day->shifts.size(), 1u);
  auto one = (*store)->Write([](WriteTx& tx) -> Result<void> {
    auto shift = tx.FindShift(9);
    auto absence = tx.FindAbsence(3);
    auto none = tx.FindShift(99);
    if (!shift || !*shift || !(*shift)->extra_opening) return Fail(ErrorCode::kInternal, "shift");
    if (!absence || !*absence || (*absence)->note != "x") return Fail(ErrorCode::kInternal, "abs");
    if (!none || *none) return Fail(ErrorCode::kInternal, "none");
    return {};
  });
  EXPECT_TRUE(one) << one.error().message;
  EXPECT_TRUE(only_first_day->absences.empty());
  auto school = (*store)->ReadSchoolHolidays();
  ASSERT_EQ(school->size(), 1u);
}

TEST_P(StoreConformance, MigrationsAreRecordedOnce) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Open());
  EXPECT_EQ(CountRows("schema_migrations"), static_cast<int>(backend_->MigrationCount()));
}

TEST_P(StoreConformance, WritingTheSameDataTwiceChangesNothing) {
  auto store = Open();
  ASSERT_TRUE(WriteSample(**store));
  const auto before = (*store)->ReadCatalog();
  ASSERT_TRUE(WriteSample(**store));
  EXPECT_EQ(*(*store)->ReadCatalog(), *before);
  for (std::string table : {"locations", "location_weekly_hours", "location_exceptions",
                            "location_exception_ranges", "shifts", "staff_skills", "absences"}) {
    const int once = CountRows(table);
    ASSERT_TRUE(WriteSample(**store));
    EXPECT_EQ(CountRows(table), once) << table;
  }
}

TEST_P(StoreConformance, FailedWriteRollsBackEverything) {
  auto store = Open();
  auto failed = (*store)->Write([](WriteTx& tx) -> Result<void> {
    if (auto r = tx.PutDistrict({"altona", "Altona"}); !r) return r;
    return Fail(ErrorCode::kInvalidArgument, "changed my mind");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "changed my mind");
  EXPECT_TRUE((*store)->ReadCatalog()->districts.empty());
}

TEST_P(StoreConformance, GroupCommitIsolatesEachCommandsFailure) {
  auto store = Open();
  std::vector<WriteFn> fns = {
      [](WriteTx& tx) {
        return tx.PutDistrict({"a", "A"});
      },
      [](WriteTx& tx) -> Result<void> {
        if (auto r = tx.PutDistrict({"b", "B"}); !r) return r;
        return Fail(ErrorCode::kConflict, "no");
      },
      [](WriteTx& tx) {
        return tx.PutDistrict({"c", "C"});
      },
  };
  auto results = (*store)->WriteGroup(fns);
  ASSERT_TRUE(results);
  EXPECT_TRUE((*results)[0]);
  EXPECT_FALSE((*results)[1]);
  EXPECT_TRUE((*results)[2]);
  auto districts = (*store)->ReadCatalog()->districts;
  ASSERT_EQ(districts.size(), 2u);
  EXPECT_EQ(districts[0].id, "a");
  EXPECT_EQ(districts[1].id, "c");
}

// The common failure: a command that refuses before it wrote anything (a hold that expired, a
// second booking of the same contact). Both stores then commit the group as it is, without the
// savepoints they fall back to, and the commands around it keep what they wrote.
TEST_P(StoreConformance, GroupCommitKeepsOthersWhenACommandRefusesBeforeWriting) {
  auto store = Open();
  int runs_of_the_last = 0;
  std::vector<WriteFn> fns = {
      [](WriteTx& tx) {
        return tx.PutDistrict({"a", "A"});
      },
      [](WriteTx& tx) -> Result<void> {
        auto found = tx.FindAppointmentByCode("NONE-0000");
        if (!found) return std::unexpected(found.error());
        return Fail(ErrorCode::kNotFound, "no such hold");
      },
      [&](WriteTx& tx) {
        ++runs_of_the_last;
        return tx.PutDistrict({"c", "C"});
      },
  };
  auto results = (*store)->WriteGroup(fns);
  ASSERT_TRUE(results);
  ASSERT_EQ(results->size(), 3u);
  EXPECT_TRUE((*results)[0]);
  ASSERT_FALSE((*results)[1]);
  EXPECT_EQ((*results)[1].error().message, "no such hold");
  EXPECT_TRUE((*results)[2]);
  EXPECT_EQ(runs_of_the_last, 1) << "the group ran once, not again with savepoints";
  auto districts = (*store)->ReadCatalog()->districts;
  ASSERT_EQ(districts.size(), 2u);
  EXPECT_EQ(districts[0].id, "a");
  EXPECT_EQ(districts[1].id, "c");
}

TEST_P(StoreConformance, DatabaseRefusesOverlappingAppointmentsOfOneStaffMember) {
  auto store = Open();
  ASSERT_TRUE(WriteSample(**store));
  Appointment first = SampleAppointment("AAAA-0001", 480, AppointmentStatus::kConfirmed);
  auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.InsertAppointment(first);
    if (!id) return std::unexpected(id.error());
    first.id = *id;
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
  auto clash = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.InsertAppointment(SampleAppointment("AAAA-0002", 490, AppointmentStatus::kHeld));
    if (!id) return std::unexpected(id.error());
    return {};
  });
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  // A cancelled row does not occupy time.
  auto cancelled = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id =
        tx.InsertAppointment(SampleAppointment("AAAA-0003", 490, AppointmentStatus::kCancelled));
    if (!id) return std::unexpected(id.error());
    return {};
  });
  EXPECT_TRUE(cancelled);
  auto found = (*store)->FindAppointmentByCode("AAAA-0001");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ(**found, first);
  EXPECT_EQ((*store)->ReadAppointments(CivilDay(2026, 12, 2))->size(), 2u);
}

// A command whose statement the database refuses (here the overlap guard) leaves nothing and
// costs the commands before and after it nothing either.
TEST_P(StoreConformance, GroupCommitKeepsOthersWhenAStatementIsRefusedMidGroup) {
  auto store = Open();
  ASSERT_TRUE(WriteSample(**store));
  auto insert = [](const std::string& code, int begin) {
    return [code, begin](WriteTx& tx) -> Result<void> {
      auto id = tx.InsertAppointment(SampleAppointment(code, begin, AppointmentStatus::kHeld));
      if (!id) return std::unexpected(id.error());
      return {};
    };
  };
  std::vector<WriteFn> fns = {
      insert("AAAA-0001", 480),
      insert("AAAA-0002", 490),  // overlaps the first: refused
      [](WriteTx& tx) {
        return tx.PutDistrict({"c", "C"});
      },
      insert("AAAA-0003", 540),
  };
  auto results = (*store)->WriteGroup(fns);
  ASSERT_TRUE(results);
  ASSERT_EQ(results->size(), 4u);
  EXPECT_TRUE((*results)[0]);
  ASSERT_FALSE((*results)[1]);
  EXPECT_EQ((*results)[1].error().code, ErrorCode::kConflict);
  EXPECT_TRUE((*results)[2]);
  EXPECT_TRUE((*results)[3]);
  auto day = (*store)->ReadAppointments(CivilDay(2026, 12, 2));
  ASSERT_TRUE(day);
  ASSERT_EQ(day->size(), 2u);
  EXPECT_EQ((*day)[0].code, "AAAA-0001");
  EXPECT_EQ((*day)[1].code, "AAAA-0003");
  auto catalog = (*store)->ReadCatalog();
  ASSERT_TRUE(catalog);
  EXPECT_TRUE(
      std::ranges::any_of(catalog->districts, [](const District& d) { return d.id == "c"; }));
}

// The writer's two steps: a committed group is what every later read sees, before its sync;
// the sync then returns without error, and a second store on the same database reads the rows.
TEST_P(StoreConformance, ACommittedGroupIsReadAtOnceAndSyncedAfterwards) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  std::vector<WriteFn> fns = {
      [](WriteTx& tx) {
        return tx.PutDistrict({"north", "North"});
      },
      [](WriteTx&) -> Result<void> { return Fail(ErrorCode::kConflict, "refused"); },
      [](WriteTx& tx) {
        return tx.PutDistrict({"south", "South"});
      },
  };
  auto results = (*store)->CommitGroup(fns);
  ASSERT_TRUE(results) << results.error().message;
  ASSERT_EQ(results->size(), 3u);
  EXPECT_TRUE((*results)[0]);
  EXPECT_FALSE((*results)[1]);
  EXPECT_TRUE((*results)[2]);
  auto before_sync = (*store)->ReadCatalog();
  ASSERT_TRUE(before_sync);
  EXPECT_EQ(before_sync->districts.size(), 2u);
  auto synced = (*store)->SyncCommitted();
  ASSERT_TRUE(synced) << synced.error().message;
  ASSERT_TRUE((*store)->SyncCommitted()) << "a sync with nothing new to sync";
  auto other = Open();
  ASSERT_TRUE(other) << other.error().message;
  auto seen = (*other)->ReadCatalog();
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->districts.size(), 2u);
}

TEST_P(StoreConformance, ReadersRunBesideAWriter) {
  auto store = Open();
  ASSERT_TRUE(WriteSample(**store));
  std::atomic<bool> stop = false;
  std::atomic<int> read_errors = 0;
  std::vector<std::thread> readers;
  readers.reserve(3);
  for (int i = 0; i < 3; ++i) {
    readers.emplace_back([&] {
      while (!stop) {
        if (!(*store)->ReadCatalog()) ++read_errors;
      }
    });
  }
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE((*store)->Write([&](WriteTx& tx) {
      return tx.PutDistrict({"d" + std::to_string(i), "D"});
    }));
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(read_errors.load(), 0);
  EXPECT_EQ((*store)->ReadCatalog()->districts.size(), 52u);
}

TEST_P(StoreConformance, RoundTripsTicketsEventsAndCounters) {
  auto store = Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(WriteSample(**store));
  const std::string location = (*(*store)->ReadCatalog()).locations.at(0).id;
  const absl::Time t0 = absl::FromUnixSeconds(1'796'000'000);
  Ticket t{.location_id = location,
           .day = CivilDay(2026, 12, 2),
           .queue = QueueClass::kExpress,
           .number = 4,
           .service_ids = {"a", "b"},
           .priority = PriorityReason::kTravel,
           .source = TicketSource::kWeb,
           .issued_at = t0,
           .queued_at = t0 + absl::Minutes(1),
           .due_at = t0 + absl::Minutes(30),
           .token_hash = "abc",
           .transferred_from = 7};
  Counter c{.location_id = location,
            .name = "5",
            .mode = CounterMode::kExpress,
            .state = CounterState::kOpen,
            .staff = "Meyer",
            .service_ids = {"a"},
            .updated_at = t0};
  auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.InsertTicket(t);
    if (!id) return std::unexpected(id.error());
    t.id = *id;
    c.ticket_id = t.id;
    if (auto r = tx.PutCounter(c); !r) return r;
    auto e = tx.AppendTicketEvent({.ticket_id = t.id,
                                   .location_id = location,
                                   .kind = TicketEventKind::kIssued,
                                   .at = t0,
                                   .queue = t.queue,
                                   .service_ids = t.service_ids});
    if (!e) return std::unexpected(e.error());
    auto max = tx.MaxTicketNumber(location, t.day, QueueClass::kExpress);
    if (!max || *max != 4) return Fail(ErrorCode::kInternal, "max number");
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
  auto tickets = (*store)->ReadTickets(CivilDay(2026, 12, 2));
  ASSERT_TRUE(tickets);
  ASSERT_EQ(tickets->size(), 1u);
  EXPECT_EQ(tickets->front(), t);
  auto counters = (*store)->ReadCounters();
  ASSERT_TRUE(counters);
  ASSERT_EQ(counters->size(), 1u);
  EXPECT_EQ(counters->front(), c);
  auto events = (*store)->ReadTicketEvents(0, 10);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->front().kind, TicketEventKind::kIssued);
  // One number per queue and day: a second A004 is a conflict, not a silent duplicate.
  auto twice = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.InsertTicket(t);
    if (!id) return std::unexpected(id.error());
    return {};
  });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
}

TEST_P(StoreConformance, SteeringActionsAreAppendOnly) {
  auto store = Open();
  ASSERT_TRUE(store);
  const absl::Time t0 = absl::FromUnixSeconds(1'800'000'000);
  SteeringAction action{.at = t0,
                        .actor = "Leitstelle",
                        .kind = "absence.recorded",
                        .staff_id = "st-0001",
                        .reason = "krank",
                        .after = R"({"first":"2026-12-01"})"};
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.AppendAction(action);
    if (!id) return std::unexpected(id.error());
    action.id = *id;
    return {};
  }));
  auto read = (*store)->ReadActions(t0, t0 + absl::Seconds(1));
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ(read->front(), action);
  EXPECT_TRUE((*store)->ReadActions(t0 + absl::Seconds(1), t0 + absl::Hours(1))->empty());

  // Even raw SQL on the database cannot rewrite or remove the audit.
  EXPECT_FALSE(backend_->Exec("UPDATE steering_actions SET actor = 'x'"));
  EXPECT_FALSE(backend_->Exec("DELETE FROM steering_actions"));
  EXPECT_EQ(CountRows("steering_actions"), 1);
}

TEST_P(StoreConformance, StaffAccountsSessionsAndTheAppendOnlyAuditLog) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  const absl::Time t0 = absl::FromUnixSeconds(1'800'000'000);
  StaffUser lead{.name = "b.lead",
                 .role = "district_lead",
                 .district_id = "altona",
                 .password_hash = "$argon2id$x",
                 .created_at = t0};
  StaffUser clerk{.name = "a.clerk",
                  .role = "counter_staff",
                  .location_id = "kz-altona",
                  .password_hash = "$argon2id$y",
                  .created_at = t0};
  AuditEntry entry{.at = t0,
                   .user = "b.lead",
                   .role = "district_lead",
                   .action = "POST /api/v1/shifts",
                   .target = R"({"location":"kz-altona"})",
                   .status = 201,
                   .after = R"({"id":7})"};
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    for (StaffUser* u : {&lead, &clerk}) {
      auto id = tx.PutStaffUser(*u);
      if (!id) return std::unexpected(id.error());
      u->id = *id;
    }
    if (auto ok = tx.PutStaffSession({"digest-1", lead.id, "csrf-1", t0, t0}); !ok) return ok;
    if (auto ok = tx.PutStaffSession({"digest-2", lead.id, "csrf-2", t0, t0}); !ok) return ok;
    if (auto ok = tx.PutStaffSession({"digest-3", clerk.id, "csrf-3", t0, t0}); !ok) return ok;
    if (auto ok = tx.TouchStaffSession("digest-1", t0 + absl::Minutes(5)); !ok) return ok;
    auto id = tx.AppendAudit(entry);
    if (!id) return std::unexpected(id.error());
    entry.id = *id;
    return {};
  }));
  EXPECT_NE(lead.id, clerk.id);
  auto same_name = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    StaffUser twin = clerk;
    twin.id = 0;
    auto id = tx.PutStaffUser(twin);
    if (!id) return std::unexpected(id.error());
    return {};
  });
  ASSERT_FALSE(same_name);
  EXPECT_EQ(same_name.error().code, ErrorCode::kConflict);

  EXPECT_EQ(**(*store)->ReadStaffUser("b.lead"), lead);
  EXPECT_EQ(**(*store)->ReadStaffUserById(clerk.id), clerk);
  EXPECT_FALSE(*(*store)->ReadStaffUser("nobody"));
  auto all = (*store)->ReadStaffUsers();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().name, "a.clerk");  // by name
  auto session = (*store)->ReadStaffSession("digest-1");
  ASSERT_TRUE(session && *session);
  EXPECT_EQ((*session)->last_seen, t0 + absl::Minutes(5));
  EXPECT_EQ((*session)->csrf_token, "csrf-1");

  clerk.disabled = true;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.PutStaffUser(clerk);
    if (!id) return std::unexpected(id.error());
    if (auto ok = tx.DeleteStaffSessionsOf(lead.id); !ok) return ok;
    return tx.DeleteStaffSession("digest-3");
  }));
  EXPECT_TRUE((**(*store)->ReadStaffUser("a.clerk")).disabled);
  EXPECT_FALSE(*(*store)->ReadStaffSession("digest-1"));
  EXPECT_FALSE(*(*store)->ReadStaffSession("digest-2"));
  EXPECT_FALSE(*(*store)->ReadStaffSession("digest-3"));

  auto audit = (*store)->ReadAudit(t0, t0 + absl::Seconds(1), 10);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(audit->front(), entry);
  EXPECT_TRUE((*store)->ReadAudit(t0 + absl::Seconds(1), t0 + absl::Hours(1), 10)->empty());
  EXPECT_FALSE(backend_->Exec("UPDATE audit_log SET user_name = 'x'"));
  EXPECT_FALSE(backend_->Exec("DELETE FROM audit_log"));
  EXPECT_EQ(CountRows("audit_log"), 1);
}

// A staff action's audit entry is part of the change's transaction: written with it (before and
// after, no contact details), with neither when the action fails, and the change undone when the
// entry cannot be written.
TEST_P(StoreConformance, StaffActionsAreAuditedInTheChangesOwnTransaction) {
  auto store = Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(WriteSample(**store));
  const absl::Time t0 = absl::FromUnixSeconds(1'797'000'000);
  Appointment a = SampleAppointment("AUD-0001", 480, AppointmentStatus::kConfirmed);
  Ticket t{.location_id = "kz-harburg", .day = CivilDay(2026, 12, 2), .number = 1, .issued_at = t0};
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.InsertAppointment(a);
    if (!id) return std::unexpected(id.error());
    a.id = *id;
    auto ticket = tx.InsertTicket(t);
    if (!ticket) return std::unexpected(ticket.error());
    t.id = *ticket;
    return {};
  }));
  EXPECT_TRUE((*store)->ReadAudit(t0 - absl::Hours(1), t0 + absl::Hours(1), 10)->empty())
      << "writes outside a staff action are not audited";

  const AuditEntry base{.at = t0, .user = "k.meyer", .role = "counter_staff", .action = "POST x"};
  {
    AuditScope scope(base);
    ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
      Appointment cancelled = a;
      cancelled.status = AppointmentStatus::kCancelled;
      if (auto ok = tx.UpdateAppointment(cancelled); !ok) return ok;
      Ticket called = t;
      called.status = TicketStatus::kCalled;
      called.counter = "3";
      return tx.UpdateTicket(called);
    }));
    EXPECT_TRUE(scope.written());
    // A failing action writes nothing, not even its entry.
    auto failed = (*store)->Write([&](WriteTx& tx) -> Result<void> {
      Ticket served = t;
      served.status = TicketStatus::kServed;
      if (auto ok = tx.UpdateTicket(served); !ok) return ok;
      return Fail(ErrorCode::kConflict, "refused after the change");
    });
    EXPECT_FALSE(failed);
  }
  auto audit = (*store)->ReadAudit(t0, t0 + absl::Seconds(1), 10);
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->size(), 1u);
  const AuditEntry& e = audit->front();
  EXPECT_EQ(e.user, "k.meyer");
  EXPECT_EQ(e.role, "counter_staff");
  EXPECT_EQ(e.action, "POST x");
  const auto before = boost::json::parse(e.before).as_object();
  const auto after = boost::json::parse(e.after).as_object();
  EXPECT_EQ(before.at("appointment:AUD-0001").at("status"), "confirmed");
  EXPECT_EQ(after.at("appointment:AUD-0001").at("status"), "cancelled");
  EXPECT_EQ(after.at("appointment:AUD-0001").at("staff_id"), "st-0001");
  const std::string ticket_key = "ticket:" + std::to_string(t.id);
  EXPECT_EQ(before.at(ticket_key).at("status"), "waiting");
  EXPECT_EQ(after.at(ticket_key).at("status"), "called");
  EXPECT_EQ(after.at(ticket_key).at("counter"), "3");
  EXPECT_EQ(e.after.find("example.org"), std::string::npos) << "no contact details";
  EXPECT_EQ(e.after.find("Erika"), std::string::npos);
  EXPECT_EQ((*store)->ReadTickets(CivilDay(2026, 12, 2))->front().status, TicketStatus::kCalled);

  // The entry cannot be written: the change it describes is rolled back with it.
  class AuditRefused : public AuditingTx {
   public:
    using AuditingTx::AuditingTx;
    Result<std::int64_t> AppendAudit(const AuditEntry&) override {
      return Fail(ErrorCode::kUnavailable, "disk full");
    }
  };
  auto refused = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    AuditRefused failing(tx);
    return RunAudited({.at = t0 + absl::Seconds(2), .user = "k.meyer"}, failing,
                      [&](WriteTx& inner) -> Result<void> {
                        Ticket served = t;
                        served.status = TicketStatus::kServed;
                        return inner.UpdateTicket(served);
                      });
  });
  EXPECT_FALSE(refused);
  EXPECT_EQ((*store)->ReadTickets(CivilDay(2026, 12, 2))->front().status, TicketStatus::kCalled);
  EXPECT_EQ((*store)->ReadAudit(t0, t0 + absl::Hours(1), 10)->size(), 1u);
}

TEST_P(StoreConformance, AChallengeIsSpentOnceAcrossConnectionsUntilPruned) {
  const absl::Time t0 = absl::FromUnixSeconds(1'797'000'000);
  const auto spend = [&](Store& store, std::string_view nonce, absl::Time expires) {
    bool fresh = false;
    auto written = store.Write([&](WriteTx& tx) -> Result<void> {
      auto spent = tx.SpendChallenge(nonce, expires);
      if (!spent) return std::unexpected(spent.error());
      fresh = *spent;
      return {};
    });
    EXPECT_TRUE(written) << written.error().message;
    return fresh;
  };
  {
    auto store = Open();
    ASSERT_TRUE(store);
    EXPECT_TRUE(spend(**store, "n1", t0 + absl::Minutes(5)));
    EXPECT_FALSE(spend(**store, "n1", t0 + absl::Minutes(5))) << "spent already";
    EXPECT_TRUE(spend(**store, "n2", t0 + absl::Minutes(10)));
    // Inside a group, a refused spend rolls back only its own savepoint.
    std::vector<WriteFn> fns = {[](WriteTx& tx) -> Result<void> {
                                  auto spent = tx.SpendChallenge("n1", absl::InfiniteFuture());
                                  if (!spent) return std::unexpected(spent.error());
                                  if (!*spent) return Fail(ErrorCode::kForbidden, "spent");
                                  return {};
                                },
                                [&](WriteTx& tx) -> Result<void> {
                                  auto spent = tx.SpendChallenge("n3", t0 + absl::Minutes(5));
                                  if (!spent) return std::unexpected(spent.error());
                                  return {};
                                }};
    auto group = (*store)->WriteGroup(fns);
    ASSERT_TRUE(group);
    EXPECT_EQ((*group)[0].error().code, ErrorCode::kForbidden);
    EXPECT_TRUE((*group)[1]);
  }
  auto store = Open();  // another connection: another node, or after a restart
  ASSERT_TRUE(store);
  EXPECT_FALSE(spend(**store, "n1", t0 + absl::Minutes(5)));
  EXPECT_FALSE(spend(**store, "n3", t0 + absl::Minutes(5)));
  int pruned = 0;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto n = tx.PruneSpentChallenges(t0 + absl::Minutes(5));
    if (!n) return std::unexpected(n.error());
    pruned = *n;
    return {};
  }));
  EXPECT_EQ(pruned, 2) << "n1 and n3 expired, n2 not yet";
  EXPECT_FALSE(spend(**store, "n2", t0 + absl::Minutes(10)));
}

TEST_P(StoreConformance, LoginFailuresAndSharedSecretsOutliveTheConnection) {
  const absl::Time t0 = absl::FromUnixSeconds(1'797'000'000);
  const LoginFailure old{"user:a", 3, t0, t0 + absl::Seconds(4)};
  const LoginFailure recent{"addr:1", 1, t0 + absl::Hours(2), t0 + absl::Hours(2)};
  {
    auto store = Open();
    ASSERT_TRUE(store);
    std::string first;
    ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
      if (auto ok = tx.PutLoginFailure(old); !ok) return ok;
      if (auto ok = tx.PutLoginFailure(recent); !ok) return ok;
      auto secret = tx.SharedSecret("k", "first");
      if (!secret) return std::unexpected(secret.error());
      first = *secret;
      return {};
    }));
    EXPECT_EQ(first, "first");
  }
  auto store = Open();
  ASSERT_TRUE(store);
  EXPECT_EQ(**(*store)->ReadLoginFailure("user:a"), old);
  std::string second;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto secret = tx.SharedSecret("k", "second");
    if (!secret) return std::unexpected(secret.error());
    second = *secret;
    LoginFailure more = old;
    more.failures = 4;
    if (auto ok = tx.PutLoginFailure(more); !ok) return ok;
    return tx.DeleteLoginFailuresBefore(t0 + absl::Hours(1));
  }));
  EXPECT_EQ(second, "first") << "the first value stays";
  EXPECT_FALSE(*(*store)->ReadLoginFailure("user:a")) << "quiet for long enough";
  EXPECT_EQ(**(*store)->ReadLoginFailure("addr:1"), recent);
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) { return tx.DeleteLoginFailure("addr:1"); }));
  EXPECT_FALSE(*(*store)->ReadLoginFailure("addr:1"));
}

TEST_P(StoreConformance, RoundTripsMeasuresAndSnapshots) {
  auto store = Open();
  ASSERT_TRUE(store);
  Measure m{.district_id = "altona",
            .day = CivilDay(2026, 11, 3),
            .title = "Samstagsöffnung",
            .text = "Zusätzliche Termine am Samstag",
            .status = MeasureStatus::kDone,
            .actor = "Leitstelle",
            .updated_at = absl::FromUnixSeconds(1'800'000'000)};
  const std::vector<SlotSnapshot> slots = {
      {CivilDay(2026, 11, 3), "kz-altona", "personalausweis", 12},
      {CivilDay(2026, 11, 3), "kz-altona", "reisepass", std::nullopt}};
  const std::vector<WindowSnapshot> windows = {{CivilDay(2026, 11, 3), "kz-altona", 10, 9, 8, 10}};
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.PutMeasure(m);
    if (!id) return std::unexpected(id.error());
    m.id = *id;
    // Written twice: a second snapshot the same morning replaces the first.
    if (auto r = tx.PutSlotSnapshots(CivilDay(2026, 11, 3), slots); !r) return r;
    if (auto r = tx.PutSlotSnapshots(CivilDay(2026, 11, 3), slots); !r) return r;
    return tx.PutWindowSnapshots(CivilDay(2026, 11, 3), windows);
  }));
  EXPECT_EQ(*(*store)->ReadMeasures(), std::vector<Measure>{m});
  EXPECT_EQ(*(*store)->ReadSlotSnapshots(CivilDay(2026, 11, 1), CivilDay(2026, 11, 30)), slots);
  EXPECT_TRUE((*store)->ReadSlotSnapshots(CivilDay(2026, 11, 4), CivilDay(2026, 11, 30))->empty());
  EXPECT_EQ(*(*store)->ReadWindowSnapshots(CivilDay(2026, 11, 3), CivilDay(2026, 11, 3)), windows);
}

TEST_P(StoreConformance, OutboxMessagesRoundTripAndOnlyPendingOnesChange) {
  auto store = Open();
  ASSERT_TRUE(store);
  const absl::Time t = absl::FromUnixSeconds(1'800'000'000);
  OutboxMessage m{.subject = AppointmentSubject(42),
                  .kind = MessageKind::kReminder,
                  .channel = MessageChannel::kSms,
                  .recipient = "+491701234567",
                  .language = "en",
                  .due_at = t,
                  .next_attempt_at = t,
                  .created_at = t - absl::Hours(1)};
  auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.InsertOutboxMessage(m);
    if (!id) return std::unexpected(id.error());
    m.id = *id;
    return tx.PutOutboxSecret(AppointmentSubject(42), "sealed");
  });
  ASSERT_TRUE(ok) << ok.error().message;
  auto all = (*store)->ReadMessagesOf(AppointmentSubject(42));
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front(), m);
  EXPECT_TRUE((*store)->ReadDueMessages(MessageChannel::kSms, t - absl::Seconds(1), 10)->empty());
  EXPECT_TRUE((*store)->ReadDueMessages(MessageChannel::kEmail, t, 10)->empty());
  EXPECT_EQ((*store)->ReadDueMessages(MessageChannel::kSms, t, 10)->size(), 1u);

  m.status = MessageStatus::kSent;
  m.sent_at = t;
  m.attempts = 1;
  m.recipient.clear();
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) { return tx.UpdateOutboxMessage(m); }));
  EXPECT_EQ((*store)->ReadMessagesOf(AppointmentSubject(42))->front(), m);
  auto again = (*store)->Write([&](WriteTx& tx) { return tx.UpdateOutboxMessage(m); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_TRUE((*store)->ReadDueMessages(MessageChannel::kSms, t, 10)->empty());

  std::optional<std::string> sealed;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto s = tx.FindOutboxSecret(AppointmentSubject(42));
    if (!s) return std::unexpected(s.error());
    sealed = *s;
    return tx.DeleteOutboxSecret(AppointmentSubject(42));
  }));
  EXPECT_EQ(sealed, "sealed");
}

// Two stores on one database are two server nodes: they race for the same staff time and the
// database lets exactly one win; every loser sees kConflict.
TEST_P(StoreConformance, TwoNodesRacingForOneSlotBookItOnce) {
  auto node_a = Open();
  ASSERT_TRUE(node_a) << node_a.error().message;
  ASSERT_TRUE(WriteSample(**node_a));
  auto node_b = Open();
  ASSERT_TRUE(node_b) << node_b.error().message;
  std::atomic<int> won = 0;
  std::atomic<int> conflicts = 0;
  std::atomic<int> other = 0;
  std::vector<std::thread> clients;
  clients.reserve(16);
  for (int i = 0; i < 16; ++i) {
    clients.emplace_back([&, i] {
      Store& node = i % 2 == 0 ? **node_a : **node_b;
      // Overlapping, not identical: 470-490, 480-500 and 490-510 all contain minute 485..490.
      const int begin = 470 + 10 * (i % 3);
      auto r = node.Write([&](WriteTx& tx) -> Result<void> {
        auto id = tx.InsertAppointment(
            SampleAppointment("RACE-" + std::to_string(i), begin, AppointmentStatus::kConfirmed));
        if (!id) return std::unexpected(id.error());
        return {};
      });
      if (r) {
        ++won;
      } else if (r.error().code == ErrorCode::kConflict) {
        ++conflicts;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(other.load(), 0);
  auto booked = (*node_b)->ReadAppointmentsOn(CivilDay(2026, 12, 2));
  ASSERT_TRUE(booked);
  // Whatever won, no two stored rows overlap, and every success is stored.
  ASSERT_EQ(booked->size(), static_cast<std::size_t>(won.load()));
  EXPECT_EQ(won.load() + conflicts.load(), 16);
  for (std::size_t i = 0; i < booked->size(); ++i) {
    for (std::size_t j = i + 1; j < booked->size(); ++j) {
      EXPECT_FALSE((*booked)[i].time.begin < (*booked)[j].time.end &&
                   (*booked)[j].time.begin < (*booked)[i].time.end);
    }
  }
  EXPECT_GE(won.load(), 1);
}

// Touching appointments do not overlap; moving one onto another is refused like inserting it.
TEST_P(StoreConformance, AdjacentAppointmentsFitAndAnUpdateCannotCreateAnOverlap) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(WriteSample(**store));
  Appointment first = SampleAppointment("ADJ-0001", 480, AppointmentStatus::kConfirmed);
  Appointment second = SampleAppointment("ADJ-0002", 500, AppointmentStatus::kHeld);
  auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto a = tx.InsertAppointment(first);
    if (!a) return std::unexpected(a.error());
    first.id = *a;
    auto b = tx.InsertAppointment(second);
    if (!b) return std::unexpected(b.error());
    second.id = *b;
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
  Appointment moved = SampleAppointment("ADJ-0002", 490, AppointmentStatus::kHeld);
  moved.id = second.id;
  auto clash = (*store)->Write([&](WriteTx& tx) { return tx.UpdateAppointment(moved); });
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  // Once the first is cancelled its time is free for the move.
  first.status = AppointmentStatus::kCancelled;
  auto freed = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    if (auto r = tx.UpdateAppointment(first); !r) return r;
    return tx.UpdateAppointment(moved);
  });
  EXPECT_TRUE(freed) << freed.error().message;
  auto read = (*store)->FindAppointmentByCode("ADJ-0002");
  ASSERT_TRUE(read && *read);
  EXPECT_EQ(**read, moved);
}

// The confirmation's check and change are one statement: it takes only a hold that is still
// held, has not expired and whose token hash is the one given, changes nothing otherwise, and
// returns the confirmed row.
TEST_P(StoreConformance, ConfirmHoldTakesOnlyAnOpenHoldWithItsToken) {
  auto store = Open();
  ASSERT_TRUE(WriteSample(**store));
  Appointment hold = SampleAppointment("OPEN-0001", 480, AppointmentStatus::kHeld);
  hold.contact = {};
  hold.contact_key = "";
  auto inserted = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.InsertAppointment(hold);
    if (!id) return std::unexpected(id.error());
    hold.id = *id;
    return {};
  });
  ASSERT_TRUE(inserted) << inserted.error().message;
  HoldConfirmation c{.code = hold.code,
                     .token_hash = hold.token_hash,
                     .contact = {"Max", "max@example.org", "+49 40 1234", "en"},
                     .contact_key = "email:max@example.org",
                     .phone_key = "+49401234",
                     .at = hold.hold_expires_at - absl::Seconds(1)};
  auto confirm = [&](const HoldConfirmation& attempt) {
    std::optional<Appointment> out;
    auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
      auto r = tx.ConfirmHold(attempt);
      if (!r) return std::unexpected(r.error());
      out = *r;
      return {};
    });
    EXPECT_TRUE(ok) << ok.error().message;
    return out;
  };

  HoldConfirmation wrong_token = c;
  wrong_token.token_hash = "not-the-hash";
  EXPECT_FALSE(confirm(wrong_token));
  HoldConfirmation too_late = c;
  too_late.at = hold.hold_expires_at;
  EXPECT_FALSE(confirm(too_late)) << "a hold ends at its expiry";
  HoldConfirmation unknown = c;
  unknown.code = "NONE-0000";
  EXPECT_FALSE(confirm(unknown));
  EXPECT_EQ(**(*store)->FindAppointmentByCode(hold.code), hold) << "the refusals changed nothing";

  const std::optional<Appointment> confirmed = confirm(c);
  ASSERT_TRUE(confirmed);
  Appointment expected = hold;
  expected.status = AppointmentStatus::kConfirmed;
  expected.contact = c.contact;
  expected.contact_key = c.contact_key;
  expected.phone_key = c.phone_key;
  expected.created_at = expected.updated_at = c.at;
  EXPECT_EQ(*confirmed, expected);
  EXPECT_EQ(**(*store)->FindAppointmentByCode(hold.code), expected);
  EXPECT_FALSE(confirm(c)) << "a confirmed booking is no hold any more";
}

// What the per-person limit compares with: the services of the contact's other appointments that
// are confirmed or checked in and still ahead, one entry per appointment that books them.
TEST_P(StoreConformance, OpenServicesOfListsOnlyTheContactsOtherOpenAppointments) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(WriteSample(**store));
  std::vector<Appointment> rows = {
      SampleAppointment("MINE-0001", 480, AppointmentStatus::kConfirmed),  // the new booking
      SampleAppointment("MINE-0002", 520, AppointmentStatus::kConfirmed),
      SampleAppointment("MINE-0003", 560, AppointmentStatus::kCheckedIn),
      SampleAppointment("MINE-0004", 600, AppointmentStatus::kCancelled),
      SampleAppointment("MINE-0005", 640, AppointmentStatus::kHeld),
      SampleAppointment("MINE-0006", 680, AppointmentStatus::kConfirmed),  // in the past
      SampleAppointment("THEM-0001", 720, AppointmentStatus::kConfirmed),  // someone else
  };
  rows[2].service_ids = {"personalausweis"};
  rows[5].start = absl::FromUnixSeconds(1796000000);
  rows[5].end = rows[5].start + absl::Minutes(20);
  rows[6].contact_key = "email:other@example.org";
  auto written = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    for (Appointment& a : rows) {
      auto id = tx.InsertAppointment(a);
      if (!id) return std::unexpected(id.error());
      a.id = *id;
    }
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
  const absl::Time now = absl::FromUnixSeconds(1796100000);
  auto services_of = [&](std::string_view key, std::int64_t except) {
    std::vector<std::string> out;
    auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
      auto r = tx.OpenServicesOf(key, now, except);
      if (!r) return std::unexpected(r.error());
      out = std::move(*r);
      return {};
    });
    EXPECT_TRUE(ok) << ok.error().message;
    std::ranges::sort(out);
    return out;
  };
  EXPECT_EQ(services_of("email:e@example.org", rows[0].id),
            (std::vector<std::string>{"anmeldung", "fuehrungszeugnis", "personalausweis"}));
  EXPECT_EQ(services_of("email:e@example.org", 0),
            (std::vector<std::string>{"anmeldung", "anmeldung", "fuehrungszeugnis",
                                      "fuehrungszeugnis", "personalausweis"}));
  EXPECT_EQ(services_of("email:other@example.org", rows[0].id),
            (std::vector<std::string>{"anmeldung", "fuehrungszeugnis"}));
  EXPECT_TRUE(services_of("email:nobody@example.org", 0).empty());
  EXPECT_TRUE(services_of("", 0).empty()) << "an empty key is no contact";
}

// A row that occupied a staff time before and after an update (held -> confirmed -> checked in)
// is let through without the overlap check (SQLite's migration 11); every update that brings a
// row onto occupied time is still refused: a moved time, another staff member or day, a
// cancelled row taken up again, and raw SQL that sets only one of the columns.
TEST_P(StoreConformance, OnlyAnUpdateKeepingItsOccupiedTimeSkipsTheOverlapCheck) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(WriteSample(**store));
  Appointment booked = SampleAppointment("KEEP-0001", 480, AppointmentStatus::kConfirmed);
  Appointment held = SampleAppointment("KEEP-0002", 520, AppointmentStatus::kHeld);
  Appointment cancelled = SampleAppointment("KEEP-0003", 485, AppointmentStatus::kCancelled);
  Appointment colleague = SampleAppointment("KEEP-0004", 480, AppointmentStatus::kHeld);
  colleague.staff_id = "st-0002";
  Appointment next_day = SampleAppointment("KEEP-0005", 480, AppointmentStatus::kHeld);
  next_day.day = CivilDay(2026, 12, 3);
  next_day.start += absl::Hours(24);
  next_day.end += absl::Hours(24);
  auto inserted = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    for (Appointment* a : {&booked, &held, &cancelled, &colleague, &next_day}) {
      auto id = tx.InsertAppointment(*a);
      if (!id) return std::unexpected(id.error());
      a->id = *id;
    }
    return {};
  });
  ASSERT_TRUE(inserted) << inserted.error().message;
  auto write = [&](const Appointment& a) {
    return (*store)->Write([&](WriteTx& tx) { return tx.UpdateAppointment(a); });
  };

  // Held -> confirmed -> checked in on the same time: allowed, by either statement.
  held.status = AppointmentStatus::kConfirmed;
  held.contact = {"Max", "max@example.org", "+49 40 1234", "en"};
  held.contact_key = "email:max@example.org";
  held.phone_key = "+49401234";
  held.created_at = held.updated_at = held.hold_expires_at - absl::Minutes(1);
  auto confirmed = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto c = tx.ConfirmHold({.code = held.code,
                             .token_hash = held.token_hash,
                             .contact = held.contact,
                             .contact_key = held.contact_key,
                             .phone_key = held.phone_key,
                             .at = held.created_at});
    if (!c) return std::unexpected(c.error());
    if (!*c) return Fail(ErrorCode::kNotFound, "the hold was not confirmed");
    return {};
  });
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(**(*store)->FindAppointmentByCode("KEEP-0002"), held) << "every confirmed field kept";
  held.status = AppointmentStatus::kCheckedIn;
  ASSERT_TRUE(write(held));

  Appointment moved = held;
  moved.time = {490, 510};
  moved.start = absl::FromUnixSeconds(1796200000 + 490 * 60);
  moved.end = moved.start + absl::Minutes(20);
  Appointment revived = cancelled;
  revived.status = AppointmentStatus::kConfirmed;
  Appointment switched = colleague;
  switched.staff_id = booked.staff_id;
  Appointment redated = SampleAppointment("KEEP-0005", 480, AppointmentStatus::kHeld);
  redated.id = next_day.id;
  for (const Appointment& a : {moved, revived, switched, redated}) {
    auto clash = write(a);
    ASSERT_FALSE(clash) << a.code;
    EXPECT_EQ(clash.error().code, ErrorCode::kConflict) << a.code;
  }
  // Raw statements that set one occupancy column at a time (SQLite fires the trigger for the
  // columns a statement sets; PostgreSQL checks the constraint's index entry).
  for (const std::string sql : {
           "UPDATE appointments SET begin_min = 490, start_us = start_us - 1800000000 "
           "WHERE code = 'KEEP-0002'",
           "UPDATE appointments SET status = 'held' WHERE code = 'KEEP-0003'",
           "UPDATE appointments SET staff_id = 'st-0001' WHERE code = 'KEEP-0004'",
       }) {
    EXPECT_FALSE(backend_->Exec(sql)) << sql;
  }
  EXPECT_TRUE(
      backend_->Exec("UPDATE appointments SET contact_name = 'E.' WHERE code = 'KEEP-0001'"));
  ASSERT_TRUE(
      backend_->Exec("UPDATE appointments SET status = 'cancelled' WHERE code = 'KEEP-0001'"));
  // Its time is free now: the same statement goes through.
  EXPECT_TRUE(backend_->Exec("UPDATE appointments SET status = 'held' WHERE code = 'KEEP-0003'"));

  auto overlapping = backend_->QueryInt(
      "SELECT count(*) FROM appointments a JOIN appointments b ON a.id < b.id "
      "AND a.staff_id = b.staff_id AND a.day = b.day AND a.begin_min < b.end_min "
      "AND b.begin_min < a.end_min "
      "WHERE a.status IN ('held', 'confirmed', 'checked_in', 'called') "
      "AND b.status IN ('held', 'confirmed', 'checked_in', 'called')");
  ASSERT_TRUE(overlapping) << overlapping.error().message;
  EXPECT_EQ(*overlapping, 0);
}

// Rows written with their own ids (a roster import) and rows given new ids never collide.
TEST_P(StoreConformance, NewIdsNeverCollideWithExplicitOnes) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(WriteSample(**store));  // shifts 7, 8, 9
  std::set<std::int64_t> ids = {7, 8, 9};
  auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    for (int i = 0; i < 12; ++i) {
      Shift s = SampleRoster().shifts[1];
      s.id = 0;
      s.day = CivilDay(2027, 1, 4) + i;
      auto id = tx.PutShift(s);
      if (!id) return std::unexpected(id.error());
      if (!ids.insert(*id).second) return Fail(ErrorCode::kInternal, "id {} twice", *id);
    }
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(CountRows("shifts"), 15);
  auto roster = (*store)->ReadRoster(CivilDay(2026, 12, 1), CivilDay(2027, 1, 31));
  ASSERT_TRUE(roster);
  EXPECT_EQ(roster->shifts.size(), 15u);
}

// The change feed's version counts committed changes other nodes must hear of, and a feed
// learns each new version from its notification (its own store's too). SQLite has no feed.
TEST_P(StoreConformance, ChangeFeedVersionCountsCommittedChangesOnly) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(WriteSample(**store));
  auto start = ChangeVersion(**store);
  ASSERT_TRUE(start) << start.error().message;
  auto feed = ListenForChanges(**store);
  ASSERT_TRUE(feed) << feed.error().message;
  if (*feed == nullptr) {
    EXPECT_EQ(*start, 0);
    return;
  }
  EXPECT_EQ((*feed)->Version(), *start);
  auto other = Open();  // a second node on the same database
  ASSERT_TRUE(other) << other.error().message;
  auto add_shift = [](int offset) {
    return [offset](WriteTx& tx) -> Result<void> {
      Shift s = SampleRoster().shifts[1];
      s.id = 0;
      s.day = CivilDay(2027, 2, 1) + offset;
      auto id = tx.PutShift(s);
      if (!id) return std::unexpected(id.error());
      return {};
    };
  };
  // Nothing committed, or nothing a node's index is built from: the version stays.
  ASSERT_FALSE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    if (auto ok = add_shift(0)(tx); !ok) return ok;
    return Fail(ErrorCode::kConflict, "rolled back");
  }));
  ASSERT_TRUE((*store)->Write([](WriteTx& tx) { return tx.PutSetting("k", "v"); }));
  EXPECT_EQ(*ChangeVersion(**store), *start);
  // One group commit is one version, however many of its commands changed something.
  const std::vector<WriteFn> group = {add_shift(1), add_shift(2)};
  ASSERT_TRUE((*store)->WriteGroup(group));
  EXPECT_EQ(*ChangeVersion(**store), *start + 1);
  ASSERT_TRUE((*other)->Write(add_shift(3)));
  EXPECT_EQ(*ChangeVersion(**store), *start + 2);

  // The feed hears both: its own store's change does not count as another node's.
  bool from_other = false;
  for (int i = 0; i < 200 && (*feed)->Version() < *start + 2; ++i) {
    pollfd p{(*feed)->Socket(), POLLIN, 0};
    poll(&p, 1, 50);
    auto changed = (*feed)->Drain();
    ASSERT_TRUE(changed) << changed.error().message;
    from_other = from_other || changed->index;
    EXPECT_TRUE(changed->queues.empty());
  }
  EXPECT_EQ((*feed)->Version(), *start + 2);
  EXPECT_TRUE(from_other);
  // A feed that starts now knows the version without a notification.
  auto later = ListenForChanges(**store);
  ASSERT_TRUE(later && *later);
  EXPECT_EQ((*later)->Version(), *start + 2);
}

// A centre opened at runtime on another node (an interim location) reaches this node's feed as a
// catalogue change, so it reloads its catalogue without a restart.
TEST_P(StoreConformance, ChangeFeedAnnouncesCatalogueChangesOfOtherNodes) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(WriteSample(**store));
  auto feed = ListenForChanges(**store);
  ASSERT_TRUE(feed) << feed.error().message;
  if (*feed == nullptr) return;  // one writing process: nothing to hear
  const std::int64_t start = (*feed)->Version();
  auto other = Open();
  ASSERT_TRUE(other) << other.error().message;
  Location interim = SampleCatalog().locations.front();
  interim.id = "kz-interim";
  interim.name = "Interimsstandort";
  ASSERT_TRUE((*other)->Write([&](WriteTx& tx) { return tx.PutLocation(interim); }));
  EXPECT_EQ(*ChangeVersion(**store), start + 1);
  Changes heard;
  for (int i = 0; i < 200 && (*feed)->Version() < start + 1; ++i) {
    pollfd p{(*feed)->Socket(), POLLIN, 0};
    poll(&p, 1, 50);
    auto changed = (*feed)->Drain();
    ASSERT_TRUE(changed) << changed.error().message;
    heard.Merge(*changed);
  }
  EXPECT_TRUE(heard.catalog);
  EXPECT_FALSE(heard.index) << "no booking or roster changed";
  EXPECT_TRUE(Changes::Everything().catalog) << "a node that missed notifications reloads it too";
}

// A location's queue lock: two processes changing one queue take turns, and each reads the queue
// as the other left it. SQLite has only one writing process and reads nothing.
TEST_P(StoreConformance, QueueLockSerialisesOneLocationAndReadsItsRows) {
  auto store = Open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(WriteSample(**store));
  const auto catalog = (*store)->ReadCatalog();
  ASSERT_TRUE(catalog && !catalog->locations.empty());
  const std::string here = catalog->locations.at(0).id;
  Location second = catalog->locations.at(0);
  second.id = "kz-second";
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) { return tx.PutLocation(second); }));
  const std::string there = second.id;
  const CivilDay day(2026, 12, 2);
  auto ticket = [&](const std::string& location, CivilDay on, int number) {
    return Ticket{.location_id = location,
                  .day = on,
                  .queue = QueueClass::kWalkIn,
                  .number = number,
                  .service_ids = {"a"},
                  .issued_at = absl::FromUnixSeconds(1'796'000'000),
                  .queued_at = absl::FromUnixSeconds(1'796'000'000),
                  .token_hash = "t"};
  };
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    for (const Ticket& t :
         {ticket(here, day, 1), ticket(there, day, 1), ticket(here, day + 1, 1)}) {
      if (auto id = tx.InsertTicket(t); !id) return std::unexpected(id.error());
    }
    return tx.PutCounter({.location_id = there, .name = "1", .updated_at = absl::UnixEpoch()});
  }));
  auto other = Open();  // a second node
  ASSERT_TRUE(other);

  std::atomic<bool> locked = false;
  std::optional<std::optional<QueueRows>> first_saw;  // outer: whether it ran
  std::thread first([&] {
    auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
      auto rows = tx.LockQueue(here, day);
      if (!rows) return std::unexpected(rows.error());
      first_saw = *rows;
      locked = true;
      // The other node asks for the lock meanwhile and must wait for this commit.
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      auto id = tx.InsertTicket(ticket(here, day, 2));
      if (!id) return std::unexpected(id.error());
      return {};
    });
    EXPECT_TRUE(ok) << ok.error().message;
  });
  while (!locked) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::optional<std::optional<QueueRows>> second_saw;
  auto ok = (*other)->Write([&](WriteTx& tx) -> Result<void> {
    auto rows = tx.LockQueue(here, day);
    if (!rows) return std::unexpected(rows.error());
    second_saw = *rows;
    return {};
  });
  first.join();
  ASSERT_TRUE(ok) << ok.error().message;
  ASSERT_TRUE(first_saw.has_value());
  if (!first_saw->has_value()) {  // SQLite
    EXPECT_FALSE(second_saw->has_value());
    return;
  }
  ASSERT_EQ((*first_saw)->tickets.size(), 1u);
  EXPECT_EQ((*first_saw)->tickets[0].location_id, here);
  EXPECT_EQ((*first_saw)->tickets[0].day, day);
  EXPECT_TRUE((*first_saw)->counters.empty());
  ASSERT_TRUE(second_saw->has_value());
  ASSERT_EQ((*second_saw)->tickets.size(), 2u) << "the second node read before the first committed";
  EXPECT_EQ((*second_saw)->tickets[1].number, 2);
}

// Data protection through the interface: contact details of past days go, the rows stay.
TEST_P(StoreConformance, ForgettingPersonalDataClearsContactsAndOldIdempotencyKeys) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(WriteSample(**store));
  const absl::Time t0 = absl::FromUnixSeconds(1'796'000'000);
  ForgottenCounts counts;
  auto ok = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id =
        tx.InsertAppointment(SampleAppointment("OLD-0001", 480, AppointmentStatus::kConfirmed));
    if (!id) return std::unexpected(id.error());
    if (auto r = tx.PutIdempotency({"hold:k", "fp", "OLD-0001", "tok", t0}); !r) return r;
    auto forgotten = tx.ForgetPersonalData(CivilDay(2026, 12, 3), t0 + absl::Seconds(1));
    if (!forgotten) return std::unexpected(forgotten.error());
    counts = *forgotten;
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(counts.appointments, 1);
  EXPECT_EQ(counts.idempotency_keys, 1);
  auto a = (*store)->FindAppointmentByCode("OLD-0001");
  ASSERT_TRUE(a && *a);
  EXPECT_EQ((*a)->contact.email, "");
  EXPECT_EQ((*a)->contact_key, "");
  EXPECT_FALSE((*a)->move_in_date);
  EXPECT_FALSE(*(*store)->ReadIdempotency("hold:k"));
}

// A case with one event and one binary document (every byte value, NUL included).
Result<std::int64_t> WriteSampleCase(WriteTx& tx, const std::string& code, absl::Time at) {
  auto id = tx.InsertCase({.code = code,
                           .token_hash = "hash-" + code,
                           .service_id = "meldebescheinigung",
                           .language = "en",
                           .answers_json = R"({"name":"Jana Peters"})",
                           .created_at = at,
                           .updated_at = at});
  if (!id) return id;
  auto e = tx.AppendCaseEvent(
      {.case_id = *id, .at = at, .to = CaseStatus::kReceived, .actor = "citizen", .note = "n"});
  if (!e) return std::unexpected(e.error());
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes.push_back(static_cast<char>(b));
  auto d = tx.InsertCaseDocument({.case_id = *id,
                                  .number = 1,
                                  .requirement_id = "passport",
                                  .file_name = "scan.pdf",
                                  .content_type = "application/pdf",
                                  .size = 256,
                                  .data = bytes});
  if (!d) return std::unexpected(d.error());
  return id;
}

TEST_P(StoreConformance, OnlineCasesRoundTripWithBinaryDocumentsAndAreForgotten) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  const absl::Time t0 = absl::FromUnixSeconds(1'796'000'000);
  std::int64_t first = 0;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto a = WriteSampleCase(tx, "CASE-0001", t0);
    if (!a) return std::unexpected(a.error());
    first = *a;
    auto b = WriteSampleCase(tx, "CASE-0002", t0 + absl::Minutes(1));
    if (!b) return std::unexpected(b.error());
    return {};
  }));
  auto duplicate = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto again = WriteSampleCase(tx, "CASE-0001", t0);
    if (!again) return std::unexpected(again.error());
    return {};
  });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);

  auto found = (*store)->FindCaseByCode("CASE-0001");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->answers_json, R"({"name":"Jana Peters"})");
  EXPECT_EQ((*found)->created_at, t0);
  auto document = (*store)->ReadCaseDocument(first, 1);
  ASSERT_TRUE(document && *document) << (document ? "none" : document.error().message);
  ASSERT_EQ((*document)->data.size(), 256u);
  EXPECT_EQ(static_cast<unsigned char>((*document)->data[0]), 0u);
  EXPECT_EQ(static_cast<unsigned char>((*document)->data[255]), 255u);
  auto listed = (*store)->ReadCaseDocuments(first);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE(listed->front().data.empty());
  EXPECT_EQ(listed->front().size, 256);

  OnlineCase done = **found;
  done.status = CaseStatus::kDone;
  done.assignee = "Back office";
  done.closed_at = t0 + absl::Hours(1);
  done.updated_at = *done.closed_at;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) { return tx.UpdateCase(done); }));
  auto open = (*store)->ReadCases({.statuses = {CaseStatus::kReceived}});
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().code, "CASE-0002");
  auto all = (*store)->ReadCases({});
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().code, "CASE-0001");  // oldest first

  int forgotten = -1;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto n = tx.ForgetClosedCases(t0 + absl::Hours(2));
    if (!n) return std::unexpected(n.error());
    forgotten = *n;
    return {};
  }));
  EXPECT_EQ(forgotten, 1);
  auto cleared = (*store)->FindCaseByCode("CASE-0001");
  EXPECT_TRUE((*cleared)->forgotten);
  EXPECT_EQ((*cleared)->answers_json, "{}");
  EXPECT_TRUE((*store)->ReadCaseDocuments(first)->empty());
  EXPECT_EQ((*store)->ReadCaseEvents(first)->front().note, "");
  EXPECT_EQ((*(*store)->FindCaseByCode("CASE-0002"))->answers_json, R"({"name":"Jana Peters"})");
}

// Messages about an online case sit beside an appointment's with the same id without mixing: each
// subject has its own rows and its own sealed token. A message written with a case's status change
// commits or rolls back with it, and forgetting the closed case forgets its address and token.
TEST_P(StoreConformance, OutboxRowsBelongToTheirSubjectAndCommitWithTheCaseChange) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  const absl::Time t0 = absl::FromUnixSeconds(1'796'000'000);
  std::int64_t id = 0;
  auto message = [&](MessageSubject subject, MessageKind kind, absl::Time at) {
    return OutboxMessage{.subject = subject,
                         .kind = kind,
                         .recipient = "jana@example.org",
                         .language = "en",
                         .due_at = at,
                         .next_attempt_at = at,
                         .created_at = at};
  };
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto c = WriteSampleCase(tx, "CASE-0101", t0);
    if (!c) return std::unexpected(c.error());
    id = *c;
    auto m = tx.InsertOutboxMessage(message(CaseSubject(id), MessageKind::kCaseReceived, t0));
    if (!m) return std::unexpected(m.error());
    if (auto ok = tx.PutOutboxSecret(CaseSubject(id), "case-sealed"); !ok) return ok;
    // An appointment that happens to have the case's id.
    auto a = tx.InsertOutboxMessage(message(AppointmentSubject(id), MessageKind::kReminder, t0));
    if (!a) return std::unexpected(a.error());
    return tx.PutOutboxSecret(AppointmentSubject(id), "appointment-sealed");
  }));
  auto of_case = (*store)->ReadMessagesOf(CaseSubject(id));
  ASSERT_TRUE(of_case) << of_case.error().message;
  ASSERT_EQ(of_case->size(), 1u);
  EXPECT_EQ(of_case->front().subject, CaseSubject(id));
  EXPECT_EQ(of_case->front().kind, MessageKind::kCaseReceived);
  auto of_appointment = (*store)->ReadMessagesOf(AppointmentSubject(id));
  ASSERT_EQ(of_appointment->size(), 1u);
  EXPECT_EQ(of_appointment->front().kind, MessageKind::kReminder);
  EXPECT_EQ((*store)->ReadDueMessages(MessageChannel::kEmail, t0, 10)->size(), 2u);

  // The question and its message: one transaction, rolled back as one.
  auto ask = [&](bool fail) {
    return (*store)->Write([&](WriteTx& tx) -> Result<void> {
      auto found = tx.FindCaseById(id);
      if (!found) return std::unexpected(found.error());
      if (!*found) return Fail(ErrorCode::kNotFound, "case {} not found by id", id);
      OnlineCase c = **found;
      c.status = CaseStatus::kWaitingForCitizen;
      c.updated_at = t0 + absl::Minutes(5);
      if (auto ok = tx.UpdateCase(c); !ok) return ok;
      auto m = tx.InsertOutboxMessage(
          message(CaseSubject(id), MessageKind::kCaseQuestion, t0 + absl::Minutes(5)));
      if (!m) return std::unexpected(m.error());
      auto pending = tx.PendingMessagesOf(CaseSubject(id));
      if (!pending) return std::unexpected(pending.error());
      if (pending->size() != 2) return Fail(ErrorCode::kInternal, "{} pending", pending->size());
      if (fail) return Fail(ErrorCode::kConflict, "rolled back");
      return {};
    });
  };
  ASSERT_FALSE(ask(true));
  EXPECT_EQ((*store)->ReadMessagesOf(CaseSubject(id))->size(), 1u);
  EXPECT_EQ((*(*store)->FindCaseByCode("CASE-0101"))->status, CaseStatus::kReceived);
  auto asked = ask(false);
  ASSERT_TRUE(asked) << asked.error().message;
  EXPECT_EQ((*store)->ReadMessagesOf(CaseSubject(id))->size(), 2u);
  EXPECT_EQ((*(*store)->FindCaseByCode("CASE-0101"))->status, CaseStatus::kWaitingForCitizen);

  std::optional<std::string> case_sealed, appointment_sealed;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto a = tx.FindOutboxSecret(CaseSubject(id));
    auto b = tx.FindOutboxSecret(AppointmentSubject(id));
    if (!a || !b) return Fail(ErrorCode::kInternal, "secret not read");
    case_sealed = *a;
    appointment_sealed = *b;
    return {};
  }));
  EXPECT_EQ(case_sealed, "case-sealed");
  EXPECT_EQ(appointment_sealed, "appointment-sealed");

  // Closed and forgotten: the case's messages lose their address (pending ones are dropped) and
  // its token goes; the appointment's are untouched.
  OnlineCase done = **(*store)->FindCaseByCode("CASE-0101");
  done.status = CaseStatus::kDone;
  done.closed_at = t0 + absl::Hours(1);
  done.updated_at = *done.closed_at;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) { return tx.UpdateCase(done); }));
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto n = tx.ForgetClosedCases(t0 + absl::Hours(2));
    if (!n) return std::unexpected(n.error());
    return {};
  }));
  auto forgotten = (*store)->ReadMessagesOf(CaseSubject(id));
  ASSERT_TRUE(forgotten) << forgotten.error().message;
  ASSERT_EQ(forgotten->size(), 2u);
  for (const OutboxMessage& m : *forgotten) {
    EXPECT_EQ(m.recipient, "");
    EXPECT_EQ(m.status, MessageStatus::kDropped);
  }
  EXPECT_EQ((*store)->ReadMessagesOf(AppointmentSubject(id))->front().recipient,
            "jana@example.org");
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto a = tx.FindOutboxSecret(CaseSubject(id));
    auto b = tx.FindOutboxSecret(AppointmentSubject(id));
    if (!a || !b) return Fail(ErrorCode::kInternal, "secret not read");
    case_sealed = *a;
    appointment_sealed = *b;
    return {};
  }));
  EXPECT_FALSE(case_sealed);
  EXPECT_EQ(appointment_sealed, "appointment-sealed");
}

TEST_P(StoreConformance, WaitlistEntriesRoundTripInOrderOfArrival) {
  auto store = Open();
  ASSERT_TRUE(store) << store.error().message;
  const absl::Time t0 = absl::FromUnixSeconds(1'796'000'000);
  WaitlistEntry first{.code = "W-0001",
                      .token_hash = "h1",
                      .service_ids = {"anmeldung", "reisepass"},
                      .district_ids = {"altona"},
                      .windows = 5,
                      .latest = CivilDay(2026, 12, 20),
                      .move_in_date = CivilDay(2026, 12, 1),
                      .contact = {.name = "Jana Peters", .email = "jana@example.org"},
                      .contact_key = "jana@example.org",
                      .created_at = t0,
                      .updated_at = t0};
  WaitlistEntry second = first;
  second.code = "W-0002";
  second.move_in_date.reset();
  second.location_ids = {"kz-harburg"};
  second.district_ids.clear();
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    for (WaitlistEntry* e : {&first, &second}) {
      auto id = tx.InsertWaitlistEntry(*e);
      if (!id) return std::unexpected(id.error());
      e->id = *id;
    }
    return {};
  }));
  EXPECT_LT(first.id, second.id);
  auto duplicate = (*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.InsertWaitlistEntry(first);
    if (!id) return std::unexpected(id.error());
    return {};
  });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);

  EXPECT_EQ(**(*store)->FindWaitlistEntryByCode("W-0001"), first);
  first.status = WaitlistStatus::kOffered;
  first.offer_appointment_id = 42;
  first.updated_at = t0 + absl::Minutes(5);
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    if (auto ok = tx.UpdateWaitlistEntry(first); !ok) return ok;
    auto by_offer = tx.FindWaitlistEntryByOffer(42);
    if (!by_offer || !*by_offer || (*by_offer)->code != "W-0001") {
      return Fail(ErrorCode::kInternal, "offer not found inside the transaction");
    }
    return {};
  }));
  EXPECT_EQ(**(*store)->FindWaitlistEntryByOffer(42), first);
  EXPECT_FALSE(*(*store)->FindWaitlistEntryByOffer(0));
  second.status = WaitlistStatus::kCancelled;
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) { return tx.UpdateWaitlistEntry(second); }));
  auto open = (*store)->ReadOpenWaitlistEntries();
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front(), first);
  // Retention: an entry whose latest day is long past loses its contact and ends.
  ASSERT_TRUE((*store)->Write([&](WriteTx& tx) -> Result<void> {
    auto n = tx.ForgetPersonalData(CivilDay(2026, 12, 21), t0);
    if (!n) return std::unexpected(n.error());
    return {};
  }));
  auto forgotten = (*store)->FindWaitlistEntryByCode("W-0001");
  ASSERT_TRUE(forgotten && *forgotten);
  EXPECT_EQ((*forgotten)->contact.email, "");
  EXPECT_EQ((*forgotten)->contact_key, "");
  EXPECT_EQ((*forgotten)->status, WaitlistStatus::kExpired);
  EXPECT_TRUE((*store)->ReadOpenWaitlistEntries()->empty());
  WaitlistEntry missing = first;
  missing.id = 999;
  auto none = (*store)->Write([&](WriteTx& tx) { return tx.UpdateWaitlistEntry(missing); });
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
}

// `amtszeit migrate`: a SQLite installation copied into PostgreSQL reads back the same through
// the Store interface, new ids continue after the copied ones, and a second copy is refused.
TEST_P(StoreConformance, ASqliteInstallationCopiesIntoPostgresVerified) {
  if (GetParam().name != "postgresql") GTEST_SKIP() << "the copy's target is PostgreSQL";
  amtszeit::testing::TempDir dir;
  const std::string file = dir.File("source.db");
  auto source = OpenStore(file);
  ASSERT_TRUE(source) << source.error().message;
  ASSERT_TRUE(WriteSample(**source));
  const absl::Time t0 = absl::FromUnixSeconds(1'796'000'000);
  ASSERT_TRUE((*source)->Write([&](WriteTx& tx) -> Result<void> {
    auto id = tx.InsertAppointment(SampleAppointment("COPY-0001", 480, AppointmentStatus::kHeld));
    if (!id) return std::unexpected(id.error());
    auto e = tx.AppendEvent({.appointment_id = *id,
                             .kind = EventKind::kHeld,
                             .at = t0,
                             .location_id = "kz-harburg",
                             .day = CivilDay(2026, 12, 2),
                             .start_minute = 480,
                             .service_ids = {"anmeldung"},
                             .booked_at = t0});
    if (!e) return std::unexpected(e.error());
    auto a = tx.AppendAction({.at = t0, .actor = "Leitstelle", .kind = "shift.added"});
    if (!a) return std::unexpected(a.error());
    auto c = WriteSampleCase(tx, "CASE-COPY", t0);
    if (!c) return std::unexpected(c.error());
    return tx.PutSetting("city", "hamburg");
  }));
  auto copied = CopySqliteToPostgres(file, backend_->Url());
  ASSERT_TRUE(copied) << copied.error().message;
  EXPECT_GT(copied->size(), 20u);
  auto target = Open();
  ASSERT_TRUE(target) << target.error().message;
  EXPECT_EQ(*(*target)->ReadCatalog(), *(*source)->ReadCatalog());
  const CivilDay from(2026, 12, 1);
  const CivilDay to(2027, 12, 31);
  EXPECT_EQ(*(*target)->ReadRoster(from, to), *(*source)->ReadRoster(from, to));
  EXPECT_EQ(*(*target)->ReadAppointments(from), *(*source)->ReadAppointments(from));
  EXPECT_EQ(*(*target)->ReadEvents(0, 100), *(*source)->ReadEvents(0, 100));
  EXPECT_EQ(*(*target)->ReadActions(t0, t0 + absl::Hours(1)),
            *(*source)->ReadActions(t0, t0 + absl::Hours(1)));
  EXPECT_EQ(*(*target)->ReadSetting("city"), std::optional<std::string>("hamburg"));
  auto copied_case = (*target)->FindCaseByCode("CASE-COPY");
  ASSERT_TRUE(copied_case && *copied_case);
  EXPECT_EQ(**copied_case, **(*source)->FindCaseByCode("CASE-COPY"));
  EXPECT_EQ(*(*target)->ReadCaseDocument((*copied_case)->id, 1),
            *(*source)->ReadCaseDocument((*copied_case)->id, 1));
  std::int64_t next_shift = 0;
  ASSERT_TRUE((*target)->Write([&](WriteTx& tx) -> Result<void> {
    Shift s = SampleRoster().shifts[0];
    s.id = 0;
    auto id = tx.PutShift(s);
    if (!id) return std::unexpected(id.error());
    next_shift = *id;
    return {};
  }));
  EXPECT_GT(next_shift, 9);
  auto again = CopySqliteToPostgres(file, backend_->Url());
  ASSERT_FALSE(again);
  EXPECT_EQ(CountRows("appointments"), 1);
}

}  // namespace
}  // namespace amtszeit::store
