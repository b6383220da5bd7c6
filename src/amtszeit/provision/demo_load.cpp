#include "amtszeit/provision/demo_load.h"

namespace amtszeit::provision {

Result<LoadSummary> LoadDemo(const dataset::Dataset& dataset, store::Store& store,
                             absl::CivilDay today, const HolidayCalendar& holidays) {
  auto existing = store.ReadRoster(today, today);
  if (!existing) return std::unexpected(existing.error());
  const bool generate = existing->staff.empty();

  Roster roster;
  if (generate) {
    roster = dataset::GenerateRoster(dataset.catalog, dataset.staffing, today, kDemoRosterDays,
                                     kDemoRosterSeed, holidays);
  }

  auto written = store.Write([&](store::WriteTx& tx) -> Result<void> {
    if (auto r = store::PutCatalog(tx, dataset.catalog); !r) return r;
    if (auto r = tx.ReplaceSchoolHolidays(dataset.school_holidays); !r) return r;
    if (auto r = tx.PutSetting(kOnlineFormsSetting, FormsToJsonText(dataset.online_forms)); !r) {
      return r;
    }
    if (!generate) return {};
    for (const auto& s : roster.staff) {
      if (auto r = tx.PutStaff(s); !r) return r;
    }
    for (const auto& s : roster.shifts) {
      if (auto r = tx.PutShift(s); !r) return std::unexpected(r.error());
    }
    for (const auto& a : roster.absences) {
      if (auto r = tx.PutAbsence(a); !r) return std::unexpected(r.error());
    }
    return tx.PutSetting("demo.roster_first_day", FormatDay(today));
  });
  if (!written) return std::unexpected(written.error());

  LoadSummary summary{
      .districts = dataset.catalog.districts.size(),
      .locations = dataset.catalog.locations.size(),
      .services = dataset.catalog.services.size(),
      .roster_generated = generate,
  };
  auto stored = store.ReadRoster(today, today + kDemoRosterDays - 1);
  if (!stored) return std::unexpected(stored.error());
  summary.staff = stored->staff.size();
  summary.shifts = stored->shifts.size();
  summary.absences = stored->absences.size();
  return summary;
}

}  // namespace amtszeit::provision
