// RFC 6238 appendix B test vectors and replay windows for the staff second factor (SEC-4).
#include <gtest/gtest.h>

#include "staff/totp.hpp"

using namespace hiresafe::staff;

namespace {
// The RFC's seeds: "12345678901234567890" repeated to the hash's length.
const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 = "1234567890123456789012345678901234567890123456789012345678901234";
}  // namespace

TEST(Totp, Rfc6238VectorsSha1) {
  EXPECT_EQ(totp_code(kSeed20, 59, TotpHash::kSha1, 8), "94287082");
  EXPECT_EQ(totp_code(kSeed20, 1111111109, TotpHash::kSha1, 8), "07081804");
  EXPECT_EQ(totp_code(kSeed20, 1111111111, TotpHash::kSha1, 8), "14050471");
  EXPECT_EQ(totp_code(kSeed20, 1234567890, TotpHash::kSha1, 8), "89005924");
  EXPECT_EQ(totp_code(kSeed20, 2000000000, TotpHash::kSha1, 8), "69279037");
  EXPECT_EQ(totp_code(kSeed20, 20000000000, TotpHash::kSha1, 8), "65353130");
}

TEST(Totp, Rfc6238VectorsSha256) {
  EXPECT_EQ(totp_code(kSeed32, 59, TotpHash::kSha256, 8), "46119246");
  EXPECT_EQ(totp_code(kSeed32, 1111111109, TotpHash::kSha256, 8), "68084774");
  EXPECT_EQ(totp_code(kSeed32, 1234567890, TotpHash::kSha256, 8), "91819424");
  EXPECT_EQ(totp_code(kSeed32, 20000000000, TotpHash::kSha256, 8), "77737706");
}

TEST(Totp, Rfc6238VectorsSha512) {
  EXPECT_EQ(totp_code(kSeed64, 59, TotpHash::kSha512, 8), "90693936");
  EXPECT_EQ(totp_code(kSeed64, 1111111111, TotpHash::kSha512, 8), "99943326");
  EXPECT_EQ(totp_code(kSeed64, 2000000000, TotpHash::kSha512, 8), "38618901");
  EXPECT_EQ(totp_code(kSeed64, 20000000000, TotpHash::kSha512, 8), "47863826");
}

TEST(Totp, AcceptsOneStepOfDriftAndNoMore) {
  const long long now = 1111111111;
  EXPECT_EQ(totp_match(kSeed20, totp_code(kSeed20, now), now), now / 30);
  EXPECT_EQ(totp_match(kSeed20, totp_code(kSeed20, now - 30), now), now / 30 - 1);
  EXPECT_EQ(totp_match(kSeed20, totp_code(kSeed20, now + 30), now), now / 30 + 1);
  EXPECT_EQ(totp_match(kSeed20, totp_code(kSeed20, now - 90), now), -1);
  EXPECT_EQ(totp_match(kSeed20, "12345", now), -1);
}

TEST(Totp, Base32MatchesRfc4648) {
  EXPECT_EQ(base32("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32("f"), "MY");
  EXPECT_EQ(base32(""), "");
  EXPECT_EQ(*base32_decode("MZXW6YTBOI"), "foobar");
  EXPECT_FALSE(base32_decode("mzxw"));
}
