#include "amtszeit/domain/catalog.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace amtszeit {
namespace {

TEST(LocationStatus, RoundTripsThroughItsName) {
  const std::pair<LocationStatus, const char*> all[] = {{LocationStatus::kActive, "active"},
                                                        {LocationStatus::kClosed, "closed"},
                                                        {LocationStatus::kInterim, "interim"},
                                                        {LocationStatus::kPlanned, "planned"}};
  for (const auto& [status, name] : all) {
    EXPECT_EQ(ToString(status), name);
    EXPECT_EQ(ParseLocationStatus(name), status);
  }
}

TEST(LocationStatus, RejectsUnknownNames) {
  const auto r = ParseLocationStatus("Active");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message,
            "unknown location status 'Active' (active, closed, interim, planned)");
}

TEST(PriorityRule, RoundTripsThroughItsName) {
  EXPECT_EQ(ToString(PriorityRule::kNone), "none");
  EXPECT_EQ(ToString(PriorityRule::kPassportBeforeSummer), "passport_before_summer");
  EXPECT_EQ(ParsePriorityRule("none"), PriorityRule::kNone);
  EXPECT_EQ(ParsePriorityRule("passport_before_summer"), PriorityRule::kPassportBeforeSummer);
  EXPECT_FALSE(ParsePriorityRule("passport-before-summer").has_value());
  EXPECT_FALSE(ParsePriorityRule("").has_value());
}

TEST(DistanceKm, IsZeroForOnePoint) {
  const GeoPoint rathaus{53.5503, 9.9927};
  EXPECT_DOUBLE_EQ(DistanceKm(rathaus, rathaus), 0.0);
}

TEST(DistanceKm, MeasuresOneDegreeOfLatitudeOnTheMeanSphere) {
  EXPECT_NEAR(DistanceKm({0, 0}, {1, 0}), 111.19508, 1e-5);
}

TEST(DistanceKm, MeasuresHamburgToBerlinSymmetrically) {
  const GeoPoint hamburg{53.5503, 9.9927};
  const GeoPoint berlin{52.5163, 13.3777};
  EXPECT_NEAR(DistanceKm(hamburg, berlin), 253.84, 0.01);
  EXPECT_DOUBLE_EQ(DistanceKm(hamburg, berlin), DistanceKm(berlin, hamburg));
}

TEST(DistanceKm, StaysFiniteForAntipodes) {
  EXPECT_NEAR(DistanceKm({0, 0}, {0, 180}), 20015.114, 1e-3);
  EXPECT_NEAR(DistanceKm({90, 0}, {-90, 0}), 20015.114, 1e-3);
}

Location At(LocationStatus status) {
  Location l;
  l.id = "kz-test";
  l.status = status;
  return l;
}

TEST(Location, IsInServiceWhenActiveOrInterimWithoutDates) {
  EXPECT_TRUE(At(LocationStatus::kActive).InServiceOn(absl::CivilDay(2026, 3, 2)));
  EXPECT_TRUE(At(LocationStatus::kInterim).InServiceOn(absl::CivilDay(2026, 3, 2)));
}

TEST(Location, IsNeverInServiceWhenClosed) {
  Location l = At(LocationStatus::kClosed);
  l.valid_from = absl::CivilDay(2020, 1, 1);
  EXPECT_FALSE(l.InServiceOn(absl::CivilDay(2026, 3, 2)));
}

TEST(Location, IsInServiceWhenPlannedOnlyFromItsFirstDay) {
  Location l = At(LocationStatus::kPlanned);
  EXPECT_FALSE(l.InServiceOn(absl::CivilDay(2026, 3, 2)));
  l.valid_from = absl::CivilDay(2026, 9, 1);
  EXPECT_FALSE(l.InServiceOn(absl::CivilDay(2026, 8, 31)));
  EXPECT_TRUE(l.InServiceOn(absl::CivilDay(2026, 9, 1)));
  EXPECT_TRUE(l.InServiceOn(absl::CivilDay(2027, 1, 4)));
}

TEST(Location, CountsValidityDatesInclusively) {
  Location l = At(LocationStatus::kInterim);
  l.valid_from = absl::CivilDay(2026, 1, 5);
  l.valid_to = absl::CivilDay(2026, 6, 30);
  EXPECT_FALSE(l.InServiceOn(absl::CivilDay(2026, 1, 4)));
  EXPECT_TRUE(l.InServiceOn(absl::CivilDay(2026, 1, 5)));
  EXPECT_TRUE(l.InServiceOn(absl::CivilDay(2026, 6, 30)));
  EXPECT_FALSE(l.InServiceOn(absl::CivilDay(2026, 7, 1)));
}

TEST(Catalog, FindsRecordsById) {
  Catalog c;
  c.districts = {{"harburg", "Harburg"}, {"altona", "Altona"}};
  c.locations.push_back(At(LocationStatus::kActive));
  Service s;
  s.id = "personalausweis";
  c.services.push_back(s);
  ASSERT_NE(c.FindDistrict("altona"), nullptr);
  EXPECT_EQ(c.FindDistrict("altona")->name, "Altona");
  EXPECT_EQ(c.FindDistrict("Altona"), nullptr);
  EXPECT_EQ(c.FindLocation("kz-test"), &c.locations[0]);
  EXPECT_EQ(c.FindLocation("kz-other"), nullptr);
  EXPECT_EQ(c.FindService("personalausweis"), &c.services[0]);
  EXPECT_EQ(c.FindService(""), nullptr);
}

}  // namespace
}  // namespace amtszeit
