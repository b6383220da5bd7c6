#include "amtszeit/booking/rules.h"

#include <algorithm>
#include <cctype>

namespace amtszeit::booking {

namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

Result<std::string> NormaliseEmail(std::string_view raw) {
  std::string email = Trim(raw);
  std::ranges::transform(email, email.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto at = email.find('@');
  const bool shape_ok = at != std::string::npos && at > 0 &&
                        email.find('@', at + 1) == std::string::npos &&
                        email.find('.', at) != std::string::npos && email.back() != '.' &&
                        email.size() <= 254 && std::ranges::none_of(email, [](unsigned char c) {
                          return std::isspace(c) || c < 0x20 || c == ',' || c == ';';
                        });
  if (!shape_ok) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' is not an e-mail address", Trim(raw));
  }
  return email;
}

Result<std::string> NormalisePhone(std::string_view raw) {
  std::string digits;
  bool plus = false;
  for (char c : Trim(raw)) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '/' && c != '(' && c != ')') {
      return Fail(ErrorCode::kInvalidArgument, "'{}' is not a phone number", Trim(raw));
    }
  }
  // German numbers: 0049… and 0… become +49…; other countries must be written with + or 00.
  if (!plus && digits.starts_with("00")) {
    digits.erase(0, 2);
  } else if (!plus && digits.starts_with("0")) {
    digits = "49" + digits.substr(1);
  } else if (!plus) {
    return Fail(ErrorCode::kInvalidArgument,
                "phone number '{}' needs its area code (0…) or country code (+…)", Trim(raw));
  }
  if (digits.size() < 7 || digits.size() > 15) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' is not a phone number", Trim(raw));
  }
  return "+" + digits;
}

bool IsPassportPriorityService(const Service* s) {
  return s->priority == PriorityRule::kPassportBeforeSummer;
}

}  // namespace

Result<void> ValidateBookingRules(const BookingRules& r) {
  if (r.min_days_ahead < 0 || r.max_days_ahead < r.min_days_ahead || r.max_days_ahead > 365) {
    return Fail(ErrorCode::kInvalidArgument, "booking window {}..{} days is not valid",
                r.min_days_ahead, r.max_days_ahead);
  }
  if (!IsOnGrid(r.release_minute) || r.release_minute >= kMinutesPerDay) {
    return Fail(ErrorCode::kInvalidArgument, "release time must be a time of day on the grid");
  }
  if (r.hold_ttl < absl::Minutes(1) || r.hold_ttl > absl::Hours(1)) {
    return Fail(ErrorCode::kInvalidArgument, "hold time must be between 1 and 60 minutes");
  }
  if (r.cancel_cooldown < absl::ZeroDuration() || r.max_services < 1 ||
      r.same_day_lead_minutes < 0 || r.priority_travel_weeks < 0) {
    return Fail(ErrorCode::kInvalidArgument, "booking rules contain a negative value");
  }
  return {};
}

BookableRange BookableDays(const BookingRules& rules, absl::CivilMinute now) {
  const absl::CivilDay today(now);
  const int minute = now.hour() * 60 + now.minute();
  BookableRange range;
  range.last =
      today + (minute >= rules.release_minute ? rules.max_days_ahead : rules.max_days_ahead - 1);
  if (rules.same_day) {
    range.first = today;
    const int earliest = minute + rules.same_day_lead_minutes;
    range.min_start_tick_on_first = (earliest + kTickMinutes - 1) / kTickMinutes;
  } else {
    range.first = today + std::max(rules.min_days_ahead, 1);
  }
  return range;
}

Result<std::string> ContactKey(const Contact& contact) {
  if (Trim(contact.name).empty()) {
    return Fail(ErrorCode::kInvalidArgument, "a name is needed for the appointment");
  }
  if (contact.name.size() > 200) {
    return Fail(ErrorCode::kInvalidArgument, "the name is longer than 200 characters");
  }
  if (!Trim(contact.email).empty()) {
    auto email = NormaliseEmail(contact.email);
    if (!email) return std::unexpected(email.error());
    return "email:" + *email;
  }
  if (!Trim(contact.phone).empty()) {
    auto phone = NormalisePhone(contact.phone);
    if (!phone) return std::unexpected(phone.error());
    return "phone:" + *phone;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "an e-mail address or a phone number is needed to confirm the appointment");
}

std::string PhoneKey(const Contact& contact) {
  if (Trim(contact.phone).empty()) return "";
  auto phone = NormalisePhone(contact.phone);
  return phone ? "phone:" + *phone : "";
}

Result<std::optional<absl::CivilDay>> LegalDeadline(std::span<const Service* const> services,
                                                    std::optional<absl::CivilDay> move_in,
                                                    absl::CivilDay today,
                                                    const BookingRules& rules) {
  std::optional<int> days;
  for (const Service* s : services) {
    if (s->legal_deadline_days)
      days = std::min(days.value_or(*s->legal_deadline_days), *s->legal_deadline_days);
  }
  if (!days) return std::optional<absl::CivilDay>();
  if (!move_in) {
    return Fail(ErrorCode::kInvalidArgument,
                "the move-in date is needed: registration is due within {} days of moving in",
                *days);
  }
  if (*move_in < today - 365 || *move_in > today + rules.max_days_ahead) {
    return Fail(ErrorCode::kInvalidArgument, "move-in date {} is not plausible",
                FormatDay(*move_in));
  }
  return std::optional<absl::CivilDay>(*move_in + *days);
}

capacity::Entitlement EntitlementFor(Channel channel, std::span<const Service* const> services,
                                     std::optional<absl::CivilDay> deadline,
                                     std::optional<absl::CivilDay> travel_date,
                                     absl::CivilDay today, const BookingRules& rules) {
  capacity::Entitlement e;
  e.phone = channel == Channel::kPhone;
  e.deadline = deadline;
  e.priority_passport = travel_date.has_value() && *travel_date >= today &&
                        *travel_date <= today + 7 * rules.priority_travel_weeks &&
                        std::ranges::any_of(services, IsPassportPriorityService);
  return e;
}

Result<int> TotalDuration(std::span<const Service* const> services, const BookingRules& rules) {
  if (services.empty()) return Fail(ErrorCode::kInvalidArgument, "choose at least one service");
  if (static_cast<int>(services.size()) > rules.max_services) {
    return Fail(ErrorCode::kInvalidArgument, "at most {} services fit one appointment",
                rules.max_services);
  }
  int minutes = 0;
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Service* s = services[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (services[j]->id == s->id) {
        return Fail(ErrorCode::kInvalidArgument, "service '{}' is listed twice", s->id);
      }
    }
    if (!s->needs_presence) {
      return Fail(ErrorCode::kPreconditionFailed, "'{}' needs no visit; it is done online at {}",
                  s->name_de, s->online_url);
    }
    minutes += s->duration_minutes;
  }
  return minutes;
}

}  // namespace amtszeit::booking
