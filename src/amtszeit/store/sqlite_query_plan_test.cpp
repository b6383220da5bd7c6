// The lookups on the booking path must use an index: a full scan of appointments makes every
// confirmation slower as the table grows, which no functional test notices. SQLite's own planner
// answers, on a database migrated to the current schema.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "amtszeit/store/open_services_sql.h"
#include "amtszeit/store/sqlite_rows.h"
#include "amtszeit/store/store.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::store {
namespace {

// The plan's detail lines, one per line.
std::string Plan(const std::string& file, const std::string& select) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  const std::string sql = "EXPLAIN QUERY PLAN " + select;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::string plan;
  while (sqlite3_step(st) == SQLITE_ROW) {
    plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
    plan += '\n';
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return plan;
}

class QueryPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenStore(file_);
    ASSERT_TRUE(store) << store.error().message;
  }
  std::string Where(std::string_view condition) {
    return Plan(file_, "SELECT * FROM appointments WHERE " + std::string(condition));
  }
  amtszeit::testing::TempDir dir_;
  std::string file_ = dir_.File("plan.db");
};

TEST_F(QueryPlan, TheServicesAContactHasOpenComeThroughThePartialIndex) {
  const std::string plan = Plan(file_, std::string(sql::kOpenServicesOf));
  EXPECT_NE(plan.find("INDEX appointments_contact (contact_key=?)"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN appointments"), std::string::npos) << plan;
}

TEST_F(QueryPlan, TheOverlapChecksLookupComparesTimesInTheIndex) {
  // The subquery of the appointments_no_overlap_* triggers (migration 17), as a plain select.
  // Since migration 19 begin_min bounds the index range too, and end_min is compared in the
  // entry, so only an appointment that overlaps in time has its row read (for its status).
  const std::string plan = Where(
      "staff_id = ?1 AND day = ?2 AND (status = 'held' OR status = 'confirmed' OR "
      "status = 'checked_in' OR status = 'called') AND begin_min < ?3 AND ?4 < end_min");
  EXPECT_NE(plan.find("(day=? AND staff_id=? AND begin_min<?)"), std::string::npos) << plan;
}

TEST_F(QueryPlan, CallCentreLookupByContactOrPhoneUsesBothIndexes) {
  const std::string plan = Where(rows::kByContactOrPhoneKey);
  EXPECT_NE(plan.find("INDEX appointments_contact"), std::string::npos) << plan;
  EXPECT_NE(plan.find("INDEX appointments_phone"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN appointments"), std::string::npos) << plan;
}

TEST_F(QueryPlan, ADaysAppointmentsAndEverythingFromADayOnUseTheSameIndex) {
  for (const char* condition : {"day = ?1", "day >= ?1", "day < ?1"}) {
    const std::string plan = Where(condition);
    EXPECT_NE(plan.find("INDEX appointments_day_staff"), std::string::npos) << condition << plan;
    EXPECT_EQ(plan.find("SCAN appointments"), std::string::npos) << condition << plan;
  }
}

TEST_F(QueryPlan, TheBareEqualityWouldScanTheTable) {
  // Why the constants are spelled as they are; if SQLite ever learns this, they may be simplified.
  EXPECT_NE(Where("contact_key = ?1").find("SCAN appointments"), std::string::npos);
}

}  // namespace
}  // namespace amtszeit::store
