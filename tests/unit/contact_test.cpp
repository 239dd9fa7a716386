// Phone, e-mail and birth-date validation (ACC-1, ACC-2, ACC-6).
#include <gtest/gtest.h>

#include "identity/contact.hpp"

using namespace hiresafe::identity;

TEST(Contact, NormalisesChineseMobileNumbersToE164) {  // ACC-1
  for (const char* in : {"13800138000", "138 0013 8000", "+86 138-0013-8000", "008613800138000"}) {
    auto r = normalise_phone(in, "phone");
    ASSERT_TRUE(r) << in;
    EXPECT_EQ(*r, "+8613800138000") << in;
  }
}

TEST(Contact, RefusesNonNumbersAndLandlines) {
  for (const char* in :
       {"", "12345", "hello", "+86 10 6552 9988", "1380013800012345678901234567890123"}) {
    auto r = normalise_phone(in, "phone");
    ASSERT_FALSE(r) << in;
    EXPECT_EQ(r.error().errors.at(0).field, "phone");
  }
}

TEST(Contact, FoldsEmailCaseAndFullWidthForms) {
  auto r = normalise_email("Ｚhang@Example.COM", "email");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "zhang@example.com");
  EXPECT_FALSE(normalise_email("no-at-sign", "email"));
  EXPECT_FALSE(normalise_email("a@b", "email"));
  EXPECT_FALSE(normalise_email("a b@c.com", "email"));
}

TEST(Contact, ComputesAgeOnTheBirthdayBoundary) {  // ACC-6
  // 2026-06-15T00:00:00Z
  const long long now = 1781481600;
  EXPECT_EQ(*age_at("2010-06-15", now, "birth_date"), 16);
  EXPECT_EQ(*age_at("2010-06-16", now, "birth_date"), 15);
  EXPECT_EQ(*age_at("2008-06-15", now, "birth_date"), 18);
  EXPECT_FALSE(age_at("2010-02-30", now, "birth_date"));
  EXPECT_FALSE(age_at("15/06/2010", now, "birth_date"));
  EXPECT_FALSE(age_at("2030-01-01", now, "birth_date"));
}
