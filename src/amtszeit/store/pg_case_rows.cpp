#include "amtszeit/store/pg_case_rows.h"

#include <fmt/format.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "amtszeit/store/pg_row_helpers.h"

namespace amtszeit::store::pg {
namespace {

constexpr std::string_view kCaseColumns =
    "id, code, token_hash, service_id, status, language, answers, assignee, location_id, "
    "created_us, updated_us, closed_us, forgotten";

Result<OnlineCase> CaseRow(const PgStatement& st) {
  auto status = EnumColumn<CaseStatus>(st, 4, ParseCaseStatus);
  if (!status) return std::unexpected(status.error());
  OnlineCase c{.id = st.Int(0),
               .code = st.Text(1),
               .token_hash = st.Text(2),
               .service_id = st.Text(3),
               .status = *status,
               .language = st.Text(5),
               .answers_json = st.Text(6),
               .assignee = st.Text(7),
               .location_id = st.Text(8),
               .created_at = FromMicros(st.Int(9)),
               .updated_at = FromMicros(st.Int(10)),
               .forgotten = st.Int(12) != 0};
  if (!st.IsNull(11)) c.closed_at = FromMicros(st.Int(11));
  return c;
}

std::optional<std::int64_t> ClosedMicros(const OnlineCase& c) {
  if (!c.closed_at) return std::nullopt;
  return Micros(*c.closed_at);
}

template <typename T, typename Row>
Result<std::vector<T>> Collect(PgStatement& st, Row row) {
  std::vector<T> out;
  AMTSZEIT_RUN(ForEachRow(st, [&]() -> Result<void> {
    auto value = row(st);
    if (!value) return std::unexpected(value.error());
    out.push_back(std::move(*value));
    return {};
  }));
  return out;
}

Result<CaseDocument> DocumentRow(const PgStatement& st, bool with_data) {
  CaseDocument d{.case_id = st.Int(0),
                 .number = static_cast<int>(st.Int(1)),
                 .requirement_id = st.Text(2),
                 .file_name = st.Text(3),
                 .content_type = st.Text(4),
                 .size = st.Int(5)};
  if (with_data) {
    const std::string hex = st.Text(6);
    if (hex.size() % 2 != 0 || !std::all_of(hex.begin(), hex.end(), absl::ascii_isxdigit)) {
      return Fail(ErrorCode::kDataLoss, "document {} of case {} is not readable", d.number,
                  d.case_id);
    }
    d.data = absl::HexStringToBytes(hex);
  }
  return d;
}

}  // namespace

Result<std::int64_t> InsertCase(PgDb& db, const OnlineCase& c) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO online_cases(code, token_hash, service_id, status, language, "
                   "answers, assignee, location_id, created_us, updated_us, closed_us, forgotten) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id, false");
  st->Bind(1, c.code)
      .Bind(2, c.token_hash)
      .Bind(3, c.service_id)
      .Bind(4, ToString(c.status))
      .Bind(5, c.language)
      .Bind(6, c.answers_json)
      .Bind(7, c.assignee)
      .Bind(8, c.location_id)
      .Bind(9, Micros(c.created_at))
      .Bind(10, Micros(c.updated_at))
      .BindOptional(11, ClosedMicros(c))
      .Bind(12, c.forgotten ? 1 : 0);
  return UpsertedId(db, *st, "online_cases", 0);
}

Result<void> UpdateCase(PgDb& db, const OnlineCase& c) {
  AMTSZEIT_PREPARE(st, db,
                   "UPDATE online_cases SET status = ?, assignee = ?, location_id = ?, "
                   "updated_us = ?, closed_us = ? WHERE id = ?");
  AMTSZEIT_RUN(st->Bind(1, ToString(c.status))
                   .Bind(2, c.assignee)
                   .Bind(3, c.location_id)
                   .Bind(4, Micros(c.updated_at))
                   .BindOptional(5, ClosedMicros(c))
                   .Bind(6, c.id)
                   .Run());
  if (st->Changes() == 0) return Fail(ErrorCode::kNotFound, "online case {} does not exist", c.id);
  return {};
}

Result<std::optional<OnlineCase>> LoadCaseByCode(PgDb& db, std::string_view code) {
  AMTSZEIT_PREPARE(st, db, fmt::format("SELECT {} FROM online_cases WHERE code = ?", kCaseColumns));
  st->Bind(1, code);
  auto found = Collect<OnlineCase>(*st, CaseRow);
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<OnlineCase>();
  return std::optional<OnlineCase>(std::move(found->front()));
}

Result<std::optional<OnlineCase>> LoadCaseById(PgDb& db, std::int64_t id) {
  AMTSZEIT_PREPARE(st, db, fmt::format("SELECT {} FROM online_cases WHERE id = ?", kCaseColumns));
  st->Bind(1, id);
  auto found = Collect<OnlineCase>(*st, CaseRow);
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<OnlineCase>();
  return std::optional<OnlineCase>(std::move(found->front()));
}

Result<std::vector<OnlineCase>> LoadCases(PgDb& db, const CaseFilter& filter) {
  std::string where = "true";
  if (!filter.statuses.empty()) {
    where += " AND status IN (";
    for (std::size_t i = 0; i < filter.statuses.size(); ++i) where += i == 0 ? "?" : ",?";
    where += ")";
  }
  if (!filter.service_id.empty()) where += " AND service_id = ?";
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("SELECT {} FROM online_cases WHERE {} ORDER BY created_us, id "
                               "LIMIT ?",
                               kCaseColumns, where));
  int i = 1;
  for (CaseStatus s : filter.statuses) st->Bind(i++, ToString(s));
  if (!filter.service_id.empty()) st->Bind(i++, filter.service_id);
  st->Bind(i, filter.limit);
  return Collect<OnlineCase>(*st, CaseRow);
}

