#include "amtszeit/cases/case_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "amtszeit/booking/secrets.h"
#include "amtszeit/cases/upload_check.h"
#include "amtszeit/domain/civil_time.h"
#include "amtszeit/secrets/secrets.h"

namespace amtszeit::cases {

namespace json = boost::json;

namespace {

constexpr int kCodeAttempts = 5;
constexpr std::size_t kMaxNote = 2000;

// Each upload against the form (asked for, once, size, type); sanitises its file name. What the
// form requires is checked by the caller: an answer to a question need not repeat it.
Result<void> CheckUploads(const OnlineForm& form, std::vector<Upload>& uploads,
                          std::set<std::string>& seen) {
  for (Upload& u : uploads) {
    const DocumentRequirement* req = form.FindDocument(u.requirement_id);
    if (req == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "document '{}': not asked for by this form",
                  u.requirement_id);
    }
    if (!seen.insert(u.requirement_id).second) {
      return Fail(ErrorCode::kInvalidArgument, "document '{}': only one file", u.requirement_id);
    }
    if (static_cast<std::int64_t>(u.data.size()) > req->max_bytes) {
      return Fail(ErrorCode::kPayloadTooLarge, "document '{}': larger than {} bytes",
                  u.requirement_id, req->max_bytes);
    }
    if (u.data.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "document '{}': the file is empty",
                  u.requirement_id);
    }
    const std::string_view sniffed = SniffContentType(u.data);
    if (std::find(req->content_types.begin(), req->content_types.end(), sniffed) ==
        req->content_types.end()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "document '{}': the file is not one of the allowed types ({})", u.requirement_id,
                  fmt::join(req->content_types, ", "));
    }
    u.file_name = SanitiseFileName(u.file_name);
  }
  return {};
}

Result<void> CheckDocuments(const OnlineForm& form, std::vector<Upload>& uploads) {
  std::set<std::string> seen;
  if (auto ok = CheckUploads(form, uploads, seen); !ok) return ok;
  for (const DocumentRequirement& req : form.documents) {
    if (req.required && !seen.contains(req.id)) {
      return Fail(ErrorCode::kInvalidArgument, "document '{}': is required", req.id);
    }
  }
  return {};
}

std::string AnswersJson(const std::map<std::string, std::string>& answers) {
  json::object o;
  for (const auto& [k, v] : answers) {
    if (!v.empty()) o[k] = v;
  }
  return json::serialize(o);
}

}  // namespace

Result<std::unique_ptr<CaseService>> CaseService::Open(store::Store& store, const Clock& clock,
                                                       absl::TimeZone zone,
                                                       const Catalog& catalog) {
  auto text = store.ReadSetting(kOnlineFormsSetting);
  if (!text) return std::unexpected(text.error());
  std::vector<OnlineForm> forms;
  if (*text) {
    auto parsed = FormsFromJsonText(**text);
    if (!parsed) return std::unexpected(WithContext(parsed.error(), "online forms"));
    if (auto ok = ValidateOnlineForms(*parsed, catalog); !ok) {
      return std::unexpected(WithContext(ok.error(), "online forms"));
    }
    forms = std::move(*parsed);
  }
  return std::make_unique<CaseService>(store, clock, zone, std::move(forms));
}

std::string CaseService::EmailOf(const OnlineCase& c) const {
  const OnlineForm* form = FindForm(c.service_id);
  if (form == nullptr) return "";
  boost::system::error_code ec;
  const json::value answers = json::parse(c.answers_json, ec);
  if (ec || !answers.is_object()) return "";
  for (const FormField& field : form->fields) {
    if (field.type != FieldType::kEmail) continue;
    const json::value* v = answers.as_object().if_contains(field.id);
    if (v != nullptr && v->is_string() && !v->as_string().empty()) {
      return std::string(v->as_string());
    }
  }
  return "";
}

Result<void> CaseService::Tell(store::WriteTx& tx, const OnlineCase& c, std::string_view token,
                               absl::Time at) const {
  if (!on_change_) return {};
  const std::string email = EmailOf(c);
  return on_change_(tx, CaseChange{.online_case = c, .email = email, .token = token, .at = at});
}

const OnlineForm* CaseService::FindForm(std::string_view service_id) const {
  for (const OnlineForm& f : forms_) {
    if (f.service_id == service_id) return &f;
  }
  return nullptr;
}

