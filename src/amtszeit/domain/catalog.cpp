#include "amtszeit/domain/catalog.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "amtszeit/domain/enum_names.h"

namespace amtszeit {

namespace {

constexpr internal::EnumNames<LocationStatus, 4> kLocationStatuses{{
    {LocationStatus::kActive, "active"},
    {LocationStatus::kClosed, "closed"},
    {LocationStatus::kInterim, "interim"},
    {LocationStatus::kPlanned, "planned"},
}};

constexpr internal::EnumNames<PriorityRule, 2> kPriorityRules{{
    {PriorityRule::kNone, "none"},
    {PriorityRule::kPassportBeforeSummer, "passport_before_summer"},
}};

// IUGG mean Earth radius.
constexpr double kEarthRadiusKm = 6371.0088;

template <typename T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

std::string_view ToString(LocationStatus status) {
  return internal::NameOf(kLocationStatuses, status);
}

Result<LocationStatus> ParseLocationStatus(std::string_view text) {
  return internal::ValueOf(kLocationStatuses, text, "location status");
}

std::string_view ToString(PriorityRule rule) { return internal::NameOf(kPriorityRules, rule); }

Result<PriorityRule> ParsePriorityRule(std::string_view text) {
  return internal::ValueOf(kPriorityRules, text, "priority rule");
}

double DistanceKm(const GeoPoint& a, const GeoPoint& b) {
  constexpr double kRadians = std::numbers::pi / 180.0;
  const double lat1 = a.lat * kRadians;
  const double lat2 = b.lat * kRadians;
  const double sin_dlat = std::sin((lat2 - lat1) / 2);
  const double sin_dlon = std::sin((b.lon - a.lon) * kRadians / 2);
  const double h = sin_dlat * sin_dlat + std::cos(lat1) * std::cos(lat2) * sin_dlon * sin_dlon;
  // Rounding can push h a hair above 1 for antipodes; asin would then return NaN.
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, h)));
}

bool Location::InServiceOn(absl::CivilDay day) const {
  if (status == LocationStatus::kClosed) return false;
  // A planned centre without an opening date is not bookable yet.
  if (status == LocationStatus::kPlanned && !valid_from) return false;
  if (valid_from && day < *valid_from) return false;
  if (valid_to && day > *valid_to) return false;
  return true;
}

const District* Catalog::FindDistrict(std::string_view id) const { return FindById(districts, id); }

const Location* Catalog::FindLocation(std::string_view id) const { return FindById(locations, id); }

const Service* Catalog::FindService(std::string_view id) const { return FindById(services, id); }

}  // namespace amtszeit
