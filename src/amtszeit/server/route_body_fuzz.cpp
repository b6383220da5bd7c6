// libFuzzer target: the JSON bodies of the staff and citizen routes beyond booking, decoded as
// the routes decode them but without a server (server/bodies/, planning's ParseScenario). The
// first byte picks the decoder; the rest is the body. Decoders must answer a Result for anything;
// a crash, a sanitizer report or an exception is a finding.
//
//   a absence   s shift   m move   r resolve   e measure      (steering)
//   p planning scenario   w waitlist join   c case submission   y answer to a question
//   b back-office status   l login
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "amtszeit/dataset/dataset.h"
#include "amtszeit/domain/json_codec.h"
#include "amtszeit/planning/scenario.h"
#include "amtszeit/server/bodies/case_bodies.h"
#include "amtszeit/server/bodies/login_body.h"
#include "amtszeit/server/bodies/steering_bodies.h"
#include "amtszeit/server/bodies/waitlist_body.h"

namespace {

using namespace amtszeit;
using namespace amtszeit::server;

// The small catalogue of fuzz/data (three centres), loaded once: scenarios name its ids.
const Catalog& SmallCatalog() {
  static const Catalog catalog = [] {
    auto data = dataset::LoadDataset(std::filesystem::path(AMTSZEIT_SOURCE_DIR) / "fuzz" / "data");
    if (!data) __builtin_trap();  // the committed data must load
    return data->catalog;
  }();
  return catalog;
}

// Every service has this form, so the size check before decoding a document runs too.
const OnlineForm* AnyForm(std::string_view) {
  static const OnlineForm form{
      .service_id = "meldebescheinigung",
      .documents = {{.id = "passport", .content_types = {"application/pdf"}, .max_bytes = 64}}};
  return &form;
}

void Steering(char kind, boost::json::value json) {
  switch (kind) {
    case 'a':
      if (auto body = Body::Open(std::move(json))) (void)DecodeAbsence(std::move(*body));
      break;
    case 's':
      if (auto body = Body::Open(std::move(json))) (void)DecodeShift(std::move(*body));
      break;
    case 'm':
      if (auto body = Body::Of(std::move(json), kMoveFields)) (void)DecodeMove(*body);
      break;
    case 'r':
      if (auto body = Body::Of(std::move(json), kResolveFields)) (void)DecodeResolve(*body);
      break;
    case 'e':
      if (auto body = Body::Of(std::move(json), kMeasureFields)) (void)DecodeMeasure(*body);
      break;
    case 'b':
      if (auto body = Body::Of(std::move(json), kStatusChangeFields)) {
        (void)DecodeStatusChange(*body);
      }
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // Any other first byte still picks one, so no input is wasted.
  constexpr std::string_view kKinds = "asmrepwcbly";
  const char first = static_cast<char>(data[0]);
  const char kind =
      kKinds.find(first) != std::string_view::npos ? first : kKinds[data[0] % kKinds.size()];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (kind == 'p') {
    (void)planning::ParseScenario(text, SmallCatalog());
    return 0;
  }
  auto json = ParseJson(text);
  if (!json) return 0;
  switch (kind) {
    case 'w':
      (void)DecodeJoin(std::move(*json));
      break;
    case 'c':
      (void)DecodeSubmission(std::move(*json), AnyForm);
      break;
    case 'l':
      (void)DecodeLogin(std::move(*json));
      break;
    case 'y':
      (void)DecodeReply(std::move(*json));
      break;
    default:
      Steering(kind, std::move(*json));
  }
  return 0;
}
