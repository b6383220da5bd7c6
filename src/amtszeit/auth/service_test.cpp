#include "amtszeit/auth/service.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "amtszeit/auth/password.h"
#include "amtszeit/auth/users.h"
#include "amtszeit/secrets/secrets.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::auth {
namespace {

constexpr std::string_view kPassword = "Elbphilharmonie-2017";

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenStore(dir_.File("t.db"));
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    catalog_.districts.push_back({.id = "altona", .name = "Altona"});
    catalog_.locations.push_back({.id = "kz-altona", .name = "Altona", .district_id = "altona"});
    ASSERT_TRUE(store_->Write([&](store::WriteTx& tx) { return store::PutCatalog(tx, catalog_); }));
    auto id = AddUser(*store_, catalog_,
                      {.name = "k.meyer", .role = Role::kCentreManager, .location_id = "kz-altona"},
                      kPassword, clock_.Now());
    ASSERT_TRUE(id) << id.error().message;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  Catalog catalog_;
  ManualClock clock_{absl::FromUnixSeconds(1'800'000'000)};
};

TEST_F(AuthServiceTest, SignsInAndRecognisesTheSessionByItsToken) {
  AuthService auth(*store_, clock_);
  auto in = auth.Login("k.meyer", kPassword, "10.0.0.1");
  ASSERT_TRUE(in) << in.error().error.message;
  EXPECT_EQ(in->principal.role, Role::kCentreManager);
  EXPECT_EQ(in->principal.location_id, "kz-altona");
  auto who = auth.Authenticate(in->token);
  ASSERT_TRUE(who);
  ASSERT_TRUE(*who);
  EXPECT_EQ((*who)->principal.name, "k.meyer");
  EXPECT_EQ((*who)->csrf_token, in->csrf_token);
  // The store has the digest, not the token.
  auto by_token = store_->ReadStaffSession(in->token);
  ASSERT_TRUE(by_token);
  EXPECT_FALSE(*by_token);
  EXPECT_TRUE(store_->ReadStaffSession(secrets::SessionTokenDigest(in->token))->has_value());
  auto guessed = auth.Authenticate(secrets::NewToken());
  ASSERT_TRUE(guessed);
  EXPECT_FALSE(*guessed);
}

TEST_F(AuthServiceTest, WrongPasswordUnknownNameAndDisabledUserAreRefusedAlike) {
  AuthService auth(*store_, clock_);
  auto wrong = auth.Login("k.meyer", "Elbphilharmonie-2018", "10.0.0.1");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().error.code, ErrorCode::kUnauthenticated);
  auto unknown = auth.Login("nobody", kPassword, "10.0.0.2");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().error.message, wrong.error().error.message);
  auto in = auth.Login("k.meyer", kPassword, "10.0.0.3");
  ASSERT_TRUE(in);
  ASSERT_TRUE(DisableUser(*store_, "k.meyer"));
  EXPECT_FALSE(*auth.Authenticate(in->token)) << "disabling ends the session";
  auto disabled = auth.Login("k.meyer", kPassword, "10.0.0.4");
  ASSERT_FALSE(disabled);
  EXPECT_EQ(disabled.error().error.message, wrong.error().error.message);
}

TEST_F(AuthServiceTest, SessionsExpireWhenIdleAndAtTheirAbsoluteLimit) {
  AuthService auth(
      *store_, clock_,
      {.idle = absl::Minutes(30), .absolute = absl::Hours(2), .touch_every = absl::Minutes(1)});
  auto idle = auth.Login("k.meyer", kPassword, "10.0.0.1");
  ASSERT_TRUE(idle);
  clock_.Advance(absl::Minutes(29));
  EXPECT_TRUE(*auth.Authenticate(idle->token)) << "still active, and now touched";
  clock_.Advance(absl::Minutes(29));
  EXPECT_TRUE(*auth.Authenticate(idle->token)) << "29 minutes after the last use";
  clock_.Advance(absl::Minutes(31));
  EXPECT_FALSE(*auth.Authenticate(idle->token)) << "idle for 31 minutes";

  auto busy = auth.Login("k.meyer", kPassword, "10.0.0.1");
  ASSERT_TRUE(busy);
  for (int i = 0; i < 5; ++i) {  // used every 20 minutes: never idle
    clock_.Advance(absl::Minutes(20));
    ASSERT_TRUE(*auth.Authenticate(busy->token)) << i;
  }
  clock_.Advance(absl::Minutes(25));
  EXPECT_FALSE(*auth.Authenticate(busy->token)) << "past the absolute limit of 2 h";
}

TEST_F(AuthServiceTest, ExpiryStaysExactWhileLastSeenWaitsForTheFlush) {
  AuthService auth(
      *store_, clock_,
      {.idle = absl::Minutes(30), .absolute = absl::Hours(12), .touch_every = absl::Minutes(1)});
  auto in = auth.Login("k.meyer", kPassword, "10.0.0.1");
  ASSERT_TRUE(in);
  const std::string digest = secrets::SessionTokenDigest(in->token);
  const absl::Time signed_in = clock_.Now();
  // Used every 20 minutes and never flushed: the noted times alone keep the session alive.
  for (int i = 0; i < 4; ++i) {
    clock_.Advance(absl::Minutes(20));
    ASSERT_TRUE(*auth.Authenticate(in->token)) << i;
  }
  EXPECT_EQ((*store_->ReadStaffSession(digest))->last_seen, signed_in)
      << "the requests did not write";
  ASSERT_TRUE(auth.FlushTouches());
  EXPECT_EQ((*store_->ReadStaffSession(digest))->last_seen, clock_.Now());
  // Another node (or this one after a restart) sees the flushed time and judges alike.
  AuthService other(*store_, clock_);
  clock_.Advance(absl::Minutes(29));
  EXPECT_TRUE(*other.Authenticate(in->token));
  clock_.Advance(absl::Minutes(31));
  EXPECT_FALSE(*auth.Authenticate(in->token)) << "idle for 31 minutes";
}

