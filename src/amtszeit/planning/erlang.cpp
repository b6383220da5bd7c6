#include "amtszeit/planning/erlang.h"

#include <cmath>

namespace amtszeit::planning {

Result<> ValidateMmc(const MmcModel& model) {
  if (!std::isfinite(model.arrival_rate) || model.arrival_rate <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "arrival rate must be positive, got {}",
                model.arrival_rate);
  }
  if (!std::isfinite(model.service_rate) || model.service_rate <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "service rate must be positive, got {}",
                model.service_rate);
  }
  if (model.servers < 1) {
    return Fail(ErrorCode::kInvalidArgument, "need at least one server, got {}", model.servers);
  }
  // Written as λ ≥ cμ rather than ρ ≥ 1 so that a ρ rounding to just below 1 is not let through.
  if (model.arrival_rate >= model.servers * model.service_rate) {
    return Fail(ErrorCode::kInvalidArgument,
                "utilisation rho = lambda/(c*mu) = {:.4g} must be below 1, or the queue grows "
                "without bound",
                model.utilisation());
  }
  return {};
}

double ErlangB(int servers, double offered_load) {
  double b = 1.0;
  for (int k = 1; k <= servers; ++k) b = offered_load * b / (k + offered_load * b);
  return b;
}

double ErlangC(int servers, double offered_load) {
  const double b = ErlangB(servers, offered_load);
  const double rho = offered_load / servers;
  return b / (1.0 - rho * (1.0 - b));
}

Result<MmcAnalysis> AnalyseMmc(const MmcModel& model) {
  if (auto ok = ValidateMmc(model); !ok) return std::unexpected(ok.error());
  const double a = model.offered_load();
  MmcAnalysis q;
  q.utilisation = model.utilisation();
  q.p_wait = ErlangC(model.servers, a);
  q.decay_rate = model.servers * model.service_rate - model.arrival_rate;
  q.mean_wait = q.p_wait / q.decay_rate;
  q.mean_queue = model.arrival_rate * q.mean_wait;
  q.mean_in_system = q.mean_queue + a;
  return q;
}

double WaitExceedsProbability(const MmcAnalysis& analysis, double t) {
  if (t < 0) return 1.0;
  return analysis.p_wait * std::exp(-analysis.decay_rate * t);
}

}  // namespace amtszeit::planning
