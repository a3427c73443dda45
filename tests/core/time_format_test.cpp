#include "core/time_format.hpp"

#include <gtest/gtest.h>

namespace ckpt {
namespace {

TEST(TimeFormat, FormatsUtcWithMicroseconds) {
  const TimePoint at = TimePoint{std::chrono::seconds{1'700'000'000}} + std::chrono::microseconds{123'456};
  EXPECT_EQ(format_rfc3339(at), "2023-11-14T22:13:20.123456Z");
}

TEST(TimeFormat, RoundTrips) {
  const TimePoint at = TimePoint{std::chrono::seconds{1'800'000'000}} + std::chrono::microseconds{7};
  EXPECT_EQ(parse_rfc3339(format_rfc3339(at)), at);
}

TEST(TimeFormat, AcceptsOffsetsAndShortFractions) {
  const auto utc = parse_rfc3339("2026-01-15T10:30:12Z");
  ASSERT_TRUE(utc);
  EXPECT_EQ(parse_rfc3339("2026-01-15T12:30:12+02:00"), utc);
  EXPECT_EQ(parse_rfc3339("2026-01-15 10:30:12.5+00"), *utc + std::chrono::milliseconds{500});
}

TEST(TimeFormat, RejectsMalformedText) {
  for (const char* bad : {"", "2026-01-15", "2026-01-15T10:30:12", "2026-13-15T10:30:12Z", "2026-01-15T10:30:12.Z",
                          "2026-01-15T10:30:12Zjunk", "yesterday"}) {
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  }
}

// Found by fuzz/core_text_fuzzer: "4032-12-31T23:59:60.5Z" overflowed the nanosecond count.
TEST(TimeFormat, RejectsTimesATimePointCannotHold) {
  for (const char* far : {"4032-12-31T23:59:60.5Z", "2262-04-12T00:00:00Z", "9999-12-31T23:59:59Z",
                          "1677-09-21T00:00:00Z", "0001-01-01T00:00:00+01:00"}) {
    EXPECT_FALSE(parse_rfc3339(far)) << far;
  }
  for (const char* near : {"2262-04-10T00:00:00Z", "1677-09-23T00:00:00Z", "1970-01-01T00:00:00Z"}) {
    const auto time = parse_rfc3339(near);
    ASSERT_TRUE(time) << near;
    EXPECT_EQ(parse_rfc3339(format_rfc3339(*time)), time) << near;
  }
}

TEST(TimeFormat, SecondsBetween) {
  const TimePoint start{std::chrono::seconds{10}};
  EXPECT_DOUBLE_EQ(seconds_between(start, start + std::chrono::milliseconds{1500}), 1.5);
}

}  // namespace
}  // namespace ckpt
