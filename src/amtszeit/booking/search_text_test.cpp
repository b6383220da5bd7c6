// The search endpoint writes its answer as text (SearchAnswerText) instead of through a JSON tree;
// these tests hold it to the tree's exact bytes on real searches, and to a parser.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "amtszeit/booking/api_json.h"
#include "amtszeit/booking/json_text.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/testing/temp_dir.h"

namespace amtszeit::booking {
namespace {

using absl::CivilDay;
using testing::Berlin;

// A Wednesday morning; three centres, one with every character JSON must escape in its name.
absl::Time Now() { return absl::FromCivil(absl::CivilSecond(2026, 3, 4, 10, 0, 0), Berlin()); }

void SeedAwkwardlyNamedCentres(store::Store& store) {
  auto ok = store.Write([](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.PutDistrict({"mitte", "Hamburg-Mitte"}); !r) return r;
    const std::vector<std::string> names = {"Kundenzentrum \"Altstadt\" \\ Süd\n",
                                            std::string("Tab\there, bell\x07, nul\x01", 21),
                                            "Kundenzentrum Billstedt"};
    for (int i = 0; i < 3; ++i) {
      Location l{.id = "kz-" + std::to_string(i),
                 .name = names[i],
                 .district_id = "mitte",
                 .address = {"Straße 1", "20095", "Hamburg"},
                 .geo = {53.55 + i * 0.031, 10.0 + i * 0.017},
                 .counters = 2};
      for (int d = 0; d < 6; ++d) l.hours.weekly[d] = {{7 * 60, 19 * 60}};
      if (auto r = tx.PutLocation(l); !r) return r;
    }
    for (const Service& s :
         std::vector<Service>{{.id = "personalausweis",
         .name_de = "Personalausweis",
         .duration_minutes = 20,
         .skill = "ausweis"},
                              {.id = "anmeldung",
                              .name_de = "Wohnsitz anmelden",
                              .duration_minutes = 15,
                              .legal_deadline_days = 14,
                              .skill = "melde"},
                              {.id = "fuehrungszeugnis",
                              .name_de = "Führungszeugnis \"online\"",
                              .duration_minutes = 10,
                              .needs_presence = false,
                              .online_url = "https://www.fuehrungszeugnis.bund.de/?a=1&b=\"2\"",
                              .skill = "auskunft"}}) {
      if (auto r = tx.PutService(s); !r) return r;
    }
    for (int i = 0; i < 6; ++i) {
      Staff st{.id = "st-" + std::to_string(i),
               .display_name = "S",
               .home_district_id = "mitte",
               .home_location_id = "kz-" + std::to_string(i % 3),
               .skills = {"ausweis", "melde"}};
      if (auto r = tx.PutStaff(st); !r) return r;
      // Across the change to summer time on 2026-03-29, so both ways of formatting times run.
      for (int d = 0; d < 60; ++d) {
        const CivilDay day = CivilDay(2026, 3, 2) + d;
        if (absl::GetWeekday(day) == absl::Weekday::sunday) continue;
        Shift sh{.staff_id = st.id,
                 .location_id = st.home_location_id,
                 .day = day,
                 .time = {(7 + i % 3) * 60, (12 + i % 4) * 60}};
        if (auto r = tx.PutShift(sh); !r) return std::unexpected(r.error());
      }
    }
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
}

class SearchText : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::OpenStore(dir_.File("t.db"));
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
    SeedAwkwardlyNamedCentres(*store_);
    auto e = BookingEngine::Open(*store_, clock_, {.zone = Berlin()});
    ASSERT_TRUE(e) << e.error().message;
    engine_ = std::move(*e);
  }

  // Both spellings of the answer to `r`; fails the test when they differ.
  std::string Both(const SearchRequest& r) {
    auto answer = engine_->Search(r);
    EXPECT_TRUE(answer) << answer.error().message;
    if (!answer) return {};
    std::string text = SearchAnswerText(*answer, *engine_);
    EXPECT_EQ(text, boost::json::serialize(SearchAnswerJson(*answer, *engine_)));
    return text;
  }

  amtszeit::testing::TempDir dir_;
  ManualClock clock_{Now()};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<BookingEngine> engine_;
};

TEST_F(SearchText, EqualsTheTreeOnEveryKindOfAnswer) {
  // Plain, with distances, with a deadline, with an online service, across the clock change,
  // one centre, and page after page by cursor.
  const std::string plain = Both({.service_ids = {"personalausweis"}, .limit = 50});
  EXPECT_NE(plain.find("\\\"Altstadt\\\" \\\\ S\xC3\xBC\x64\\n"), std::string::npos) << plain;
  EXPECT_NE(plain.find("bell\\u0007, nul\\u0001"), std::string::npos) << plain;
  Both({.service_ids = {"personalausweis"}, .near = GeoPoint{53.56, 10.01}, .limit = 200});
  Both({.service_ids = {"anmeldung"}, .limit = 30, .move_in_date = CivilDay(2026, 3, 1)});
  Both({.service_ids = {"personalausweis", "fuehrungszeugnis"}, .limit = 5});
  const std::string online = Both({.service_ids = {"fuehrungszeugnis"}});
  EXPECT_NE(online.find("\"online\":[{\"service\":\"fuehrungszeugnis\""), std::string::npos);
  const std::string spring =
      Both({.service_ids = {"personalausweis"}, .from = CivilDay(2026, 3, 28), .limit = 200});
  EXPECT_NE(spring.find("+02:00"), std::string::npos);
  Both({.service_ids = {"personalausweis"}, .locations = {"kz-2"}, .limit = 1});
  SearchRequest paging{.service_ids = {"personalausweis", "anmeldung"},
                       .limit = 7,
                       .move_in_date = CivilDay(2026, 3, 3)};
  for (int page = 0; page < 20; ++page) {
    auto answer = engine_->Search(paging);
    ASSERT_TRUE(answer) << answer.error().message;
    EXPECT_EQ(SearchAnswerText(*answer, *engine_),
              boost::json::serialize(SearchAnswerJson(*answer, *engine_)));
    if (answer->next_cursor.empty()) break;
    paging.cursor = answer->next_cursor;
  }
}

TEST(JsonText, EscapesLikeBoostJsonAndParsesBack) {
  for (int c = 0; c < 256; ++c) {
    const std::string text = std::string("a") + static_cast<char>(c) + "z";
    std::string out;
    AppendString(out, text);
    EXPECT_EQ(out, boost::json::serialize(boost::json::string_view(text))) << "byte " << c;
    if (c < 0x80) {
      EXPECT_EQ(boost::json::parse(out).as_string(), text) << "byte " << c;
    }
  }
  // Longer texts are skipped a word at a time: every byte at every position of a word, and in
  // the tail after the last whole word, must still be caught.
  for (std::size_t size : {8u, 9u, 16u, 23u}) {
    for (std::size_t at = 0; at < size; ++at) {
      for (int c = 0; c < 256; ++c) {
        std::string text(size, 'x');
        text[at] = static_cast<char>(c);
        std::string out;
        AppendString(out, text);
        EXPECT_EQ(out, boost::json::serialize(boost::json::string_view(text)))
            << "byte " << c << " at " << at << " of " << size;
      }
    }
  }
  std::string n;
  AppendInt(n, std::int64_t{-1234567890123});
  EXPECT_EQ(n, "-1234567890123");
}

}  // namespace
}  // namespace amtszeit::booking
