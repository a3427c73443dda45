#include "cnpg/backup_status.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "cnpg/api_object_reader.hpp"

namespace ckpt::cnpg {
namespace {

constexpr std::array kPhases{
    std::pair{BackupProgress::pending, std::string_view{"pending"}},
    std::pair{BackupProgress::started, std::string_view{"started"}},
    std::pair{BackupProgress::running, std::string_view{"running"}},
    std::pair{BackupProgress::finalizing, std::string_view{"finalizing"}},
    std::pair{BackupProgress::completed, std::string_view{"completed"}},
    std::pair{BackupProgress::failed, std::string_view{"failed"}},
    std::pair{BackupProgress::wal_archiving_failing, std::string_view{"walArchivingFailing"}},
    std::pair{BackupProgress::invalid, std::string_view{"invalid backup definition"}},
};

BackupProgress progress_of(std::string_view phase) {
  if (phase.empty()) return BackupProgress::pending;
  for (const auto& [progress, name] : kPhases) {
    if (name == phase) return progress;
  }
  return BackupProgress::unknown;
}

std::optional<std::uint32_t> parse_timeline(std::string_view text) {
  std::uint32_t timeline = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, timeline);
  if (ec != std::errc{} || ptr != end || timeline == 0) return std::nullopt;
  return timeline;
}

std::optional<std::uint32_t> read_plugin_timeline(ApiObjectReader& reader, const ApiObjectReader::Section& status) {
  const auto metadata = reader.section(status, "pluginMetadata");
  const auto text = reader.string(metadata, "timeline");
  if (text.empty()) return std::nullopt;
  auto timeline = parse_timeline(text);
  if (!timeline) {
    reader.fail(ApiObjectReader::path_of(metadata, "timeline"), "must be a timeline number, got '" + text + "'");
  }
  return timeline;
}

std::vector<SnapshotElement> read_snapshots(ApiObjectReader& reader, const ApiObjectReader::Section& status) {
  const auto snapshot_status = reader.section(status, "snapshotBackupStatus");
  const auto* elements = reader.array(snapshot_status, "elements");
  std::vector<SnapshotElement> snapshots;
  if (elements == nullptr) return snapshots;
  const auto path = ApiObjectReader::path_of(snapshot_status, "elements");
  for (std::size_t i = 0; i < elements->size(); ++i) {
    const auto element = reader.element(*elements, path, i);
    snapshots.push_back({reader.required_string(element, "name"), reader.string(element, "type"),
                         reader.string(element, "tablespaceName")});
  }
  return snapshots;
}

void check_wal_name(ApiObjectReader& reader, const ApiObjectReader::Section& status, std::string_view key,
                    const std::string& name) {
  if (!name.empty() && !parse_wal_file_name(name)) {
    reader.fail(ApiObjectReader::path_of(status, key), "must be a 24-hex-digit WAL file name, got '" + name + "'");
  }
}

}  // namespace

std::string_view to_string(BackupProgress progress) {
  for (const auto& [value, name] : kPhases) {
    if (value == progress) return name;
  }
  return "unknown";
}

bool is_terminal(BackupProgress progress) {
  return progress == BackupProgress::completed || progress == BackupProgress::failed;
}

Result<BackupStatus> parse_backup_status(const boost::json::object& backup) {
  ApiObjectReader reader{"Backup", backup};
  const auto status = reader.section(reader.root(), "status");
  BackupStatus parsed;
  parsed.namespace_name = reader.namespace_name();
  parsed.object_name = reader.name();
  parsed.phase = reader.string(status, "phase");
  parsed.progress = progress_of(parsed.phase);
  parsed.backup_id = reader.string(status, "backupId");
  parsed.backup_name = reader.string(status, "backupName");
  parsed.begin_lsn = reader.lsn(status, "beginLSN");
  parsed.end_lsn = reader.lsn(status, "endLSN");
  parsed.begin_wal = reader.string(status, "beginWal");
  check_wal_name(reader, status, "beginWal", parsed.begin_wal);
  parsed.end_wal = reader.string(status, "endWal");
  check_wal_name(reader, status, "endWal", parsed.end_wal);
  parsed.started_at = reader.time(status, "startedAt");
  parsed.stopped_at = reader.time(status, "stoppedAt");
  parsed.error = reader.string(status, "error");
  parsed.method = reader.string(status, "method");
  parsed.plugin_timeline = read_plugin_timeline(reader, status);
  parsed.snapshots = read_snapshots(reader, status);
  return reader.finish(std::move(parsed));
}

Result<BackupInfo> to_backup_info(const BackupStatus& status) {
  const auto label = "Backup " + status.namespace_name + "/" + status.object_name;
  if (status.progress != BackupProgress::completed) {
    return make_error(ErrorCode::conflict, label + " is not completed (phase '" + status.phase +
                                               "'): wait for phase completed before recording the checkpoint");
  }
  const auto lacks = [&](std::string_view field, std::string_view why) {
    return make_error(ErrorCode::engine_error,
                      label + " is completed but has no " + std::string{field} + ": " + std::string{why});
  };
  if (status.backup_id.empty()) return lacks("status.backupId", "the restore cannot pin its base backup");
  if (!status.begin_lsn) return lacks("status.beginLSN", "the base backup's WAL range is unknown");
  if (!status.end_lsn) return lacks("status.endLSN", "the recovery point cannot be checked to lie after the backup");
  if (!status.started_at) return lacks("status.startedAt", "the backup's duration is unknown");
  if (!status.stopped_at) {
    return lacks("status.stoppedAt", "the recovery point cannot be checked to lie after the backup");
  }
  const auto wal = parse_wal_file_name(status.begin_wal);
  const auto timeline = wal ? std::optional<std::uint32_t>{wal->timeline} : status.plugin_timeline;
  if (!timeline) return lacks("status.beginWal or status.pluginMetadata.timeline", "the backup's timeline is unknown");

  BackupInfo info;
  info.backup_id = status.backup_id;
  info.name = status.object_name;
  info.begin_lsn = *status.begin_lsn;
  info.end_lsn = *status.end_lsn;
  info.timeline = *timeline;
  info.started_at = *status.started_at;
  info.stopped_at = *status.stopped_at;
  return info;
}

}  // namespace ckpt::cnpg