Result<std::int64_t> AppendCaseEvent(PgDb& db, const CaseEvent& e) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO online_case_events(case_id, at_us, from_status, to_status, actor, "
                   "note) VALUES (?,?,?,?,?,?) RETURNING id, false");
  std::optional<std::string> from;
  if (e.from) from = std::string(ToString(*e.from));
  st->Bind(1, e.case_id)
      .Bind(2, Micros(e.at))
      .BindOptional(3, from)
      .Bind(4, ToString(e.to))
      .Bind(5, e.actor)
      .Bind(6, e.note);
  return UpsertedId(db, *st, "online_case_events", 0);
}

Result<std::vector<CaseEvent>> LoadCaseEvents(PgDb& db, std::int64_t case_id) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT id, case_id, at_us, from_status, to_status, actor, note FROM "
                   "online_case_events WHERE case_id = ? ORDER BY id");
  st->Bind(1, case_id);
  return Collect<CaseEvent>(*st, [](const PgStatement& row) -> Result<CaseEvent> {
    auto to = EnumColumn<CaseStatus>(row, 4, ParseCaseStatus);
    if (!to) return std::unexpected(to.error());
    CaseEvent e{.id = row.Int(0),
                .case_id = row.Int(1),
                .at = FromMicros(row.Int(2)),
                .to = *to,
                .actor = row.Text(5),
                .note = row.Text(6)};
    if (!row.IsNull(3)) {
      auto from = EnumColumn<CaseStatus>(row, 3, ParseCaseStatus);
      if (!from) return std::unexpected(from.error());
      e.from = *from;
    }
    return e;
  });
}

Result<void> InsertCaseDocument(PgDb& db, const CaseDocument& d) {
  AMTSZEIT_PREPARE(st, db,
                   "INSERT INTO online_case_documents(case_id, number, requirement_id, file_name, "
                   "content_type, size, data) VALUES (?,?,?,?,?,?,decode(?, 'hex'))");
  return st->Bind(1, d.case_id)
      .Bind(2, d.number)
      .Bind(3, d.requirement_id)
      .Bind(4, d.file_name)
      .Bind(5, d.content_type)
      .Bind(6, static_cast<std::int64_t>(d.data.size()))
      .Bind(7, absl::BytesToHexString(absl::string_view(d.data.data(), d.data.size())))
      .Run();
}

Result<std::vector<CaseDocument>> LoadCaseDocuments(PgDb& db, std::int64_t case_id) {
  AMTSZEIT_PREPARE(st, db,
                   "SELECT case_id, number, requirement_id, file_name, content_type, size FROM "
                   "online_case_documents WHERE case_id = ? ORDER BY number");
  st->Bind(1, case_id);
  return Collect<CaseDocument>(*st, [](const PgStatement& row) { return DocumentRow(row, false); });
}

Result<std::optional<CaseDocument>> LoadCaseDocument(PgDb& db, std::int64_t case_id, int number) {
  AMTSZEIT_PREPARE(
      st, db,
      "SELECT case_id, number, requirement_id, file_name, content_type, size, "
      "encode(data, 'hex') FROM online_case_documents WHERE case_id = ? AND number = ?");
  st->Bind(1, case_id).Bind(2, number);
  auto found =
      Collect<CaseDocument>(*st, [](const PgStatement& row) { return DocumentRow(row, true); });
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<CaseDocument>();
  return std::optional<CaseDocument>(std::move(found->front()));
}

Result<int> ForgetClosedCases(PgDb& db, absl::Time closed_before) {
  constexpr std::string_view kDue =
      "SELECT id FROM online_cases WHERE forgotten = 0 AND closed_us IS NOT NULL AND closed_us < ?";
  {
    AMTSZEIT_PREPARE(st, db,
                     fmt::format("DELETE FROM online_case_documents WHERE case_id IN ({})", kDue));
    AMTSZEIT_RUN(st->Bind(1, Micros(closed_before)).Run());
  }
  {
    AMTSZEIT_PREPARE(
        st, db, fmt::format("UPDATE online_case_events SET note = '' WHERE case_id IN ({})", kDue));
    AMTSZEIT_RUN(st->Bind(1, Micros(closed_before)).Run());
  }
  {
    // Their messages: the address and the sealed link token go with the answers.
    AMTSZEIT_PREPARE(st, db,
                     fmt::format("UPDATE outbox SET recipient = '', status = CASE status WHEN "
                                 "'pending' THEN 'dropped' ELSE status END WHERE recipient <> '' "
                                 "AND subject_kind = 'case' AND subject_id IN ({})",
                                 kDue));
    AMTSZEIT_RUN(st->Bind(1, Micros(closed_before)).Run());
    AMTSZEIT_PREPARE(
        secrets, db,
        fmt::format("DELETE FROM outbox_secrets WHERE subject_kind = 'case' AND subject_id IN ({})",
                    kDue));
    AMTSZEIT_RUN(secrets->Bind(1, Micros(closed_before)).Run());
  }
  AMTSZEIT_PREPARE(st, db,
                   "UPDATE online_cases SET answers = '{}', forgotten = 1 WHERE forgotten = 0 AND "
                   "closed_us IS NOT NULL AND closed_us < ?");
  AMTSZEIT_RUN(st->Bind(1, Micros(closed_before)).Run());
  return static_cast<int>(st->Changes());
}

}  // namespace amtszeit::store::pg
