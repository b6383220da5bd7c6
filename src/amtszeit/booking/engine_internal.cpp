#include "amtszeit/booking/engine_internal.h"

#include <algorithm>

#include "amtszeit/booking/secrets.h"
#include "amtszeit/secrets/secrets.h"

namespace amtszeit::booking::internal {

std::string Fingerprint(const HoldRequest& r) {
  std::vector<std::string> services = r.service_ids;
  std::ranges::sort(services);
  std::string f = "hold|" + r.location_id + "|" + std::to_string(absl::ToUnixSeconds(r.start)) +
                  "|" + std::string(ToString(r.channel));
  for (const auto& s : services) f += "|" + s;
  if (r.move_in_date) f += "|m" + FormatDay(*r.move_in_date);
  if (r.travel_date) f += "|t" + FormatDay(*r.travel_date);
  return secrets::LinkTokenHash(f);
}

std::string Fingerprint(const ConfirmRequest& r) {
  return secrets::LinkTokenHash("confirm|" + r.code + "|" + r.token + "|" + r.contact.name + "|" +
                                r.contact.email + "|" + r.contact.phone);
}

Result<Appointment> FindOwned(store::WriteTx& tx, std::string_view code, const Authority& who) {
  auto found = tx.FindAppointmentByCode(NormaliseCode(code));
  if (!found) return std::unexpected(found.error());
  if (!*found || !(who.call_centre || secrets::LinkTokenMatches(who.token, (*found)->token_hash))) {
    return Fail(ErrorCode::kNotFound, "no appointment with this code and token");
  }
  return **found;
}

Result<void> WhyNotConfirmable(store::WriteTx& tx, std::string_view code, std::string_view token,
                               absl::Time now, const absl::TimeZone& zone) {
  auto found = FindOwned(tx, code, Authority(token));
  if (!found) return std::unexpected(found.error());
  if (found->status != AppointmentStatus::kHeld) {
    return Fail(ErrorCode::kConflict, "this reservation is {}, not open for confirmation",
                ToString(found->status));
  }
  if (found->hold_expires_at <= now) {
    return Fail(ErrorCode::kConflict, "the reservation expired at {}; please choose a time again",
                FormatInstant(found->hold_expires_at, zone));
  }
  // Held, open and owned, yet not confirmed: nothing in one transaction changes it in between.
  return Fail(ErrorCode::kInternal, "the reservation {} could not be confirmed", found->code);
}

}  // namespace amtszeit::booking::internal
