#include "engine/local/restore_plan.hpp"

#include "core/parked_copy_policy.hpp"
#include "engine/common/restorable.hpp"

namespace ckpt::engine::local {

RestoreLayout restore_layout_for(const LocalContext& context, const Checkpoint& checkpoint) {
  const auto& record = checkpoint.restore;
  if (record && !record->target.empty()) return RestoreLayout::at(record->target);
  const int attempt = record ? record->attempt : 1;
  return RestoreLayout::at(context.local.restore_directory / restore_target_name(context.cluster, checkpoint, attempt));
}

RecoverySettings recovery_settings_for(const LocalContext& context, const Checkpoint& checkpoint,
                                       const RestoreLayout& layout, std::optional<int> port) {
  RecoverySettings settings;
  settings.port = port;
  settings.socket_directory = layout.data_directory.parent_path();
  settings.spool_directory = layout.spool;
  settings.archive_directory = context.local.archive_directory;
  settings.target_lsn = checkpoint.recovery_point->target_lsn;
  settings.timeline = checkpoint.recovery_point->timeline;
  settings.cluster_name = layout.name;
  return settings;
}

std::filesystem::path replaced_data_directory(const LocalContext& context, const Checkpoint& checkpoint) {
  return context.local.data_directory.string() + ".replaced-" + checkpoint.id;
}

Result<RestorePlan> describe_restore(const LocalContext& context, const Checkpoint& checkpoint,
                                     const RestoreOptions& options) {
  if (auto restorable = require_restorable(checkpoint); !restorable) return restorable.error();
  const auto& backup = *checkpoint.backup;
  const auto& point = *checkpoint.recovery_point;
  const auto layout = restore_layout_for(context, checkpoint);
  const bool port_known = checkpoint.restore && checkpoint.restore->port > 0;
  const auto port = port_known ? std::optional<int>{checkpoint.restore->port} : std::nullopt;
  const auto workers = std::to_string(context.local.restore_parallelism);
  const auto target = format_lsn(point.target_lsn);

  RestorePlan plan;
  plan.engine = "local";
  plan.target = layout.data_directory.string();
  plan.base_backup = backup.name;
  plan.recovery_target = "lsn " + target + " (exclusive) on timeline " + std::to_string(point.timeline) +
                         ", restore point " + point.restore_point;
  plan.manifest = render_recovery_block(recovery_settings_for(context, checkpoint, layout, port));
  plan.steps = {
      port ? "reuse port " + std::to_string(*port) + " recorded for " + plan.target
           : "pick a free TCP port and record it with the target " + plan.target,
      "copy the base backup " + backup.name + " into " + plan.target + " with " + workers +
          " parallel workers (through " + layout.partial.string() + ")",
      "append the recovery settings to " + (layout.data_directory / "postgresql.auto.conf").string() +
          " and create recovery.signal",
      "prefetch the WAL from " + format_lsn(backup.begin_lsn) + " to " + target + " out of " +
          context.local.archive_directory.string() + " into " + layout.spool.string() + " with " + workers + " workers",
      "start PostgreSQL (log " + layout.log_file.string() + "), ask it to promote (pg_ctl promote) as soon as it "
          "answers, and wait until it has replayed to " + target + ", paused there and promoted",
      "verify: not in recovery, a timeline after " + std::to_string(point.timeline) +
          ", the timeline history records the stop before " + target +
          ", the schema fingerprint equals the checkpoint's",
  };
  const auto& parked = checkpoint.parked_copy;
  if (parked && parked->state == parked_copy_state::parked && !checkpoint.restore) {
    plan.steps.insert(plan.steps.begin(),
                      "pre-warmed: if the parked copy " + parked->target + " (port " + std::to_string(parked->port) +
                          ") is still paused exactly at " + target +
                          ", promote it and verify it instead of the steps that copy, prefetch and replay");
  }
  if (options.cutover) {
    plan.steps.push_back("cut over: stop the restored instance and the original, rename " +
                         context.local.data_directory.string() + " to " +
                         replaced_data_directory(context, checkpoint).string() + " (kept), move " + plan.target +
                         " into its place, restore port " + std::to_string(context.local.port) +
                         " and archiving, start it and check that it answers");
  } else {
    plan.steps.push_back("leave the original cluster untouched; the restored instance keeps running on its own port");
  }
  return plan;
}

}  // namespace ckpt::engine::local
