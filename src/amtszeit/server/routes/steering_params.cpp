#include "amtszeit/server/routes/steering_params.h"

#include <charconv>

#include "amtszeit/server/actor.h"

namespace amtszeit::server {

std::optional<std::int64_t> IdParam(const Request& req) {
  const std::string& text = req.Param("id");
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

Result<steering::Actor> ActorOf(const Request& req, const Body& body) {
  auto name = ActorName(req, body);
  if (!name) return std::unexpected(name.error());
  auto reason = body.String("reason");
  if (!reason) return std::unexpected(reason.error());
  return steering::Actor{.name = std::move(*name), .reason = reason->value_or("")};
}

steering::Actor ActorOf(const Request& req) {
  return {.name = ActorName(req), .reason = req.Query("reason").value_or("")};
}

Result<std::pair<absl::CivilDay, absl::CivilDay>> DayRange(const App& app, const Request& req,
                                                           int days, int max) {
  auto from = req.OptionalDay("from");
  if (!from) return std::unexpected(from.error());
  auto to = req.OptionalDay("to");
  if (!to) return std::unexpected(to.error());
  const absl::CivilDay today = app.steering.Today();
  const absl::CivilDay first = from->value_or(today);
  const absl::CivilDay last = to->value_or(first + (days - 1));
  if (last < first) return Fail(ErrorCode::kInvalidArgument, "'to' lies before 'from'");
  if (last - first >= max) return Fail(ErrorCode::kInvalidArgument, "at most {} days", max);
  return std::pair{first, last};
}

}  // namespace amtszeit::server
