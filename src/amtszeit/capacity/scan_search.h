// ScanSearch: the obvious definition of slot search, testing every tick of every staff-day one by
// one. It is the oracle for CapacityIndex::Search in the property tests and the reference the
// search benchmark measures against; it shares none of TickSet's word-level tricks.
#pragma once

#include <vector>

#include "amtszeit/capacity/capacity_index.h"

namespace amtszeit::capacity {

std::vector<Slot> ScanSearch(const CapacityIndex& index, const SlotQuery& query);

}  // namespace amtszeit::capacity
