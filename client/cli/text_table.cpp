#include "cli/text_table.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace ckpt::cli {

std::string format_columns(const std::vector<TextRow>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t column = 0; column < row.size(); ++column) {
      widths[column] = std::max(widths[column], row[column].size());
    }
  }
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t column = 0; column < row.size(); ++column) {
      out += row[column];
      if (column + 1 < row.size()) out.append(widths[column] - row[column].size() + 3, ' ');
    }
    out += '\n';
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void add_lines(std::vector<TextRow>& rows, const std::string& key, const std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) rows.push_back({i == 0 ? key : std::string{}, lines[i]});
}

std::string format_seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3fs", seconds);
  return buffer;
}

std::string format_age(Millis age) {
  using namespace std::chrono;
  const auto seconds = std::max<std::int64_t>(0, duration_cast<std::chrono::seconds>(age).count());
  if (seconds < 120) return std::to_string(seconds) + "s";
  if (seconds < 120 * 60) return std::to_string(seconds / 60) + "m";
  if (seconds < 48 * 3600) return std::to_string(seconds / 3600) + "h";
  return std::to_string(seconds / 86400) + "d";
}

}  // namespace ckpt::cli