Result<Submitted> CaseService::Submit(Submission s) {
  const OnlineForm* form = FindForm(s.service_id);
  if (form == nullptr) {
    return Fail(ErrorCode::kNotFound, "service '{}' cannot be requested online", s.service_id);
  }
  if (s.language != "de" && s.language != "en") {
    return Fail(ErrorCode::kInvalidArgument, "language must be 'de' or 'en'");
  }
  const absl::Time now = clock_.Now();
  const std::string today = FormatDay(absl::ToCivilDay(now, zone_));
  if (auto ok = CheckAnswers(*form, s.answers, today); !ok) return std::unexpected(ok.error());
  if (auto ok = CheckDocuments(*form, s.documents); !ok) return std::unexpected(ok.error());

  Submitted out;
  out.token = secrets::NewToken();
  out.online_case = OnlineCase{.token_hash = secrets::LinkTokenHash(out.token),
                               .service_id = s.service_id,
                               .status = CaseStatus::kReceived,
                               .language = s.language,
                               .answers_json = AnswersJson(s.answers),
                               .created_at = now,
                               .updated_at = now};
  for (int attempt = 0;; ++attempt) {
    out.online_case.code = booking::NewAppointmentCode();
    auto written = store_.Write([&](store::WriteTx& tx) -> Result<void> {
      auto id = tx.InsertCase(out.online_case);
      if (!id) return std::unexpected(id.error());
      out.online_case.id = *id;
      auto event = tx.AppendCaseEvent(
          {.case_id = *id, .at = now, .to = CaseStatus::kReceived, .actor = "citizen"});
      if (!event) return std::unexpected(event.error());
      int number = 0;
      for (const Upload& u : s.documents) {
        auto ok = tx.InsertCaseDocument({.case_id = *id,
                                         .number = ++number,
                                         .requirement_id = u.requirement_id,
                                         .file_name = u.file_name,
                                         .content_type = std::string(SniffContentType(u.data)),
                                         .size = static_cast<std::int64_t>(u.data.size()),
                                         .data = u.data});
        if (!ok) return ok;
      }
      return Tell(tx, out.online_case, out.token, now);
    });
    if (written) return out;
    // A code already taken (about 1 in 10^12 per case): draw another.
    if (written.error().code != ErrorCode::kConflict || attempt + 1 == kCodeAttempts) {
      return std::unexpected(written.error());
    }
  }
}

Result<OnlineCase> CaseService::Find(std::string_view code) {
  const std::string normalised = booking::NormaliseCode(code);
  if (normalised.empty()) return Fail(ErrorCode::kNotFound, "no such case");
  auto found = store_.FindCaseByCode(normalised);
  if (!found) return std::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, "no such case");
  return std::move(**found);
}

Result<CaseView> CaseService::View(OnlineCase c) {
  auto events = store_.ReadCaseEvents(c.id);
  if (!events) return std::unexpected(events.error());
  auto documents = store_.ReadCaseDocuments(c.id);
  if (!documents) return std::unexpected(documents.error());
  return CaseView{std::move(c), std::move(*events), std::move(*documents)};
}

Result<OnlineCase> CaseService::FindForCitizen(std::string_view code, std::string_view token) {
  auto c = Find(code);
  if (!c) return std::unexpected(c.error());
  if (token.empty() || !secrets::LinkTokenMatches(token, c->token_hash)) {
    return Fail(ErrorCode::kNotFound, "no such case");
  }
  return c;
}

Result<CaseView> CaseService::ForCitizen(std::string_view code, std::string_view token) {
  auto c = FindForCitizen(code, token);
  if (!c) return std::unexpected(c.error());
  return View(std::move(*c));
}

Result<CaseDocument> CaseService::CitizenDocument(std::string_view code, std::string_view token,
                                                  int number) {
  auto c = FindForCitizen(code, token);
  if (!c) return std::unexpected(c.error());
  auto doc = store_.ReadCaseDocument(c->id, number);
  if (!doc) return std::unexpected(doc.error());
  if (!*doc) return Fail(ErrorCode::kNotFound, "no document {} in this case", number);
  return std::move(**doc);
}

Result<std::vector<OnlineCase>> CaseService::Queue(const store::CaseFilter& filter) {
  return store_.ReadCases(filter);
}

Result<CaseView> CaseService::ForStaff(std::string_view code) {
  auto c = Find(code);
  if (!c) return std::unexpected(c.error());
  return View(std::move(*c));
}

Result<CaseDocument> CaseService::StaffDocument(std::string_view code, int number) {
  auto c = Find(code);
  if (!c) return std::unexpected(c.error());
  auto doc = store_.ReadCaseDocument(c->id, number);
  if (!doc) return std::unexpected(doc.error());
  if (!*doc) return Fail(ErrorCode::kNotFound, "no document {} in this case", number);
  return std::move(**doc);
}

