#include "core/lsn.hpp"

#include <gtest/gtest.h>

namespace ckpt {
namespace {

TEST(Lsn, ParsesPostgresForm) {
  auto lsn = parse_lsn("16/B374D848");
  ASSERT_TRUE(lsn);
  EXPECT_EQ(lsn->value, 0x16B374D848ULL);
  EXPECT_EQ(parse_lsn("0/0")->value, 0U);
  EXPECT_EQ(parse_lsn("FFFFFFFF/FFFFFFFF")->value, 0xFFFFFFFFFFFFFFFFULL);
  EXPECT_EQ(parse_lsn("a/b")->value, 0xA0000000BULL);
}

TEST(Lsn, RejectsMalformedText) {
  for (const char* bad : {"", "/", "1/", "/1", "1-2", "123456789/0", "0/123456789", "G/0", "1/2/3", " 1/2", "1/2 "}) {
    EXPECT_FALSE(parse_lsn(bad)) << bad;
  }
}

TEST(Lsn, FormatsWithoutLeadingZerosUpperCase) {
  EXPECT_EQ(format_lsn(Lsn{0x16B374D848ULL}), "16/B374D848");
  EXPECT_EQ(format_lsn(Lsn{0}), "0/0");
  EXPECT_EQ(format_lsn(*parse_lsn("3a/7e000028")), "3A/7E000028");
}

TEST(Lsn, OrdersNumericallyNotTextually) {
  EXPECT_LT(*parse_lsn("9/0"), *parse_lsn("10/0"));
  EXPECT_LT(*parse_lsn("0/FFFFFFFF"), *parse_lsn("1/0"));
  EXPECT_EQ(*parse_lsn("0/10"), *parse_lsn("0/00000010"));
}

TEST(WalFileName, ComputesSegmentNamesAcrossFourGigabytes) {
  EXPECT_EQ(wal_file_name_for(1, *parse_lsn("0/3000148")), "000000010000000000000003");
  EXPECT_EQ(wal_file_name_for(1, *parse_lsn("1/86000000")), "000000010000000100000086");
  EXPECT_EQ(wal_file_name_for(2, *parse_lsn("0/FFFFFFFF")), "0000000200000000000000FF");
  EXPECT_EQ(wal_file_name_for(0x1A, *parse_lsn("16/B374D848")), "0000001A00000016000000B3");
}

TEST(WalFileName, HonoursSegmentSize) {
  const std::uint64_t one_gb = 1024ULL * 1024 * 1024;
  EXPECT_EQ(wal_file_name_for(1, *parse_lsn("1/40000000"), one_gb), "000000010000000100000001");
}

TEST(WalFileName, ParsesNamesWithSuffixes) {
  auto plain = parse_wal_file_name("000000010000000100000086");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->timeline, 1U);
  EXPECT_EQ(plain->segno, 0x186U);
  auto backup = parse_wal_file_name("000000010000000000000003.00000028.backup");
  ASSERT_TRUE(backup);
  EXPECT_EQ(backup->segno, 3U);
  EXPECT_TRUE(parse_wal_file_name("000000020000000000000005.partial"));
}

TEST(WalFileName, RejectsHistoryFilesAndGarbage) {
  for (const char* bad : {"00000002.history", "", "00000001000000000000000", "0000000100000000000000gg",
                          "000000010000000000000003x", "000000000000000000000003", "000000010000000001000000"}) {
    EXPECT_FALSE(parse_wal_file_name(bad)) << bad;
  }
}

TEST(WalFileName, SegmentNumbersOrderAcrossLogIds) {
  auto before = parse_wal_file_name("0000000100000000000000FF");
  auto after = parse_wal_file_name("000000010000000100000000");
  ASSERT_TRUE(before && after);
  EXPECT_EQ(after->segno, before->segno + 1);
}

}  // namespace
}  // namespace ckpt
