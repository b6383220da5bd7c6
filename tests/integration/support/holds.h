// Searching offered times and holding one over HTTP, as the booking page does; the tests that
// only need some held appointment start from HoldFirstSlot.
//
//   auto hold = HoldFirstSlot(c);
//   ASSERT_EQ(hold.status, 201) << hold.body;
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "support/http_client.h"

namespace amtszeit::testing {

// An offered time: the centre and the start as the API writes it.
struct Slot {
  std::string location;
  std::string start;
  bool operator<(const Slot& o) const {
    return std::tie(location, start) < std::tie(o.location, o.start);
  }
};

// The body of POST /api/v1/holds.
std::string HoldBody(const std::string& location, const std::string& start,
                     const std::string& service = "personalausweis",
                     const std::string& channel = "online");

// The body of POST /api/v1/appointments confirming the hold answered by `receipt` for "Test Person"
// with `email`.
std::string ConfirmBody(const boost::json::value& receipt, const std::string& email);

// The Personalausweis times a search offers; `query` adds parameters, e.g.
// "locations=kz-altona&limit=1". A failed search is a test failure and offers nothing.
std::vector<Slot> Offered(HttpClient& c, const std::string& query);

// Holds the first Personalausweis time the search offers (`query` narrows it, without a limit):
// the hold's answer, 201 with the appointment's code and token. Status 0 when nothing was offered.
HttpResponse HoldFirstSlot(HttpClient& c, const std::string& query = "");

}  // namespace amtszeit::testing
