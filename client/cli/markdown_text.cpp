#include "cli/markdown_text.hpp"

#include <algorithm>

#include "core/time_format.hpp"

namespace ckpt::cli {

std::string markdown_cell(std::string_view text) {
  constexpr std::string_view kBlank = " \t\r\n";
  const auto first = text.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  text = text.substr(first, text.find_last_not_of(kBlank) - first + 1);
  std::string cell;
  for (const char c : text) {
    if (c == '|') {
      cell += "\\|";
    } else if (c == '\n') {
      cell += "<br>";
    } else if (c != '\r') {
      cell += c;
    }
  }
  return cell;
}

std::string markdown_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  const auto line = [&header](const std::vector<std::string>& cells) {
    std::string text = "|";
    for (std::size_t i = 0; i < header.size(); ++i)
      text += ' ' + markdown_cell(i < cells.size() ? cells[i] : "") + " |";
    return text + '\n';
  };
  std::string table = line(header) + '|';
  for (std::size_t i = 0; i < header.size(); ++i) table += "---|";
  table += '\n';
  for (const auto& row : rows) table += line(row);
  return table + '\n';
}

std::string markdown_code(std::string_view text) {
  if (text.empty()) return {};
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = text.front() == '`' || text.back() == '`';
  return fence + (pad ? " " : "") + std::string{text} + (pad ? " " : "") + fence;
}

std::string utc_time(TimePoint at) {
  std::string text = format_rfc3339(at).substr(0, 19);  // "2026-11-21T07:01:30"
  text[10] = ' ';
  return text + " UTC";
}

}  // namespace ckpt::cli
