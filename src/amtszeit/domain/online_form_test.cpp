#include "amtszeit/domain/online_form.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "amtszeit/domain/json_codec.h"
#include "amtszeit/domain/online_case.h"

namespace amtszeit {
namespace {

Catalog TwoServices() {
  Catalog c;
  c.services.push_back({.id = "meldebescheinigung",
                        .name_de = "Meldebescheinigung",
                        .duration_minutes = 10,
                        .needs_presence = false,
                        .online_url = "https://serviceportal.hamburg.de"});
  c.services.push_back({.id = "personalausweis", .name_de = "Ausweis", .duration_minutes = 20});
  return c;
}

OnlineForm Form() {
  return OnlineForm{
      .service_id = "meldebescheinigung",
      .handling_minutes = 10,
      .fields =
          {{.id = "family_name", .label_de = "Name", .label_en = "Name", .required = true},
           {.id = "birth_date",
            .type = FieldType::kDate,
            .label_de = "Geburtsdatum",
            .label_en = "Date of birth",
            .required = true,
            .past_only = true},
           {.id = "email",
            .type = FieldType::kEmail,
            .label_de = "E-Mail",
            .label_en = "E-mail",
            .required = true},
           {.id = "postcode",
            .type = FieldType::kPostcode,
            .label_de = "PLZ",
            .label_en = "Postal code"},
           {.id = "kind",
            .type = FieldType::kSelect,
            .label_de = "Art",
            .label_en = "Kind",
            .options = {{"einfach", "Einfach", "Simple"}, {"erweitert", "Erweitert", "Extended"}}},
           {.id = "consent", .type = FieldType::kCheckbox, .label_de = "Ja", .label_en = "Yes"}},
      .documents = {{.id = "id_copy",
                     .label_de = "Ausweiskopie",
                     .label_en = "ID copy",
                     .required = true,
                     .content_types = {"application/pdf"},
                     .max_bytes = 1000}}};
}

std::map<std::string, std::string> Good() {
  return {
      {"family_name", "Mustermann"}, {"birth_date", "1980-02-29"}, {"email", "erika@example.org"}};
}

std::string Message(const Result<void>& r) { return r ? "ok" : r.error().message; }

TEST(OnlineForm, AcceptsCompleteAnswers) {
  auto answers = Good();
  answers["postcode"] = "20095";
  answers["kind"] = "erweitert";
  answers["consent"] = "true";
  EXPECT_EQ(Message(CheckAnswers(Form(), answers, "2026-12-03")), "ok");
}

TEST(OnlineForm, RefusesMissingRequiredField) {
  auto answers = Good();
  answers.erase("family_name");
  EXPECT_EQ(Message(CheckAnswers(Form(), answers, "2026-12-03")),
            "field 'family_name': is required");
  answers["family_name"] = "";
  EXPECT_FALSE(CheckAnswers(Form(), answers, "2026-12-03"));
}

TEST(OnlineForm, ChecksEachTypeAndNamesTheField) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"birth_date", "03.12.1980"}, {"birth_date", "2026-02-30"}, {"birth_date", "2027-01-01"},
      {"email", "erika"},           {"email", "erika@example"},   {"email", "a@b@example.org"},
      {"postcode", "2009"},         {"postcode", "2009a"},        {"kind", "anders"},
      {"consent", "yes"},           {"family_name", "a\x01b"}};
  for (const auto& [field, value] : bad) {
    auto answers = Good();
    answers[field] = value;
    auto r = CheckAnswers(Form(), answers, "2026-12-03");
    ASSERT_FALSE(r) << field << "=" << value;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find("'" + field + "'"), std::string::npos) << r.error().message;
  }
}

