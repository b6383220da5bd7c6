// What the routes share: the store, the catalogue snapshot, the booking engine and the settings
// the HTTP layer needs. Built once by Serve(); immutable apart from the engine's own state.
#pragma once

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "amtszeit/auth/service.h"
#include "amtszeit/booking/engine.h"
#include "amtszeit/cases/case_service.h"
#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/clock.h"
#include "amtszeit/domain/holidays.h"
#include "amtszeit/domain/live_catalog.h"
#include "amtszeit/live/hub.h"
#include "amtszeit/privacy/retention.h"
#include "amtszeit/queue/service.h"
#include "amtszeit/server/client_limits.h"
#include "amtszeit/server/proof_of_work.h"
#include "amtszeit/server/router.h"
#include "amtszeit/steering/steering.h"
#include "amtszeit/store/store.h"
#include "amtszeit/waitlist/waitlist.h"

namespace amtszeit::server {

struct App {
  store::Store& store;
  CatalogView catalog;
  const HolidayCalendar& holidays;
  absl::TimeZone zone;
  const Clock& clock;
  booking::BookingEngine& engine;
  queue::QueueService& queue;
  steering::SteeringService& steering;
  live::Hub& hub;
  std::string phone_api_key;  // empty: the phone channel is off
  std::string public_url;     // base of links in answers, e.g. "http://localhost:8080"
  std::string version;
  ClientLimits* limits = nullptr;  // citizens' rate limits and hold cap; null: none
  privacy::RetentionPolicy retention;
  cases::CaseService* cases = nullptr;  // online services; set by Serve()
  ProofOfWork* proof = nullptr;         // citizens' holds need a proof of work; null: none
  waitlist::WaitlistService* waitlist = nullptr;  // null: the waitlist answers 503
  auth::AuthService* auth = nullptr;              // staff sign-in; null: no one can sign in
};

void AddHealthRoutes(Router& router, App& app);
void AddCatalogRoutes(Router& router, App& app);
void AddBookingRoutes(Router& router, App& app);
void AddQueueRoutes(Router& router, App& app);     // tickets, counters, displays, live streams
void AddNowRoutes(Router& router, App& app);       // the city-wide "book or walk in now" view
void AddSteeringRoutes(Router& router, App& app);  // roster, absences, shifts, moves, audit
void AddMonitorRoutes(Router& router, App& app);   // promises, status, KPIs, /metrics
void AddClosureRoutes(Router& router, App& app);   // centres closed for a period, rebooking
void AddPrivacyRoutes(Router& router, App& app);   // a citizen's data export
void AddProofRoutes(Router& router, App& app);     // the proof-of-work challenge for holds

// Online services: the forms, a citizen's cases and documents (routes/cases.cpp); the back
// office's queue, status changes and workload (routes/backoffice.cpp, staff only).
void AddCaseRoutes(Router& router, App& app);
void AddBackOfficeRoutes(Router& router, App& app);
void AddWaitlistRoutes(Router& router, App& app);  // waitlist entries and the offers they get
void AddAuthRoutes(Router& router, App& app);      // staff sign-in, sign-out, the audit log
void AddPlanningRoutes(Router& router, App& app);  // scenarios and staff proposals (staff only)

// Every route of the API, for Serve() and for tests that check the OpenAPI document.
void AddAllRoutes(Router& router, App& app);

}  // namespace amtszeit::server
