#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "amtszeit/store/migrations.h"
#include "amtszeit/store/store.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::store {
namespace {

namespace fs = std::filesystem;
using absl::CivilDay;

using testing::TempDir;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

Catalog SampleCatalog() {
  Catalog c;
  c.districts = {{"altona", "Altona"}, {"harburg", "Harburg"}};
  Location l{.id = "kz-harburg",
             .name = "Kundenzentrum Harburg",
             .district_id = "harburg",
             .address = {"Harburger Rathausforum 3", "21073", "Hamburg"},
             .geo = {53.46, 9.98},
             .status = LocationStatus::kActive,
             .valid_from = CivilDay(2017, 5, 9),
             .counters = 12,
             .note = "estimated counters"};
  for (int d = 0; d < 5; ++d) l.hours.weekly[d] = {{420, 720}, {780, 1140}};
  l.hours.weekly[5] = {{540, 780}};
  l.hours.exceptions = {{CivilDay(2026, 12, 24), {}, "Heiligabend"},
                        {CivilDay(2026, 12, 31), {{480, 720}}, "Silvester"}};
  l.hours.closures = {{CivilDay(2027, 2, 1), CivilDay(2027, 2, 5), "Umzug"}};
  c.locations = {l};
  c.services = {{.id = "anmeldung",
                 .name_de = "Wohnsitz anmelden",
                 .name_en = "Register",
                 .duration_minutes = 15,
                 .legal_deadline_days = 14,
                 .skill = "melde",
                 .leika = "99115001000000",
                 .category = "melde"},
                {.id = "fuehrungszeugnis",
                 .name_de = "Führungszeugnis",
                 .duration_minutes = 10,
                 .needs_presence = false,
                 .online_url = "https://www.fuehrungszeugnis.bund.de",
                 .priority = PriorityRule::kNone,
                 .skill = "auskunft"}};
  return c;
}

Roster SampleRoster() {
  Roster r;
  r.staff = {{.id = "st-0001",
              .display_name = "A",
              .home_district_id = "harburg",
              .home_location_id = "kz-harburg",
              .skills = {"auskunft", "melde"},
              .fte = 0.75}};
  r.shifts = {{.id = 7,
               .staff_id = "st-0001",
               .location_id = "kz-harburg",
               .day = CivilDay(2026, 12, 1),
               .time = {420, 900},
               .mode = ShiftMode::kWalkIn,
               .break_time = TimeRange{720, 750}},
              {.id = 8,
               .staff_id = "st-0001",
               .location_id = "kz-harburg",
               .day = CivilDay(2026, 12, 2),
               .time = {480, 720}},
              {.id = 9,
               .staff_id = "st-0001",
               .location_id = "kz-harburg",
               .day = CivilDay(2026, 12, 5),
               .time = {540, 780},
               .extra_opening = true}};
  r.absences = {{.id = 3,
                 .staff_id = "st-0001",
                 .first = CivilDay(2026, 12, 10),
                 .last = CivilDay(2026, 12, 12),
                 .kind = AbsenceKind::kVacation,
                 .note = "x"}};
  return r;
}

Result<void> WriteSample(Store& store) {
  return store.Write([](WriteTx& tx) -> Result<void> {
    if (auto r = PutCatalog(tx, SampleCatalog()); !r) return r;
    const Roster roster = SampleRoster();
    for (const auto& s : roster.staff) {
      if (auto r = tx.PutStaff(s); !r) return r;
    }
    for (const auto& s : roster.shifts) {
      if (auto r = tx.PutShift(s); !r) return std::unexpected(r.error());
    }
    for (const auto& a : roster.absences) {
      if (auto r = tx.PutAbsence(a); !r) return std::unexpected(r.error());
    }
    return tx.ReplaceSchoolHolidays({{SchoolHolidayKind::kSummer, "Sommerferien",
                                      CivilDay(2027, 7, 1), CivilDay(2027, 8, 11)}});
  });
}

int CountRows(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, ("SELECT count(*) FROM " + table).c_str(), -1, &st, nullptr);
  sqlite3_step(st);
  const int n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

TEST(SqliteStore, RoundTripsCatalogueAndRosterAcrossReopen) {
  TempDir dir;
  {
    auto store = OpenStore(dir.File("a.db"));
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE(WriteSample(**store));
  }
  auto store = OpenStore("sqlite:" + dir.File("a.db"), {.create_if_missing = false});
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ((*store)->SchemaVersion(), LatestSchemaVersion());
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

TEST(SqliteStore, MigrationsAreRecordedOnceAndFilesAreMarked) {
  TempDir dir;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(OpenStore(dir.File("m.db")));
  EXPECT_EQ(CountRows(dir.File("m.db"), "schema_migrations"),
            static_cast<int>(SqliteMigrations().size()));
}

TEST(SqliteStore, WritingTheSameDataTwiceChangesNothing) {
  TempDir dir;
  auto store = OpenStore(dir.File("i.db"));
  ASSERT_TRUE(WriteSample(**store));
  const auto before = (*store)->ReadCatalog();
  ASSERT_TRUE(WriteSample(**store));
  EXPECT_EQ(*(*store)->ReadCatalog(), *before);
  for (std::string table : {"locations", "location_weekly_hours", "location_exceptions",
                            "location_exception_ranges", "shifts", "staff_skills", "absences"}) {
    const int once = CountRows(dir.File("i.db"), table);
    ASSERT_TRUE(WriteSample(**store));
    EXPECT_EQ(CountRows(dir.File("i.db"), table), once) << table;
  }
}

TEST(SqliteStore, FailedWriteRollsBackEverything) {
  TempDir dir;
  auto store = OpenStore(dir.File("r.db"));
  auto failed = (*store)->Write([](WriteTx& tx) -> Result<void> {
    if (auto r = tx.PutDistrict({"altona", "Altona"}); !r) return r;
    return Fail(ErrorCode::kInvalidArgument, "changed my mind");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "changed my mind");
  EXPECT_TRUE((*store)->ReadCatalog()->districts.empty());
}

TEST(SqliteStore, GroupCommitIsolatesEachCommandsFailure) {
  TempDir dir;
  auto store = OpenStore(dir.File("g.db"));
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

TEST(SqliteStore, RefusesAGarbageFileWithoutTouchingIt) {
  TempDir dir;
  const std::string path = dir.File("garbage.db");
  WriteAll(path, std::string(8192, 'x'));
  auto store = OpenStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(store.error().message.find("not modified"), std::string::npos);
  EXPECT_EQ(ReadAll(path), std::string(8192, 'x'));
}

TEST(SqliteStore, RefusesAnotherProgramsDatabaseWithoutTouchingIt) {
  TempDir dir;
  const std::string path = dir.File("other.db");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE songs(title TEXT); INSERT INTO songs VALUES ('x');", nullptr,
               nullptr, nullptr);
  sqlite3_close(db);
  const std::string before = ReadAll(path);
  auto store = OpenStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(store.error().message.find("another program"), std::string::npos);
  EXPECT_EQ(ReadAll(path), before);
}

TEST(SqliteStore, RefusesANewerSchemaWithoutTouchingTheFile) {
  TempDir dir;
  const std::string path = dir.File("newer.db");
  { ASSERT_TRUE(OpenStore(path)); }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA user_version = 99;", nullptr, nullptr,
               nullptr);
  sqlite3_close(db);
  const std::string before = ReadAll(path);
  const auto mtime = fs::last_write_time(path);
  auto store = OpenStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(store.error().message.find("schema version 99"), std::string::npos);
  EXPECT_EQ(ReadAll(path), before);
  EXPECT_EQ(fs::last_write_time(path), mtime);
}

TEST(SqliteStore, TruncatedDatabaseIsAnErrorNotACrash) {
  TempDir dir;
  const std::string path = dir.File("cut.db");
  {
    auto store = OpenStore(path);
    ASSERT_TRUE(WriteSample(**store));
  }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;", nullptr, nullptr,
               nullptr);
  sqlite3_close(db);
  const std::string bytes = ReadAll(path);
  WriteAll(path, bytes.substr(0, bytes.size() / 2));
  auto store = OpenStore(path);
  if (store) {
    EXPECT_FALSE((*store)->ReadCatalog()) << "reading a half file must fail";
  } else {
    EXPECT_EQ(store.error().code, ErrorCode::kDataLoss);
  }
}

TEST(SqliteStore, MissingDirectoryOrFileIsAClearError) {
  TempDir dir;
  auto store = OpenStore(dir.File("nope/x.db"));
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kNotFound);
  auto missing = OpenStore(dir.File("x.db"), {.create_if_missing = false});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir.File("x.db")));
}

