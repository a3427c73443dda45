// Building blocks for Markdown documents that read well where people paste them (a pull
// request, a runbook): GitHub-flavoured tables whose cells stay on one line, inline code,
// and times in UTC. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/duration.hpp"

namespace ckpt::cli {

// A table: the header row, the delimiter row, then `rows` (each padded or cut to the
// header's width); every cell through markdown_cell(). Ends with a blank line.
std::string markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// Text fit for a table cell: `|` escaped, line breaks as <br>, surrounding blanks trimmed.
std::string markdown_cell(std::string_view text);

// `text` as inline code, fenced with enough backticks for the ones inside it; "" for "".
std::string markdown_code(std::string_view text);

// "2026-11-21 07:01:30 UTC".
std::string utc_time(TimePoint at);

}  // namespace ckpt::cli
