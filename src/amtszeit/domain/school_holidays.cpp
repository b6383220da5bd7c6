#include "amtszeit/domain/school_holidays.h"

#include <algorithm>
#include <map>
#include <utility>

#include "amtszeit/domain/civil_time.h"
#include "amtszeit/domain/enum_names.h"

namespace amtszeit {

namespace {

constexpr internal::EnumNames<SchoolHolidayKind, 7> kSchoolHolidayKinds{{
    {SchoolHolidayKind::kWinter, "winter"},
    {SchoolHolidayKind::kSpring, "spring"},
    {SchoolHolidayKind::kPentecost, "pentecost"},
    {SchoolHolidayKind::kSummer, "summer"},
    {SchoolHolidayKind::kAutumn, "autumn"},
    {SchoolHolidayKind::kChristmas, "christmas"},
    {SchoolHolidayKind::kOther, "other"},
}};

bool ByFirstDay(const SchoolHoliday& a, const SchoolHoliday& b) { return a.first < b.first; }

std::string Describe(const SchoolHoliday& p) {
  return fmt::format("school holidays '{}' ({} to {})", p.name, FormatDay(p.first),
                     FormatDay(p.last));
}

}  // namespace

std::string_view ToString(SchoolHolidayKind kind) {
  return internal::NameOf(kSchoolHolidayKinds, kind);
}

Result<SchoolHolidayKind> ParseSchoolHolidayKind(std::string_view text) {
  return internal::ValueOf(kSchoolHolidayKinds, text, "school holiday kind");
}

SchoolCalendar::SchoolCalendar(std::vector<SchoolHoliday> periods) : periods_(std::move(periods)) {
  std::stable_sort(periods_.begin(), periods_.end(), ByFirstDay);
}

bool SchoolCalendar::InHolidays(absl::CivilDay day) const {
  // A few dozen periods: a scan stays correct even for unvalidated, overlapping data.
  for (const SchoolHoliday& p : periods_) {
    if (p.first > day) break;
    if (day <= p.last) return true;
  }
  return false;
}

std::optional<SchoolHoliday> SchoolCalendar::Summer(int year) const {
  for (const SchoolHoliday& p : periods_) {
    if (p.kind == SchoolHolidayKind::kSummer && p.first.year() == year) return p;
  }
  return std::nullopt;
}

Result<void> ValidateSchoolHolidays(const std::vector<SchoolHoliday>& periods) {
  for (const SchoolHoliday& p : periods) {
    if (p.last < p.first) {
      return Fail(ErrorCode::kInvalidArgument, "{} ends before it starts", Describe(p));
    }
  }
  std::vector<const SchoolHoliday*> sorted;
  sorted.reserve(periods.size());
  for (const SchoolHoliday& p : periods) sorted.push_back(&p);
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const SchoolHoliday* a, const SchoolHoliday* b) { return ByFirstDay(*a, *b); });
  // Sorted by first day and checked in order, a period can only overlap the one before it.
  const SchoolHoliday* previous = nullptr;
  std::map<int, const SchoolHoliday*> summer_by_year;
  for (const SchoolHoliday* p : sorted) {
    if (previous != nullptr && p->first <= previous->last) {
      return Fail(ErrorCode::kInvalidArgument, "{} overlaps {}", Describe(*p), Describe(*previous));
    }
    previous = p;
    if (p->kind == SchoolHolidayKind::kSummer) {
      const auto [it, inserted] = summer_by_year.emplace(p->first.year(), p);
      if (!inserted) {
        return Fail(ErrorCode::kInvalidArgument, "{} is a second summer holiday in {} after {}",
                    Describe(*p), p->first.year(), Describe(*it->second));
      }
    }
  }
  return {};
}

}  // namespace amtszeit
