// Sample data for the store's tests (header only, test binaries only): a small catalogue, a roster
// and an appointment, the same for every backend.
#pragma once

#include <string>

#include "absl/time/civil_time.h"
#include "amtszeit/store/store.h"

namespace amtszeit::store::conformance {

using absl::CivilDay;

inline Catalog SampleCatalog() {
  Catalog c;
  c.districts = {{"altona", "Altona"}, {"harburg", "Harburg"}};
  Location l{.id = "kz-harburg",
             .name = "Kundenzentrum Harburg",
             .district_id = "harburg",
             .address = {"Harburger Rathausforum 3", "21073", "Hamburg"},
             .geo = {53.46, 9.98},
             .status = LocationStatus::kActive,
             .valid_from = CivilDay(2017, 5, 9),
             .counters = 12,
             .note = "estimated counters"};
  for (int d = 0; d < 5; ++d) l.hours.weekly[d] = {{420, 720}, {780, 1140}};
  l.hours.weekly[5] = {{540, 780}};
  l.hours.exceptions = {{CivilDay(2026, 12, 24), {}, "Heiligabend"},
                        {CivilDay(2026, 12, 31), {{480, 720}}, "Silvester"}};
  l.hours.closures = {{CivilDay(2027, 2, 1), CivilDay(2027, 2, 5), "Umzug"}};
  Location interim{.id = "kz-harburg-interim",
                   .name = "Interimsstandort Harburg",
                   .district_id = "harburg",
                   .geo = {53.461, 9.983},
                   .status = LocationStatus::kInterim,
                   .valid_from = CivilDay(2027, 2, 1),
                   .valid_to = CivilDay(2027, 2, 5),
                   .counters = 2,
                   .interim_for = "kz-harburg"};
  interim.hours.weekly[0] = {{480, 960}};
  c.locations = {l, interim};
  c.services = {{.id = "anmeldung",
                 .name_de = "Wohnsitz anmelden",
                 .name_en = "Register",
                 .duration_minutes = 15,
                 .legal_deadline_days = 14,
                 .skill = "melde",
                 .leika = "99115001000000",
                 .category = "melde"},
                {.id = "fuehrungszeugnis",
                 .name_de = "Führungszeugnis",
                 .duration_minutes = 10,
                 .needs_presence = false,
                 .online_url = "https://www.fuehrungszeugnis.bund.de",
                 .priority = PriorityRule::kNone,
                 .skill = "auskunft"}};
  return c;
}

inline Roster SampleRoster() {
  Roster r;
  r.staff = {{.id = "st-0001",
              .display_name = "A",
              .home_district_id = "harburg",
              .home_location_id = "kz-harburg",
              .skills = {"auskunft", "melde"},
              .fte = 0.75}};
  r.shifts = {{.id = 7,
               .staff_id = "st-0001",
               .location_id = "kz-harburg",
               .day = CivilDay(2026, 12, 1),
               .time = {420, 900},
               .mode = ShiftMode::kWalkIn,
               .break_time = TimeRange{720, 750}},
              {.id = 8,
               .staff_id = "st-0001",
               .location_id = "kz-harburg",
               .day = CivilDay(2026, 12, 2),
               .time = {480, 720}},
              {.id = 9,
               .staff_id = "st-0001",
               .location_id = "kz-harburg",
               .day = CivilDay(2026, 12, 5),
               .time = {540, 780},
               .extra_opening = true}};
  r.absences = {{.id = 3,
                 .staff_id = "st-0001",
                 .first = CivilDay(2026, 12, 10),
                 .last = CivilDay(2026, 12, 12),
                 .kind = AbsenceKind::kVacation,
                 .note = "x"}};
  return r;
}

inline Result<void> WriteSample(Store& store) {
  return store.Write([](WriteTx& tx) -> Result<void> {
    if (auto r = PutCatalog(tx, SampleCatalog()); !r) return r;
    const Roster roster = SampleRoster();
    for (const auto& s : roster.staff) {
      if (auto r = tx.PutStaff(s); !r) return r;
    }
    for (const auto& s : roster.shifts) {
      if (auto r = tx.PutShift(s); !r) return std::unexpected(r.error());
    }
    for (const auto& a : roster.absences) {
      if (auto r = tx.PutAbsence(a); !r) return std::unexpected(r.error());
    }
    return tx.ReplaceSchoolHolidays({{SchoolHolidayKind::kSummer, "Sommerferien",
                                      CivilDay(2027, 7, 1), CivilDay(2027, 8, 11)}});
  });
}

inline Appointment SampleAppointment(std::string code, int begin, AppointmentStatus status) {
  Appointment a;
  a.code = std::move(code);
  a.token_hash = "h";
  a.location_id = "kz-harburg";
  a.staff_id = "st-0001";
  a.day = CivilDay(2026, 12, 2);
  a.time = {begin, begin + 20};
  a.start = absl::FromUnixSeconds(1796200000 + begin * 60);
  a.end = a.start + absl::Minutes(20);
  a.service_ids = {"anmeldung", "fuehrungszeugnis"};
  a.status = status;
  a.contact = {"Erika", "e@example.org", ""};
  a.contact_key = "email:e@example.org";
  a.move_in_date = CivilDay(2026, 11, 30);
  a.created_at = a.updated_at = absl::FromUnixSeconds(1796000000);
  a.hold_expires_at = a.created_at + absl::Minutes(10);
  return a;
}

}  // namespace amtszeit::store::conformance