TEST(OnlineForm, RefusesUnknownAndOverlongAnswers) {
  auto answers = Good();
  answers["shoe_size"] = "44";
  EXPECT_EQ(Message(CheckAnswers(Form(), answers, "2026-12-03")),
            "field 'shoe_size': not part of this form");
  answers = Good();
  answers["family_name"] = std::string(201, 'x');
  EXPECT_FALSE(CheckAnswers(Form(), answers, "2026-12-03"));
}

TEST(OnlineForm, ValidatesDefinitionsAgainstTheCatalogue) {
  const Catalog catalog = TwoServices();
  EXPECT_TRUE(ValidateOnlineForms({Form()}, catalog));

  auto with = [&](auto change) {
    OnlineForm f = Form();
    change(f);
    auto r = ValidateOnlineForms({f}, catalog);
    return r ? std::string("ok") : r.error().message;
  };
  EXPECT_NE(with([](OnlineForm& f) { f.service_id = "personalausweis"; }).find("needs a visit"),
            std::string::npos);
  EXPECT_NE(with([](OnlineForm& f) { f.service_id = "nope"; }).find("unknown service"),
            std::string::npos);
  EXPECT_NE(with([](OnlineForm& f) {
              f.documents[0].content_types = {"text/html"};
            }).find("cannot be checked"),
            std::string::npos);
  EXPECT_NE(with([](OnlineForm& f) { f.documents[0].max_bytes = 0; }).find("max_bytes"),
            std::string::npos);
  EXPECT_NE(with([](OnlineForm& f) { f.fields[1].id = "family_name"; }).find("duplicate"),
            std::string::npos);
  EXPECT_NE(with([](OnlineForm& f) { f.fields[4].options.clear(); }).find("options"),
            std::string::npos);
  EXPECT_NE(with([](OnlineForm& f) { f.fields[0].label_en.clear(); }).find("labels"),
            std::string::npos);
  EXPECT_NE(with([](OnlineForm& f) { f.handling_minutes = 0; }).find("handling_minutes"),
            std::string::npos);
  EXPECT_NE(ValidateOnlineForms({Form(), Form()}, catalog).error().message.find("second form"),
            std::string::npos);
}

TEST(OnlineForm, RoundTripsThroughJsonAndRefusesUnknownKeys) {
  const std::vector<OnlineForm> forms = {Form()};
  auto back = FormsFromJsonText(FormsToJsonText(forms));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, forms);

  auto typo = FormsFromJsonText(
      R"({"forms":[{"service_id":"x","handling_minutes":5,"fields":[{"id":"a","type":"text",)"
      R"("label_de":"A","label_en":"A","requierd":true}]}]})");
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().message, "forms[0].fields[0].requierd: unknown field");
  auto bad_type = FormsFromJsonText(
      R"({"forms":[{"service_id":"x","fields":[{"id":"a","type":"colour","label_de":"A","label_en":"A"}]}]})");
  ASSERT_FALSE(bad_type);
  EXPECT_NE(bad_type.error().message.find("forms[0].fields[0].type"), std::string::npos);
}

TEST(CaseStatus, AllowsOnlyTheDocumentedTransitions) {
  using enum CaseStatus;
  const CaseStatus all[] = {kReceived, kInProgress, kWaitingForCitizen, kDone, kRejected};
  std::set<std::pair<CaseStatus, CaseStatus>> allowed = {
      {kReceived, kInProgress},       {kReceived, kRejected},   {kInProgress, kWaitingForCitizen},
      {kInProgress, kDone},           {kInProgress, kRejected}, {kWaitingForCitizen, kInProgress},
      {kWaitingForCitizen, kRejected}};
  for (CaseStatus from : all) {
    for (CaseStatus to : all) {
      EXPECT_EQ(CanMoveCase(from, to), allowed.contains({from, to}))
          << ToString(from) << " -> " << ToString(to);
    }
  }
  for (CaseStatus s : all) EXPECT_EQ(*ParseCaseStatus(ToString(s)), s);
  EXPECT_FALSE(ParseCaseStatus("closed"));
}

}  // namespace
}  // namespace amtszeit
