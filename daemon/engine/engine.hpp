// The engine interface: where a cluster's database lives and how a checkpoint and a
// restore are carried out there. Two implementations: `local` (PostgreSQL on this host)
// and `cnpg` (CloudNativePG through the Kubernetes API). The service drives engines
// through this interface only; every operation is a coroutine that never blocks an IO
// thread (blocking work goes to the engine's thread pool), has a deadline, and is
// idempotent: objects are named from the checkpoint id (core/checkpoint.hpp), so a
// retry or a restarted daemon finds what an earlier attempt created instead of
// creating a second one.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/begin_validation.hpp"
#include "core/checkpoint.hpp"
#include "core/restore_plan.hpp"
#include "core/result.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::engine {

template <typename T>
using Task = boost::asio::awaitable<Result<T>>;

struct RestoreOptions {
  bool cutover = false;
  std::string trigger = "manual";  // manual | auto
};

using ckpt::RestorePlan;

// Receives restore progress. Each call returns only once the mark is durably recorded,
// so an engine acts on a resource (a port, a directory, an applied object) only after
// the daemon can find it again after a crash.
class RestoreObserver {
 public:
  virtual ~RestoreObserver() = default;
  // Records the name of the object the restore creates and (local) the port it uses.
  virtual boost::asio::awaitable<Result<void>> assign_target(std::string target, int port) = 0;
  // Records that `phase` was reached now (phase names: see the engine's docs).
  virtual boost::asio::awaitable<Result<void>> reached(std::string phase) = 0;
  // Free-form progress for the checkpoint's timeline (not durable-critical).
  virtual boost::asio::awaitable<void> note(std::string message) = 0;
};

// What a periodic probe learns of a cluster for the metrics (daemon/app/cluster_probe.hpp,
// docs/metrics.md).
struct ClusterHealth {
  bool reachable = false;                           // the cluster answered (cnpg: the API and the database)
  std::optional<bool> wal_archiving_healthy;        // nullopt: the probe could not tell
  std::optional<double> last_archived_age_seconds;  // by the server's clock; nullopt: unknown or nothing archived
};

// What take_backup may reuse besides the age limit: with an RTO budget, a backup fresh
// enough by age is reused only when a restore from it to the current WAL position is
// predicted within the budget at `rates` (core/restore_prediction.hpp); otherwise a fresh
// one is taken and BackupInfo::reuse_declined says why.
struct BackupReuse {
  Millis rto_budget{0};  // 0: age alone decides
  RestoreRates rates;
};

struct RestoreOutcome {
  std::uint32_t restored_timeline = 0;
  bool cut_over = false;
};

class Engine {
 public:
  virtual ~Engine() = default;

  virtual std::string kind() const = 0;

  // Refuses (ErrorCode::refused with a core/begin_validation.hpp refusal reason) when a
  // checkpoint cannot be taken now: cluster unreachable, archive_mode off, WAL archiving
  // failing. The message says how to fix it.
  virtual Task<void> preflight() = 0;

  // Probes the cluster for the metrics: cheap, read-only, bounded by deadlines.preflight,
  // blocking work on the engine's pool. This default reads preflight()'s refusal reason
  // (no archive age); the engines override it with what they can read directly.
  virtual boost::asio::awaitable<ClusterHealth> probe_health() {
    auto checked = co_await preflight();
    ClusterHealth health;
    if (checked) {
      health.reachable = true;
      health.wal_archiving_healthy = true;
      co_return health;
    }
    // Anything but these reasons (cluster_unreachable, an error without a reason) leaves
    // the cluster unreachable and its archiving unknown.
    const auto& reason = checked.error().reason;
    if (reason == refusal::archive_mode_off || reason == refusal::wal_archive_failing) {
      health.reachable = true;
      health.wal_archiving_healthy = false;
    } else if (reason == refusal::cluster_not_healthy) {
      health.reachable = true;
    }
    co_return health;
  }

