// One local restore of a checkpoint, phase by phase. Each phase is recorded through
// the observer (durably) before the next one acts, and a phase already recorded in
// checkpoint.restore is not repeated. Pre-warmed path: when the checkpoint has a parked
// copy (engine/local/parked_copy.hpp) that is parked exactly at the target, its
// directory and port are the target, and the restore is only started, promoted and
// verified (no base_copied or recovery_started); a copy that is not parked there is
// named in a note and the cold path runs:
//   target    a free port (or the recorded one) and the data directory name are
//             recorded with assign_target() before anything is created;
//   started;
//   base_copied   the base backup is copied into place (recovery_directory.hpp);
//   recovery_started  WAL prefetch starts and `pg_ctl start` runs (not when the
//             instance already runs; a stopped one with recovery.signal is started again
//             in the same directory: never a second restore);
//   promoted  polled every 25 ms: `pg_ctl promote` is asked as soon as the instance
//             answers. Outside standby mode PostgreSQL acts on it only where recovery
//             pauses (recovery_target_action = pause), at the target, and ends recovery
//             with an end-of-recovery record and a background checkpoint instead of the
//             synchronous one 'promote' waits for (verification checks that recovery
//             stopped at the target); promoted once pg_is_in_recovery() is false. A postmaster that exits fails the
//             restore with its log's FATAL line. A restarted daemon finding the instance paused promotes it;
//   verified  see restored_instance.hpp;
//   cut_over  when asked, see cutover.hpp.
// The whole run has the cluster's restore deadline; every child process has a timeout.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "core/checkpoint.hpp"
#include "engine/engine.hpp"
#include "engine/local/local_context.hpp"
#include "engine/local/restore_layout.hpp"
#include "engine/local/tree_copy.hpp"
#include "engine/local/wal_prefetcher.hpp"

namespace ckpt::engine::local {

class RestoreRun {
 public:
  RestoreRun(const LocalContext& context, Checkpoint checkpoint, RestoreOptions options, RestoreObserver& observer);

  Task<RestoreOutcome> run();

 private:
  using Clock = std::chrono::steady_clock;
  struct PromotionRequest {
    Clock::time_point at;
    bool during_replay = false;  // false: the instance was already paused at the target
  };
  struct InstanceState {
    bool running = false;
    bool recovery_pending = false;  // recovery.signal still there
  };

  bool reached(std::string_view phase) const;
  boost::asio::awaitable<Result<void>> mark(std::string phase);
  boost::asio::awaitable<Result<void>> assign_target();
  boost::asio::awaitable<void> choose_parked_copy();
  boost::asio::awaitable<Result<void>> copy_base_backup();
  boost::asio::awaitable<Result<void>> recover();
  boost::asio::awaitable<Result<void>> promote_parked_copy();
  // Waits until the instance is out of recovery, asking it to promote once it answers
  // (recovering or paused); `promotion_asked` gets when and how that was.
  boost::asio::awaitable<Result<void>> wait_for_promotion(std::uintmax_t log_offset, Clock::time_point started,
                                                          std::optional<PromotionRequest>& promotion_asked);
  boost::asio::awaitable<Result<std::uint32_t>> verify();

  // Blocking steps, run on the pool.
  Result<void> check_prerequisites() const;
  InstanceState instance_state() const;
  Result<std::unique_ptr<WalPrefetcher>> start_prefetch() const;
  std::string describe_promotion(Clock::time_point started, std::optional<PromotionRequest> promotion_asked) const;
  Result<void> ensure_running() const;
  Result<std::uint32_t> restored_timeline() const;

  std::chrono::milliseconds time_left(std::chrono::milliseconds cap) const;
  Error step_failed(std::string_view step, Error cause) const;

  const LocalContext& context_;
  Checkpoint checkpoint_;
  RestoreOptions options_;
  RestoreObserver& observer_;
  RestoreLayout layout_;
  Clock::time_point deadline_;
  std::set<std::string, std::less<>> reached_;
  int port_ = 0;
  bool prewarmed_ = false;  // the target is the checkpoint's parked copy
};

}  // namespace ckpt::engine::local