Result<CaseView> CaseService::Answer(std::string_view code, std::string_view token, Reply reply) {
  auto c = FindForCitizen(code, token);
  if (!c) return std::unexpected(c.error());
  if (reply.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "write your answer: the text is required");
  }
  if (reply.text.size() > kMaxNote) {
    return Fail(ErrorCode::kInvalidArgument, "the answer is longer than {} characters", kMaxNote);
  }
  if (!reply.documents.empty()) {
    const OnlineForm* form = FindForm(c->service_id);
    if (form == nullptr) {
      return Fail(ErrorCode::kInvalidArgument, "this request takes no more documents");
    }
    std::set<std::string> seen;
    if (auto ok = CheckUploads(*form, reply.documents, seen); !ok) {
      return std::unexpected(ok.error());
    }
  }
  // Only an open question admits documents after the submission, and only the transaction below
  // closes it: the numbers after the last one read here stay free until then.
  auto earlier = store_.ReadCaseDocuments(c->id);
  if (!earlier) return std::unexpected(earlier.error());
  int last_document = 0;
  for (const CaseDocument& d : *earlier) last_document = std::max(last_document, d.number);
  const absl::Time now = clock_.Now();
  OnlineCase answered;
  auto written = store_.Write([&](store::WriteTx& tx) -> Result<void> {
    // Read again in the transaction: the state it checks is the one it changes.
    auto found = tx.FindCaseById(c->id);
    if (!found) return std::unexpected(found.error());
    if (!*found) return Fail(ErrorCode::kNotFound, "no such case");
    OnlineCase current = std::move(**found);
    if (current.status != CaseStatus::kWaitingForCitizen) {
      return Fail(ErrorCode::kConflict, "the request is {}: no question is open to answer",
                  ToString(current.status));
    }
    current.status = CaseStatus::kInProgress;
    current.updated_at = now;
    if (auto ok = tx.UpdateCase(current); !ok) return ok;
    auto event = tx.AppendCaseEvent({.case_id = current.id,
                                     .at = now,
                                     .from = CaseStatus::kWaitingForCitizen,
                                     .to = CaseStatus::kInProgress,
                                     .actor = "citizen",
                                     .note = std::move(reply.text)});
    if (!event) return std::unexpected(event.error());
    int number = last_document;
    for (Upload& u : reply.documents) {
      const auto size = static_cast<std::int64_t>(u.data.size());
      auto ok = tx.InsertCaseDocument({.case_id = current.id,
                                       .number = ++number,
                                       .requirement_id = std::move(u.requirement_id),
                                       .file_name = std::move(u.file_name),
                                       .content_type = std::string(SniffContentType(u.data)),
                                       .size = size,
                                       .data = std::move(u.data)});
      if (!ok) return ok;
    }
    if (auto told = Tell(tx, current, "", now); !told) return told;
    answered = std::move(current);
    return {};
  });
  if (!written) return std::unexpected(written.error());
  return View(std::move(answered));
}

Result<OnlineCase> CaseService::ChangeStatus(std::string_view code, CaseStatus to,
                                             std::string_view note, std::string_view actor,
                                             std::string_view location_id) {
  if (actor.empty()) return Fail(ErrorCode::kInvalidArgument, "who changes the case is required");
  if (note.size() > kMaxNote) {
    return Fail(ErrorCode::kInvalidArgument, "the note is longer than {} characters", kMaxNote);
  }
  if ((to == CaseStatus::kRejected || to == CaseStatus::kWaitingForCitizen) && note.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "tell the citizen why: a note is required");
  }
  const std::string normalised = booking::NormaliseCode(code);
  const absl::Time now = clock_.Now();
  OnlineCase changed;
  auto written = store_.Write([&](store::WriteTx& tx) -> Result<void> {
    auto found = tx.FindCaseByCode(normalised);
    if (!found) return std::unexpected(found.error());
    if (normalised.empty() || !*found) return Fail(ErrorCode::kNotFound, "no such case");
    OnlineCase c = std::move(**found);
    if (!CanMoveCase(c.status, to)) {
      return Fail(ErrorCode::kConflict, "a case that is {} cannot become {}", ToString(c.status),
                  ToString(to));
    }
    const CaseStatus from = c.status;
    c.status = to;
    c.updated_at = now;
    if (to == CaseStatus::kInProgress) {
      c.assignee = std::string(actor);
      if (!location_id.empty()) c.location_id = std::string(location_id);
    }
    if (IsClosed(to)) c.closed_at = now;
    if (auto ok = tx.UpdateCase(c); !ok) return ok;
    auto event = tx.AppendCaseEvent({.case_id = c.id,
                                     .at = now,
                                     .from = from,
                                     .to = to,
                                     .actor = std::string(actor),
                                     .note = std::string(note)});
    if (!event) return std::unexpected(event.error());
    if (auto told = Tell(tx, c, "", now); !told) return told;
    changed = std::move(c);
    return {};
  });
  if (!written) return std::unexpected(written.error());
  return changed;
}

Result<Workload> CaseService::CurrentWorkload(int inflow_days) {
  // Every case: the open ones for the backlog, the recent ones for the inflow.
  auto all = store_.ReadCases({.limit = 1'000'000});
  if (!all) return std::unexpected(all.error());
  return ComputeWorkload(*all, forms_, clock_.Now(), zone_, inflow_days);
}

}  // namespace amtszeit::cases
