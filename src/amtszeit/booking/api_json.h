// The booking API's JSON: requests parsed strictly (unknown fields, wrong types and bad dates are
// 400s naming the field) and answers shaped as docs/openapi.yaml describes. Kept beside the
// engine so the HTTP handlers stay one-liners and the wire format has one home.
//
//   auto request = ParseHoldRequest(body);               // Result<HoldRequest>
//   boost::json::value out = ReceiptJson(receipt, engine, base_url);
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <string>
#include <string_view>

#include "amtszeit/booking/engine.h"

namespace amtszeit::booking {

// Query parameters of GET /slots and GET /locations/{id}/days; `get` returns the raw value of a
// parameter or nullopt.
using QueryLookup = std::function<std::optional<std::string>(std::string_view)>;
Result<SearchRequest> ParseSearchQuery(const QueryLookup& get);

Result<HoldRequest> ParseHoldRequest(const boost::json::value& body);
Result<ConfirmRequest> ParseConfirmRequest(const boost::json::value& body);
struct RescheduleRequest {
  std::string hold;
  std::string hold_token;
};
Result<RescheduleRequest> ParseRescheduleRequest(const boost::json::value& body);

boost::json::value SlotJson(const SlotView& slot, const BookingEngine& engine);
boost::json::value SearchAnswerJson(const SearchAnswer& answer, const BookingEngine& engine);
// The same answer as serialize(SearchAnswerJson(...)), byte for byte, written straight into the
// text: search is the hottest endpoint, and building a tree of every slot first cost more CPU
// than the search itself.
std::string SearchAnswerText(const SearchAnswer& answer, const BookingEngine& engine);
boost::json::value DaysJson(std::string_view location, const std::vector<DayAvailability>& days);
// Without contact details unless `with_contact` (only the holder of the token sees them).
boost::json::value AppointmentJson(const Appointment& a, const BookingEngine& engine,
                                   bool with_contact);
// `base_url` like "http://localhost:8080"; the manage link points at the web page.
boost::json::value ReceiptJson(const Receipt& r, const BookingEngine& engine,
                               std::string_view base_url);

}  // namespace amtszeit::booking
