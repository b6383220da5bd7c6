#include "amtszeit/server/bodies/login_body.h"

#include "amtszeit/server/body.h"

namespace amtszeit::server {

Result<LoginBody> DecodeLogin(boost::json::value json) {
  auto body = Body::Of(std::move(json), {"name", "password"});
  if (!body) return std::unexpected(body.error());
  auto name = body->String("name");
  if (!name) return std::unexpected(name.error());
  auto password = body->String("password");
  if (!password) return std::unexpected(password.error());
  return LoginBody{.name = name->value_or(""), .password = password->value_or("")};
}

}  // namespace amtszeit::server
