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

}  // namespace amtszeit::booking::internal
