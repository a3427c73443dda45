// Context fields travel in front of the message and come back out unchanged.
#include <gtest/gtest.h>

#include "obs/log_fields.hpp"

namespace ckpt::obs {
namespace {

TEST(LogFields, RoundTrip) {
  const LogFields fields{{"checkpoint", "ab12cd34"}, {"cluster", "app"}, {"empty", ""}};
  const std::string payload = encode_log_fields(fields) + "the message";
  const DecodedLogMessage decoded = decode_log_message(payload);
  ASSERT_EQ(decoded.fields.size(), 3U);
  EXPECT_EQ(decoded.fields[0].first, "checkpoint");
  EXPECT_EQ(decoded.fields[0].second, "ab12cd34");
  EXPECT_EQ(decoded.fields[1].first, "cluster");
  EXPECT_EQ(decoded.fields[1].second, "app");
  EXPECT_EQ(decoded.fields[2].first, "empty");
  EXPECT_EQ(decoded.fields[2].second, "");
  EXPECT_EQ(decoded.text, "the message");
}

TEST(LogFields, NoFieldsMeansNoPrefix) {
  EXPECT_EQ(encode_log_fields({}), "");
  const DecodedLogMessage decoded = decode_log_message("plain message");
  EXPECT_TRUE(decoded.fields.empty());
  EXPECT_EQ(decoded.text, "plain message");
}

TEST(LogFields, SeparatorsInsideValuesCannotForgeFields) {
  const std::string payload = encode_log_fields({{"k\x1f", "v\x1e" "x"}}) + "msg";
  const DecodedLogMessage decoded = decode_log_message(payload);
  ASSERT_EQ(decoded.fields.size(), 1U);
  EXPECT_EQ(decoded.fields[0].first, "k?");
  EXPECT_EQ(decoded.fields[0].second, "v?x");
  EXPECT_EQ(decoded.text, "msg");
}

TEST(LogFields, MalformedPrefixIsReadAsPlainText) {
  for (const std::string& payload : {std::string("\x1e" "no end"), std::string("\x1e" "key-only\x1e" "msg"),
                                    std::string("\x1e" "k\x1fv\x1e" "msg")}) {
    const DecodedLogMessage decoded = decode_log_message(payload);
    EXPECT_TRUE(decoded.fields.empty()) << payload;
    EXPECT_EQ(decoded.text, payload);
  }
}

}  // namespace
}  // namespace ckpt::obs
