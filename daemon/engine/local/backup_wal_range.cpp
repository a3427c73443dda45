#include "engine/local/backup_wal_range.hpp"

#include <charconv>
#include <optional>
#include <string>

#include "codec/strict_json.hpp"
#include "engine/local/durable_fs.hpp"

namespace ckpt::engine::local {
namespace {

// The text after "KEY: " on the line starting with it, up to the next space.
std::optional<std::string_view> label_field(std::string_view label, std::string_view key) {
  std::size_t position = 0;
  while (position < label.size()) {
    const auto end = label.find('\n', position);
    const auto line = label.substr(position, end == std::string_view::npos ? std::string_view::npos : end - position);
    if (line.size() > key.size() + 2 && line.substr(0, key.size()) == key && line.substr(key.size(), 2) == ": ") {
      auto value = line.substr(key.size() + 2);
      return value.substr(0, value.find(' '));
    }
    if (end == std::string_view::npos) break;
    position = end + 1;
  }
  return std::nullopt;
}

Error malformed(std::string_view file, std::string_view what) {
  return make_error(ErrorCode::engine_error,
                    std::string{file} + ": " + std::string{what} +
                        "; the base backup is incomplete or damaged, remove it and take a new one");
}

}  // namespace

Result<BackupWalRange> parse_backup_wal_range(std::string_view backup_label, std::string_view backup_manifest) {
  BackupWalRange range;
  const auto start = label_field(backup_label, "START WAL LOCATION");
  const auto begin = start ? parse_lsn(*start) : std::nullopt;
  if (!begin) return malformed("backup_label", "no valid \"START WAL LOCATION\"");
  range.begin = *begin;
  const auto timeline_text = label_field(backup_label, "START TIMELINE");
  const auto* timeline_end = timeline_text ? timeline_text->data() + timeline_text->size() : nullptr;
  if (!timeline_text || std::from_chars(timeline_text->data(), timeline_end, range.timeline).ptr != timeline_end ||
      range.timeline == 0) {
    return malformed("backup_label", "no valid \"START TIMELINE\"");
  }

  const auto manifest = codec::parse_strict_json(backup_manifest, ErrorCode::engine_error);
  if (!manifest) return malformed("backup_manifest", "it " + manifest.error().message);
  const auto* ranges = manifest->is_object() ? manifest->as_object().if_contains("WAL-Ranges") : nullptr;
  if (ranges == nullptr || !ranges->is_array() || ranges->as_array().empty() ||
      !ranges->as_array().back().is_object()) {
    return malformed("backup_manifest", "no \"WAL-Ranges\" array");
  }
  const auto* end_text = ranges->as_array().back().as_object().if_contains("End-LSN");
  const auto end = end_text != nullptr && end_text->is_string() ? parse_lsn(end_text->as_string()) : std::nullopt;
  if (!end) return malformed("backup_manifest", "the last \"WAL-Ranges\" entry has no valid \"End-LSN\"");
  range.end = *end;
  if (range.end < range.begin) return malformed("backup_manifest", "\"End-LSN\" lies before the backup's start");
  return range;
}

Result<BackupWalRange> read_backup_wal_range(const std::filesystem::path& backup_directory) {
  auto label = read_text_file(backup_directory / "backup_label");
  if (!label) return std::move(label).error();
  auto manifest = read_text_file(backup_directory / "backup_manifest");
  if (!manifest) return std::move(manifest).error();
  auto range = parse_backup_wal_range(label.value(), manifest.value());
  if (!range) {
    auto error = std::move(range).error();
    error.message = "in " + backup_directory.string() + ", " + error.message;
    return error;
  }
  return range;
}

}  // namespace ckpt::engine::local
