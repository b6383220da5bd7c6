#include "support/holds.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace amtszeit::testing {

namespace json = boost::json;

std::string HoldBody(const std::string& location, const std::string& start,
                     const std::string& service, const std::string& channel) {
  return json::serialize(json::value{{"services", json::array{json::value(service)}},
                                     {"location", location},
                                     {"start", start},
                                     {"channel", channel}});
}

std::string ConfirmBody(const json::value& receipt, const std::string& email) {
  return json::serialize(json::value{{"hold", receipt.at("appointment").at("code")},
                                     {"token", receipt.at("token")},
                                     {"contact", {{"name", "Test Person"}, {"email", email}}}});
}

std::vector<Slot> Offered(HttpClient& c, const std::string& query) {
  auto r = c.Get("/api/v1/slots?services=personalausweis&" + query);
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<Slot> out;
  if (r.status != 200) return out;
  for (const auto& s : r.Json().at("slots").as_array()) {
    out.push_back(
        {std::string(s.at("location").as_string()), std::string(s.at("start").as_string())});
  }
  return out;
}

HttpResponse HoldFirstSlot(HttpClient& c, const std::string& query) {
  const std::vector<Slot> slots = Offered(c, query.empty() ? "limit=1" : query + "&limit=1");
  if (slots.empty()) {
    HttpResponse none;
    none.body = "no Personalausweis time offered";
    return none;
  }
  return c.PostJson("/api/v1/holds", HoldBody(slots[0].location, slots[0].start));
}

}  // namespace amtszeit::testing
