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
#include <cassert>
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

  // Defined here, not in the .cpp: the search runs these for every staff member and day, and as
  // calls they cost more than the five word operations they do.
  TickSet operator&(const TickSet& o) const {
    TickSet r;
    for (int w = 0; w < kWords; ++w) r.words_[w] = words_[w] & o.words_[w];
    return r;
  }
  TickSet operator|(const TickSet& o) const {
    TickSet r;
    for (int w = 0; w < kWords; ++w) r.words_[w] = words_[w] | o.words_[w];
    return r;
  }
  TickSet Minus(const TickSet& o) const {
    TickSet r;
    for (int w = 0; w < kWords; ++w) r.words_[w] = words_[w] & ~o.words_[w];
    return r;
  }
  TickSet& operator&=(const TickSet& o) { return *this = *this & o; }
  TickSet& operator|=(const TickSet& o) { return *this = *this | o; }

  // *this &= {t : t + n in this}, in place: word w needs only words w and above, which are still
  // unchanged when the words go upwards. No temporary set: the search's hot loop otherwise wrote
  // one word by word and read it back as vectors, which stalls the processor on every read.
  void AndShiftedDown(int n) {
    if (n >= kBits) {
      words_ = {};
      return;
    }
    const int word_shift = n >> 6;
    const int bit_shift = n & 63;
    for (int w = 0; w < kWords; ++w) {
      std::uint64_t v = 0;
      if (w + word_shift < kWords) {
        v = words_[w + word_shift] >> bit_shift;
        if (bit_shift != 0 && w + word_shift + 1 < kWords) {
          v |= words_[w + word_shift + 1] << (64 - bit_shift);
        }
      }
      words_[w] &= v;
    }
  }

  // Ticks t where t .. t+k-1 are all in the set. REQUIRES: k >= 1.
  TickSet RunStarts(int k) const {
    assert(k >= 1);
    // Doubling: after the loop, `runs` marks ticks starting a run of length `have`; combining
    // two runs with overlap reaches any k in O(log k) shifts instead of k.
    TickSet runs = *this;
    int have = 1;
    while (have * 2 <= k) {
      runs.AndShiftedDown(have);
      have *= 2;
    }
    if (have < k) runs.AndShiftedDown(k - have);
    return runs;
  }

  bool Empty() const;
  int Count() const;
  // The first tick >= from in the set.
  std::optional<int> First(int from = 0) const {
    if (from >= kBits) return std::nullopt;
    int w = from >> 6;
    std::uint64_t bits = words_[w] & ~((std::uint64_t{1} << (from & 63)) - 1);
    while (true) {
      if (bits != 0) return w * 64 + std::countr_zero(bits);
      if (++w == kWords) return std::nullopt;
      bits = words_[w];
    }
  }
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
