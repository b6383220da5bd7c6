#include "support/staff.h"

#include <boost/json.hpp>

namespace amtszeit::testing {

bool AddStaff(const ServerProcess& server, const std::string& name, const std::string& role,
              const std::string& scope, const std::string& password) {
  std::vector<std::string> args = {"user",   "add", "--db",   server.db(),
                                   "--name", name,  "--role", role};
  if (role == "counter_staff" || role == "centre_manager") {
    args.insert(args.end(), {"--location", scope});
  } else if (role == "district_lead") {
    args.insert(args.end(), {"--district", scope});
  }
  return RunAmtszeit(args, password) == 0;
}

std::optional<StaffSession> SignIn(std::uint16_t port, const std::string& name,
                                   const std::string& password) {
  HttpClient c(port);
  const auto r = c.PostJson("/api/v1/session", boost::json::serialize(boost::json::object{
                                                   {"name", name}, {"password", password}}));
  if (r.status != 201) return std::nullopt;
  const auto cookie = r.headers.find("set-cookie");
  if (cookie == r.headers.end()) return std::nullopt;
  return StaffSession{.cookie = cookie->second.substr(0, cookie->second.find(';')),
                      .csrf = std::string(r.Json().at("csrf_token").as_string())};
}

bool SignInAs(HttpClient& client, const ServerProcess& server, const std::string& role,
              const std::string& scope) {
  std::string where = scope;
  if (where.empty() && (role == "counter_staff" || role == "centre_manager")) {
    where = "kz-wilhelmsburg";
  } else if (where.empty() && role == "district_lead") {
    where = "hamburg-mitte";
  }
  const std::string name = where.empty() ? role : role + "." + where;
  auto session = SignIn(server.port(), name);
  if (!session) {
    if (!AddStaff(server, name, role, where)) return false;
    session = SignIn(server.port(), name);
  }
  if (!session) return false;
  client.SetDefaultHeaders(session->Headers());
  return true;
}

}  // namespace amtszeit::testing
