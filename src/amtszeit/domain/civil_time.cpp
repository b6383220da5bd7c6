#include "amtszeit/domain/civil_time.h"

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>

namespace amtszeit {

namespace {

inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2199;

// Reads exactly `width` ASCII digits at `pos`; no sign, no spaces, so "8:30" or "+8" never pass.
bool ReadDigits(std::string_view text, std::size_t pos, std::size_t width, int* out) {
  if (pos + width > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

bool IsValidDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  // CivilDay normalises 2026-02-30 to 2026-03-02; a date is valid when nothing moved.
  const absl::CivilDay civil(year, month, day);
  return civil.year() == year && civil.month() == month && civil.day() == day;
}

// "YYYY-MM-DD" at the start of `text`, in the supported year range.
bool ReadDate(std::string_view text, absl::CivilDay* out) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (!ReadDigits(text, 0, 4, &y) || text.size() < 10 || text[4] != '-' ||
      !ReadDigits(text, 5, 2, &m) || text[7] != '-' || !ReadDigits(text, 8, 2, &d)) {
    return false;
  }
  if (y < kFirstYear || y > kLastYear || !IsValidDate(y, m, d)) return false;
  *out = absl::CivilDay(y, m, d);
  return true;
}

}  // namespace

Result<int> ParseClock(std::string_view text) {
  int h = 0;
  int m = 0;
  if (text.size() != 5 || !ReadDigits(text, 0, 2, &h) || text[2] != ':' ||
      !ReadDigits(text, 3, 2, &m)) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' is not HH:MM", text);
  }
  if (m > 59 || h > 24 || (h == 24 && m != 0)) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' is not a time of day between 00:00 and 24:00",
                text);
  }
  const int minutes = h * 60 + m;
  if (minutes % kTickMinutes != 0) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' is not on the {}-minute grid", text,
                kTickMinutes);
  }
  return minutes;
}

std::string FormatClock(int minutes) {
  // Only bad data reaches here with a negative value; keep it readable in error messages.
  if (minutes < 0) return "-" + FormatClock(-minutes);
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

Result<TimeRange> ParseTimeRange(std::string_view text) {
  const std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' is not a time range HH:MM-HH:MM", text);
  }
  auto begin = ParseClock(text.substr(0, dash));
  if (!begin) return std::unexpected(WithContext(begin.error(), fmt::format("range '{}'", text)));
  auto end = ParseClock(text.substr(dash + 1));
  if (!end) return std::unexpected(WithContext(end.error(), fmt::format("range '{}'", text)));
  if (*begin >= *end) {
    return Fail(ErrorCode::kInvalidArgument, "range '{}' does not end after it begins", text);
  }
  return TimeRange{*begin, *end};
}

std::string FormatTimeRange(const TimeRange& range) {
  return FormatClock(range.begin) + "-" + FormatClock(range.end);
}

Result<absl::CivilDay> ParseDay(std::string_view text) {
  absl::CivilDay day;
  if (text.size() != 10 || !ReadDate(text, &day)) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' is not a date YYYY-MM-DD between {} and {}",
                text, kFirstYear, kLastYear);
  }
  return day;
}

std::string FormatDay(absl::CivilDay day) {
  return fmt::format("{:04}-{:02}-{:02}", day.year(), day.month(), day.day());
}

Result<absl::Time> ParseInstant(std::string_view text) {
  // Hand-written rather than absl::ParseTime, which accepts more than RFC 3339 (spaces, missing
  // seconds, offsets without a colon); the API promises one spelling only.
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                "'{}' is not an RFC 3339 instant like 2026-03-02T08:30:00+01:00", text);
  };
  absl::CivilDay day;
  int h = 0;
  int m = 0;
  int s = 0;
  if (text.size() < 20 || !ReadDate(text, &day) || text[10] != 'T' ||
      !ReadDigits(text, 11, 2, &h) || text[13] != ':' || !ReadDigits(text, 14, 2, &m) ||
      text[16] != ':' || !ReadDigits(text, 17, 2, &s) || h > 23 || m > 59 || s > 59) {
    return bad();
  }
  std::size_t pos = 19;
  std::int64_t nanos = 0;
  if (text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++digits > 9) return bad();
      nanos = nanos * 10 + (text[pos] - '0');
      ++pos;
    }
    if (digits == 0) return bad();
    for (int i = digits; i < 9; ++i) nanos *= 10;
  }
  int offset_minutes = 0;
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0;
    int om = 0;
    if (!ReadDigits(text, pos + 1, 2, &oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ReadDigits(text, pos + 4, 2, &om) || oh > 23 || om > 59) {
      return bad();
    }
    offset_minutes = (text[pos] == '-' ? -1 : 1) * (oh * 60 + om);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != text.size()) return bad();
  const absl::CivilSecond local(day.year(), day.month(), day.day(), h, m, s);
  return absl::FromCivil(local, absl::UTCTimeZone()) - absl::Minutes(offset_minutes) +
         absl::Nanoseconds(nanos);
}

