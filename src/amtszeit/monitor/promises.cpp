#include "amtszeit/monitor/promises.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace amtszeit::monitor {

namespace {

std::string SettingKey(std::string_view id) { return "promise." + std::string(id) + ".threshold"; }

}  // namespace

std::string_view ToString(Light light) {
  switch (light) {
    case Light::kGreen:
      return "green";
    case Light::kAmber:
      return "amber";
    case Light::kRed:
      return "red";
    case Light::kNone:
      break;
  }
  return "none";
}

Light Promise::LightOf(std::optional<double> value) const {
  if (!value || direction == Direction::kInformative) return Light::kNone;
  const double miss = direction == Direction::kAtMost ? *value - threshold : threshold - *value;
  if (miss <= 0) return Light::kGreen;
  return miss <= std::abs(threshold) * amber_margin ? Light::kAmber : Light::kRed;
}

const Promise* PromiseSet::Find(std::string_view id) const {
  for (const Promise& p : promises) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

PromiseSet DefaultPromises() {
  PromiseSet set;
  set.promises = {
      {.id = "lead_time_days",
       .name_de = "Terminvorlauf (gebuchte Termine)",
       .name_en = "Lead time of bookings",
       .unit = "Tage",
       .threshold = 14,
       .target = 10},
      {.id = "first_free_days",
       .name_de = "Nächster freier Termin (Kernleistungen)",
       .name_en = "First free slot (core services)",
       .unit = "Tage",
       .threshold = 14,
       .target = 10},
      {.id = "registration_days",
       .name_de = "Ummeldung buchbar binnen",
       .name_en = "Registration bookable within",
       .unit = "Tage",
       .threshold = 14,
       .amber_margin = 0},
      {.id = "extended_hours_pct",
       .name_de = "Werktage mit Terminen vor 9, nach 17 und mittags",
       .name_en = "Weekdays with slots before 9, after 17 and at lunch",
       .unit = "%",
       .direction = Direction::kAtLeast,
       .threshold = 100},
      {.id = "opening_hours_pct",
       .name_de = "Werktage mit Öffnung mindestens 8–18 Uhr",
       .name_en = "Weekdays open at least 8-18",
       .unit = "%",
       .direction = Direction::kAtLeast,
       .threshold = 100},
      {.id = "walk_in_wait_p90",
       .name_de = "Wartezeit ohne Termin (90 %)",
       .name_en = "Walk-in wait (90th percentile)",
       .unit = "min",
       .threshold = 30},
      {.id = "express_wait_p95",
       .name_de = "Wartezeit Express (95 %)",
       .name_en = "Express wait (95th percentile)",
       .unit = "min",
       .threshold = 5},
      {.id = "no_show_pct",
       .name_de = "Nicht wahrgenommene Termine",
       .name_en = "No-show rate",
       .unit = "%",
       .threshold = 10},
      {.id = "online_share_pct",
       .name_de = "Online gebuchte Termine",
       .name_en = "Booked online",
       .unit = "%",
       .direction = Direction::kAtLeast,
       .threshold = 60},
      {.id = "phone_share_pct",
       .name_de = "Telefonisch gebuchte Termine",
       .name_en = "Booked by phone",
       .unit = "%",
       .direction = Direction::kInformative},
  };
  return set;
}

Result<PromiseSet> LoadPromises(store::Store& store) {
  PromiseSet set = DefaultPromises();
  for (Promise& p : set.promises) {
    auto stored = store.ReadSetting(SettingKey(p.id));
    if (!stored) return std::unexpected(stored.error());
    if (!*stored) continue;
    double value = 0;
    const std::string& text = **stored;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return Fail(ErrorCode::kDataLoss, "setting {} is not a number", SettingKey(p.id));
    }
    p.threshold = value;
  }
  return set;
}

Result<Promise> SetThreshold(store::Store& store, const ThresholdChange& change) {
  const std::string_view id = change.id;
  const double threshold = change.threshold;
  if (change.actor.empty()) return Fail(ErrorCode::kInvalidArgument, "'actor' is required");
  auto current = LoadPromises(store);
  if (!current) return std::unexpected(current.error());
  PromiseSet set = DefaultPromises();
  const Promise* found = set.Find(id);
  if (found == nullptr) return Fail(ErrorCode::kNotFound, "no promise '{}'", id);
  if (found->direction == Direction::kInformative) {
    return Fail(ErrorCode::kInvalidArgument, "'{}' is informative and has no threshold", id);
  }
  const bool percent = found->unit == "%";
  if (!std::isfinite(threshold) || threshold < 0 || (percent && threshold > 100) ||
      threshold > 1000) {
    return Fail(ErrorCode::kInvalidArgument, "threshold: {} is out of range", threshold);
  }
  const Promise* before = current->Find(id);
  auto ok = store.Write([&](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.PutSetting(SettingKey(id), fmt::format("{}", threshold)); !r) return r;
    auto action = tx.AppendAction(
        {.at = change.at,
         .actor = std::string(change.actor),
         .kind = "promise.threshold",
         .reason = std::string(change.reason),
         .before = fmt::format(R"({{"promise":"{}","threshold":{}}})", id, before->threshold),
         .after = fmt::format(R"({{"promise":"{}","threshold":{}}})", id, threshold)});
    if (!action) return std::unexpected(action.error());
    return {};
  });
  if (!ok) return std::unexpected(ok.error());
  Promise p = *found;
  p.threshold = threshold;
  return p;
}

}  // namespace amtszeit::monitor
