// libFuzzer target: request bodies as the API reads them. The text goes through the JSON parser
// every body meets, then through the booking API's decoders (hold, confirm, reschedule) and the
// domain codecs that steering and closure bodies are decoded with. Decoders must answer a Result
// for anything; a crash, a sanitizer report or an exception is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "amtszeit/booking/api_json.h"
#include "amtszeit/domain/json_codec.h"

namespace {

using namespace amtszeit;

template <typename T>
void Decode(const boost::json::value& v) {
  (void)FromJson<T>(v, "body");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto json = ParseJson(text);
  if (!json) return 0;
  (void)booking::ParseHoldRequest(*json);
  (void)booking::ParseConfirmRequest(*json);
  (void)booking::ParseRescheduleRequest(*json);
  Decode<TimeRange>(*json);
  Decode<OpeningHours>(*json);
  Decode<Location>(*json);
  Decode<Service>(*json);
  Decode<Shift>(*json);
  Decode<Absence>(*json);
  Decode<Holiday>(*json);
  Decode<SchoolHoliday>(*json);
  return 0;
}
