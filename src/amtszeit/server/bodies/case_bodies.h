// The bodies of online cases, decoded without the request (the fuzzer links them alone): a
// citizen's submission with its documents (base64), their answer to a question, and the back
// office's status change.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "amtszeit/cases/submission.h"
#include "amtszeit/domain/error.h"
#include "amtszeit/domain/online_case.h"
#include "amtszeit/domain/online_form.h"
#include "amtszeit/server/body.h"

namespace amtszeit::server {

// The form of a service, or null for a service without one (CaseService::FindForm).
using FormOf = std::function<const OnlineForm*(std::string_view service_id)>;

// Service, language (default "de"), answers (text or true) and documents. A document larger than
// its requirement allows is refused (kPayloadTooLarge) before it is decoded; what the form
// requires is checked by CaseService::Submit.
Result<cases::Submission> DecodeSubmission(boost::json::value json, const FormOf& form_of);

// The citizen's answer to a question: text and documents. The documents are checked against the
// case's form (sizes: kPayloadTooLarge) and empty text refused by CaseService::Answer.
Result<cases::Reply> DecodeReply(boost::json::value json);

inline const std::initializer_list<std::string_view> kStatusChangeFields = {"status", "note",
                                                                            "actor", "location"};

// Who changes it is not decoded here: ActorName reads "actor" with the request's sign-in.
struct StatusChange {
  CaseStatus status;
  std::string note;
  std::string location;  // empty: unchanged
};
Result<StatusChange> DecodeStatusChange(const Body& body);

}  // namespace amtszeit::server
