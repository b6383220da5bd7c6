#include "amtszeit/server/body.h"

#include <algorithm>

#include "amtszeit/domain/civil_time.h"

namespace amtszeit::server {

Result<Body> Body::Open(const Request& req) {
  auto json = req.Json();
  if (!json) return std::unexpected(json.error());
  return Open(std::move(*json));
}

Result<Body> Body::Open(boost::json::value json) {
  if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "the body must be an object");
  return Body(std::move(json.as_object()));
}

Result<Body> Body::Of(const Request& req, std::initializer_list<std::string_view> known) {
  auto json = req.Json();
  if (!json) return std::unexpected(json.error());
  return Of(std::move(*json), known);
}

Result<Body> Body::Of(boost::json::value json, std::initializer_list<std::string_view> known) {
  auto body = Open(std::move(json));
  if (!body) return body;
  for (const auto& member : body->object_) {
    const std::string_view key(member.key().data(), member.key().size());
    if (std::ranges::find(known, key) == known.end()) {
      return Fail(ErrorCode::kInvalidArgument, "unknown field '{}'", key);
    }
  }
  return body;
}

Result<std::optional<std::string>> Body::String(std::string_view name) const {
  auto it = object_.find(name);
  if (it == object_.end() || it->value().is_null()) return std::optional<std::string>();
  if (!it->value().is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' must be a string", name);
  }
  return std::optional<std::string>(std::string(it->value().as_string()));
}

Result<std::string> Body::RequiredString(std::string_view name, std::size_t max) const {
  auto value = String(name);
  if (!value) return std::unexpected(value.error());
  if (!*value || (*value)->empty())
    return Fail(ErrorCode::kInvalidArgument, "'{}' is required", name);
  if ((*value)->size() > max) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' is longer than {} characters", name, max);
  }
  return **value;
}

Result<std::vector<std::string>> Body::Strings(std::string_view name) const {
  std::vector<std::string> out;
  auto it = object_.find(name);
  if (it == object_.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' must be a list of ids", name);
  }
  for (const auto& v : it->value().as_array()) {
    if (!v.is_string()) return Fail(ErrorCode::kInvalidArgument, "'{}' must hold strings", name);
    out.emplace_back(v.as_string());
  }
  return out;
}

Result<std::optional<double>> Body::Number(std::string_view name) const {
  auto it = object_.find(name);
  if (it == object_.end() || it->value().is_null()) return std::optional<double>();
  if (!it->value().is_number()) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' must be a number", name);
  }
  return std::optional<double>(it->value().to_number<double>());
}

Result<std::optional<bool>> Body::Bool(std::string_view name) const {
  auto it = object_.find(name);
  if (it == object_.end() || it->value().is_null()) return std::optional<bool>();
  if (!it->value().is_bool())
    return Fail(ErrorCode::kInvalidArgument, "'{}' must be true or false", name);
  return std::optional<bool>(it->value().get_bool());
}

Result<std::optional<absl::CivilDay>> Body::Day(std::string_view name) const {
  auto text = String(name);
  if (!text) return std::unexpected(text.error());
  if (!*text) return std::optional<absl::CivilDay>();
  auto day = ParseDay(**text);
  if (!day) return Fail(ErrorCode::kInvalidArgument, "'{}': {}", name, day.error().message);
  return std::optional<absl::CivilDay>(*day);
}

boost::json::value Body::Take(std::string_view name) {
  auto it = object_.find(name);
  if (it == object_.end()) return nullptr;
  boost::json::value v = std::move(it->value());
  object_.erase(it);
  return v;
}

}  // namespace amtszeit::server
