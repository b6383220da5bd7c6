#include "amtszeit/domain/online_form.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/json_codec.h"

namespace amtszeit {

namespace json = boost::json;

namespace {

constexpr std::string_view kFieldTypeNames[] = {"text",     "textarea", "date",    "email",
                                                "postcode", "select",   "checkbox"};

std::string At(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::unexpected<Error> Invalid(std::string_view path, std::string_view message) {
  return Fail(ErrorCode::kInvalidArgument, "{}: {}", path, message);
}

// Strict reading of one object: unknown keys are refused so a typo in a data file fails loudly.
class Reader {
 public:
  static Result<Reader> Of(const json::value& v, std::string path,
                           std::initializer_list<std::string_view> known) {
    if (!v.is_object()) return Invalid(path, "expected an object");
    for (const auto& [key, _] : v.as_object()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        return Invalid(At(path, key), "unknown field");
      }
    }
    return Reader(v.as_object(), std::move(path));
  }

  Result<std::string> String(std::string_view key, bool required = true) const {
    const json::value* v = object_->if_contains(key);
    if (v == nullptr || v->is_null()) {
      if (required) return Invalid(At(path_, key), "is required");
      return std::string();
    }
    if (!v->is_string()) return Invalid(At(path_, key), "expected a string");
    return std::string(v->as_string());
  }

  Result<bool> Bool(std::string_view key) const {
    const json::value* v = object_->if_contains(key);
    if (v == nullptr || v->is_null()) return false;
    if (!v->is_bool()) return Invalid(At(path_, key), "expected true or false");
    return v->as_bool();
  }

  Result<std::int64_t> Int(std::string_view key, std::int64_t fallback) const {
    const json::value* v = object_->if_contains(key);
    if (v == nullptr || v->is_null()) return fallback;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() < (1ULL << 62)) {
      return static_cast<std::int64_t>(v->as_uint64());
    }
    return Invalid(At(path_, key), "expected a whole number");
  }

  Result<const json::array*> Array(std::string_view key) const {
    static const json::array kEmpty;
    const json::value* v = object_->if_contains(key);
    if (v == nullptr || v->is_null()) return &kEmpty;
    if (!v->is_array()) return Invalid(At(path_, key), "expected an array");
    return &v->as_array();
  }

  const std::string& path() const { return path_; }

