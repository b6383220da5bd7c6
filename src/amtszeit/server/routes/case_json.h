// JSON of online cases, shared by the citizen's and the back office's routes.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "amtszeit/cases/case_service.h"
#include "amtszeit/server/app.h"
#include "amtszeit/server/http.h"

namespace amtszeit::server {

// The case with its history and documents (descriptions). `staff` adds the answers, the
// assignee and the actors of the history.
boost::json::object CaseJson(const cases::CaseView& view, const App& app, bool staff);
// A case as a row of the back office's queue.
boost::json::object QueueItemJson(const OnlineCase& c, const App& app);
// A document as a download, with a safe Content-Disposition.
Response DocumentResponse(const CaseDocument& document);

}  // namespace amtszeit::server
