// Erlang C: the steady state of an M/M/c queue (Poisson arrivals at rate λ, c servers with
// exponential service at rate μ each, first come first served, unlimited waiting room). It is the
// yardstick the capacity-planning simulator is validated against, and a quick answer on its own:
// how many desks keep the wait short at a given demand.
//
//   auto q = AnalyseMmc({.arrival_rate = 9, .service_rate = 1, .servers = 10});
//   if (q) fmt::print("{:.1%} wait, {:.2f} on average\n", q->p_wait, q->mean_wait);
//   // 66.9% wait, 0.67 on average (in units of the rates' time, here 1/μ)
//
// Pure: no I/O, no clocks. Times are in the unit the rates are per (per minute → minutes).
#pragma once

#include "amtszeit/domain/error.h"

namespace amtszeit::planning {

struct MmcModel {
  double arrival_rate = 0;  // λ, customers per time unit
  double service_rate = 0;  // μ, customers per time unit per server
  int servers = 0;          // c

  double offered_load() const { return arrival_rate / service_rate; }  // a = λ/μ, in Erlangs
  double utilisation() const { return offered_load() / servers; }      // ρ = λ/(cμ)
};

// Steady-state figures of a stable M/M/c queue.
struct MmcAnalysis {
  double utilisation = 0;     // ρ
  double p_wait = 0;          // P(W > 0), the Erlang C probability C(c, a)
  double mean_wait = 0;       // Wq = C / (cμ − λ), the mean wait in the queue
  double mean_queue = 0;      // Lq = λ·Wq (Little), the mean number waiting
  double mean_in_system = 0;  // L = Lq + a, waiting plus in service
  double decay_rate = 0;      // cμ − λ: P(W > t) = C·exp(−(cμ − λ)·t)
};

// Refuses models without a steady state or that make no sense: non-positive or non-finite rates,
// fewer than one server, ρ ≥ 1 (the queue grows without bound).
Result<> ValidateMmc(const MmcModel& model);

// The Erlang B blocking probability B(c, a) by the recursion B(0) = 1,
// B(k) = a·B(k−1) / (k + a·B(k−1)): every step lies in [0, 1], so no factorial or power overflows,
// however many servers. REQUIRES: servers ≥ 0, offered_load ≥ 0.
double ErlangB(int servers, double offered_load);

// The Erlang C probability of waiting, C = B / (1 − ρ·(1 − B)). REQUIRES: ρ < 1.
double ErlangC(int servers, double offered_load);

Result<MmcAnalysis> AnalyseMmc(const MmcModel& model);

// P(W > t) = C·exp(−(cμ − λ)·t) for t ≥ 0; P(W > t) = 1 for t < 0.
double WaitExceedsProbability(const MmcAnalysis& analysis, double t);

}  // namespace amtszeit::planning
