// The routes' body decoders on their own (server/bodies/): valid bodies as the tests and the
// browser send them, refusals with the field named, and inputs the fuzzer reached.
#include <gtest/gtest.h>

#include "amtszeit/domain/json_codec.h"
#include "amtszeit/server/bodies/case_bodies.h"
#include "amtszeit/server/bodies/login_body.h"
#include "amtszeit/server/bodies/steering_bodies.h"
#include "amtszeit/server/bodies/waitlist_body.h"

namespace amtszeit::server {
namespace {

boost::json::value Parse(std::string_view text) {
  auto json = ParseJson(text);
  EXPECT_TRUE(json) << text;
  return json ? *json : boost::json::value();
}

Body BodyOf(std::string_view text, std::initializer_list<std::string_view> known) {
  auto body = Body::Of(Parse(text), known);
  EXPECT_TRUE(body) << body.error().message;
  return std::move(*body);
}

TEST(RouteBodies, SteeringBodies) {
  auto move = DecodeMove(BodyOf(
      R"({"staff_id": "s-1", "to_location_id": "kz-city", "first": "2026-12-07", "reason": "x"})",
      kMoveFields));
  ASSERT_TRUE(move) << move.error().message;
  EXPECT_EQ(move->to_location_id, "kz-city");
  EXPECT_EQ(move->last, absl::CivilDay(2026, 12, 7)) << "last defaults to first";
  auto no_first = DecodeMove(BodyOf(R"({"staff_id": "s-1", "to_location_id": "k"})", kMoveFields));
  ASSERT_FALSE(no_first);
  EXPECT_EQ(no_first.error().message, "'first' is required");
  EXPECT_FALSE(Body::Of(Parse(R"({"staff": "s-1"})"), kMoveFields)) << "unknown field";

  auto absence = DecodeAbsence(*Body::Open(Parse(
      R"({"staff_id": "s-1", "first": "2026-12-07", "last": "2026-12-08", "kind": "training",
          "reason": "matrix", "actor": "k.meyer"})")));
  ASSERT_TRUE(absence) << absence.error().message;
  EXPECT_EQ(absence->staff_id, "s-1");
  auto shift = DecodeShift(*Body::Open(Parse(
      R"({"staff_id": "s-1", "location_id": "kz-city", "day": "2026-12-07",
          "time": {"from": "21:30", "to": "22:00"}, "mode": "back_office", "reason": "m"})")));
  ASSERT_TRUE(shift) << shift.error().message;
  EXPECT_EQ(shift->location_id, "kz-city");
  EXPECT_FALSE(DecodeShift(*Body::Open(Parse(R"({"staff_id": 5})"))));

  auto resolve = DecodeResolve(BodyOf(R"({"from": "2026-12-01", "reason": "r"})", kResolveFields));
  ASSERT_TRUE(resolve);
  EXPECT_EQ(resolve->from, absl::CivilDay(2026, 12, 1));
  EXPECT_FALSE(resolve->to);
  EXPECT_FALSE(DecodeResolve(BodyOf(R"({"to": "2026-13-01"})", kResolveFields)));

  auto measure = DecodeMeasure(
      BodyOf(R"({"district_id": "altona", "title": "Matrix", "status": "done"})", kMeasureFields));
  ASSERT_TRUE(measure) << measure.error().message;
  EXPECT_EQ(measure->title, "Matrix");
  EXPECT_EQ(measure->status, MeasureStatus::kDone);
  EXPECT_FALSE(measure->day);
  EXPECT_FALSE(DecodeMeasure(BodyOf(R"({"status": "maybe"})", kMeasureFields)));
}

TEST(RouteBodies, WaitlistJoin) {
  auto join = DecodeJoin(Parse(
      R"({"services": ["personalausweis"], "locations": ["kz-city"], "windows": ["early", "late"],
          "latest": "2027-01-31", "contact": {"name": "Erika", "email": "erika@example.org"}})"));
  ASSERT_TRUE(join) << join.error().message;
  EXPECT_EQ(join->service_ids, std::vector<std::string>{"personalausweis"});
  EXPECT_NE(join->windows, 0u);
  EXPECT_EQ(join->contact.email, "erika@example.org");
  EXPECT_FALSE(DecodeJoin(Parse(R"({"services": ["x"]})"))) << "no contact";
  EXPECT_FALSE(DecodeJoin(Parse(R"({"contact": {"name": 1}})")));
  EXPECT_FALSE(DecodeJoin(Parse(R"({"contact": {"fax": "1"}})")));
  EXPECT_FALSE(DecodeJoin(Parse(R"([])")));
}

TEST(RouteBodies, CaseSubmissionAndStatusChange) {
  const OnlineForm form{.service_id = "meldebescheinigung",
                        .documents = {{.id = "id_copy", .max_bytes = 6}}};
  const FormOf form_of = [&](std::string_view id) {
    return id == form.service_id ? &form : nullptr;
  };
  auto sent = DecodeSubmission(
      Parse(R"({"service": "meldebescheinigung", "answers": {"reason": "Bank", "consent": true},
                "documents": [{"requirement": "id_copy", "file_name": "a.pdf", "data": "JVBERg=="}]})"),
      form_of);
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->language, "de");
  EXPECT_EQ(sent->answers.at("consent"), "true");
  ASSERT_EQ(sent->documents.size(), 1u);
  EXPECT_EQ(sent->documents[0].data, "%PDF");
  auto big = DecodeSubmission(Parse(R"({"service": "meldebescheinigung", "documents": [
      {"requirement": "id_copy", "data": "JVBERi0xLjQKJcfsj6IK"}]})"),
                              form_of);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_FALSE(DecodeSubmission(Parse(R"({"service": "x", "answers": {"a": 1}})"), form_of));
  EXPECT_FALSE(
      DecodeSubmission(Parse(R"({"service": "x", "documents": [{"data": ""}]})"), form_of));

  auto change = DecodeStatusChange(BodyOf(
      R"({"status": "in_progress", "actor": "Frau Peters", "location": "kz-city", "note": "n"})",
      kStatusChangeFields));
  ASSERT_TRUE(change) << change.error().message;
  EXPECT_EQ(change->status, CaseStatus::kInProgress);
  EXPECT_EQ(change->location, "kz-city");
  EXPECT_FALSE(DecodeStatusChange(BodyOf(R"({"note": "n"})", kStatusChangeFields)));
}

TEST(RouteBodies, Login) {
  auto in = DecodeLogin(Parse(R"({"name": "k.meyer", "password": "secret"})"));
  ASSERT_TRUE(in);
  EXPECT_EQ(in->name, "k.meyer");
  auto empty = DecodeLogin(Parse("{}"));
  ASSERT_TRUE(empty) << "AuthService refuses it like a wrong password";
  EXPECT_EQ(empty->name, "");
  EXPECT_FALSE(DecodeLogin(Parse(R"({"name": "a", "otp": "1"})")));
  EXPECT_FALSE(DecodeLogin(Parse(R"({"name": ["a"]})")));
}

}  // namespace
}  // namespace amtszeit::server
