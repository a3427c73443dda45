// Timestamps on the wire and in the journal: RFC 3339 in UTC with microseconds
// ("2026-11-21T06:48:15.123456Z"). Parsing accepts any fraction length and "Z" or
// "+00:00"; other offsets are converted to UTC. Times a TimePoint cannot hold (before
// 1677-09-22 or after 2262-04-11, UTC) are refused like malformed text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/checkpoint.hpp"

namespace ckpt {

std::string format_rfc3339(TimePoint at);
std::optional<TimePoint> parse_rfc3339(std::string_view text);
// Seconds between two instants, as a double (for durations in metrics and output).
double seconds_between(TimePoint from, TimePoint to);

}  // namespace ckpt