 private:
  Reader(const json::object& object, std::string path) : object_(&object), path_(std::move(path)) {}
  const json::object* object_;
  std::string path_;
};

#define AMTSZEIT_TRY(var, expr) \
  auto var = (expr);            \
  if (!var) return std::unexpected(var.error())

std::string Index(std::string_view path, std::size_t i) { return fmt::format("{}[{}]", path, i); }

Result<FormOption> OptionFromJson(const json::value& v, std::string path) {
  AMTSZEIT_TRY(r, Reader::Of(v, std::move(path), {"value", "label_de", "label_en"}));
  AMTSZEIT_TRY(value, r->String("value"));
  AMTSZEIT_TRY(de, r->String("label_de"));
  AMTSZEIT_TRY(en, r->String("label_en"));
  return FormOption{.value = *value, .label_de = *de, .label_en = *en};
}

Result<FormField> FieldFromJson(const json::value& v, std::string path) {
  AMTSZEIT_TRY(r, Reader::Of(v, std::move(path),
                             {"id", "type", "label_de", "label_en", "required", "max_length",
                              "options", "past_only"}));
  FormField f;
  AMTSZEIT_TRY(id, r->String("id"));
  AMTSZEIT_TRY(type_text, r->String("type"));
  auto type = ParseFieldType(*type_text);
  if (!type) return Invalid(At(r->path(), "type"), type.error().message);
  AMTSZEIT_TRY(de, r->String("label_de"));
  AMTSZEIT_TRY(en, r->String("label_en"));
  AMTSZEIT_TRY(required, r->Bool("required"));
  AMTSZEIT_TRY(max_length, r->Int("max_length", *type == FieldType::kTextarea ? 2000 : 200));
  AMTSZEIT_TRY(past_only, r->Bool("past_only"));
  AMTSZEIT_TRY(options, r->Array("options"));
  for (std::size_t i = 0; i < (*options)->size(); ++i) {
    AMTSZEIT_TRY(option, OptionFromJson((**options)[i], Index(At(r->path(), "options"), i)));
    f.options.push_back(std::move(*option));
  }
  if (*max_length < 1 || *max_length > 10000) {
    return Invalid(At(r->path(), "max_length"), "must be in 1..10000");
  }
  f.id = *id;
  f.type = *type;
  f.label_de = *de;
  f.label_en = *en;
  f.required = *required;
  f.max_length = static_cast<int>(*max_length);
  f.past_only = *past_only;
  return f;
}

Result<DocumentRequirement> DocumentFromJson(const json::value& v, std::string path) {
  AMTSZEIT_TRY(
      r, Reader::Of(v, std::move(path),
                    {"id", "label_de", "label_en", "required", "content_types", "max_bytes"}));
  DocumentRequirement d;
  AMTSZEIT_TRY(id, r->String("id"));
  AMTSZEIT_TRY(de, r->String("label_de"));
  AMTSZEIT_TRY(en, r->String("label_en"));
  AMTSZEIT_TRY(required, r->Bool("required"));
  AMTSZEIT_TRY(max_bytes, r->Int("max_bytes", 0));
  AMTSZEIT_TRY(types, r->Array("content_types"));
  for (std::size_t i = 0; i < (*types)->size(); ++i) {
    const json::value& t = (**types)[i];
    if (!t.is_string())
      return Invalid(Index(At(r->path(), "content_types"), i), "expected a string");
    d.content_types.emplace_back(t.as_string());
  }
  d.id = *id;
  d.label_de = *de;
  d.label_en = *en;
  d.required = *required;
  d.max_bytes = *max_bytes;
  return d;
}

bool IsIdentifier(std::string_view id) {
  return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Deliberately modest: one '@', a non-empty local part, a dotted domain without spaces. The
// address is proven by the mail that reaches it, not by a pattern.
bool LooksLikeEmail(std::string_view s) {
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = s.substr(at + 1);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '>';
  });
}

bool IsGermanPostcode(std::string_view s) {
  return s.size() == 5 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool HasControlCharacters(std::string_view s, bool multiline) {
  return std::any_of(s.begin(), s.end(), [multiline](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) return false;
    return u < 0x20 || u == 0x7f;
  });
}

Result<void> CheckAnswer(const FormField& f, const std::string& value, std::string_view today) {
  auto bad = [&](std::string_view why) {
    return Fail(ErrorCode::kInvalidArgument, "field '{}': {}", f.id, why);
  };
  if (value.size() > static_cast<std::size_t>(f.max_length)) {
    return bad(fmt::format("longer than {} characters", f.max_length));
  }
  if (HasControlCharacters(value, f.type == FieldType::kTextarea)) {
    return bad("contains control characters");
  }
  switch (f.type) {
    case FieldType::kText:
    case FieldType::kTextarea:
      return {};
    case FieldType::kDate: {
      auto day = ParseDay(value);
      if (!day) return bad("not a date (YYYY-MM-DD)");
      if (f.past_only && value > today) return bad("lies in the future");
      return {};
    }
    case FieldType::kEmail:
      if (!LooksLikeEmail(value)) return bad("not an e-mail address");
      return {};
    case FieldType::kPostcode:
      if (!IsGermanPostcode(value)) return bad("not a postal code (five digits)");
      return {};
    case FieldType::kSelect:
      if (std::none_of(f.options.begin(), f.options.end(),
                       [&](const FormOption& o) { return o.value == value; })) {
        return bad("not one of the choices");
      }
      return {};
    case FieldType::kCheckbox:
      if (value != "true") return bad("expected 'true' when ticked");
      return {};
  }
  return {};
}

}  // namespace

