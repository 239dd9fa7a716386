// GB 11643 resident ID and GB 32100 credit code validation (VER-1, VER-2).
#include <gtest/gtest.h>

#include "verification/id_numbers.hpp"

using namespace hiresafe::verification;

namespace {
const long long kNow = 1795344000;  // 2026-11-22
bool any_region(const std::string&) {
  return true;
}
bool beijing_only(const std::string& code) {
  return code == "110000";
}
}  // namespace

TEST(IdNumbers, AcceptsValidResidentIds) {  // VER-1
  // The standard's worked example, and one ending in X.
  EXPECT_EQ(*validate_resident_id("11010519491231002X", kNow, "id_number", any_region),
            "11010519491231002X");
  EXPECT_EQ(*validate_resident_id("11010519491231002x", kNow, "id_number", any_region),
            "11010519491231002X");
  EXPECT_TRUE(validate_resident_id("440304198506123455", kNow, "id_number", any_region));
  EXPECT_EQ(*validate_resident_id("110101 19900307 7715", kNow, "id_number", any_region),
            "110101199003077715");
  // Before 1900 is not a living applicant.
  EXPECT_FALSE(validate_resident_id("440524188001010014", kNow, "id_number", any_region));
}

TEST(IdNumbers, RefusesBadResidentIds) {  // VER-1
  for (const char* bad : {"110105194912310021", "11010519491231002", "1101051949123100211",
                          "A1010519491231002X", "110105194913310028", "110105210001010012"}) {
    auto r = validate_resident_id(bad, kNow, "id_number", any_region);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().type, "invalid-id-number") << bad;
    EXPECT_EQ(r.error().errors.at(0).field, "id_number");
  }
  EXPECT_FALSE(validate_resident_id("440304198506123455", kNow, "id_number", beijing_only));
}

TEST(IdNumbers, AcceptsValidCreditCodes) {  // VER-2
  EXPECT_EQ(*validate_credit_code("91350100M000100Y43", "uscc"), "91350100M000100Y43");
  EXPECT_TRUE(validate_credit_code("91110000600037341L", "uscc"));
}

TEST(IdNumbers, RefusesBadCreditCodes) {  // VER-2
  for (const char* bad : {"91350100M000100Y44", "91350100M000100Y4", "91350100I000100Y43", "",
                          "91350100M000100Y43Z"}) {
    auto r = validate_credit_code(bad, "uscc");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().type, "invalid-credit-code");
  }
}
