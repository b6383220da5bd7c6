// Interim locations: a centre opened at runtime for a period, e.g. a container or a town hall
// room while a centre moves, so its citizens keep a place nearby.
#include <boost/json.hpp>

#include "amtszeit/booking/engine.h"
#include "amtszeit/domain/json_codec.h"
#include "amtszeit/domain/validation.h"
#include "amtszeit/steering/steering.h"

namespace amtszeit::steering {

namespace {

constexpr int kMaxInterimDays = 366;

// Ids appear in URLs and data files: lower-case slugs.
bool IsSlug(std::string_view id) {
  if (id.size() < 3 || id.size() > 60 || id.front() == '-' || id.back() == '-') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

Result<InterimOutcome> SteeringService::OpenInterim(Location location, const Actor& actor) {
  if (auto ok = CheckActor(actor); !ok) return std::unexpected(ok.error());
  if (!IsSlug(location.id)) {
    return Fail(ErrorCode::kInvalidArgument,
                "id: 3-60 characters a-z, 0-9 and '-', not starting or ending with '-'");
  }
  if (engine_.FindLocation(location.id) != nullptr) {
    return Fail(ErrorCode::kConflict, "a centre '{}' exists already", location.id);
  }
  if (location.name.empty() || location.name.size() > 120) {
    return Fail(ErrorCode::kInvalidArgument, "name: 1-120 characters");
  }
  if (!location.valid_from || !location.valid_to) {
    return Fail(ErrorCode::kInvalidArgument,
                "valid_from and valid_to: an interim location is "
                "open for a period");
  }
  if (*location.valid_to < *location.valid_from) {
    return Fail(ErrorCode::kInvalidArgument, "valid_to: must not be before valid_from");
  }
  if (*location.valid_to - *location.valid_from >= kMaxInterimDays) {
    return Fail(ErrorCode::kInvalidArgument, "an interim location is open at most {} days",
                kMaxInterimDays);
  }
  if (*location.valid_to < Today()) {
    return Fail(ErrorCode::kInvalidArgument, "valid_to: lies in the past");
  }
  if (!location.interim_for.empty()) {
    const Location* home = engine_.FindLocation(location.interim_for);
    if (home == nullptr) {
      return Fail(ErrorCode::kNotFound, "interim_for: no centre '{}'", location.interim_for);
    }
    if (home->status == LocationStatus::kInterim) {
      return Fail(ErrorCode::kInvalidArgument, "interim_for: {} is itself an interim location",
                  home->name);
    }
  }
  location.status = LocationStatus::kInterim;
  if (location.address.city.empty()) location.address.city = "Hamburg";
  Catalog next = engine_.catalog();
  next.locations.push_back(location);
  if (auto ok = ValidateCatalog(next); !ok) return std::unexpected(ok.error());

  InterimOutcome out{.location = location};
  const SteeringAction action{.at = clock_.Now(),
                              .actor = actor.name,
                              .kind = "location.interim_opened",
                              .location_id = location.id,
                              .reason = actor.reason,
                              .after = boost::json::serialize(ToJson(location))};
  auto added = engine_.AddLocation(location, [&](store::WriteTx& tx) -> Result<void> {
    auto id = tx.AppendAction(action);
    if (!id) return std::unexpected(id.error());
    out.action_id = *id;
    return {};
  });
  if (!added) return std::unexpected(added.error());
  if (on_roster_changed_) on_roster_changed_();
  return out;
}

}  // namespace amtszeit::steering
