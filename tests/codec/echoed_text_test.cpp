#include "codec/echoed_text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/utf8.hpp"

namespace ckpt::codec {
namespace {

TEST(EchoedText, ShortTextIsEchoedAsItIs) {
  EXPECT_EQ(echoed("c1a2b3c4"), "c1a2b3c4");
  EXPECT_EQ(echoed(std::string(kMaxEchoedBytes, 'x')), std::string(kMaxEchoedBytes, 'x'));
}

TEST(EchoedText, LongTextIsCutAndItsLengthSaid) {
  EXPECT_EQ(echoed(std::string(5000, 'x')), std::string(64, 'x') + "…(5000 bytes)");
  const std::string accents = std::string(63, 'x') + "ééé";  // the cut falls inside the first é
  EXPECT_EQ(echoed(accents), std::string(63, 'x') + "…(69 bytes)");
}

TEST(EchoedText, InvalidUtf8IsNotEchoed) {
  EXPECT_EQ(echoed("id\xff"), "id\xEF\xBF\xBD");
  EXPECT_EQ(first_invalid_utf8(echoed(std::string(100, '\xff'))), std::nullopt);
}

}  // namespace
}  // namespace ckpt::codec
