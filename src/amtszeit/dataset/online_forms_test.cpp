// The online forms of the Hamburg data, and a bad definition failing the load.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "amtszeit/dataset/dataset.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::dataset {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

TEST(HamburgOnlineForms, LoadWithTheDatasetForServicesWithoutAVisit) {
  auto d = LoadDataset(amtszeit::testing::HamburgData());
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_GE(d->online_forms.size(), 4u);
  for (const OnlineForm& form : d->online_forms) {
    const Service* s = d->catalog.FindService(form.service_id);
    ASSERT_NE(s, nullptr);
    EXPECT_FALSE(s->needs_presence) << form.service_id;
    EXPECT_GT(form.handling_minutes, 0);
    const FormField* email = form.FindField("email");
    ASSERT_NE(email, nullptr) << form.service_id << " asks for no e-mail address";
    EXPECT_EQ(email->type, FieldType::kEmail);
  }
  bool meldebescheinigung = false;
  for (const OnlineForm& form : d->online_forms) {
    if (form.service_id != "meldebescheinigung") continue;
    meldebescheinigung = true;
    const DocumentRequirement* id_copy = form.FindDocument("id_copy");
    ASSERT_NE(id_copy, nullptr);
    EXPECT_TRUE(id_copy->required);
    EXPECT_THAT(id_copy->content_types, ::testing::Contains("application/pdf"));
  }
  EXPECT_TRUE(meldebescheinigung);
}

TEST(HamburgOnlineForms, ABadDefinitionFailsTheLoadNamingTheFile) {
  testing::TempDir dir;
  for (const auto& entry : fs::directory_iterator(amtszeit::testing::HamburgData())) {
    if (entry.is_regular_file()) fs::copy_file(entry.path(), dir.path() / entry.path().filename());
  }
  std::stringstream text;
  text << std::ifstream(amtszeit::testing::HamburgData() / kOnlineFormsFile).rdbuf();
  std::string broken = text.str();
  const std::string from = R"("service_id": "meldebescheinigung")";
  ASSERT_NE(broken.find(from), std::string::npos);
  broken.replace(broken.find(from), from.size(), R"("service_id": "personalausweis")");
  std::ofstream(dir.path() / kOnlineFormsFile) << broken;

  auto d = LoadDataset(dir.path());
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(d.error().message, HasSubstr("online_services.json"));
  EXPECT_THAT(d.error().message, HasSubstr("needs a visit"));
}

}  // namespace
}  // namespace amtszeit::dataset
