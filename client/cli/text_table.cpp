#include "cli/text_table.hpp"

#include <algorithm>
#include <cmath>
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

std::string format_human_duration(double seconds) {
  const auto millis = std::llround(std::max(seconds, 0.0) * 1000);
  if (millis < 1000) return std::to_string(millis) + " ms";
  const auto tenths = (millis + 50) / 100;
  if (tenths < 600) {
    return std::to_string(tenths / 10) + (tenths % 10 == 0 ? "" : "." + std::to_string(tenths % 10)) + " s";
  }
  auto rest = (millis + 500) / 1000;
  std::string text;
  for (const auto& [unit, length] : {std::pair{"d", 86'400LL}, {"h", 3'600LL}, {"min", 60LL}, {"s", 1LL}}) {
    if (rest < length) continue;
    if (!text.empty()) text += ' ';
    text += std::to_string(rest / length) + ' ' + unit;
    rest %= length;
  }
  return text;
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
