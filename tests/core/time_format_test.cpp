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

TEST(TimeFormat, SecondsBetween) {
  const TimePoint start{std::chrono::seconds{10}};
  EXPECT_DOUBLE_EQ(seconds_between(start, start + std::chrono::milliseconds{1500}), 1.5);
}

}  // namespace
}  // namespace ckpt
