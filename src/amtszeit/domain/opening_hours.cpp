#include "amtszeit/domain/opening_hours.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

namespace amtszeit {

namespace {

constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// Callers (capacity, validation) rely on sorted, disjoint ranges; normalising here keeps that
// promise even for data nobody validated. Touching ranges merge so IsOpen sees one stretch.
std::vector<TimeRange> Normalized(std::vector<TimeRange> ranges) {
  std::erase_if(ranges, [](const TimeRange& r) { return r.Empty(); });
  if (!std::is_sorted(ranges.begin(), ranges.end())) std::sort(ranges.begin(), ranges.end());
  std::vector<TimeRange> out;
  out.reserve(ranges.size());
  for (const TimeRange& r : ranges) {
    if (!out.empty() && r.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, r.end);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

Result<void> ValidateRanges(const std::vector<TimeRange>& ranges, std::string_view where) {
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const TimeRange& r = ranges[i];
    if (!IsOnGrid(r.begin) || !IsOnGrid(r.end)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "{}: {} is not on the {}-minute grid between 00:00 and 24:00", where,
                  FormatTimeRange(r), kTickMinutes);
    }
    if (r.Empty()) {
      return Fail(ErrorCode::kInvalidArgument, "{}: {} does not end after it begins", where,
                  FormatTimeRange(r));
    }
    if (i > 0 && r.begin < ranges[i - 1].end) {
      const bool overlaps = ranges[i - 1].begin < r.end;
      return Fail(ErrorCode::kInvalidArgument, "{}: {} {} {}", where, FormatTimeRange(r),
                  overlaps ? "overlaps" : "is listed after the later range",
                  FormatTimeRange(ranges[i - 1]));
    }
  }
  return {};
}

}  // namespace

std::vector<TimeRange> OpeningHours::OpenOn(absl::CivilDay day,
                                            const HolidayCalendar& holidays) const {
  for (const Closure& c : closures) {
    if (c.first <= day && day <= c.last) return {};
  }
  for (const OpeningException& e : exceptions) {
    if (e.day == day) return Normalized(e.ranges);
  }
  if (closed_on_public_holidays && holidays.IsHoliday(day)) return {};
  return Normalized(weekly[static_cast<std::size_t>(WeekdayIndex(day))]);
}

bool OpeningHours::IsOpen(absl::CivilDay day, const TimeRange& range,
                          const HolidayCalendar& holidays) const {
  if (range.Empty()) return false;
  const std::vector<TimeRange> open = OpenOn(day, holidays);
  return std::any_of(open.begin(), open.end(),
                     [&](const TimeRange& r) { return r.Contains(range); });
}

Result<void> ValidateOpeningHours(const OpeningHours& hours) {
  for (std::size_t d = 0; d < hours.weekly.size(); ++d) {
    const std::string where = fmt::format("weekly hours on {}", kWeekdayNames[d]);
    if (auto ok = ValidateRanges(hours.weekly[d], where); !ok) return ok;
  }
  std::set<absl::CivilDay> exception_days;
  for (const OpeningException& e : hours.exceptions) {
    const std::string where = fmt::format("exception on {}", FormatDay(e.day));
    if (!exception_days.insert(e.day).second) {
      return Fail(ErrorCode::kInvalidArgument, "{}: the day has more than one exception", where);
    }
    if (auto ok = ValidateRanges(e.ranges, where); !ok) return ok;
  }
  for (const Closure& c : hours.closures) {
    if (c.last < c.first) {
      return Fail(ErrorCode::kInvalidArgument, "closure {} to {} ('{}') ends before it starts",
                  FormatDay(c.first), FormatDay(c.last), c.reason);
    }
  }
  return {};
}

}  // namespace amtszeit
