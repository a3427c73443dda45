// Text from outside quoted in a message: bounded, one line, no terminal controls.
#include "net/body_excerpt.hpp"

#include <gtest/gtest.h>

namespace ckpt::net {
namespace {

TEST(BodyExcerpt, QuotesShortBodiesWithEscapes) {
  EXPECT_EQ(body_excerpt(""), "an empty body");
  EXPECT_EQ(body_excerpt("Service Unavailable"), R"("Service Unavailable")");
  EXPECT_EQ(body_excerpt("a\r\nb\tc\x1b[0m\x7f"), R"("a\r\nb\tc\x1b[0m\x7f")");
  EXPECT_EQ(body_excerpt(R"({"k":"v\n"})"), R"("{\"k\":\"v\\n\"}")");
  EXPECT_EQ(body_excerpt("caf\xC3\xA9 \xFF"), "\"caf\xC3\xA9 \xEF\xBF\xBD\"");
}

TEST(BodyExcerpt, CutsLongBodiesAtACharacterBoundary) {
  EXPECT_EQ(body_excerpt(std::string(kMaxExcerptBytes, 'x')), "\"" + std::string(kMaxExcerptBytes, 'x') + "\"");
  const std::string long_body = std::string(kMaxExcerptBytes - 1, 'x') + "\xC3\xA9" + std::string(100, 'y');
  EXPECT_EQ(body_excerpt(long_body),
            "\"" + std::string(kMaxExcerptBytes - 1, 'x') + "\"…(" + std::to_string(long_body.size()) + " bytes)");
}

TEST(QuotedExcerpt, QuotesEmptyTextAsEmptyQuotes) {
  EXPECT_EQ(quoted_excerpt(""), R"("")");
  EXPECT_EQ(quoted_excerpt("http://host/a b"), R"("http://host/a b")");
}

}  // namespace
}  // namespace ckpt::net
