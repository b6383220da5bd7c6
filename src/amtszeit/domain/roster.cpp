#include "amtszeit/domain/roster.h"

#include <algorithm>

#include "amtszeit/domain/enum_names.h"

namespace amtszeit {

namespace {

constexpr internal::EnumNames<ShiftMode, 4> kShiftModes{{
    {ShiftMode::kAppointments, "appointments"},
    {ShiftMode::kWalkIn, "walk_in"},
    {ShiftMode::kExpress, "express"},
    {ShiftMode::kBackOffice, "back_office"},
}};

constexpr internal::EnumNames<AbsenceKind, 4> kAbsenceKinds{{
    {AbsenceKind::kSick, "sick"},
    {AbsenceKind::kVacation, "vacation"},
    {AbsenceKind::kTraining, "training"},
    {AbsenceKind::kVacancy, "vacancy"},
}};

}  // namespace

bool Staff::HasSkill(std::string_view skill) const {
  return std::find(skills.begin(), skills.end(), skill) != skills.end();
}

std::string_view ToString(ShiftMode mode) { return internal::NameOf(kShiftModes, mode); }

Result<ShiftMode> ParseShiftMode(std::string_view text) {
  return internal::ValueOf(kShiftModes, text, "shift mode");
}

std::string_view ToString(AbsenceKind kind) { return internal::NameOf(kAbsenceKinds, kind); }

Result<AbsenceKind> ParseAbsenceKind(std::string_view text) {
  return internal::ValueOf(kAbsenceKinds, text, "absence kind");
}

const Staff* Roster::FindStaff(std::string_view id) const {
  const auto it =
      std::find_if(staff.begin(), staff.end(), [&](const Staff& s) { return s.id == id; });
  return it == staff.end() ? nullptr : &*it;
}

bool Roster::Closed(std::string_view location_id, absl::CivilDay day) const {
  return std::ranges::any_of(closures,
                             [&](const CentreClosure& c) { return c.Covers(location_id, day); });
}

}  // namespace amtszeit