namespace {

// "YYYY-MM-DDTHH:MM:SS+HH:MM" written digit by digit (years 0-9999).
std::string FormatParts(std::int64_t year, int month, int day, int hour, int minute, int second,
                        int offset_seconds) {
  std::string out(25, '0');
  auto put = [&out](std::size_t at, std::int64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i) {
      out[at + i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  const int offset_minutes = (offset_seconds < 0 ? -offset_seconds : offset_seconds) / 60;
  put(0, year, 4);
  out[4] = '-';
  put(5, month, 2);
  out[7] = '-';
  put(8, day, 2);
  out[10] = 'T';
  put(11, hour, 2);
  out[13] = ':';
  put(14, minute, 2);
  out[16] = ':';
  put(17, second, 2);
  out[19] = offset_seconds < 0 ? '-' : '+';
  put(20, offset_minutes / 60, 2);
  out[22] = ':';
  put(23, offset_minutes % 60, 2);
  return out;
}

}  // namespace

std::string FormatInstant(absl::Time instant, const absl::TimeZone& zone) {
  const absl::TimeZone::CivilInfo info = zone.At(instant);
  const absl::CivilSecond& c = info.cs;
  return FormatParts(c.year(), c.month(), c.day(), c.hour(), c.minute(), c.second(), info.offset);
}

std::string FormatLocal(absl::CivilDay day, int minute_of_day, int utc_offset_seconds) {
  return FormatParts(day.year(), day.month(), day.day(), minute_of_day / 60, minute_of_day % 60, 0,
                     utc_offset_seconds);
}

absl::Time ToInstant(absl::CivilMinute minute, const absl::TimeZone& zone) {
  const absl::TimeZone::TimeInfo info = zone.At(absl::CivilSecond(minute));
  // A skipped minute has no instant of its own; the jump itself is the closest honest answer and
  // keeps ToInstant monotonic. A repeated minute takes its first occurrence (`pre`).
  if (info.kind == absl::TimeZone::TimeInfo::SKIPPED) return info.trans;
  return info.pre;
}

absl::Time ToInstant(absl::CivilDay day, int minute_of_day, const absl::TimeZone& zone) {
  return ToInstant(absl::CivilMinute(day) + minute_of_day, zone);
}

absl::Time DayInstants::At(absl::CivilDay day, int minute_of_day) {
  if (!loaded_ || day != day_) {
    loaded_ = true;
    day_ = day;
    midnight_ = ToInstant(day, 0, zone_);
    // The first change after just before midnight: when its old-offset civil time lies past the
    // next midnight, every minute of the day (24:00 included) has midnight's offset and occurs
    // once, so ToInstant would give midnight plus the minutes. A change at midnight itself (a
    // skipped or repeated 00:00) is found too and makes the day non-uniform.
    absl::TimeZone::CivilTransition next;
    uniform_ = !zone_.NextTransition(midnight_ - absl::Seconds(1), &next) ||
               next.from > absl::CivilSecond(day + 1);
  }
  if (!uniform_) return ToInstant(day, minute_of_day, zone_);
  return midnight_ + absl::Minutes(minute_of_day);
}

absl::Duration DayLength(absl::CivilDay day, const absl::TimeZone& zone) {
  return ToInstant(absl::CivilMinute(day + 1), zone) - ToInstant(absl::CivilMinute(day), zone);
}

int WeekdayIndex(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday:
      return 0;
    case absl::Weekday::tuesday:
      return 1;
    case absl::Weekday::wednesday:
      return 2;
    case absl::Weekday::thursday:
      return 3;
    case absl::Weekday::friday:
      return 4;
    case absl::Weekday::saturday:
      return 5;
    case absl::Weekday::sunday:
      return 6;
  }
  return 0;
}

}  // namespace amtszeit
