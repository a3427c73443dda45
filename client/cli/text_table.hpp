// Plain-text building blocks for table output: aligned columns, and durations written
// the way the tables show them. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "core/duration.hpp"

namespace ckpt::cli {

using TextRow = std::vector<std::string>;

// Rows as left-aligned columns separated by three spaces, one line each (ending in
// '\n'); the last cell of a row is not padded. Rows may have different lengths.
std::string format_columns(const std::vector<TextRow>& rows);

// The lines of `text`, without their '\n'.
std::vector<std::string> lines_of(const std::string& text);

// Adds `lines` as rows {key, line}, the key on the first only: a multi-line value in a
// key/value table.
void add_lines(std::vector<TextRow>& rows, const std::string& key, const std::vector<std::string>& lines);

// Seconds with millisecond precision: 4.912 -> "4.912s".
std::string format_seconds(double seconds);

// A duration for people reading a document: whole milliseconds under a second ("850 ms"),
// tenths of a second under a minute ("4.9 s", "12 s"), then whole seconds in days, hours,
// minutes and seconds, zero parts left out ("1 min 12 s", "2 h 5 s"). Negative: "0 ms".
std::string format_human_duration(double seconds);

// Age as a listing shows it, coarse and short: "42s", "7m", "5h", "3d". Negative
// ages (clock skew) show as "0s".
std::string format_age(Millis age);

}  // namespace ckpt::cli
