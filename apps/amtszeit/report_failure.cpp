#include <cstdio>
#include <string>

#include "commands.h"

namespace amtszeit::cli {

int ReportFailure(std::string_view message) {
  std::fprintf(stderr, "amtszeit: %s\n", std::string(message).c_str());
  return 1;
}

}  // namespace amtszeit::cli
