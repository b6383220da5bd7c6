#include "amtszeit/capacity/skills.h"

#include <algorithm>

namespace amtszeit::capacity {

Result<SkillIndex> SkillIndex::FromCatalog(const Catalog& catalog) {
  SkillIndex index;
  for (const Service& s : catalog.services) {
    if (s.skill.empty()) continue;
    if (std::ranges::find(index.names_, s.skill) == index.names_.end()) {
      index.names_.push_back(s.skill);
    }
  }
  if (index.names_.size() > kMaxSkills) {
    return Fail(ErrorCode::kInvalidArgument, "the catalogue names {} skills; at most {} fit",
                index.names_.size(), kMaxSkills);
  }
  std::ranges::sort(index.names_);
  return index;
}

int SkillIndex::Bit(std::string_view skill) const {
  auto it = std::ranges::lower_bound(names_, skill);
  if (it == names_.end() || *it != skill) return -1;
  return static_cast<int>(it - names_.begin());
}

SkillMask SkillIndex::MaskOf(std::span<const std::string> skills) const {
  SkillMask mask = 0;
  for (const std::string& s : skills) {
    if (int bit = Bit(s); bit >= 0) mask |= SkillMask{1} << bit;
  }
  return mask;
}

SkillMask SkillIndex::Required(std::span<const Service* const> services) const {
  SkillMask mask = 0;
  for (const Service* s : services) {
    if (int bit = Bit(s->skill); bit >= 0) mask |= SkillMask{1} << bit;
  }
  return mask;
}

}  // namespace amtszeit::capacity
