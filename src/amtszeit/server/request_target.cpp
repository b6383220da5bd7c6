#include "amtszeit/server/request_target.h"

#include <boost/url.hpp>
#include <string>

namespace amtszeit::server {

namespace urls = boost::urls;

Result<void> ParseTarget(std::string_view target, Request& out) {
  auto url = urls::parse_origin_form(target);
  if (!url) return Fail(ErrorCode::kInvalidArgument, "malformed request target");
  std::string path;
  for (auto segment : url->segments()) {
    const std::string s(segment);
    if (s.find('/') != std::string::npos || s.find('\0') != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, "malformed path");
    }
    path += '/';
    path += s;
  }
  // A trailing slash is an empty last segment already ("/a/" -> "a", ""), so it is kept.
  if (path.empty()) path.push_back('/');
  out.path = std::move(path);
  out.query.clear();
  for (auto param : url->params(urls::encoding_opts(true, false, false))) {
    out.query.emplace_back(std::string(param.key), param.has_value ? std::string(param.value) : "");
  }
  return {};
}

}  // namespace amtszeit::server
