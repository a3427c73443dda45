// The rules a `begin` request must meet before anything runs. A request that breaks
// them is refused (ErrorCode::refused) with a machine-readable reason and a message
// that names the field and the fix. No approved rollback window means no migration.
#pragma once

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt {

// Refusal reasons (the `reason` field of a refused checkpoint and the label of
// checkpointd_checkpoint_refusals_total).
namespace refusal {
inline constexpr const char* missing_rollback_window = "missing_rollback_window";
inline constexpr const char* missing_owner = "missing_owner";
inline constexpr const char* missing_approver = "missing_approver";
inline constexpr const char* unknown_cluster = "unknown_cluster";
inline constexpr const char* cluster_unreachable = "cluster_unreachable";
// cnpg: the CNPG Cluster is not in a healthy state (phase and Ready condition).
inline constexpr const char* cluster_not_healthy = "cluster_not_healthy";
inline constexpr const char* archive_mode_off = "archive_mode_off";
inline constexpr const char* wal_archive_failing = "wal_archive_failing";
inline constexpr const char* cluster_busy = "cluster_busy";
inline constexpr const char* backup_failed = "backup_failed";
inline constexpr const char* deadline_exceeded = "deadline_exceeded";
inline constexpr const char* aborted = "aborted";
// The approver of the rollback window is its owner: the approval path needs two people.
inline constexpr const char* approver_is_owner = "approver_is_owner";
// An expand migration holds a destructive statement (or an unreviewed unknown one).
inline constexpr const char* destructive_statement = "destructive_statement";
// A contract migration whose expand migration's go/no-go does not pass.
inline constexpr const char* contract_gate = "contract_gate";
// A restore of the checkpoint is predicted to take longer than the cluster's rto_budget
// (core/restore_prediction.hpp), from a fresh base backup (a reused one that is too far
// behind is replaced by a fresh one first). Drills are never refused for it: they measure.
inline constexpr const char* rto_budget_exceeded = "rto_budget_exceeded";
}  // namespace refusal

// Fields are checked in the order: migration_id, cluster (present and safe as part
// of object names), then window duration, owner, approver, and approver != owner
// (trimmed, case-insensitive: the approval path needs a second person). A drill's
// request has no window: only migration_id and cluster are checked.
Result<void> validate_begin(const BeginRequest& request);

// Cluster names end up in Kubernetes object names and directory names: lowercase
// letters, digits and '-', starting with a letter, at most 40 characters.
bool is_valid_cluster_name(std::string_view name);

// The same person written twice: equal once trimmed, ignoring ASCII case.
bool same_person(std::string_view a, std::string_view b);

}  // namespace ckpt
