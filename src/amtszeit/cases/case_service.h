// Online cases: a citizen's request for a service without a visit becomes a case with a human
// code and a secret token; the back office works it through its statuses; the citizen follows it
// by code and token. Forms come from the store (written with the catalogue by provisioning) and
// are validated against the catalogue when the service opens.
//
//   auto cases = CaseService::Open(store, clock, zone, catalog);
//   auto sent = (*cases)->Submit({.service_id = "meldebescheinigung", .answers = {...}});
//   auto seen = (*cases)->ForCitizen(sent->online_case.code, sent->token);
//   (*cases)->ChangeStatus(code, CaseStatus::kInProgress, "", "Frau Peters", "kz-altona");
//   (*cases)->Answer(code, token, {.text = "Meine neue Anschrift ist ..."});
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "amtszeit/cases/submission.h"
#include "amtszeit/cases/workload.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/online_case.h"
#include "amtszeit/domain/online_form.h"
#include "amtszeit/store/store.h"

namespace amtszeit::cases {

struct Submitted {
  OnlineCase online_case;
  std::string token;  // shown once; only its hash is stored
};

struct CaseView {
  OnlineCase online_case;
  std::vector<CaseEvent> events;
  std::vector<CaseDocument> documents;  // without data
};

// A case's change as the messages to the citizen need it, inside the change's transaction.
struct CaseChange {
  const OnlineCase& online_case;  // as it is after the change
  std::string_view email;         // the form's e-mail answer; empty when the form asks none
  std::string_view token;         // the citizen's link secret: known only at submission
  absl::Time at;
};
using CaseHook = std::function<Result<void>(store::WriteTx&, const CaseChange&)>;

class CaseService {
 public:
  // Reads the forms from the store's setting (none when absent) and checks them against the
  // catalogue: a bad definition fails here, at startup, with the path of the fault.
  static Result<std::unique_ptr<CaseService>> Open(store::Store& store, const Clock& clock,
                                                   absl::TimeZone zone, const Catalog& catalog);
  CaseService(store::Store& store, const Clock& clock, absl::TimeZone zone,
              std::vector<OnlineForm> forms)
      : store_(store), clock_(clock), zone_(zone), forms_(std::move(forms)) {}

  // Called in the transaction of every submission and status change (the notification outbox):
  // its error rolls the change back.
  void OnChange(CaseHook hook) { on_change_ = std::move(hook); }

  const std::vector<OnlineForm>& Forms() const { return forms_; }
  const OnlineForm* FindForm(std::string_view service_id) const;

  // Checks the answers and documents (each document's type by its first bytes, its size against
  // the form's limit: kPayloadTooLarge) and stores the case as received, with its first event.
  Result<Submitted> Submit(Submission submission);

  // The citizen's view. A wrong code and a wrong token are the same kNotFound.
  Result<CaseView> ForCitizen(std::string_view code, std::string_view token);
  Result<CaseDocument> CitizenDocument(std::string_view code, std::string_view token, int number);
  // The citizen answers the back office's question: the case goes back to its worker (in
  // progress) with the text as the event's note and the documents after those sent before.
  // kConflict when nothing is asked (the case is not waiting for the citizen). Returns the case as
  // the citizen now sees it.
  Result<CaseView> Answer(std::string_view code, std::string_view token, Reply reply);

  // Back office.
  Result<std::vector<OnlineCase>> Queue(const store::CaseFilter& filter);
  Result<CaseView> ForStaff(std::string_view code);
  Result<CaseDocument> StaffDocument(std::string_view code, int number);
  // Moves a case (kConflict when the state machine refuses). Taking a case (in_progress) assigns
  // it to `actor` at `location_id`. Rejecting and asking the citizen need a note.
  Result<OnlineCase> ChangeStatus(std::string_view code, CaseStatus to, std::string_view note,
                                  std::string_view actor, std::string_view location_id);

  Result<Workload> CurrentWorkload(int inflow_days = 28);

 private:
  Result<OnlineCase> Find(std::string_view code);
  // A wrong code and a wrong token are the same kNotFound.
  Result<OnlineCase> FindForCitizen(std::string_view code, std::string_view token);
  // The answer to the case's form's e-mail field; empty when there is none.
  std::string EmailOf(const OnlineCase& c) const;
  Result<void> Tell(store::WriteTx& tx, const OnlineCase& c, std::string_view token,
                    absl::Time at) const;
  Result<CaseView> View(OnlineCase c);

  store::Store& store_;
  const Clock& clock_;
  absl::TimeZone zone_;
  std::vector<OnlineForm> forms_;
  CaseHook on_change_;
};

}  // namespace amtszeit::cases
