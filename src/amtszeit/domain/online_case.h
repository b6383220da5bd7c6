// Online cases (Online-Anträge): a request for a service without a visit, worked by back-office
// staff. Statuses are a state machine; every change is a CaseEvent with a note.
//
//   received -> in_progress -> waiting_for_citizen -> in_progress -> done | rejected
//   (received may also be rejected at once, e.g. a duplicate)
//
//   if (!CanMoveCase(c.status, CaseStatus::kDone)) ... // done only from in_progress
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

enum class CaseStatus { kReceived, kInProgress, kWaitingForCitizen, kDone, kRejected };
std::string_view ToString(CaseStatus status);
Result<CaseStatus> ParseCaseStatus(std::string_view text);

// Whether a case may move from `from` to `to`. Closed cases (done, rejected) stay closed.
bool CanMoveCase(CaseStatus from, CaseStatus to);
inline bool IsClosed(CaseStatus s) { return s == CaseStatus::kDone || s == CaseStatus::kRejected; }

struct OnlineCase {
  std::int64_t id = 0;
  std::string code;        // human, like an appointment's ("K7M2-Q9XD")
  std::string token_hash;  // of the citizen's secret link token
  std::string service_id;
  CaseStatus status = CaseStatus::kReceived;
  std::string language;      // "de" or "en": how the citizen is answered
  std::string answers_json;  // field id -> text; cleared by retention
  std::string assignee;      // back-office worker, empty until taken
  std::string location_id;   // the worker's centre, empty until taken
  absl::Time created_at;
  absl::Time updated_at;
  std::optional<absl::Time> closed_at;
  bool forgotten = false;  // personal data (answers, documents) cleared

  friend bool operator==(const OnlineCase&, const OnlineCase&) = default;
};

struct CaseEvent {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  absl::Time at;
  std::optional<CaseStatus> from;  // none for the receipt
  CaseStatus to = CaseStatus::kReceived;
  std::string actor;  // "citizen" or the worker
  std::string note;   // shown to the citizen; cleared by retention

  friend bool operator==(const CaseEvent&, const CaseEvent&) = default;
};

// An uploaded document. `data` is empty when only the description was read.
struct CaseDocument {
  std::int64_t case_id = 0;
  int number = 0;  // 1, 2, ... within the case
  std::string requirement_id;
  std::string file_name;  // sanitised
  std::string content_type;
  std::int64_t size = 0;
  std::string data;

  friend bool operator==(const CaseDocument&, const CaseDocument&) = default;
};

}  // namespace amtszeit
