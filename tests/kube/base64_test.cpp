#include "kube/base64.hpp"

#include <gtest/gtest.h>

namespace ckpt::kube {
namespace {

TEST(Base64Test, DecodesWithAndWithoutPaddingAndAcrossLineBreaks) {
  EXPECT_EQ(decode_base64("aGVsbG8="), "hello");
  EXPECT_EQ(decode_base64("aGVsbG8"), "hello");
  EXPECT_EQ(decode_base64("aGVs\nbG8h"), "hello!");
  EXPECT_EQ(decode_base64("aGk="), "hi");
  EXPECT_EQ(decode_base64(""), "");
}

TEST(Base64Test, RejectsWhatIsNotBase64) {
  EXPECT_FALSE(decode_base64("!!!!"));
  EXPECT_FALSE(decode_base64("a"));
  EXPECT_FALSE(decode_base64("aGk=aGk="));
  EXPECT_FALSE(decode_base64("aGVsbG8==="));
  EXPECT_FALSE(
      decode_base64("aG=="
                    "x"));
}

}  // namespace
}  // namespace ckpt::kube
