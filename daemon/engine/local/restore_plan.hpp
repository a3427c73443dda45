// What a local restore of a checkpoint will do and where, derived without side effects:
// its layout (a recorded target wins over the computed name, so a resumed restore
// finds its directory), the recovery settings it writes, and the RestorePlan shown
// by `restore --dry-run`.
#pragma once

#include <optional>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/engine.hpp"
#include "engine/local/local_context.hpp"
#include "engine/local/recovery_settings.hpp"
#include "engine/local/restore_layout.hpp"

namespace ckpt::engine::local {

RestoreLayout restore_layout_for(const LocalContext& context, const Checkpoint& checkpoint);

// `port` nullopt: not chosen yet (a plan).
RecoverySettings recovery_settings_for(const LocalContext& context, const Checkpoint& checkpoint,
                                       const RestoreLayout& layout, std::optional<int> port);

// "<data_directory>.replaced-<checkpoint id>": where cut-over keeps the original.
std::filesystem::path replaced_data_directory(const LocalContext& context, const Checkpoint& checkpoint);

Result<RestorePlan> describe_restore(const LocalContext& context, const Checkpoint& checkpoint,
                                     const RestoreOptions& options);

}  // namespace ckpt::engine::local
