#include "sql/pg_query_tokens.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ckpt::sql {
namespace {

TEST(ScanTokens, LeavesCommentsOut) {
  const std::string sql = "-- c\nSELECT $$a;b$$ /* x; */ FROM \"weird;name\";";
  const auto tokens = scan_tokens(sql);
  ASSERT_TRUE(tokens) << tokens.error().message;
  std::vector<std::string> texts;
  for (const TokenSpan& token : *tokens) texts.push_back(sql.substr(token.start, token.end - token.start));
  EXPECT_EQ(texts, (std::vector<std::string>{"SELECT", "$$a;b$$", "FROM", "\"weird;name\"", ";"}));
}

TEST(ScanTokens, UnicodeEscapedTokensGetTheirFullLength) {
  // libpg_query reports U&'...' as empty and U&"..." as one byte long.
  const std::string sql = "SELECT U&'\\0041' , U&\"d\\0061t\" UESCAPE '!', x /* c */ ; SELECT U&'a'  ";
  const auto tokens = scan_tokens(sql);
  ASSERT_TRUE(tokens) << tokens.error().message;
  std::vector<std::string> texts;
  for (const TokenSpan& token : *tokens) texts.push_back(sql.substr(token.start, token.end - token.start));
  EXPECT_EQ(texts, (std::vector<std::string>{"SELECT", "U&'\\0041'", ",", "U&\"d\\0061t\"", "UESCAPE", "'!'", ",", "x",
                                             ";", "SELECT", "U&'a'"}));
}

TEST(ScanTokens, EmptyTextHasNoTokens) {
  const auto tokens = scan_tokens("");
  ASSERT_TRUE(tokens);
  EXPECT_TRUE(tokens->empty());
}

TEST(DecodeScanResult, ReadsTokensAndSkipsUnknownFields) {
  // ScanResult{version = 150001, tokens = [{start = 0, end = 6, token = 625}, {start = 7, end = 8, token = 266}]}
  static constexpr char kMessage[] =
      "\x08\xf1\x93\x09"                              // version 150001
      "\x12\x05\x10\x06\x20\xf1\x04"                  // start 0 (omitted), end 6, token 625
      "\x12\x09\x08\x07\x10\x08\x20\x8a\x02\x28\x00"  // start 7, end 8, token 266, keyword_kind 0
      "\x1d\x01\x02\x03\x04";                         // field 3, fixed32: skipped
  const std::string message(kMessage, sizeof(kMessage) - 1);
  const auto tokens = decode_scan_result(message, 8);
  ASSERT_TRUE(tokens);
  ASSERT_EQ(tokens->size(), 2U);
  EXPECT_EQ((*tokens)[0].span.start, 0U);
  EXPECT_EQ((*tokens)[0].span.end, 6U);
  EXPECT_FALSE((*tokens)[0].comment);
  EXPECT_EQ((*tokens)[1].span.start, 7U);
  EXPECT_EQ((*tokens)[1].span.end, 8U);
}

TEST(DecodeScanResult, RejectsMalformedInput) {
  EXPECT_FALSE(decode_scan_result(std::string("\x12\x05\x08", 3), 10));   // length past the end
  EXPECT_FALSE(decode_scan_result(std::string("\x12\x02\x10\x09", 4), 8));  // end past the text
  EXPECT_FALSE(decode_scan_result(std::string("\x08\xff", 2), 8));          // truncated varint
  EXPECT_FALSE(decode_scan_result(std::string("\x0b", 1), 8));              // wire type 3
}

}  // namespace
}  // namespace ckpt::sql
