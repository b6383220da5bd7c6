#include "amtszeit/booking/secrets.h"

#include <gtest/gtest.h>

#include <array>
#include <bitset>
#include <set>
#include <string>

namespace amtszeit::booking {
namespace {

TEST(AppointmentCode, EveryPositionDrawsFromTheWholeAlphabet) {
  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::array<std::bitset<kAlphabet.size()>, 8> seen;
  std::set<std::string> codes;
  for (int i = 0; i < 4096; ++i) {
    const std::string code = NewAppointmentCode();
    ASSERT_EQ(code.size(), 9u) << code;
    EXPECT_EQ(code[4], '-') << code;
    EXPECT_EQ(NormaliseCode(code), code);
    std::string symbols = code.substr(0, 4) + code.substr(5);
    for (std::size_t p = 0; p < symbols.size(); ++p) {
      const std::size_t at = kAlphabet.find(symbols[p]);
      ASSERT_NE(at, std::string_view::npos) << code;
      seen[p].set(at);
    }
    codes.insert(code);
  }
  // 4,096 draws miss a given symbol at a given position with probability (31/32)^4096 < 1e-56:
  // a position fed by too few random bits, or by the same byte as another, shows up here.
  for (std::size_t p = 0; p < seen.size(); ++p) EXPECT_TRUE(seen[p].all()) << "position " << p;
  EXPECT_GE(codes.size(), 4090u) << "codes repeat far more often than 32^8 possibilities allow";
}

TEST(AppointmentCode, NormalisingAcceptsWhatAPersonTypesAndRefusesTheRest) {
  EXPECT_EQ(NormaliseCode("ab12 cd34"), "AB12-CD34");
  EXPECT_EQ(NormaliseCode("AB12-CD34"), "AB12-CD34");
  EXPECT_EQ(NormaliseCode("AB12-CD3"), "");
  EXPECT_EQ(NormaliseCode("AB12-CD3I"), "") << "I is not in the alphabet (read as 1)";
}

}  // namespace
}  // namespace amtszeit::booking