  // Takes the base backup for `checkpoint`, or reuses one younger than the configured
  // maximum age that `reuse` allows. Idempotent: a completed backup with the
  // checkpoint's name is returned as is; a partial one is discarded and redone.
  virtual Task<BackupInfo> take_backup(const Checkpoint& checkpoint, const BackupReuse& reuse) = 0;

  // After the backup: records server time, LSN, timeline and a named restore point,
  // switches WAL and waits (with its deadline) until the segment holding the target
  // is archived. Refuses with `wal_archive_failing` when it is not archived in time.
  virtual Task<RecoveryPoint> record_recovery_point(const Checkpoint& checkpoint) = 0;

  // The cluster's primary as a migration connects to it (the daemon's SQL runner, and
  // the libpq environment of a wrapped command): no statement timeout, the caller sets
  // the session's own.
  virtual pg::ConnParams migration_connection() const = 0;

  // Hash over a normalised catalog query (tables, columns, types, defaults,
  // constraints, indexes) of the live cluster.
  virtual Task<std::string> schema_fingerprint() = 0;

  // Whether a restore of `checkpoint` can cut over (swap the restored copy into place):
  // ok, or ErrorCode::bad_request naming the engine and what to do instead. The service
  // asks before it records anything, so a refused `restore --cutover` leaves the
  // checkpoint as it was.
  virtual Result<void> check_cutover(const Checkpoint& checkpoint) const = 0;

  // Describes the restore without acting.
  virtual Task<RestorePlan> plan_restore(const Checkpoint& checkpoint, const RestoreOptions& options) = 0;

  // Restores `checkpoint` into a new target, verifies it (not in recovery, new
  // timeline, schema fingerprint equal to the checkpoint's, recovery stopped at the
  // target), and cuts over when asked. Resumes from `checkpoint.restore` (target, port,
  // phases already reached) after a daemon restart without starting a second restore.
  virtual Task<RestoreOutcome> restore(const Checkpoint& checkpoint, const RestoreOptions& options,
                                       RestoreObserver& observer) = 0;

  // Pre-warmed restores: a copy of the checkpoint recovered up to its target and paused
  // there (Checkpoint::parked_copy, core/parked_copy_policy.hpp), which restore()
  // promotes when it is parked exactly at the target. Engines that do not park copies
  // keep these defaults (cnpg: docs/cnpg.md says what CNPG lacks for it).
  // Whether the cluster asks for parked copies.
  virtual bool parks_copies() const { return false; }
  // Where the checkpoint's copy goes (target, port, estimated disk), state building,
  // without creating anything. Blocking but quick.
  virtual Result<ParkedCopy> plan_parked_copy(const Checkpoint& checkpoint) {
    (void)checkpoint;
    return make_error(ErrorCode::bad_request, "the " + kind() + " engine does not park copies for pre-warmed restores");
  }
  // Builds the copy recorded in checkpoint.parked_copy and waits until it is paused at
  // the target; returns it parked. Idempotent.
  virtual Task<ParkedCopy> build_parked_copy(const Checkpoint& checkpoint) { co_return plan_parked_copy(checkpoint); }
  // Stops and removes the recorded copy. Idempotent: a copy already gone is success.
  virtual Task<void> remove_parked_copy(const Checkpoint& checkpoint) {
    (void)checkpoint;
    co_return Result<void>{};
  }

  // Removes the scratch target a drill restored into (local: stops the restored instance
  // and removes its data directory; cnpg: deletes the recovery Cluster it created, once
  // its labels say it is this checkpoint's). Besides parked copies, the only removal the
  // daemon does by itself, and only of a drill's own target: refused (bad_request) for any
  // other checkpoint.
  // Idempotent: a target already gone is success.
  virtual Task<void> remove_drill_target(const Checkpoint& checkpoint) = 0;
};

}  // namespace ckpt::engine
