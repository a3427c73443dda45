#include "journal/crc32c.hpp"

#include <gtest/gtest.h>

namespace ckpt {
namespace {

TEST(Crc32c, MatchesTheStandardCheckValue) {
  // The check value of CRC-32C (RFC 3720, iSCSI) over "123456789".
  EXPECT_EQ(crc32c("123456789"), 0xE3069283U);
}

TEST(Crc32c, EmptyInputIsZero) { EXPECT_EQ(crc32c(""), 0U); }

TEST(Crc32c, OneFlippedBitChangesTheChecksum) { EXPECT_NE(crc32c("checkpoint"), crc32c("checkpoinu")); }

}  // namespace
}  // namespace ckpt
