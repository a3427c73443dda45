#include "engine/local/backup_store.hpp"

#include <fmt/format.h>

#include "core/begin_validation.hpp"
#include "core/restore_prediction.hpp"
#include "engine/local/backup_metadata.hpp"
#include "engine/local/backup_wal_range.hpp"
#include "engine/local/durable_fs.hpp"
#include "engine/local/tree_copy.hpp"

namespace ckpt::engine::local {
namespace {

constexpr std::string_view kPartialSuffix = ".partial";

std::filesystem::path partial_of(const std::filesystem::path& directory) {
  return directory.string() + std::string{kPartialSuffix};
}

Error backup_failure(const std::string& cluster, Error cause) {
  const bool late = cause.code == ErrorCode::deadline_exceeded;
  cause.message = "base backup of cluster " + cluster + " failed: " + cause.message;
  cause.code = ErrorCode::refused;
  cause.reason = late ? refusal::deadline_exceeded : refusal::backup_failed;
  return cause;
}

BackupInfo with_size(BackupInfo info) {
  info.size_bytes = directory_bytes(info.name);
  return info;
}

// Why `candidate` must not be reused under `reuse`'s budget; nullopt when it may be.
std::optional<std::string> reuse_refusal(const BackupInfo& candidate, Lsn insert_lsn, const BackupReuse& reuse) {
  if (reuse.rto_budget.count() <= 0 || insert_lsn < candidate.begin_lsn) return std::nullopt;
  const auto prediction =
      predict_restore(candidate.size_bytes, insert_lsn.value - candidate.begin_lsn.value, reuse.rates);
  if (within_budget(prediction, reuse.rto_budget)) return std::nullopt;
  return fmt::format(
      "reusing base backup {} would give a restore of about {:.1f} s ({} MB of WAL to replay since its start), "
      "over the rto_budget of {}",
      candidate.backup_id, prediction.seconds, prediction.wal_bytes / 1'000'000, format_duration(reuse.rto_budget));
}

}  // namespace

BackupStore::BackupStore(std::string cluster, config::LocalCluster local, std::shared_ptr<spdlog::logger> logger)
    : cluster_(std::move(cluster)), local_(std::move(local)), logger_(std::move(logger)) {}

PgTools BackupStore::tools_for(std::string_view checkpoint_id) const {
  PgTools tools{local_.bin_directory, local_.password_file, std::nullopt};
  if (logger_)
    tools.log = obs::ContextLogger{logger_, {{"checkpoint", std::string{checkpoint_id}}, {"cluster", cluster_}}};
  return tools;
}

std::filesystem::path BackupStore::directory_for(std::string_view checkpoint_id) const {
  return local_.backup_directory / backup_object_name(cluster_, checkpoint_id);
}

Result<BackupInfo> BackupStore::find_or_take(std::string_view checkpoint_id, std::optional<ServerPosition> position,
                                             const BackupReuse& reuse, std::chrono::milliseconds timeout) const {
  const auto own = directory_for(checkpoint_id);
  std::error_code error;
  if (std::filesystem::exists(own, error)) {
    auto metadata = read_backup_metadata(own);
    if (!metadata) return backup_failure(cluster_, std::move(metadata).error());
    return with_size(to_backup_info(metadata.value(), own, false));
  }
  std::string declined;
  if (local_.backup_max_age.count() > 0 && position) {
    if (auto fresh = reusable(std::chrono::system_clock::now(), position->timeline)) {
      auto candidate = with_size(*fresh);
      auto refusal = reuse_refusal(candidate, position->insert_lsn, reuse);
      if (!refusal) return candidate;
      declined = std::move(*refusal);
    }
  }
  auto taken = take(checkpoint_id, timeout);
  if (!taken) return backup_failure(cluster_, std::move(taken).error());
  auto info = with_size(std::move(taken).value());
  info.reuse_declined = std::move(declined);
  return info;
}

std::optional<BackupInfo> BackupStore::reusable(TimePoint now, std::uint32_t timeline) const {
  std::optional<BackupInfo> newest;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(local_.backup_directory, error)) {
    if (!entry.is_directory(error) || entry.path().string().ends_with(kPartialSuffix)) continue;
    const auto metadata = read_backup_metadata(entry.path());
    if (!metadata || metadata->cluster != cluster_ || metadata->timeline != timeline) continue;
    if (!newest || metadata->stopped_at > newest->stopped_at)
      newest = to_backup_info(metadata.value(), entry.path(), true);
  }
  if (newest && now - newest->stopped_at < local_.backup_max_age) return newest;
  return std::nullopt;
}

Result<BackupInfo> BackupStore::take(std::string_view checkpoint_id, std::chrono::milliseconds timeout) const {
  const auto final_directory = directory_for(checkpoint_id);
  const auto partial = partial_of(final_directory);
  if (auto made = ensure_private_directory(local_.backup_directory); !made) return made.error();
  if (auto removed = remove_tree(partial); !removed) return removed.error();

  BackupMetadata metadata;
  metadata.cluster = cluster_;
  metadata.checkpoint_id = std::string{checkpoint_id};
  metadata.backup_id = final_directory.filename().string();
  metadata.started_at = std::chrono::system_clock::now();
  const auto tools = tools_for(checkpoint_id);
  if (auto copied = tools.base_backup(local_, partial, metadata.backup_id, timeout); !copied) return copied.error();
  metadata.stopped_at = std::chrono::system_clock::now();

  auto range = read_backup_wal_range(partial);
  if (!range) return std::move(range).error();
  metadata.begin_lsn = range->begin;
  metadata.end_lsn = range->end;
  metadata.timeline = range->timeline;
  auto segment_size = tools.wal_segment_size(partial, std::chrono::seconds{30});
  if (!segment_size) return std::move(segment_size).error();
  metadata.wal_segment_size = segment_size.value();

  if (auto written = write_file_synced(partial / kBackupMetadataFile, render_backup_metadata(metadata)); !written) {
    return written.error();
  }
  if (auto synced = sync_file_system_of(partial); !synced) return synced.error();
  if (auto renamed = rename_durably(partial, final_directory); !renamed) return renamed.error();
  return to_backup_info(metadata, final_directory, false);
}

}  // namespace ckpt::engine::local