TEST_F(AuthServiceTest, RequestsWithinAMinuteWriteLastSeenOnceAndDoNotWait) {
  AuthService auth(*store_, clock_);
  auto in = auth.Login("k.meyer", kPassword, "10.0.0.1");
  ASSERT_TRUE(in);
  const std::string digest = secrets::SessionTokenDigest(in->token);
  clock_.Advance(absl::Minutes(2));
  const absl::Time first_use = clock_.Now();
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(*auth.Authenticate(in->token)) << i;
    clock_.Advance(absl::Seconds(1));
  }
  EXPECT_EQ(auth.pending_touches(), 1u);
  EXPECT_EQ(auth.touches_written(), 0u);
  ASSERT_TRUE(auth.FlushTouches());
  EXPECT_EQ(auth.touches_written(), 1u) << "50 requests within a minute, one row written";
  EXPECT_EQ((*store_->ReadStaffSession(digest))->last_seen, first_use);
  ASSERT_TRUE(auth.FlushTouches());
  EXPECT_EQ(auth.touches_written(), 1u) << "nothing new to write";
  // A logout drops what waits: the flush does not bring the session back.
  clock_.Advance(absl::Minutes(2));
  ASSERT_TRUE(*auth.Authenticate(in->token));
  ASSERT_TRUE(auth.Logout(in->token));
  EXPECT_EQ(auth.pending_touches(), 0u);
  ASSERT_TRUE(auth.FlushTouches());
  EXPECT_FALSE(*auth.Authenticate(in->token));
}

TEST_F(AuthServiceTest, LogoutAndANewPasswordEndSessions) {
  AuthService auth(*store_, clock_);
  auto a = auth.Login("k.meyer", kPassword, "10.0.0.1");
  auto b = auth.Login("k.meyer", kPassword, "10.0.0.1");
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(auth.Logout(a->token));
  EXPECT_FALSE(*auth.Authenticate(a->token));
  EXPECT_TRUE(*auth.Authenticate(b->token));
  ASSERT_TRUE(SetPassword(*store_, "k.meyer", "Landungsbruecken-9"));
  EXPECT_FALSE(*auth.Authenticate(b->token));
  EXPECT_FALSE(auth.Login("k.meyer", kPassword, "10.0.0.5"));
  EXPECT_TRUE(auth.Login("k.meyer", "Landungsbruecken-9", "10.0.0.5"));
}

TEST_F(AuthServiceTest, ThrottlesEvenTheCorrectPasswordDuringBackOff) {
  AuthService auth(*store_, clock_, {}, {.free_failures = 3, .first_wait = absl::Seconds(10)});
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(auth.Login("k.meyer", "wrong-password-1", "10.0.0.9"));
  auto blocked = auth.Login("k.meyer", kPassword, "10.0.0.8");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().error.code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(blocked.error().retry_after, absl::Seconds(10));
  clock_.Advance(absl::Seconds(10));
  EXPECT_TRUE(auth.Login("k.meyer", kPassword, "10.0.0.8"));
}

TEST_F(AuthServiceTest, AddUserChecksNameScopeAndPassword) {
  const absl::Time now = clock_.Now();
  EXPECT_EQ(
      AddUser(*store_, catalog_, {.name = "k.meyer", .role = Role::kAdministrator}, kPassword, now)
          .error()
          .code,
      ErrorCode::kConflict);
  EXPECT_FALSE(
      AddUser(*store_, catalog_, {.name = "x", .role = Role::kAdministrator}, "short", now));
  EXPECT_FALSE(
      AddUser(*store_, catalog_, {.name = "y", .role = Role::kCounterStaff}, kPassword, now))
      << "counter staff need a centre";
  EXPECT_FALSE(AddUser(*store_, catalog_,
                       {.name = "z", .role = Role::kDistrictLead, .district_id = "nowhere"},
                       kPassword, now));
  EXPECT_FALSE(
      AddUser(*store_, catalog_, {.name = "a b", .role = Role::kAdministrator}, kPassword, now));
  EXPECT_TRUE(AddUser(*store_, catalog_,
                      {.name = "d.lead", .role = Role::kDistrictLead, .district_id = "altona"},
                      kPassword, now));
  auto users = ListUsers(*store_);
  ASSERT_TRUE(users);
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "d.lead");
}

TEST_F(AuthServiceTest, TheAuditLogIsAppendOnly) {
  ASSERT_TRUE(store_->Write([&](store::WriteTx& tx) -> Result<void> {
    auto id = tx.AppendAudit({.at = clock_.Now(),
                              .user = "k.meyer",
                              .role = "centre_manager",
                              .action = "POST /api/v1/shifts",
                              .status = 201});
    if (!id) return std::unexpected(id.error());
    return {};
  }));
  auto rows = store_->ReadAudit(clock_.Now() - absl::Hours(1), clock_.Now() + absl::Hours(1), 10);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].action, "POST /api/v1/shifts");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("t.db").c_str(), &raw), SQLITE_OK);
  sqlite3_busy_timeout(raw, 5000);
  EXPECT_NE(sqlite3_exec(raw, "UPDATE audit_log SET user_name = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(raw, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  auto again = store_->ReadAudit(clock_.Now() - absl::Hours(1), clock_.Now() + absl::Hours(1), 10);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *rows);
}

}  // namespace
}  // namespace amtszeit::auth
