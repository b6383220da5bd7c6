// The monthly report for a district committee, assembled from stored history: the promise table
// (month and previous month), six months of lead time and waits, a table per centre, capacity and
// absences, steering changes, and the implementation plan's measures.
//
//   auto report = BuildCommitteeReport(store, catalog, zone, "altona", absl::CivilMonth(2026, 11),
//                                      now);
//   auto pdf = report::RenderPdf(*report);
#pragma once

#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/report/committee_report.h"
#include "amtszeit/store/store.h"

namespace amtszeit::monitor {

// `district` is an id ("altona") or a name ("Altona"); kNotFound otherwise.
Result<report::CommitteeReport> BuildCommitteeReport(store::Store& store, const Catalog& catalog,
                                                     absl::TimeZone zone, std::string_view district,
                                                     absl::CivilMonth month, absl::Time now);

Result<absl::CivilMonth> ParseMonth(std::string_view text);  // "2026-11"

}  // namespace amtszeit::monitor
