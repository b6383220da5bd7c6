// TickSet: a set of 5-minute ticks of one civil day (288 of them) as five 64-bit words, the unit
// of the capacity hot path. Free time is available & ~booked; the start ticks of a k-tick
// appointment are the ticks t where t .. t+k-1 are all free, found with a handful of word
// operations instead of a scan.
//
//   TickSet free = available.Minus(booked);
//   TickSet starts = free.RunStarts(6);          // 30-minute appointments
//   if (auto t = starts.First()) ...
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <optional>

#include "amtszeit/domain/civil_time.h"

namespace amtszeit::capacity {

class TickSet {
 public:
  static constexpr int kWords = 5;
  static constexpr int kBits = kWords * 64;
  static_assert(kTicksPerDay <= kBits);

  constexpr TickSet() = default;

  // Ticks of [range.begin, range.end) minutes.
  static TickSet Of(const TimeRange& range) {
    TickSet s;
    s.SetRange(range.FirstTick(), range.EndTick());
    return s;
  }
  static TickSet All() { return Of({0, kMinutesPerDay}); }

  // REQUIRES: 0 <= first <= end <= kTicksPerDay.
  void SetRange(int first, int end);
  void ClearRange(int first, int end);
  void Set(int tick) { words_[tick >> 6] |= std::uint64_t{1} << (tick & 63); }
  bool Test(int tick) const { return (words_[tick >> 6] >> (tick & 63)) & 1U; }
  // True when every tick of [first, end) is in the set.
  bool ContainsRange(int first, int end) const;

  TickSet operator&(const TickSet& o) const;
  TickSet operator|(const TickSet& o) const;
  TickSet Minus(const TickSet& o) const;
  TickSet& operator&=(const TickSet& o) { return *this = *this & o; }
  TickSet& operator|=(const TickSet& o) { return *this = *this | o; }

  // The set {t : t + n in this}: moves every tick n places towards 0.
  TickSet ShiftDown(int n) const;

  // Ticks t where t .. t+k-1 are all in the set. REQUIRES: k >= 1.
  TickSet RunStarts(int k) const;

  bool Empty() const;
  int Count() const;
  // The first tick >= from in the set.
  std::optional<int> First(int from = 0) const;
  // RunStarts(k).First(from) when it is below `before`, else nullopt; it jumps from run to run
  // instead of building the whole start set, so a search that only wants the earliest start
  // (and already knows a bound from another staff member) stops early. REQUIRES: k >= 1.
  std::optional<int> FirstRun(int k, int from = 0, int before = kBits) const;

  template <typename F>
  void ForEach(F&& f) const {
    for (int w = 0; w < kWords; ++w) {
      for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
        f(w * 64 + std::countr_zero(bits));
      }
    }
  }

  friend bool operator==(const TickSet&, const TickSet&) = default;

 private:
  std::array<std::uint64_t, kWords> words_{};
};

}  // namespace amtszeit::capacity
