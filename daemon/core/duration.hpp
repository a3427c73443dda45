// Durations as people write them in configs and requests: "24h", "90s", "1h30m",
// "250ms". Parsing is strict (unknown units, empty input, overflow are errors).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ckpt {

using Millis = std::chrono::milliseconds;
using TimePoint = std::chrono::system_clock::time_point;

// Sequence of <integer><unit> with units ms, s, m, h, d. nullopt if malformed.
std::optional<Millis> parse_duration(std::string_view text);
// Shortest exact form, e.g. 5400000ms -> "1h30m", 1500ms -> "1s500ms", 0 -> "0s".
std::string format_duration(Millis duration);

}  // namespace ckpt
