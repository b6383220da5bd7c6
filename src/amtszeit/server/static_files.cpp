#include "amtszeit/server/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "amtszeit/server/router.h"

namespace amtszeit::server {

namespace fs = std::filesystem;

namespace {

std::string ContentType(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".mp3") return "audio/mpeg";
  if (ext == ".wav") return "audio/wav";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<Response> ReadFile(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream body;
  body << in.rdbuf();
  Response r{.status = 200, .content_type = ContentType(file), .body = body.str()};
  // Built assets carry a content hash in their names; the page itself must be revalidated.
  const bool hashed = file.parent_path().filename() == "assets";
  r.headers.emplace_back("Cache-Control",
                         hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace

bool IsSafeRelativePath(const std::string& path) {
  for (const std::string& segment : SplitPath(path)) {
    if (segment == ".." || segment == "." || segment.find('\\') != std::string::npos ||
        segment.find('\0') != std::string::npos) {
      return false;
    }
  }
  return true;
}

std::optional<Response> ServeStatic(const std::string& web_root, const std::string& path) {
  if (!IsSafeRelativePath(path)) return std::nullopt;
  std::error_code ec;
  if (web_root.empty() || !fs::is_directory(web_root, ec)) {
    if (path == "/" || path == "/index.html") return BuiltInIndex();
    return std::nullopt;
  }
  const fs::path root(web_root);
  std::string relative = path.substr(path.starts_with('/') ? 1 : 0);
  if (relative.empty()) relative = "index.html";
  if (auto file = ReadFile(root / relative)) return file;
  // Client-side routes ("/termin/K7M2-Q9XD") load the app, which shows the right view.
  if (fs::path(relative).extension().empty()) return ReadFile(root / "index.html");
  return std::nullopt;
}

Response BuiltInIndex() {
  return Response{
      .status = 200, .content_type = "text/html; charset=utf-8", .body = R"(<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>amtszeit</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>amtszeit</h1>
<p>Die Weboberfläche ist noch nicht gebaut. Die Schnittstelle ist erreichbar:</p>
<ul>
<li><a href="/api/v1/health">/api/v1/health</a></li>
<li><a href="/api/v1/locations">/api/v1/locations</a> – Kundenzentren</li>
<li><a href="/api/v1/services">/api/v1/services</a> – Dienstleistungen</li>
<li><a href="/api/v1/slots?services=personalausweis">/api/v1/slots?services=personalausweis</a> – freie Termine</li>
</ul></main></body></html>
)"};
}

}  // namespace amtszeit::server
