#include "amtszeit/server/bodies/case_bodies.h"

#include "amtszeit/cases/upload_check.h"

namespace amtszeit::server {

namespace json = boost::json;

#define AMTSZEIT_TRY(var, expr) \
  auto var = (expr);            \
  if (!var) return std::unexpected(var.error())

namespace {

Result<std::map<std::string, std::string>> Answers(const json::value& v) {
  std::map<std::string, std::string> out;
  if (v.is_null()) return out;
  if (!v.is_object()) return Fail(ErrorCode::kInvalidArgument, "'answers' must be an object");
  for (const auto& [key, value] : v.as_object()) {
    if (value.is_string()) {
      out[std::string(key)] = std::string(value.as_string());
    } else if (value.is_bool()) {
      if (value.as_bool()) out[std::string(key)] = "true";
    } else if (!value.is_null()) {
      return Fail(ErrorCode::kInvalidArgument, "answer '{}' must be a string", std::string(key));
    }
  }
  return out;
}

Result<std::vector<cases::Upload>> Documents(const json::value& v, const OnlineForm* form) {
  std::vector<cases::Upload> out;
  if (v.is_null()) return out;
  if (!v.is_array()) return Fail(ErrorCode::kInvalidArgument, "'documents' must be an array");
  for (const json::value& item : v.as_array()) {
    const json::object* o = item.if_object();
    const auto text = [&](std::string_view key) -> std::string {
      const json::value* m = o ? o->if_contains(key) : nullptr;
      return m && m->is_string() ? std::string(m->as_string()) : std::string();
    };
    if (o == nullptr || !o->contains("requirement") || !o->contains("data")) {
      return Fail(ErrorCode::kInvalidArgument,
                  "each document needs 'requirement', 'file_name' and 'data' (base64)");
    }
    for (const auto& [key, _] : *o) {
      if (key != "requirement" && key != "file_name" && key != "data") {
        return Fail(ErrorCode::kInvalidArgument, "unknown document field '{}'", std::string(key));
      }
    }
    cases::Upload u{.requirement_id = text("requirement"), .file_name = text("file_name")};
    const std::string data = text("data");
    // Refuse an oversized document before decoding it: padding aside, every four characters
    // carry three bytes.
    if (form != nullptr) {
      const DocumentRequirement* req = form->FindDocument(u.requirement_id);
      if (req != nullptr && data.size() / 4 * 3 > static_cast<std::size_t>(req->max_bytes) + 2) {
        return Fail(ErrorCode::kPayloadTooLarge, "document '{}': larger than {} bytes",
                    u.requirement_id, req->max_bytes);
      }
    }
    auto decoded = cases::DecodeBase64(data);
    if (!decoded) return std::unexpected(decoded.error());
    u.data = std::move(*decoded);
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace

Result<cases::Submission> DecodeSubmission(json::value json, const FormOf& form_of) {
  AMTSZEIT_TRY(body, Body::Of(std::move(json), {"service", "language", "answers", "documents"}));
  AMTSZEIT_TRY(service, body->RequiredString("service", 100));
  AMTSZEIT_TRY(language, body->String("language"));
  AMTSZEIT_TRY(answers, Answers(body->Take("answers")));
  AMTSZEIT_TRY(documents, Documents(body->Take("documents"), form_of(*service)));
  return cases::Submission{.service_id = std::move(*service),
                           .language = language->value_or("de"),
                           .answers = std::move(*answers),
                           .documents = std::move(*documents)};
}

Result<cases::Reply> DecodeReply(json::value json) {
  AMTSZEIT_TRY(body, Body::Of(std::move(json), {"text", "documents"}));
  AMTSZEIT_TRY(text, body->String("text"));
  // The form is the case's, known only once the code and token are checked: the request's body
  // limit bounds the decoding, and the answer checks each document against the form's limits.
  AMTSZEIT_TRY(documents, Documents(body->Take("documents"), nullptr));
  return cases::Reply{.text = text->value_or(""), .documents = std::move(*documents)};
}

Result<StatusChange> DecodeStatusChange(const Body& body) {
  AMTSZEIT_TRY(status_text, body.RequiredString("status", 40));
  AMTSZEIT_TRY(status, ParseCaseStatus(*status_text));
  AMTSZEIT_TRY(note, body.String("note"));
  AMTSZEIT_TRY(location, body.String("location"));
  return StatusChange{
      .status = *status, .note = note->value_or(""), .location = location->value_or("")};
}

}  // namespace amtszeit::server
