#include "amtszeit/cases/case_service.h"

#include <gtest/gtest.h>

#include "amtszeit/privacy/retention.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::cases {
namespace {

using testing::Berlin;

const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
const std::string kPng("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);

Catalog OneService() {
  Catalog c;
  c.services.push_back({.id = "meldebescheinigung",
                        .name_de = "Meldebescheinigung",
                        .duration_minutes = 10,
                        .needs_presence = false});
  c.services.push_back({.id = "personalausweis", .name_de = "Ausweis", .duration_minutes = 20});
  return c;
}

OnlineForm Form() {
  return {
      .service_id = "meldebescheinigung",
      .handling_minutes = 10,
      .fields = {{.id = "family_name", .label_de = "Name", .label_en = "Name", .required = true},
                 {.id = "email",
                  .type = FieldType::kEmail,
                  .label_de = "E-Mail",
                  .label_en = "E-mail",
                  .required = true}},
      .documents = {{.id = "id_copy",
                     .label_de = "Ausweiskopie",
                     .label_en = "ID copy",
                     .required = true,
                     .content_types = {"application/pdf"},
                     .max_bytes = 1024}}};
}

class CaseServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("cases.db"));
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Write([](store::WriteTx& tx) {
      return tx.PutSetting(kOnlineFormsSetting, FormsToJsonText({Form()}));
    }));
    auto opened = CaseService::Open(*store_, clock_, Berlin(), OneService());
    ASSERT_TRUE(opened) << opened.error().message;
    cases_ = std::move(*opened);
  }

  Submission Good() {
    return {
        .service_id = "meldebescheinigung",
        .language = "en",
        .answers = {{"family_name", "Mustermann"}, {"email", "erika@example.org"}},
        .documents = {{.requirement_id = "id_copy", .file_name = "../Ausweis.pdf", .data = kPdf}}};
  }

  testing::TempDir dir_;
  ManualClock clock_{absl::FromCivil(absl::CivilSecond(2026, 12, 3, 9, 0, 0), Berlin())};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CaseService> cases_;
};

TEST_F(CaseServiceTest, StoresARequestWithItsDocumentAndFirstEvent) {
  auto sent = cases_->Submit(Good());
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_EQ(sent->online_case.status, CaseStatus::kReceived);
  EXPECT_EQ(sent->online_case.code.size(), 9u);  // XXXX-XXXX
  EXPECT_GE(sent->token.size(), 40u);
  EXPECT_NE(sent->online_case.token_hash, sent->token);

  auto seen = cases_->ForCitizen(sent->online_case.code, sent->token);
  ASSERT_TRUE(seen) << seen.error().message;
  ASSERT_EQ(seen->documents.size(), 1u);
  EXPECT_EQ(seen->documents[0].file_name, "Ausweis.pdf");
  EXPECT_EQ(seen->documents[0].content_type, "application/pdf");
  EXPECT_EQ(seen->documents[0].size, static_cast<std::int64_t>(kPdf.size()));
  ASSERT_EQ(seen->events.size(), 1u);
  EXPECT_EQ(seen->events[0].to, CaseStatus::kReceived);
  EXPECT_EQ(seen->online_case.answers_json,
            R"({"email":"erika@example.org","family_name":"Mustermann"})");

  auto doc = cases_->CitizenDocument(sent->online_case.code, sent->token, 1);
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(doc->data, kPdf);
  EXPECT_EQ(cases_->CitizenDocument(sent->online_case.code, sent->token, 2).error().code,
            ErrorCode::kNotFound);
}

