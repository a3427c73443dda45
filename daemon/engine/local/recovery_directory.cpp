#include "engine/local/recovery_directory.hpp"

#include "engine/local/backup_metadata.hpp"
#include "engine/local/durable_fs.hpp"
#include "engine/local/recovery_settings.hpp"
#include "engine/local/restore_plan.hpp"

namespace ckpt::engine::local {
namespace {

namespace fs = std::filesystem;

// Files of a base backup that do not belong in a data directory being started.
const std::vector<std::string>& not_copied() {
  static const std::vector<std::string> names{"postmaster.pid", "postmaster.opts", std::string{kBackupMetadataFile}};
  return names;
}

}  // namespace

Result<TreeCopyStats> prepare_recovery_directory(const LocalContext& context, const Checkpoint& checkpoint,
                                                 const RestoreLayout& layout, int port) {
  std::error_code error;
  if (fs::exists(layout.data_directory, error)) return TreeCopyStats{};  // finished earlier: never copied again
  if (auto removed = remove_tree(layout.partial); !removed) return removed.error();
  auto copied = copy_tree(checkpoint.backup->name, layout.partial, not_copied(), context.local.restore_parallelism);
  if (!copied) return copied;
  const auto conf_file = layout.partial / "postgresql.auto.conf";
  std::string conf;
  if (fs::exists(conf_file, error)) {
    auto existing = read_text_file(conf_file);
    if (!existing) return std::move(existing).error();
    conf = std::move(existing.value());
  }
  const auto block = render_recovery_block(recovery_settings_for(context, checkpoint, layout, port));
  if (auto written = write_file_synced(conf_file, with_managed_block(conf, block)); !written) return written.error();
  if (auto signal = write_file_synced(layout.partial / "recovery.signal", ""); !signal) return signal.error();
  if (auto synced = sync_file_system_of(layout.partial); !synced) return synced.error();
  if (auto renamed = rename_durably(layout.partial, layout.data_directory); !renamed) return renamed.error();
  return copied;
}

}  // namespace ckpt::engine::local
