#include "amtszeit/server/actor.h"

namespace amtszeit::server {

Result<std::string> ActorName(const Request& req, const Body& body) {
  if (req.principal) return req.principal->name;
  auto typed = body.String("actor");
  if (!typed) return std::unexpected(typed.error());
  std::string name = typed->value_or("");
  if (name.size() > kMaxActorLength) {
    return Fail(ErrorCode::kInvalidArgument, "actor: at most {} characters", kMaxActorLength);
  }
  return name;
}

std::string ActorName(const Request& req) {
  if (req.principal) return req.principal->name;
  return req.Query("actor").value_or("").substr(0, kMaxActorLength);
}

}  // namespace amtszeit::server
