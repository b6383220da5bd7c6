// Civil time on the booking grid. All instants are UTC (absl::Time); all rules (opening hours,
// shifts) are civil time in a location's zone, converted here once, at the edge.
//
// The grid has 5-minute ticks: a civil day has 288 of them, numbered from local midnight. On the
// days clocks change, Europe/Berlin has 23 or 25 hours; ticks name civil minutes, so tick 24
// (02:00) does not exist on the spring day and happens twice on the autumn day. Opening hours never
// cover that hour; ToInstant() resolves it deterministically anyway.
//
//   absl::TimeZone berlin = ...;  // loaded once at start-up
//   Result<int> m = ParseClock("08:30");                 // 510
//   absl::Time t = ToInstant(absl::CivilMinute(2026, 3, 2, 8, 30), berlin);
//   std::string s = FormatInstant(t, berlin);            // "2026-03-02T08:30:00+01:00"
#pragma once

#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "amtszeit/domain/error.h"

namespace amtszeit {

inline constexpr int kTickMinutes = 5;
inline constexpr int kMinutesPerDay = 24 * 60;
inline constexpr int kTicksPerDay = kMinutesPerDay / kTickMinutes;  // 288

// A half-open range [begin, end) of minutes since local midnight, both on the 5-minute grid.
struct TimeRange {
  int begin = 0;
  int end = 0;

  int Minutes() const { return end - begin; }
  bool Empty() const { return end <= begin; }
  bool Contains(const TimeRange& other) const { return begin <= other.begin && other.end <= end; }
  bool Overlaps(const TimeRange& other) const { return begin < other.end && other.begin < end; }
  int FirstTick() const { return begin / kTickMinutes; }
  int EndTick() const { return end / kTickMinutes; }

  friend bool operator==(const TimeRange&, const TimeRange&) = default;
  friend auto operator<=>(const TimeRange&, const TimeRange&) = default;
};

constexpr bool IsOnGrid(int minutes) {
  return minutes >= 0 && minutes <= kMinutesPerDay && minutes % kTickMinutes == 0;
}

// "HH:MM" (00:00 to 24:00) -> minutes since midnight. Requires the 5-minute grid.
Result<int> ParseClock(std::string_view text);
// 510 -> "08:30"; 1440 -> "24:00".
std::string FormatClock(int minutes);
// "08:00-12:30" -> {480, 750}; begin must be before end, both on the grid.
Result<TimeRange> ParseTimeRange(std::string_view text);
std::string FormatTimeRange(const TimeRange& range);

// Strict ISO 8601 calendar date "YYYY-MM-DD" (years 1900-2199).
Result<absl::CivilDay> ParseDay(std::string_view text);
std::string FormatDay(absl::CivilDay day);

// RFC 3339 / ISO 8601 instant with offset or Z, e.g. "2026-03-02T08:30:00+01:00". Strict:
// upper-case T and Z, seconds required, at most 9 fraction digits, offset +HH:MM, years 1900-2199.
Result<absl::Time> ParseInstant(std::string_view text);
// ISO 8601 with the zone's offset at that instant, seconds precision.
std::string FormatInstant(absl::Time instant, const absl::TimeZone& zone);
// The same text from a local day, minute and UTC offset (seconds), without a zone lookup: search
// answers format thousands of these.
std::string FormatLocal(absl::CivilDay day, int minute_of_day, int utc_offset_seconds);

// The instant a civil minute names in `zone`. A minute skipped by a forward change maps to the
// instant the clocks jumped at; a repeated minute maps to its first occurrence.
absl::Time ToInstant(absl::CivilMinute minute, const absl::TimeZone& zone);
absl::Time ToInstant(absl::CivilDay day, int minute_of_day, const absl::TimeZone& zone);
// The civil minute of an instant in `zone`. absl's own function, re-exported: a second overload
// with the same parameters would make every unqualified call ambiguous through ADL on absl::Time.
using absl::ToCivilMinute;

// ToInstant(day, minute, zone) for many minutes of few days, as a search answer needs: on a day
// whose UTC offset holds from midnight to the next midnight (every day but the two a year the
// clocks change) the instant is midnight plus the minutes, without a zone lookup; on the others
// each minute is looked up. Results are exactly ToInstant's.
//
//   DayInstants instants(berlin);
//   absl::Time t = instants.At(day, 8 * 60 + 30);
class DayInstants {
 public:
  explicit DayInstants(const absl::TimeZone& zone) : zone_(zone) {}
  // REQUIRES: 0 <= minute_of_day <= 1440.
  absl::Time At(absl::CivilDay day, int minute_of_day);

 private:
  const absl::TimeZone& zone_;
  absl::CivilDay day_{1970, 1, 1};
  bool loaded_ = false;
  bool uniform_ = false;  // the offset holds for all of day_
  absl::Time midnight_;
};

// Length of a civil day in `zone`: 24h, or 23h/25h on the days clocks change.
absl::Duration DayLength(absl::CivilDay day, const absl::TimeZone& zone);

// Monday = 0 ... Sunday = 6, the index used by weekly rules.
int WeekdayIndex(absl::CivilDay day);

}  // namespace amtszeit