std::string_view ToString(FieldType type) { return kFieldTypeNames[static_cast<int>(type)]; }

Result<FieldType> ParseFieldType(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kFieldTypeNames); ++i) {
    if (kFieldTypeNames[i] == text) return static_cast<FieldType>(i);
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown field type '{}'", text);
}

const FormField* OnlineForm::FindField(std::string_view id) const {
  for (const FormField& f : fields) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

const DocumentRequirement* OnlineForm::FindDocument(std::string_view id) const {
  for (const DocumentRequirement& d : documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

Result<void> ValidateOnlineForms(const std::vector<OnlineForm>& forms, const Catalog& catalog) {
  std::set<std::string> services;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    const OnlineForm& form = forms[i];
    const std::string path = Index("forms", i);
    const Service* service = catalog.FindService(form.service_id);
    if (service == nullptr) {
      return Invalid(path, fmt::format("unknown service '{}'", form.service_id));
    }
    if (service->needs_presence) {
      return Invalid(
          path, fmt::format("service '{}' needs a visit; it has no online form", form.service_id));
    }
    if (!services.insert(form.service_id).second) {
      return Invalid(path, fmt::format("a second form for '{}'", form.service_id));
    }
    if (form.handling_minutes <= 0 || form.handling_minutes > 8 * 60) {
      return Invalid(path, "handling_minutes must be in 1..480");
    }
    if (form.fields.empty()) return Invalid(path, "a form needs at least one field");
    std::set<std::string> ids;
    for (std::size_t j = 0; j < form.fields.size(); ++j) {
      const FormField& f = form.fields[j];
      const std::string fpath = Index(At(path, "fields"), j);
      if (!IsIdentifier(f.id)) return Invalid(fpath, fmt::format("bad id '{}'", f.id));
      if (!ids.insert(f.id).second) return Invalid(fpath, fmt::format("duplicate id '{}'", f.id));
      if (f.label_de.empty() || f.label_en.empty()) return Invalid(fpath, "labels are required");
      if ((f.type == FieldType::kSelect) != !f.options.empty()) {
        return Invalid(fpath, "options belong to select fields, and a select needs them");
      }
      if (f.past_only && f.type != FieldType::kDate) {
        return Invalid(fpath, "past_only applies to dates only");
      }
    }
    for (std::size_t j = 0; j < form.documents.size(); ++j) {
      const DocumentRequirement& d = form.documents[j];
      const std::string dpath = Index(At(path, "documents"), j);
      if (!IsIdentifier(d.id)) return Invalid(dpath, fmt::format("bad id '{}'", d.id));
      if (!ids.insert(d.id).second) return Invalid(dpath, fmt::format("duplicate id '{}'", d.id));
      if (d.label_de.empty() || d.label_en.empty()) return Invalid(dpath, "labels are required");
      if (d.content_types.empty()) return Invalid(dpath, "content_types must not be empty");
      for (const std::string& t : d.content_types) {
        if (std::find(std::begin(kUploadContentTypes), std::end(kUploadContentTypes), t) ==
            std::end(kUploadContentTypes)) {
          return Invalid(dpath, fmt::format("content type '{}' cannot be checked", t));
        }
      }
      if (d.max_bytes <= 0 || d.max_bytes > kMaxUploadBytes) {
        return Invalid(dpath, fmt::format("max_bytes must be in 1..{}", kMaxUploadBytes));
      }
    }
  }
  return {};
}

Result<void> CheckAnswers(const OnlineForm& form, const std::map<std::string, std::string>& answers,
                          std::string_view today) {
  for (const auto& [id, _] : answers) {
    if (form.FindField(id) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "field '{}': not part of this form", id);
    }
  }
  for (const FormField& f : form.fields) {
    auto it = answers.find(f.id);
    if (it == answers.end() || it->second.empty()) {
      if (f.required) return Fail(ErrorCode::kInvalidArgument, "field '{}': is required", f.id);
      continue;
    }
    if (auto ok = CheckAnswer(f, it->second, today); !ok) return ok;
  }
  return {};
}

json::value ToJson(const OnlineForm& form) {
  json::array fields;
  for (const FormField& f : form.fields) {
    json::object o{{"id", f.id},
                   {"type", ToString(f.type)},
                   {"label_de", f.label_de},
                   {"label_en", f.label_en},
                   {"required", f.required},
                   {"max_length", f.max_length}};
    if (!f.options.empty()) {
      json::array options;
      for (const FormOption& opt : f.options) {
        options.push_back(
            {{"value", opt.value}, {"label_de", opt.label_de}, {"label_en", opt.label_en}});
      }
      o["options"] = std::move(options);
    }
    if (f.past_only) o["past_only"] = true;
    fields.push_back(std::move(o));
  }
  json::array documents;
  for (const DocumentRequirement& d : form.documents) {
    documents.push_back(
        {{"id", d.id},
         {"label_de", d.label_de},
         {"label_en", d.label_en},
         {"required", d.required},
         {"content_types", json::array(d.content_types.begin(), d.content_types.end())},
         {"max_bytes", d.max_bytes}});
  }
  return {{"service_id", form.service_id}, {"handling_minutes", form.handling_minutes},
          {"intro_de", form.intro_de},     {"intro_en", form.intro_en},
          {"fields", std::move(fields)},   {"documents", std::move(documents)}};
}

Result<OnlineForm> OnlineFormFromJson(const json::value& v, std::string_view path) {
  AMTSZEIT_TRY(r, Reader::Of(v, std::string(path),
                             {"service_id", "handling_minutes", "intro_de", "intro_en", "fields",
                              "documents"}));
  OnlineForm form;
  AMTSZEIT_TRY(service, r->String("service_id"));
  AMTSZEIT_TRY(minutes, r->Int("handling_minutes", 0));
  AMTSZEIT_TRY(intro_de, r->String("intro_de", false));
  AMTSZEIT_TRY(intro_en, r->String("intro_en", false));
  AMTSZEIT_TRY(fields, r->Array("fields"));
  for (std::size_t i = 0; i < (*fields)->size(); ++i) {
    AMTSZEIT_TRY(f, FieldFromJson((**fields)[i], Index(At(path, "fields"), i)));
    form.fields.push_back(std::move(*f));
  }
  AMTSZEIT_TRY(documents, r->Array("documents"));
  for (std::size_t i = 0; i < (*documents)->size(); ++i) {
    AMTSZEIT_TRY(d, DocumentFromJson((**documents)[i], Index(At(path, "documents"), i)));
    form.documents.push_back(std::move(*d));
  }
  if (*minutes < 0 || *minutes > 100000)
    return Invalid(At(path, "handling_minutes"), "out of range");
  form.service_id = *service;
  form.handling_minutes = static_cast<int>(*minutes);
  form.intro_de = *intro_de;
  form.intro_en = *intro_en;
  return form;
}

std::string FormsToJsonText(const std::vector<OnlineForm>& forms) {
  json::array list;
  for (const OnlineForm& f : forms) list.push_back(ToJson(f));
  return json::serialize(json::object{{"forms", std::move(list)}});
}

Result<std::vector<OnlineForm>> FormsFromJsonText(std::string_view text) {
  AMTSZEIT_TRY(doc, ParseJson(text));
  AMTSZEIT_TRY(r, Reader::Of(*doc, "", {"forms", "_meta"}));
  AMTSZEIT_TRY(list, r->Array("forms"));
  std::vector<OnlineForm> out;
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    AMTSZEIT_TRY(form, OnlineFormFromJson((**list)[i], Index("forms", i)));
    out.push_back(std::move(*form));
  }
  return out;
}

#undef AMTSZEIT_TRY

}  // namespace amtszeit
