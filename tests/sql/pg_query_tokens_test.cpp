#include "sql/pg_query_tokens.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "sql/pg_query_calls.hpp"

namespace ckpt::sql {
namespace {

std::vector<ScannedToken> scanned(const std::string& sql) {
  auto result = scan_sql(sql);
  EXPECT_TRUE(result);
  if (!result || !std::holds_alternative<std::vector<ScannedToken>>(*result)) return {};
  return std::get<std::vector<ScannedToken>>(*result);
}

std::vector<std::string> statement_token_texts(const std::string& sql) {
  std::vector<std::string> texts;
  for (const TokenSpan& token : statement_tokens(scanned(sql), sql)) {
    texts.push_back(sql.substr(token.start, token.end - token.start));
  }
  return texts;
}

TEST(ScanSql, TokensLeaveCommentsOut) {
  EXPECT_EQ(statement_token_texts("-- c\nSELECT $$a;b$$ /* x; */ FROM \"weird;name\";"),
            (std::vector<std::string>{"SELECT", "$$a;b$$", "FROM", "\"weird;name\"", ";"}));
  EXPECT_TRUE(statement_token_texts("").empty());
  EXPECT_TRUE(statement_token_texts("-- only\n/* comments */").empty());
}

TEST(ScanSql, UnicodeEscapedTokensGetTheirFullLength) {
  // libpg_query reports U&'...' as empty and U&"..." as one byte long.
  EXPECT_EQ(statement_token_texts("SELECT U&'\\0041' , U&\"d\\0061t\" UESCAPE '!', x /* c */ ; SELECT U&'a'  "),
            (std::vector<std::string>{"SELECT", "U&'\\0041'", ",", "U&\"d\\0061t\"", "UESCAPE", "'!'", ",", "x", ";",
                                      "SELECT", "U&'a'"}));
}

TEST(ScanSql, ScannerFailuresCarryPostgresMessageAndCursor) {
  const auto result = scan_sql("SELECT 1;\nSELECT 'open");
  ASSERT_TRUE(result);
  const auto* failure = std::get_if<PgFailure>(&*result);
  ASSERT_NE(failure, nullptr);
  EXPECT_EQ(failure->message, "unterminated quoted string at or near \"'open\"");
  EXPECT_EQ(failure->cursor_position, 18);
}

TEST(ParseSql, ReturnsTheTreeOrTheFailure) {
  const auto tree = parse_sql("SELECT 1", std::size_t{1} << 20U);
  ASSERT_TRUE(tree);
  ASSERT_TRUE(std::holds_alternative<std::string>(*tree));
  EXPECT_NE(std::get<std::string>(*tree).find("SelectStmt"), std::string::npos);
  const auto failure = parse_sql("SELEC 1", std::size_t{1} << 20U);
  ASSERT_TRUE(failure);
  ASSERT_TRUE(std::holds_alternative<PgFailure>(*failure));
  EXPECT_EQ(std::get<PgFailure>(*failure).cursor_position, 1);
}

TEST(LongestTokenRun, CountsNonCommentTokensBetweenSemicolons) {
  const auto run = longest_token_run(scanned("SELECT 1; /* a b c */ SELECT 1 + 2 + 3 ; -- x y z\nSELECT 2"));
  EXPECT_EQ(run.tokens, 6U);
  EXPECT_EQ(run.start, 22U);
  EXPECT_EQ(longest_token_run({}).tokens, 0U);
}

TEST(DecodeScanResult, ReadsTokensAndSkipsUnknownFields) {
  static constexpr char kMessage[] =
      "\x08\xf1\x93\x09"                              // version 150001
      "\x12\x05\x10\x06\x20\xf1\x04"                  // start 0 (omitted), end 6, token 625
      "\x12\x09\x08\x07\x10\x08\x20\x8a\x02\x28\x00"  // start 7, end 8, token 266, keyword_kind 0
      "\x12\x06\x08\x09\x10\x0a\x20\x3b"              // start 9, end 10, token 59 (';')
      "\x1d\x01\x02\x03\x04";                         // field 3, fixed32: skipped
  const std::string message(kMessage, sizeof(kMessage) - 1);
  const auto tokens = decode_scan_result(message, 10);
  ASSERT_TRUE(tokens);
  ASSERT_EQ(tokens->size(), 3U);
  EXPECT_EQ((*tokens)[0].span.start, 0U);
  EXPECT_EQ((*tokens)[0].span.end, 6U);
  EXPECT_EQ((*tokens)[0].kind, 625);
  EXPECT_EQ((*tokens)[1].span.start, 7U);
  EXPECT_EQ((*tokens)[1].span.end, 8U);
  EXPECT_TRUE((*tokens)[2].is_semicolon());
  EXPECT_FALSE((*tokens)[2].is_comment());
}

TEST(DecodeScanResult, RejectsMalformedInput) {
  EXPECT_FALSE(decode_scan_result(std::string("\x12\x05\x08", 3), 10));     // length past the end
  EXPECT_FALSE(decode_scan_result(std::string("\x12\x02\x10\x09", 4), 8));  // end past the text
  EXPECT_FALSE(decode_scan_result(std::string("\x08\xff", 2), 8));          // truncated varint
  EXPECT_FALSE(decode_scan_result(std::string("\x0b", 1), 8));              // wire type 3
}

}  // namespace
}  // namespace ckpt::sql
