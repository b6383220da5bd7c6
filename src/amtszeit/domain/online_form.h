// Online services as data: for each service that needs no visit, the form a citizen fills in
// (fields with a type, German and English labels, whether required, and checks such as a date,
// an e-mail address or a German postal code) and the documents to upload (allowed content types
// and a size limit), plus the back office's handling time for planning. Read from a city's data
// folder (online_services.json), checked against the catalogue at load.
//
//   auto form = FromJson<OnlineForm>(json, "forms[0]");       // strict, errors name the path
//   if (auto ok = ValidateOnlineForms(forms, catalog); !ok) ...  // startup fails clearly
//   if (auto ok = CheckAnswers(*form, answers); !ok) ...       // "field 'birth_date': ..."
#pragma once

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

enum class FieldType { kText, kTextarea, kDate, kEmail, kPostcode, kSelect, kCheckbox };
std::string_view ToString(FieldType type);
Result<FieldType> ParseFieldType(std::string_view text);

struct FormOption {
  std::string value;
  std::string label_de;
  std::string label_en;

  friend bool operator==(const FormOption&, const FormOption&) = default;
};

struct FormField {
  std::string id;  // key of the answer, [a-z0-9_]
  FieldType type = FieldType::kText;
  std::string label_de;
  std::string label_en;
  bool required = false;
  int max_length = 200;             // characters (bytes of UTF-8) of the answer
  std::vector<FormOption> options;  // kSelect only
  bool past_only = false;           // kDate: not after today (a birth date)

  friend bool operator==(const FormField&, const FormField&) = default;
};

// A document the citizen uploads, e.g. a copy of the ID card.
struct DocumentRequirement {
  std::string id;
  std::string label_de;
  std::string label_en;
  bool required = false;
  std::vector<std::string> content_types;  // allowed: application/pdf, image/jpeg, image/png
  std::int64_t max_bytes = 0;

  friend bool operator==(const DocumentRequirement&, const DocumentRequirement&) = default;
};

struct OnlineForm {
  std::string service_id;
  int handling_minutes = 0;  // back-office time per case, a planning value
  std::string intro_de;
  std::string intro_en;
  std::vector<FormField> fields;
  std::vector<DocumentRequirement> documents;

  const FormField* FindField(std::string_view id) const;
  const DocumentRequirement* FindDocument(std::string_view id) const;

  friend bool operator==(const OnlineForm&, const OnlineForm&) = default;
};

// Content types a document requirement may allow: the ones the back office can open and the
// upload check recognises by their first bytes.
inline constexpr std::string_view kUploadContentTypes[] = {"application/pdf", "image/jpeg",
                                                           "image/png"};
inline constexpr std::int64_t kMaxUploadBytes = std::int64_t{10} * 1024 * 1024;

// Every form is for a known service that needs no visit, at most one per service; ids unique and
// well-formed; labels in both languages; selects with options; documents with allowed content
// types and a size limit in (0, kMaxUploadBytes]; a positive handling time.
Result<void> ValidateOnlineForms(const std::vector<OnlineForm>& forms, const Catalog& catalog);

// Checks a citizen's answers (field id -> text; a checkbox is "true" or absent) against the form:
// no unknown fields, required ones present, each answer of its type. `today` (YYYY-MM-DD) bounds
// past-only dates. The message names the field: "field 'email': not an e-mail address".
Result<void> CheckAnswers(const OnlineForm& form, const std::map<std::string, std::string>& answers,
                          std::string_view today);

boost::json::value ToJson(const OnlineForm& form);
Result<OnlineForm> OnlineFormFromJson(const boost::json::value& json, std::string_view path);
// The store keeps the forms as this setting, written with the catalogue by provisioning.
inline constexpr std::string_view kOnlineFormsSetting = "online.forms";

// The list stored with the catalogue: {"forms": [...]}.
std::string FormsToJsonText(const std::vector<OnlineForm>& forms);
Result<std::vector<OnlineForm>> FormsFromJsonText(std::string_view text);

}  // namespace amtszeit
