#include "amtszeit/dataset/demand_profile.h"

#include <algorithm>
#include <numeric>

namespace amtszeit::dataset::profile {

namespace {

double Lookup(std::span<const Weight> weights, std::string_view id, double fallback) {
  for (const Weight& w : weights) {
    if (w.id == id) return w.weight;
  }
  return fallback;
}

}  // namespace

ServiceGroup GroupOf(const Service& s) {
  if (!s.needs_presence) return ServiceGroup::kOnline;
  if (s.express) return ServiceGroup::kExpress;
  if (s.category == "ausweis") return ServiceGroup::kDocument;
  if (s.legal_deadline_days) return ServiceGroup::kRegistration;
  return ServiceGroup::kOther;
}

double WeightInGroup(const Service& s) {
  switch (GroupOf(s)) {
    case ServiceGroup::kOnline:
      return 0;
    case ServiceGroup::kExpress:
      return Lookup(kExpressWeights, s.id, kExpressFallback);
    case ServiceGroup::kDocument:
      return Lookup(kDocumentWeights, s.id, kDocumentFallback);
    case ServiceGroup::kRegistration:
      return Lookup(kRegistrationWeights, s.id, kRegistrationFallback);
    case ServiceGroup::kOther:
      return kOtherWeight;
  }
  return 0;
}

std::vector<double> ServiceShares(const Catalog& catalog, Mix mix) {
  const std::size_t n = catalog.services.size();
  std::vector<double> shares(n, 0.0);
  auto group_share = [&](ServiceGroup g) {
    if (mix == Mix::kExpressTicket) return g == ServiceGroup::kExpress ? 1.0 : 0.0;
    switch (g) {
      case ServiceGroup::kDocument:
        return kDocumentShare;
      case ServiceGroup::kRegistration:
        return kRegistrationShare;
      case ServiceGroup::kOther:
        return kOtherShare;
      default:
        return 0.0;
    }
  };
  std::array<double, 5> group_total{};
  for (const Service& s : catalog.services) {
    group_total[static_cast<std::size_t>(GroupOf(s))] += WeightInGroup(s);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Service& s = catalog.services[i];
    const double total = group_total[static_cast<std::size_t>(GroupOf(s))];
    if (total > 0) shares[i] = group_share(GroupOf(s)) * WeightInGroup(s) / total;
  }
  const double sum = std::accumulate(shares.begin(), shares.end(), 0.0);
  // Without express services an express ticket is for whatever a visit is for, as in the demo.
  if (sum <= 0 && mix == Mix::kExpressTicket) return ServiceShares(catalog, Mix::kVisit);
  if (sum > 0) {
    for (double& x : shares) x /= sum;
  }
  return shares;
}

double DayScale(int open_minutes) {
  return std::min(1.0, static_cast<double>(open_minutes) / kFullDayMinutes);
}

}  // namespace amtszeit::dataset::profile
