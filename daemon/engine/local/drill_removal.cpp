#include "engine/local/drill_removal.hpp"

#include "engine/common/drill_target.hpp"
#include "engine/local/durable_fs.hpp"
#include "engine/local/postmaster.hpp"
#include "engine/local/restore_layout.hpp"

namespace ckpt::engine::local {

Result<void> remove_drill_restore(const LocalContext& context, const Checkpoint& checkpoint) {
  auto name = drill_target_name(checkpoint, context.cluster);
  if (!name) return std::move(name).error();
  if (name->empty()) return {};
  const auto layout = RestoreLayout::at(context.local.restore_directory / *name);
  if (std::filesystem::path{checkpoint.restore->target} != layout.data_directory) {
    return make_error(ErrorCode::bad_request, "drill '" + checkpoint.id + "' recorded the restore target '" +
                                                  checkpoint.restore->target + "' outside restore_directory " +
                                                  context.local.restore_directory.string() + "; it is kept");
  }
  if (postmaster_running(layout.data_directory)) {
    if (auto stopped = context.tools().stop(layout.data_directory, context.deadlines.preflight); !stopped) {
      return std::move(stopped).error();
    }
  }
  for (const auto& path : {layout.data_directory, layout.partial, layout.spool, layout.log_file}) {
    if (auto removed = remove_tree(path); !removed) return removed;
  }
  context.logger->info("cluster={} checkpoint={} drill scratch instance {} stopped and removed", context.cluster,
                       checkpoint.id, layout.data_directory.string());
  return {};
}

}  // namespace ckpt::engine::local
