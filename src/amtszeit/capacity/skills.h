// Skills as bitmasks: each distinct Service::skill of the catalogue gets one bit, so "may this
// person serve these services?" is (staff & required) == required.
//
//   auto skills = SkillIndex::FromCatalog(catalog);      // Result<SkillIndex>
//   SkillMask need = skills->Required(services);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "amtszeit/domain/catalog.h"
#include "amtszeit/domain/error.h"

namespace amtszeit::capacity {

using SkillMask = std::uint64_t;

class SkillIndex {
 public:
  static constexpr int kMaxSkills = 64;

  // Fails when the catalogue names more than kMaxSkills distinct skills.
  static Result<SkillIndex> FromCatalog(const Catalog& catalog);

  // Unknown skills (no service needs them) contribute nothing.
  SkillMask MaskOf(std::span<const std::string> skills) const;
  SkillMask Required(std::span<const Service* const> services) const;
  int Bit(std::string_view skill) const;  // -1 when unknown
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;  // bit i = names_[i]
};

}  // namespace amtszeit::capacity
