// The queue's JSON: what the API answers and what live views receive (one shape for both).
#pragma once

#include <boost/json/object.hpp>

#include "absl/time/time.h"
#include "amtszeit/queue/service.h"

namespace amtszeit::queue {

boost::json::object ToJson(const TicketView& view, const absl::TimeZone& zone);
boost::json::object ToJson(const Counter& counter, const std::optional<TicketView>& ticket,
                           const absl::TimeZone& zone);
boost::json::object ToJson(const CallRecord& call, const absl::TimeZone& zone);
boost::json::object ToJson(const LocationQueue& queue, const absl::TimeZone& zone);

}  // namespace amtszeit::queue
