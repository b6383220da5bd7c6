// Static files of the web front end. Paths are resolved inside the web root only: a decoded
// segment ".." (or one holding '/', '\\' or NUL) is refused, so %2e%2e cannot climb out either.
// Paths without a file extension fall back to index.html, so the single-page app can route.
#pragma once

#include <optional>
#include <string>

#include "amtszeit/server/http.h"

namespace amtszeit::server {

// nullopt when the path is not a static file (the caller answers 404).
std::optional<Response> ServeStatic(const std::string& web_root, const std::string& path);
// A minimal page for when no front end has been built.
Response BuiltInIndex();
bool IsSafeRelativePath(const std::string& path);

}  // namespace amtszeit::server
