// The life of a pre-warmed restore's parked copy (Checkpoint::parked_copy), decided from
// the checkpoint alone. States: building (being copied and recovered), parked (paused at
// the recovery target), failed (could not be built; removed), used (a restore promoted
// it: it is the restored instance now, never removed by checkpointd), removed (gone).
// A copy is kept while a restore to its checkpoint may still come: during the rollback
// window, while a restore runs, and for the window's duration after a failure or a failed
// restore (the on-call decides); otherwise it is removed. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/checkpoint.hpp"

namespace ckpt::parked_copy_state {
inline constexpr std::string_view building = "building";
inline constexpr std::string_view parked = "parked";
inline constexpr std::string_view failed = "failed";
inline constexpr std::string_view used = "used";
inline constexpr std::string_view removed = "removed";
}  // namespace ckpt::parked_copy_state

namespace ckpt {

// The disk a parked copy is expected to take: the base backup plus the WAL from its start
// to `target` (replayed segments stay in the copy's pg_wal).
std::uint64_t parked_copy_bytes(const BackupInfo& backup, Lsn target);
// "<n> MiB", rounded up.
std::string describe_disk(std::uint64_t bytes);

// The restore of `checkpoint` ran (or runs) in its parked copy: the restore's target is
// the copy's data directory.
bool restore_uses_parked_copy(const Checkpoint& checkpoint);

// RestoreRecord::path of the checkpoint's restore: "pre-warmed" or "cold".
std::string restore_path_of(const Checkpoint& checkpoint);

// The parked copy is to stay (or be built) at `now`. False without a parked copy, for a
// drill, and for a copy a restore used.
bool parked_copy_wanted(const Checkpoint& checkpoint, TimePoint now);

// The copy exists on disk or may (building, parked, failed) and is no longer wanted:
// checkpointd removes it.
bool parked_copy_to_remove(const Checkpoint& checkpoint, TimePoint now);

}  // namespace ckpt
