// Files in resources/ are embedded byte for byte.
#include <gtest/gtest.h>

#include "core/resources.hpp"

TEST(Resources, EmbedsFilesByteForByte) {
  EXPECT_EQ(hiresafe::core::resource("selftest.txt"), "hello\t世界 \"quoted\"\n");
  EXPECT_TRUE(hiresafe::core::resource("no-such-file").empty());
}