TEST_F(CaseServiceTest, AWrongTokenOrCodeIsNotFound) {
  auto sent = cases_->Submit(Good());
  ASSERT_TRUE(sent);
  EXPECT_EQ(cases_->ForCitizen(sent->online_case.code, "wrong").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(cases_->ForCitizen(sent->online_case.code, "").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(cases_->ForCitizen("AAAA-AAAA", sent->token).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(cases_->CitizenDocument(sent->online_case.code, "wrong", 1).error().code,
            ErrorCode::kNotFound);
}

TEST_F(CaseServiceTest, RefusesOversizedWronglyTypedAndMissingDocuments) {
  Submission big = Good();
  big.documents[0].data = kPdf + std::string(1024, 'x');
  auto r = cases_->Submit(big);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPayloadTooLarge);

  Submission png = Good();  // a PNG where only PDF is allowed, whatever its name says
  png.documents[0] = {.requirement_id = "id_copy", .file_name = "scan.pdf", .data = kPng};
  EXPECT_EQ(cases_->Submit(png).error().code, ErrorCode::kInvalidArgument);

  Submission html = Good();
  html.documents[0].data = "<html><script>alert(1)</script></html>";
  EXPECT_EQ(cases_->Submit(html).error().code, ErrorCode::kInvalidArgument);

  Submission none = Good();
  none.documents.clear();
  EXPECT_EQ(cases_->Submit(none).error().message, "document 'id_copy': is required");

  Submission twice = Good();
  twice.documents.push_back(twice.documents[0]);
  EXPECT_EQ(cases_->Submit(twice).error().code, ErrorCode::kInvalidArgument);

  Submission other = Good();
  other.service_id = "personalausweis";
  EXPECT_EQ(cases_->Submit(other).error().code, ErrorCode::kNotFound);

  Submission bad_mail = Good();
  bad_mail.answers["email"] = "erika";
  EXPECT_EQ(cases_->Submit(bad_mail).error().message, "field 'email': not an e-mail address");

  auto queue = cases_->Queue({});
  ASSERT_TRUE(queue);
  EXPECT_TRUE(queue->empty()) << "a refused request left a case behind";
}

TEST_F(CaseServiceTest, WalksTheStatusesAndRefusesIllegalMoves) {
  auto sent = cases_->Submit(Good());
  ASSERT_TRUE(sent);
  const std::string code = sent->online_case.code;

  auto early = cases_->ChangeStatus(code, CaseStatus::kDone, "", "Peters", "");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kConflict);
  EXPECT_EQ(
      cases_->ChangeStatus(code, CaseStatus::kWaitingForCitizen, "", "Peters", "").error().code,
      ErrorCode::kInvalidArgument);  // needs a note

  clock_.Advance(absl::Minutes(5));
  auto taken = cases_->ChangeStatus(code, CaseStatus::kInProgress, "", "Peters", "kz-altona");
  ASSERT_TRUE(taken) << taken.error().message;
  EXPECT_EQ(taken->assignee, "Peters");
  EXPECT_EQ(taken->location_id, "kz-altona");
  ASSERT_TRUE(cases_->ChangeStatus(code, CaseStatus::kWaitingForCitizen,
                                   "Bitte die Rückseite des Ausweises nachreichen.", "Peters", ""));
  ASSERT_TRUE(cases_->ChangeStatus(code, CaseStatus::kInProgress, "", "Peters", ""));
  clock_.Advance(absl::Minutes(5));
  auto done = cases_->ChangeStatus(code, CaseStatus::kDone, "Bescheinigung per E-Mail versandt.",
                                   "Peters", "");
  ASSERT_TRUE(done) << done.error().message;
  ASSERT_TRUE(done->closed_at);
  EXPECT_EQ(*done->closed_at, clock_.Now());

  EXPECT_EQ(cases_->ChangeStatus(code, CaseStatus::kInProgress, "", "Peters", "").error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(cases_->ChangeStatus(code, CaseStatus::kRejected, "zu spät", "Peters", "").error().code,
            ErrorCode::kConflict);

  auto seen = cases_->ForCitizen(code, sent->token);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->online_case.status, CaseStatus::kDone);
  ASSERT_EQ(seen->events.size(), 5u);
  EXPECT_EQ(seen->events[2].note, "Bitte die Rückseite des Ausweises nachreichen.");
  EXPECT_EQ(seen->events[4].from, CaseStatus::kInProgress);
}

TEST_F(CaseServiceTest, TheCitizensAnswerReturnsTheCaseToItsWorkerWithTheNewDocument) {
  auto sent = cases_->Submit(Good());
  ASSERT_TRUE(sent);
  const std::string code = sent->online_case.code;
  const std::string& token = sent->token;
  const Reply answer{
      .text = "Anbei die Rückseite.",
      .documents = {
          {.requirement_id = "id_copy", .file_name = "rueckseite.pdf", .data = kPdf + "% back\n"}}};
  // Nothing asked yet: nothing to answer.
  EXPECT_EQ(cases_->Answer(code, token, answer).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(cases_->ChangeStatus(code, CaseStatus::kInProgress, "", "Peters", "kz-altona"));
  ASSERT_TRUE(cases_->ChangeStatus(code, CaseStatus::kWaitingForCitizen,
                                   "Bitte die Rückseite des Ausweises nachreichen.", "Peters", ""));

  EXPECT_EQ(cases_->Answer(code, "wrong", answer).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(cases_->Answer(code, token, {.text = " \n "}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(cases_->Answer(code, token, {.text = std::string(2001, 'x')}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(
      cases_
          ->Answer(
              code, token,
              {.text = "Bild",
               .documents = {{.requirement_id = "id_copy", .file_name = "a.png", .data = kPng}}})
          .error()
          .code,
      ErrorCode::kInvalidArgument);  // the form takes PDF only
  EXPECT_EQ(cases_
                ->Answer(code, token,
                         {.text = "x", .documents = {{.requirement_id = "other", .data = kPdf}}})
                .error()
                .code,
            ErrorCode::kInvalidArgument);

  clock_.Advance(absl::Hours(2));
  auto answered = cases_->Answer(code, token, answer);
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_EQ(answered->online_case.status, CaseStatus::kInProgress);
  EXPECT_EQ(answered->online_case.assignee, "Peters");  // back to the worker who asked
  EXPECT_EQ(answered->online_case.location_id, "kz-altona");
  EXPECT_EQ(answered->online_case.updated_at, clock_.Now());
  ASSERT_EQ(answered->documents.size(), 2u);  // the view returned is the one after the answer
  EXPECT_EQ(answered->events.back().actor, "citizen");
  // Answered once: the question is closed.
  EXPECT_EQ(cases_->Answer(code, token, answer).error().code, ErrorCode::kConflict);

  auto seen = cases_->ForStaff(code);
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->events.size(), 4u);
  EXPECT_EQ(seen->events[3].actor, "citizen");
  EXPECT_EQ(seen->events[3].from, CaseStatus::kWaitingForCitizen);
  EXPECT_EQ(seen->events[3].note, "Anbei die Rückseite.");
  ASSERT_EQ(seen->documents.size(), 2u);
  EXPECT_EQ(seen->documents[1].number, 2);
  EXPECT_EQ(seen->documents[1].file_name, "rueckseite.pdf");
  auto file = cases_->CitizenDocument(code, token, 2);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->data, kPdf + "% back\n");
}

TEST_F(CaseServiceTest, QueueIsOldestFirstAndFilters) {
  std::vector<std::string> codes;
  for (int i = 0; i < 3; ++i) {
    auto sent = cases_->Submit(Good());
    ASSERT_TRUE(sent);
    codes.push_back(sent->online_case.code);
    clock_.Advance(absl::Minutes(1));
  }
  ASSERT_TRUE(cases_->ChangeStatus(codes[0], CaseStatus::kInProgress, "", "Peters", ""));
  auto all = cases_->Queue({});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].code, codes[0]);
  EXPECT_EQ((*all)[2].code, codes[2]);
  auto received = cases_->Queue({.statuses = {CaseStatus::kReceived}});
  ASSERT_TRUE(received);
  ASSERT_EQ(received->size(), 2u);
  EXPECT_EQ((*received)[0].code, codes[1]);
  auto other = cases_->Queue({.service_id = "fuehrungszeugnis"});
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());

  auto w = cases_->CurrentWorkload();
  ASSERT_TRUE(w);
  EXPECT_EQ(w->open_cases, 3);
  EXPECT_EQ(w->open_minutes, 30);
}

TEST_F(CaseServiceTest, RetentionClearsClosedCasesAfterThePolicyDays) {
  auto closed = cases_->Submit(Good());
  auto open = cases_->Submit(Good());
  ASSERT_TRUE(closed && open);
  ASSERT_TRUE(cases_->ChangeStatus(closed->online_case.code, CaseStatus::kRejected,
                                   "Doppelter Antrag", "Peters", ""));

  clock_.Advance(absl::Hours(24 * 29));
  auto kept = privacy::ApplyRetention(*store_, clock_.Now(), Berlin(), {.days = 30});
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ(kept->cases, 0);

  clock_.Advance(absl::Hours(24 * 2));
  auto forgotten = privacy::ApplyRetention(*store_, clock_.Now(), Berlin(), {.days = 30});
  ASSERT_TRUE(forgotten) << forgotten.error().message;
  EXPECT_EQ(forgotten->cases, 1);

  auto gone = cases_->ForStaff(closed->online_case.code);
  ASSERT_TRUE(gone);
  EXPECT_TRUE(gone->online_case.forgotten);
  EXPECT_EQ(gone->online_case.answers_json, "{}");
  EXPECT_TRUE(gone->documents.empty());
  for (const CaseEvent& e : gone->events) EXPECT_EQ(e.note, "");
  EXPECT_EQ(gone->online_case.status, CaseStatus::kRejected);  // the statistics stay

  auto still = cases_->ForStaff(open->online_case.code);
  ASSERT_TRUE(still);
  EXPECT_FALSE(still->online_case.forgotten);
  EXPECT_EQ(still->documents.size(), 1u);
}

TEST(CaseServiceOpen, FailsOnABadStoredDefinition) {
  testing::TempDir dir;
  auto store = store::OpenStore(dir.File("bad.db"));
  ASSERT_TRUE(store);
  OnlineForm form = Form();
  form.service_id = "personalausweis";  // needs a visit
  ASSERT_TRUE((*store)->Write([&](store::WriteTx& tx) {
    return tx.PutSetting(kOnlineFormsSetting, FormsToJsonText({form}));
  }));
  ManualClock clock(absl::UnixEpoch());
  auto opened = CaseService::Open(**store, clock, Berlin(), OneService());
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("needs a visit"), std::string::npos);
}

// The outbox hears of each change inside its transaction: the form's e-mail answer, the token at
// submission only, and a failing hook rolls the change back.
TEST_F(CaseServiceTest, TellsItsHookOfEachChangeInsideTheChangesTransaction) {
  struct Heard {
    CaseStatus status;
    std::string email, token;
  };
  std::vector<Heard> heard;
  bool fail = false;
  cases_->OnChange([&](store::WriteTx& tx, const CaseChange& change) -> Result<void> {
    // The change is visible in its own transaction.
    auto stored = tx.FindCaseById(change.online_case.id);
    if (!stored || !*stored || (*stored)->status != change.online_case.status) {
      return Fail(ErrorCode::kInternal, "the hook does not see the change");
    }
    if (fail) return Fail(ErrorCode::kUnavailable, "outbox down");
    heard.push_back(
        {change.online_case.status, std::string(change.email), std::string(change.token)});
    return {};
  });
  auto sent = cases_->Submit(Good());
  ASSERT_TRUE(sent) << sent.error().message;
  const std::string code = sent->online_case.code;
  ASSERT_TRUE(cases_->ChangeStatus(code, CaseStatus::kInProgress, "", "Frau Peters", "kz-a"));
  fail = true;
  auto refused = cases_->ChangeStatus(code, CaseStatus::kWaitingForCitizen, "Welche Adresse?",
                                      "Frau Peters", "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ((*store_->FindCaseByCode(code))->status, CaseStatus::kInProgress);
  EXPECT_EQ(store_->ReadCaseEvents(sent->online_case.id)->size(), 2u);
  fail = false;
  ASSERT_TRUE(cases_->ChangeStatus(code, CaseStatus::kWaitingForCitizen, "Welche Adresse?",
                                   "Frau Peters", ""));

  ASSERT_EQ(heard.size(), 3u);
  EXPECT_EQ(heard[0].status, CaseStatus::kReceived);
  EXPECT_EQ(heard[0].email, "erika@example.org");
  EXPECT_EQ(heard[0].token, sent->token);
  EXPECT_EQ(heard[1].status, CaseStatus::kInProgress);
  EXPECT_EQ(heard[2].status, CaseStatus::kWaitingForCitizen);
  EXPECT_EQ(heard[2].email, "erika@example.org");
  EXPECT_EQ(heard[2].token, "") << "only its hash is stored after the submission";
}

}  // namespace
}  // namespace amtszeit::cases
