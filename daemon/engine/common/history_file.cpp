#include "engine/common/history_file.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace ckpt::engine {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::optional<TimelineSwitch> parse_entry(std::string_view line) {
  const auto first_tab = line.find('\t');
  if (first_tab == std::string_view::npos) return std::nullopt;
  const auto second_tab = line.find('\t', first_tab + 1);
  TimelineSwitch entry;
  const auto timeline_text = trim(line.substr(0, first_tab));
  const auto* end = timeline_text.data() + timeline_text.size();
  if (timeline_text.empty() || std::from_chars(timeline_text.data(), end, entry.parent_timeline).ptr != end) {
    return std::nullopt;
  }
  const auto lsn_text = trim(line.substr(
      first_tab + 1, second_tab == std::string_view::npos ? std::string_view::npos : second_tab - first_tab - 1));
  const auto lsn = parse_lsn(lsn_text);
  if (!lsn) return std::nullopt;
  entry.switch_lsn = *lsn;
  if (second_tab != std::string_view::npos) entry.reason = std::string{trim(line.substr(second_tab + 1))};
  return entry;
}

}  // namespace

std::optional<std::vector<TimelineSwitch>> parse_timeline_history(std::string_view text) {
  std::vector<TimelineSwitch> entries;
  std::size_t position = 0;
  while (position <= text.size()) {
    const auto end = text.find('\n', position);
    const auto line =
        trim(text.substr(position, end == std::string_view::npos ? std::string_view::npos : end - position));
    if (!line.empty() && line.front() != '#') {
      auto entry = parse_entry(line);
      if (!entry) return std::nullopt;
      entries.push_back(std::move(*entry));
    }
    if (end == std::string_view::npos) break;
    position = end + 1;
  }
  return entries;
}

std::string history_file_name(std::uint32_t timeline) {
  char name[24];
  std::snprintf(name, sizeof name, "%08X.history", timeline);
  return name;
}

std::optional<std::string> stop_point_mismatch(std::string_view history_text, const std::string& file_label,
                                               const RecoveryPoint& point) {
  const auto entries = parse_timeline_history(history_text);
  if (!entries) return file_label + " is malformed";
  const auto branch = std::find_if(entries->begin(), entries->end(),
                                   [&](const auto& entry) { return entry.parent_timeline == point.timeline; });
  if (branch == entries->end()) return file_label + " has no switch from timeline " + std::to_string(point.timeline);
  if (branch->switch_lsn != point.target_lsn || !branch->reason.starts_with("before")) {
    return "recovery stopped at " + format_lsn(branch->switch_lsn) + " (" + branch->reason +
           "), not right before the target " + format_lsn(point.target_lsn);
  }
  return std::nullopt;
}

}  // namespace ckpt::engine
