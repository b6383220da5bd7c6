// The catalogue: districts (Bezirke), locations (Kundenzentren) and services (Dienstleistungen).
// Plain value types; ids are stable slugs used in URLs and data files ("hamburg-mitte",
// "kz-caffamacherreihe", "personalausweis").
//
//   const Service* s = catalog.FindService("personalausweis");
//   if (s && s->needs_presence) ...
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/opening_hours.h"

namespace amtszeit {

struct District {
  std::string id;
  std::string name;

  friend bool operator==(const District&, const District&) = default;
};

enum class LocationStatus { kActive, kClosed, kInterim, kPlanned };
std::string_view ToString(LocationStatus status);
Result<LocationStatus> ParseLocationStatus(std::string_view text);

struct GeoPoint {
  double lat = 0;
  double lon = 0;

  friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

// Great-circle distance in kilometres (haversine, mean Earth radius).
double DistanceKm(const GeoPoint& a, const GeoPoint& b);

struct Address {
  std::string street;  // "Caffamacherreihe 1-3"
  std::string postcode;
  std::string city;

  friend bool operator==(const Address&, const Address&) = default;
};

struct Location {
  std::string id;
  std::string name;
  std::string district_id;
  Address address;
  GeoPoint geo;
  LocationStatus status = LocationStatus::kActive;
  std::optional<absl::CivilDay> valid_from;  // first day in service, if known
  std::optional<absl::CivilDay> valid_to;    // last day in service, if known
  int counters = 0;                          // desks where staff serve
  OpeningHours hours;
  std::string note;  // sources, and which figures are estimates
  // An interim location (e.g. while a centre moves) names the centre it stands in for: that
  // centre's appointments are rebooked into it first when the centre closes.
  std::string interim_for;

  // Whether the location serves citizens on `day` (status and validity dates, not hours).
  bool InServiceOn(absl::CivilDay day) const;

  friend bool operator==(const Location&, const Location&) = default;
};

enum class PriorityRule {
  kNone,
  kPassportBeforeSummer,  // prioritised in the weeks before the summer school holidays
};
std::string_view ToString(PriorityRule rule);
Result<PriorityRule> ParsePriorityRule(std::string_view text);

struct Service {
  std::string id;
  std::string name_de;
  std::string name_en;
  int duration_minutes = 0;  // on the 5-minute grid
  bool needs_presence = true;
  std::string online_url;  // where a service without a visit is done
  bool express = false;    // short service served without waiting at express counters
  std::optional<int> legal_deadline_days;  // e.g. 14 for Ummeldung after moving in
  PriorityRule priority = PriorityRule::kNone;
  std::string skill;  // what staff must be able to do
  std::string leika;  // federal LeiKa key (Leistungsschlüssel), where known
  std::string category;

  friend bool operator==(const Service&, const Service&) = default;
};

struct Catalog {
  std::vector<District> districts;
  std::vector<Location> locations;
  std::vector<Service> services;

  const District* FindDistrict(std::string_view id) const;
  const Location* FindLocation(std::string_view id) const;
  const Service* FindService(std::string_view id) const;

  friend bool operator==(const Catalog&, const Catalog&) = default;
};

}  // namespace amtszeit
