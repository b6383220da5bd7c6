// The body of signing in, decoded without the request (the fuzzer links it alone). Staff
// accounts themselves are managed on the command line (`amtszeit user ...`), not over HTTP.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "amtszeit/domain/error.h"

namespace amtszeit::server {

struct LoginBody {
  std::string name;  // empty when missing: AuthService refuses it like a wrong password
  std::string password;
};
Result<LoginBody> DecodeLogin(boost::json::value json);

}  // namespace amtszeit::server
