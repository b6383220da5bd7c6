// `amtszeit user add|passwd|disable|list`: staff accounts. Passwords come from standard input
// (one line; not echoed on a terminal), never from the command line, where other users of the
// machine and the shell history would see them.
#include <fmt/core.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "absl/time/clock.h"
#include "amtszeit/auth/users.h"
#include "commands.h"

namespace amtszeit::cli {

namespace {

std::string ReadPassword(const std::string& prompt) {
  const bool tty = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    std::fprintf(stderr, "%s", prompt.c_str());
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

struct Options {
  std::string db;
  std::string name;
  std::string role;
  std::string location;
  std::string district;
};

Result<std::unique_ptr<store::Store>> OpenExisting(const std::string& db) {
  return store::OpenStore(db, {.create_if_missing = false});
}

int Add(const Options& o) {
  auto role = auth::ParseRole(o.role);
  if (!role) return ReportFailure(role.error().message);
  auto store = OpenExisting(o.db);
  if (!store) return ReportFailure(store.error().message);
  auto catalog = (*store)->ReadCatalog();
  if (!catalog) return ReportFailure(catalog.error().message);
  const std::string password = ReadPassword("Password for " + o.name + ": ");
  auto id = auth::AddUser(
      **store, *catalog,
      {.name = o.name, .role = *role, .location_id = o.location, .district_id = o.district},
      password, absl::Now());
  if (!id) return ReportFailure(id.error().message);
  fmt::print("user {} added ({})\n", o.name, auth::ToString(*role));
  return 0;
}

int Passwd(const Options& o) {
  auto store = OpenExisting(o.db);
  if (!store) return ReportFailure(store.error().message);
  const std::string password = ReadPassword("New password for " + o.name + ": ");
  if (auto ok = auth::SetPassword(**store, o.name, password); !ok) {
    return ReportFailure(ok.error().message);
  }
  fmt::print("password of {} changed; their sessions ended\n", o.name);
  return 0;
}

int Disable(const Options& o) {
  auto store = OpenExisting(o.db);
  if (!store) return ReportFailure(store.error().message);
  if (auto ok = auth::DisableUser(**store, o.name); !ok) return ReportFailure(ok.error().message);
  fmt::print("user {} disabled; their sessions ended\n", o.name);
  return 0;
}

int List(const Options& o) {
  auto store = OpenExisting(o.db);
  if (!store) return ReportFailure(store.error().message);
  auto users = auth::ListUsers(**store);
  if (!users) return ReportFailure(users.error().message);
  for (const StaffUser& u : *users) {
    const std::string scope = !u.location_id.empty()   ? u.location_id
                              : !u.district_id.empty() ? u.district_id
                                                       : "-";
    fmt::print("{}\t{}\t{}{}\n", u.name, u.role, scope, u.disabled ? "\tdisabled" : "");
  }
  return 0;
}

}  // namespace

void AddUserCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("user", "Staff accounts: add, passwd, disable, list");
  cmd->require_subcommand(1);
  const auto db = [&](CLI::App* sub) {
    sub->add_option("--db", o->db, "SQLite file of the installation")->required();
  };
  CLI::App* add = cmd->add_subcommand("add", "Add an account; the password is read from stdin");
  db(add);
  add->add_option("--name", o->name, "Sign-in name")->required();
  add->add_option("--role", o->role,
                  "phone_agent, counter_staff, centre_manager, district_lead, central_control "
                  "or administrator")
      ->required();
  auto* location =
      add->add_option("--location", o->location, "Centre of counter staff and centre managers");
  add->add_option("--district", o->district, "District of a district lead")->excludes(location);
  add->callback([o, &exit_code] { exit_code = Add(*o); });

  CLI::App* passwd = cmd->add_subcommand("passwd", "Set a new password, read from stdin");
  db(passwd);
  passwd->add_option("--name", o->name, "Sign-in name")->required();
  passwd->callback([o, &exit_code] { exit_code = Passwd(*o); });

  CLI::App* disable = cmd->add_subcommand("disable", "Disable an account and end its sessions");
  db(disable);
  disable->add_option("--name", o->name, "Sign-in name")->required();
  disable->callback([o, &exit_code] { exit_code = Disable(*o); });

  CLI::App* list = cmd->add_subcommand("list", "List the accounts (never their passwords)");
  db(list);
  list->callback([o, &exit_code] { exit_code = List(*o); });
}

}  // namespace amtszeit::cli
