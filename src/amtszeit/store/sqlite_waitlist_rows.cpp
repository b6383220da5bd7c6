#include "amtszeit/store/sqlite_waitlist_rows.h"

#include <sqlite3.h>

#include "absl/strings/str_join.h"
#include "amtszeit/store/sqlite_row_helpers.h"

namespace amtszeit::store::rows {

namespace {

constexpr std::string_view kWaitlistColumns =
    "id, code, token_hash, sealed_token, service_ids, location_ids, district_ids, windows, "
    "latest_day, move_in_date, contact_name, contact_email, contact_phone, contact_language, "
    "contact_key, phone_key, status, offer_appointment_id, declined, created_us, updated_us";

Result<WaitlistEntry> EntryRow(const Statement& st) {
  WaitlistEntry e;
  e.id = st.Int(0);
  e.code = st.Text(1);
  e.token_hash = st.Text(2);
  e.sealed_token = st.Text(3);
  e.service_ids = SplitIds(st.Text(4));
  e.location_ids = SplitIds(st.Text(5));
  e.district_ids = SplitIds(st.Text(6));
  e.windows = static_cast<unsigned>(st.Int(7));
  auto latest = DayColumn(st, 8);
  if (!latest) return std::unexpected(latest.error());
  e.latest = *latest;
  auto move_in = OptionalDayColumn(st, 9);
  if (!move_in) return std::unexpected(move_in.error());
  e.move_in_date = *move_in;
  e.contact = {
      .name = st.Text(10), .email = st.Text(11), .phone = st.Text(12), .language = st.Text(13)};
  e.contact_key = st.Text(14);
  e.phone_key = st.Text(15);
  auto status = EnumColumn<WaitlistStatus>(st, 16, ParseWaitlistStatus);
  if (!status) return std::unexpected(status.error());
  e.status = *status;
  e.offer_appointment_id = st.Int(17);
  e.declined = st.Text(18);
  e.created_at = FromMicros(st.Int(19));
  e.updated_at = FromMicros(st.Int(20));
  return e;
}

Result<std::vector<WaitlistEntry>> CollectWaitlist(Statement& st) {
  std::vector<WaitlistEntry> out;
  AMTSZEIT_RUN(ForEachRow(st, [&]() -> Result<void> {
    auto e = EntryRow(st);
    if (!e) return std::unexpected(e.error());
    out.push_back(std::move(*e));
    return {};
  }));
  return out;
}

Result<std::optional<WaitlistEntry>> First(Result<std::vector<WaitlistEntry>> found) {
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<WaitlistEntry>();
  return std::optional<WaitlistEntry>(std::move(found->front()));
}

// Binds every column but id from 2 on, in kWaitlistColumns' order.
void BindFields(Statement& st, const WaitlistEntry& e) {
  st.Bind(2, e.code).Bind(3, e.token_hash).Bind(4, e.sealed_token);
  st.Bind(5, absl::StrJoin(e.service_ids, ",")).Bind(6, absl::StrJoin(e.location_ids, ","));
  st.Bind(7, absl::StrJoin(e.district_ids, ",")).Bind(8, static_cast<std::int64_t>(e.windows));
  st.Bind(9, FormatDay(e.latest)).BindOptional(10, DayOrNull(e.move_in_date));
  st.Bind(11, e.contact.name).Bind(12, e.contact.email).Bind(13, e.contact.phone);
  st.Bind(14, e.contact.language).Bind(15, e.contact_key).Bind(16, e.phone_key);
  st.Bind(17, ToString(e.status)).Bind(18, e.offer_appointment_id).Bind(19, e.declined);
  st.Bind(20, Micros(e.created_at)).Bind(21, Micros(e.updated_at));
}

}  // namespace

Result<std::int64_t> InsertWaitlistEntry(SqliteDb& db, const WaitlistEntry& e) {
  AMTSZEIT_PREPARE(
      st, db,
      fmt::format("INSERT INTO waitlist({}) VALUES (NULL, ?2, ?3, ?4, ?5, ?6, ?7, "
                  "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                  kWaitlistColumns));
  BindFields(*st, e);
  AMTSZEIT_RUN(st->Run());
  return db.LastInsertId();
}

Result<void> UpdateWaitlistEntry(SqliteDb& db, const WaitlistEntry& e) {
  AMTSZEIT_PREPARE(st, db,
                   "UPDATE waitlist SET code = ?2, token_hash = ?3, sealed_token = ?4, "
                   "service_ids = ?5, location_ids = ?6, district_ids = ?7, windows = ?8, "
                   "latest_day = ?9, move_in_date = ?10, contact_name = ?11, contact_email = ?12, "
                   "contact_phone = ?13, contact_language = ?14, contact_key = ?15, "
                   "phone_key = ?16, status = ?17, offer_appointment_id = ?18, declined = ?19, "
                   "created_us = ?20, updated_us = ?21 WHERE id = ?1");
  st->Bind(1, e.id);
  BindFields(*st, e);
  AMTSZEIT_RUN(st->Run());
  if (sqlite3_changes(db.raw()) != 1) {
    return Fail(ErrorCode::kNotFound, "no waitlist entry {}", e.id);
  }
  return {};
}

Result<std::optional<WaitlistEntry>> LoadWaitlistEntryByCode(SqliteDb& db, std::string_view code) {
  AMTSZEIT_PREPARE(st, db, fmt::format("SELECT {} FROM waitlist WHERE code = ?", kWaitlistColumns));
  st->Bind(1, code);
  return First(CollectWaitlist(*st));
}

Result<std::optional<WaitlistEntry>> LoadWaitlistEntryByOffer(SqliteDb& db,
                                                              std::int64_t appointment_id) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("SELECT {} FROM waitlist WHERE offer_appointment_id = ? AND "
                               "offer_appointment_id <> 0 ORDER BY id LIMIT 1",
                               kWaitlistColumns));
  st->Bind(1, appointment_id);
  return First(CollectWaitlist(*st));
}

Result<std::vector<WaitlistEntry>> LoadOpenWaitlistEntries(SqliteDb& db) {
  AMTSZEIT_PREPARE(st, db,
                   fmt::format("SELECT {} FROM waitlist WHERE status IN ('waiting', 'offered') "
                               "ORDER BY id",
                               kWaitlistColumns));
  return CollectWaitlist(*st);
}

}  // namespace amtszeit::store::rows
