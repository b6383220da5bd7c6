#include "amtszeit/capacity/tick_set.h"

#include <algorithm>
#include <cassert>

namespace amtszeit::capacity {

namespace {

// Bits [lo, hi) of a word, lo < hi <= 64.
constexpr std::uint64_t WordMask(int lo, int hi) {
  const std::uint64_t upper = hi == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << hi) - 1;
  return upper & ~((std::uint64_t{1} << lo) - 1);
}

}  // namespace

void TickSet::SetRange(int first, int end) {
  assert(0 <= first && first <= end && end <= kBits);
  for (int w = first >> 6; first < end; ++w) {
    const int hi = std::min(end - w * 64, 64);
    words_[w] |= WordMask(first - w * 64, hi);
    first = (w + 1) * 64;
  }
}

void TickSet::ClearRange(int first, int end) {
  assert(0 <= first && first <= end && end <= kBits);
  for (int w = first >> 6; first < end; ++w) {
    const int hi = std::min(end - w * 64, 64);
    words_[w] &= ~WordMask(first - w * 64, hi);
    first = (w + 1) * 64;
  }
}

bool TickSet::ContainsRange(int first, int end) const {
  assert(0 <= first && first <= end && end <= kBits);
  for (int w = first >> 6; first < end; ++w) {
    const std::uint64_t mask = WordMask(first - w * 64, std::min(end - w * 64, 64));
    if ((words_[w] & mask) != mask) return false;
    first = (w + 1) * 64;
  }
  return true;
}

bool TickSet::Empty() const {
  for (std::uint64_t w : words_) {
    if (w != 0) return false;
  }
  return true;
}

int TickSet::Count() const {
  int n = 0;
  for (std::uint64_t w : words_) n += std::popcount(w);
  return n;
}

std::optional<int> TickSet::FirstRun(int k, int from, int before) const {
  assert(k >= 1);
  before = std::min(before, kBits);
  while (from < before) {
    int w = from >> 6;
    std::uint64_t bits = words_[w] & ~((std::uint64_t{1} << (from & 63)) - 1);
    while (bits == 0) {
      if (++w == kWords) return std::nullopt;
      bits = words_[w];
    }
    const int start = w * 64 + std::countr_zero(bits);
    if (start >= before) return std::nullopt;
    // The run's end: the first tick after `start` not in the set.
    std::uint64_t gaps = ~words_[w] & ~((std::uint64_t{1} << (start & 63)) - 1);
    while (gaps == 0 && ++w < kWords) gaps = ~words_[w];
    const int end = w == kWords ? kBits : w * 64 + std::countr_zero(gaps);
    if (end - start >= k) return start;
    from = end;
  }
  return std::nullopt;
}

}  // namespace amtszeit::capacity
