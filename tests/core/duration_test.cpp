#include "core/duration.hpp"

#include <gtest/gtest.h>

namespace ckpt {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(Duration, ParsesUnitsAndSequences) {
  EXPECT_EQ(parse_duration("24h"), Millis{hours{24}});
  EXPECT_EQ(parse_duration("90s"), Millis{seconds{90}});
  EXPECT_EQ(parse_duration("1h30m"), Millis{minutes{90}});
  EXPECT_EQ(parse_duration("250ms"), Millis{250});
  EXPECT_EQ(parse_duration("2d"), Millis{hours{48}});
  EXPECT_EQ(parse_duration("1m500ms"), Millis{60'500});
  EXPECT_EQ(parse_duration("0s"), Millis{0});
}

TEST(Duration, RejectsMalformedText) {
  for (const char* bad : {"", "h", "10", "10x", "-5s", "1.5h", "5 s", "s5", "99999999999999999999h", "1h 2m"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
}

TEST(Duration, FormatsShortestExactForm) {
  EXPECT_EQ(format_duration(Millis{hours{24}}), "24h");
  EXPECT_EQ(format_duration(Millis{minutes{90}}), "1h30m");
  EXPECT_EQ(format_duration(Millis{1500}), "1s500ms");
  EXPECT_EQ(format_duration(Millis{0}), "0s");
}

TEST(Duration, RoundTrips) {
  for (const char* text : {"1h", "45m", "1h1m1s1ms", "3s"}) {
    EXPECT_EQ(format_duration(*parse_duration(text)), text);
  }
}

}  // namespace
}  // namespace ckpt