Appointment SampleAppointment(std::string code, int begin, AppointmentStatus status) {
  Appointment a;
  a.code = std::move(code);
  a.token_hash = "h";
  a.location_id = "kz-harburg";
  a.staff_id = "st-0001";
  a.day = CivilDay(2026, 12, 2);
  a.time = {begin, begin + 20};
  a.start = absl::FromUnixSeconds(1796200000 + begin * 60);
  a.end = a.start + absl::Minutes(20);
  a.service_ids = {"anmeldung", "fuehrungszeugnis"};
  a.status = status;
  a.contact = {"Erika", "e@example.org", ""};
  a.contact_key = "email:e@example.org";
  a.move_in_date = CivilDay(2026, 11, 30);
  a.created_at = a.updated_at = absl::FromUnixSeconds(1796000000);
  a.hold_expires_at = a.created_at + absl::Minutes(10);
  return a;
}

TEST(SqliteStore, DatabaseRefusesOverlappingAppointmentsOfOneStaffMember) {
  TempDir dir;
  auto store = OpenStore(dir.File("o.db"));
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

TEST(SqliteStore, ReadersRunBesideAWriter) {
  TempDir dir;
  auto store = OpenStore(dir.File("c.db"));
  ASSERT_TRUE(WriteSample(**store));
  std::atomic<bool> stop = false;
  std::atomic<int> read_errors = 0;
  std::vector<std::thread> readers;
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

}  // namespace
}  // namespace amtszeit::store

namespace amtszeit::store {
namespace {

TEST(SqliteStore, RoundTripsTicketsEventsAndCounters) {
  TempDir dir;
  auto store = OpenStore(dir.File("q.db"));
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

}  // namespace
}  // namespace amtszeit::store

namespace amtszeit::store {
namespace {

TEST(SqliteStore, SteeringActionsAreAppendOnly) {
  TempDir dir;
  const std::string path = dir.File("audit.db");
  auto store = OpenStore(path);
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

  // Even raw SQL on the file cannot rewrite or remove the audit.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE steering_actions SET actor = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM steering_actions", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(CountRows(path, "steering_actions"), 1);
}

TEST(SqliteStore, RoundTripsMeasuresAndSnapshots) {
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
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

}  // namespace
}  // namespace amtszeit::store
