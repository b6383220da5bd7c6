// Staff sign-in for integration tests: accounts are made with the real CLI (`amtszeit user add`,
// the password on standard input) and signed in over HTTP; the session's cookie and CSRF token
// then go with every request of a client.
//
//   HttpClient c(server.port());
//   ASSERT_TRUE(SignInAs(c, server, "central_control"));
#pragma once

#include <map>
#include <optional>
#include <string>

#include "support/http_client.h"
#include "support/server_process.h"

namespace amtszeit::testing {

inline constexpr const char* kStaffPassword = "Fischmarkt-Sonntag-5";

// Adds an account (scope: a centre for counter_staff and centre_manager, a district for
// district_lead); true when `amtszeit user add` succeeded.
bool AddStaff(const ServerProcess& server, const std::string& name, const std::string& role,
              const std::string& scope = "", const std::string& password = kStaffPassword);

struct StaffSession {
  std::string cookie;  // "amtszeit_session=..."
  std::string csrf;
  // Cookie and X-CSRF-Token, for HttpClient::SetDefaultHeaders.
  std::map<std::string, std::string> Headers() const {
    return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
  }
};

std::optional<StaffSession> SignIn(std::uint16_t port, const std::string& name,
                                   const std::string& password = kStaffPassword);

// Makes an account named after the role (and scope) unless it exists, signs it in and sets the
// client's default headers to the session. The default scopes are Wilhelmsburg and its district.
bool SignInAs(HttpClient& client, const ServerProcess& server, const std::string& role,
              const std::string& scope = "");

}  // namespace amtszeit::testing
