// JSON form of the domain types, shared by the data files (data/<city>/*.json), the store's
// exports and the HTTP API, so that a field is spelled the same everywhere.
//
// Spelling: snake_case keys; days "YYYY-MM-DD"; times of day "HH:MM"; time ranges
// {"from": "08:00", "to": "12:00"}; enums lower snake case ("walk_in", "interim"). Decoding is
// strict: unknown keys, wrong types and out-of-range values are errors that name the path
// ("locations[3].hours.weekly.mon[0].from: '7:5' is not HH:MM").
//
//   boost::json::value v = ToJson(service);
//   Result<Service> back = FromJson<Service>(v);
#pragma once

#include <boost/json/value.hpp>

#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/opening_hours.h"
#include "amtszeit/domain/roster.h"
#include "amtszeit/domain/school_holidays.h"

namespace amtszeit {

boost::json::value ToJson(const TimeRange& v);
boost::json::value ToJson(const OpeningHours& v);
boost::json::value ToJson(const District& v);
boost::json::value ToJson(const Location& v);
boost::json::value ToJson(const Service& v);
boost::json::value ToJson(const Staff& v);
boost::json::value ToJson(const Shift& v);
boost::json::value ToJson(const Absence& v);
boost::json::value ToJson(const CentreClosure& v);
boost::json::value ToJson(const Holiday& v);
boost::json::value ToJson(const SchoolHoliday& v);

// Defined for every type with a ToJson above. `path` prefixes error messages.
template <typename T>
Result<T> FromJson(const boost::json::value& json, std::string_view path = "");
template <>
Result<TimeRange> FromJson<TimeRange>(const boost::json::value& json, std::string_view path);
template <>
Result<OpeningHours> FromJson<OpeningHours>(const boost::json::value& json, std::string_view path);
template <>
Result<District> FromJson<District>(const boost::json::value& json, std::string_view path);
template <>
Result<Location> FromJson<Location>(const boost::json::value& json, std::string_view path);
template <>
Result<Service> FromJson<Service>(const boost::json::value& json, std::string_view path);
template <>
Result<Staff> FromJson<Staff>(const boost::json::value& json, std::string_view path);
template <>
Result<Shift> FromJson<Shift>(const boost::json::value& json, std::string_view path);
template <>
Result<Absence> FromJson<Absence>(const boost::json::value& json, std::string_view path);
template <>
Result<Holiday> FromJson<Holiday>(const boost::json::value& json, std::string_view path);
template <>
Result<SchoolHoliday> FromJson<SchoolHoliday>(const boost::json::value& json,
                                              std::string_view path);

// Parses text into a JSON value; the error names line and column when Boost.JSON reports them.
Result<boost::json::value> ParseJson(std::string_view text);

}  // namespace amtszeit
