#include "amtszeit/domain/steering_records.h"

#include "amtszeit/domain/enum_names.h"

namespace amtszeit {

namespace {
constexpr internal::EnumNames<MeasureStatus, 2> kMeasureStatuses{{
    {MeasureStatus::kPlanned, "planned"},
    {MeasureStatus::kDone, "done"},
}};
}  // namespace

std::string_view ToString(MeasureStatus status) {
  return internal::NameOf(kMeasureStatuses, status);
}

Result<MeasureStatus> ParseMeasureStatus(std::string_view text) {
  return internal::ValueOf(kMeasureStatuses, text, "measure status");
}

}  // namespace amtszeit
