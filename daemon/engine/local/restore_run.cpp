#include "engine/local/restore_run.hpp"

#include <spdlog/fmt/fmt.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/duration.hpp"
#include "core/parked_copy_policy.hpp"
#include "engine/common/restorable.hpp"
#include "engine/local/backup_metadata.hpp"
#include "engine/local/cutover.hpp"
#include "engine/local/durable_fs.hpp"
#include "engine/local/free_port.hpp"
#include "engine/local/instance_probe.hpp"
#include "engine/local/parked_copy.hpp"
#include "engine/local/postmaster.hpp"
#include "engine/local/recovery_directory.hpp"
#include "engine/local/restore_plan.hpp"
#include "engine/local/restored_instance.hpp"
#include "net/blocking.hpp"
#include "pg/instance_state.hpp"
#include "pg/session.hpp"

namespace ckpt::engine::local {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using boost::asio::awaitable;

constexpr auto kProbeInterval = 25ms;
constexpr auto kProcessCap = std::chrono::milliseconds(120s);
constexpr std::size_t kPrefetchWindow = 64;

// Built outside coroutine bodies: GCC 12 mishandles conditional-expression temporaries
// in co_await full-expressions.
std::string describe_prefetch(const WalPrefetchStats& stats) {
  std::string text = fmt::format("WAL prefetch: {} segments spooled, {} taken by recovery, {} not in the archive",
                                 stats.fetched, stats.consumed, stats.missing);
  if (stats.first_error) text += "; first error: " + stats.first_error->message;
  return text;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Why a parked copy that is not parked cannot serve the restore.
std::string describe_unusable_copy(const ParkedCopy& copy) {
  std::string line = "pre-warmed restore not possible, cold restore instead: the parked copy";
  if (!copy.target.empty()) line += " " + copy.target;
  line += " is " + copy.state;
  if (!copy.message.empty()) line += " (" + copy.message + ")";
  return line;
}

}  // namespace

RestoreRun::RestoreRun(const LocalContext& context, Checkpoint checkpoint, RestoreOptions options,
                       RestoreObserver& observer)
    : context_(context),
      checkpoint_(std::move(checkpoint)),
      options_(std::move(options)),
      observer_(observer),
      layout_(restore_layout_for(context_, checkpoint_)),
      deadline_(Clock::now() + context.deadlines.restore),
      prewarmed_(restore_uses_parked_copy(checkpoint_)) {
  if (checkpoint_.restore) {
    for (const auto& mark : checkpoint_.restore->phases) reached_.insert(mark.phase);
  }
}

Task<RestoreOutcome> RestoreRun::run() {
  auto& pool = *context_.pool;
  if (auto ready = co_await net::run_blocking(pool, [this] { return check_prerequisites(); }); !ready) {
    co_return step_failed("checking what the restore needs", ready.error());
  }
  if (auto assigned = co_await assign_target(); !assigned) co_return assigned.error();
  if (auto marked = co_await mark("started"); !marked) co_return marked.error();
  if (prewarmed_) {
    if (!reached("promoted")) {
      if (auto promoted = co_await promote_parked_copy(); !promoted) co_return promoted.error();
    }
  } else if (!reached("base_copied")) {
    if (auto copied = co_await copy_base_backup(); !copied) co_return copied.error();
  }
  if (!reached("promoted")) {
    if (auto recovered = co_await recover(); !recovered) co_return recovered.error();
    if (auto marked = co_await mark("promoted"); !marked) co_return marked.error();
  }
  RestoreOutcome outcome;
  if (!reached("verified")) {
    auto verified = co_await verify();
    if (!verified) co_return verified.error();
    outcome.restored_timeline = verified.value();
  } else {
    auto known = co_await net::run_blocking(pool, [this] { return restored_timeline(); });
    if (!known) co_return step_failed("finding the restored timeline", known.error());
    outcome.restored_timeline = known.value();
  }
  outcome.cut_over = reached("cut_over");
  if (options_.cutover && !outcome.cut_over) {
    auto moved =
        co_await net::run_blocking(pool, [this] { return cut_over(context_, checkpoint_, layout_, deadline_); });
    if (!moved) co_return moved.error();
    if (auto marked = co_await mark("cut_over"); !marked) co_return marked.error();
    outcome.cut_over = true;
  }
  co_return outcome;
}

bool RestoreRun::reached(std::string_view phase) const {
  return reached_.contains(phase);
}

awaitable<Result<void>> RestoreRun::mark(std::string phase) {
  if (reached(phase)) co_return Result<void>{};
  auto recorded = co_await observer_.reached(phase);
  if (!recorded) co_return recorded;
  context_.logger->info("cluster={} checkpoint={} restore {} reached phase {}", context_.cluster, checkpoint_.id,
                        layout_.name, phase);
  reached_.insert(std::move(phase));
  co_return Result<void>{};
}

awaitable<Result<void>> RestoreRun::assign_target() {
  const auto& record = checkpoint_.restore;
  if (record && !record->target.empty() && record->port > 0) {
    port_ = record->port;
    co_return Result<void>{};
  }
  co_await choose_parked_copy();
  if (prewarmed_) co_return co_await observer_.assign_target(layout_.data_directory.string(), port_);
  auto port = pick_free_tcp_port();
  if (!port) co_return step_failed("choosing a port", port.error());
  port_ = port.value();
  co_return co_await observer_.assign_target(layout_.data_directory.string(), port_);
}

awaitable<void> RestoreRun::choose_parked_copy() {
  const auto& parked = checkpoint_.parked_copy;
  if (!parked) co_return;
  if (parked->state != parked_copy_state::parked) {
    co_await observer_.note(describe_unusable_copy(*parked));
    co_return;
  }
  auto usable =
      co_await net::run_blocking(*context_.pool, [this] { return check_parked_at_target(context_, checkpoint_); });
  if (!usable) {
    co_await observer_.note("pre-warmed restore not possible, cold restore instead: the parked copy " + parked->target +
                            " is not parked at the target: " + usable.error().message);
    co_return;
  }
  prewarmed_ = true;
  layout_ = RestoreLayout::at(parked->target);
  port_ = parked->port;
  co_await observer_.note("pre-warmed restore: the parked copy " + parked->target + " (port " + std::to_string(port_) +
                          ") is paused at the target; promoting it");
}

awaitable<Result<void>> RestoreRun::promote_parked_copy() {
  const auto started = Clock::now();
  const auto log_offset = size_or_zero(layout_.log_file);
  // A copy stopped since it was chosen (a host restart) recovers to its pause again.
  auto running = co_await net::run_blocking(*context_.pool, [this]() -> Result<void> {
    if (instance_state().running) return {};
    return context_.tools(checkpoint_.id)
        .start(layout_.data_directory, layout_.log_file, false, time_left(kProcessCap));
  });
  if (!running) co_return step_failed("starting the parked copy again", running.error());
  std::optional<PromotionRequest> promotion_asked;
  auto promoted = co_await wait_for_promotion(log_offset, started, promotion_asked);
  if (!promoted) co_return promoted;
  co_await observer_.note(describe_promotion(started, promotion_asked));
  co_return co_await mark("promoted");
}

awaitable<Result<void>> RestoreRun::copy_base_backup() {
  const auto started = Clock::now();
  auto copied = co_await net::run_blocking(
      *context_.pool, [this] { return prepare_recovery_directory(context_, checkpoint_, layout_, port_); });
  if (!copied) co_return step_failed("copying the base backup", copied.error());
  if (copied->files > 0) {
    co_await observer_.note(fmt::format(
        "copied the base backup {} into {}: {} files, {:.1f} MiB in {:.2f} s with {} workers", checkpoint_.backup->name,
        layout_.data_directory.string(), copied->files, static_cast<double>(copied->bytes) / (1024.0 * 1024.0),
        seconds_since(started), context_.local.restore_parallelism));
  }
  co_return co_await mark("base_copied");
}

awaitable<Result<void>> RestoreRun::recover() {
  auto& pool = *context_.pool;
  const auto log_offset = size_or_zero(layout_.log_file);
  const auto state = co_await net::run_blocking(pool, [this] { return instance_state(); });
  const auto started = Clock::now();
  std::unique_ptr<WalPrefetcher> prefetcher;
  if (!state.running) {
    if (state.recovery_pending) {
      auto spool = co_await net::run_blocking(pool, [this] { return start_prefetch(); });
      if (!spool) co_return step_failed("prefetching WAL", spool.error());
      prefetcher = std::move(spool.value());
    }
    auto launched = co_await net::run_blocking(pool, [this] {
      return context_.tools(checkpoint_.id)
          .start(layout_.data_directory, layout_.log_file, false, time_left(kProcessCap));
    });
    if (!launched) co_return step_failed("starting recovery", launched.error());
  }
  if (auto marked = co_await mark("recovery_started"); !marked) co_return marked;
  std::optional<PromotionRequest> promotion_asked;
  auto promoted = co_await wait_for_promotion(log_offset, started, promotion_asked);
  const auto prefetched = co_await net::run_blocking(pool, [this, &prefetcher] {
    std::optional<WalPrefetchStats> stats;
    if (prefetcher) {
      prefetcher->stop();
      stats = prefetcher->stats();
      prefetcher.reset();
    }
    if (auto removed = remove_tree(layout_.spool); !removed) {
      context_.logger->warn("cluster={} checkpoint={} {}", context_.cluster, checkpoint_.id, removed.error().message);
    }
    return stats;
  });
  if (!promoted) co_return promoted;
  if (prefetched) co_await observer_.note(describe_prefetch(*prefetched));
  co_await observer_.note(describe_promotion(started, promotion_asked));
  co_return Result<void>{};
}

awaitable<Result<void>> RestoreRun::wait_for_promotion(std::uintmax_t log_offset, Clock::time_point started,
                                                       std::optional<PromotionRequest>& promotion_asked) {
  auto& pool = *context_.pool;
  InstanceProbe probe{layout_.data_directory, layout_.log_file, context_.restored_connection(port_, 2s, checkpoint_.id),
                      log_offset, started};
  const auto executor = co_await boost::asio::this_coro::executor;
  boost::asio::steady_timer timer{executor};
  for (;;) {
    const auto seen = co_await net::run_blocking(pool, [&probe] { return probe.look(); });
    if (seen == InstanceProbe::Seen::promoted) co_return Result<void>{};
    // Asked as soon as the instance answers: outside standby mode PostgreSQL acts on a
    // promotion request only once recovery pauses at the target, and then at once (a
    // request made during the pause waits for its next one-second check).
    const bool answering = seen == InstanceProbe::Seen::recovering || seen == InstanceProbe::Seen::paused;
    if (answering && !promotion_asked) {
      promotion_asked = PromotionRequest{Clock::now(), seen == InstanceProbe::Seen::recovering};
      auto asked = co_await net::run_blocking(pool, [this] {
        return context_.tools(checkpoint_.id).promote(layout_.data_directory, time_left(kProcessCap));
      });
      if (!asked) co_return step_failed("promotion", asked.error());
      continue;
    }
    if (seen == InstanceProbe::Seen::exited) {
      co_return step_failed(
          "recovery",
          make_error(ErrorCode::failed, "PostgreSQL stopped before it reached the recovery target " +
                                            format_lsn(checkpoint_.recovery_point->target_lsn) + ": " +
                                            probe.exit_message() + " (server log " + layout_.log_file.string() + ")"));
    }
    if (Clock::now() >= deadline_) {
      co_await net::run_blocking(pool, [&probe] { probe.disconnect(); });
      co_return step_failed(
          "recovery",
          make_error(ErrorCode::deadline_exceeded,
                     "recovery did not reach the target " + format_lsn(checkpoint_.recovery_point->target_lsn) +
                         " and promote within " + format_duration(context_.deadlines.restore) +
                         "; the instance keeps running for inspection (server log " + layout_.log_file.string() + ")"));
    }
    timer.expires_after(kProbeInterval);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
}

awaitable<Result<std::uint32_t>> RestoreRun::verify() {
  auto verified = co_await net::run_blocking(*context_.pool, [this]() -> Result<VerifiedRestore> {
    if (auto running = ensure_running(); !running) return running.error();
    return verify_restored_instance(context_, checkpoint_, layout_.data_directory, port_);
  });
  if (!verified) co_return step_failed("verification", verified.error());
  if (!verified->fingerprint_compared) {
    co_await observer_.note("the checkpoint has no schema fingerprint, so the restored schema was not compared");
  }
  if (auto marked = co_await mark("verified"); !marked) co_return marked.error();
  co_return verified->timeline;
}

Result<void> RestoreRun::check_prerequisites() const {
  if (auto restorable = require_restorable(checkpoint_); !restorable) return restorable;
  if (auto made = ensure_private_directory(context_.local.restore_directory); !made) return made;
  std::error_code error;
  if (!reached("base_copied") && !fs::exists(layout_.data_directory, error)) {
    const fs::path backup{checkpoint_.backup->name};
    if (auto complete = read_backup_metadata(backup); !complete) {
      return make_error(ErrorCode::failed, "the base backup " + backup.string() +
                                               " is missing or incomplete: " + complete.error().message);
    }
    for (const auto* file : {"postgresql.conf", "pg_hba.conf"}) {
      if (!fs::exists(backup / file, error)) {
        return make_error(ErrorCode::failed,
                          "the base backup " + backup.string() + " has no " + file +
                              ": the cluster keeps its configuration outside its data directory (see its "
                              "config_file, hba_file and data_directory settings). The local engine restores only "
                              "data directories that hold their own configuration; move it into the data directory");
      }
    }
  }
  if (options_.cutover && !reached("cut_over")) return require_same_file_system(context_, layout_);
  return {};
}

RestoreRun::InstanceState RestoreRun::instance_state() const {
  std::error_code error;
  return InstanceState{postmaster_running(layout_.data_directory),
                       fs::exists(layout_.data_directory / "recovery.signal", error)};
}

Result<std::unique_ptr<WalPrefetcher>> RestoreRun::start_prefetch() const {
  if (auto removed = remove_tree(layout_.spool); !removed) return removed.error();
  if (auto made = ensure_private_directory(layout_.spool); !made) return made.error();
  auto segment_size = context_.tools(checkpoint_.id).wal_segment_size(layout_.data_directory, time_left(30s));
  if (!segment_size) return std::move(segment_size).error();
  const auto& point = *checkpoint_.recovery_point;
  WalPrefetchPlan plan;
  plan.archive_directory = context_.local.archive_directory;
  plan.spool_directory = layout_.spool;
  plan.segments =
      segments_between(point.timeline, checkpoint_.backup->begin_lsn, point.target_lsn, segment_size.value());
  plan.workers = context_.local.restore_parallelism;
  plan.window = kPrefetchWindow;
  return std::make_unique<WalPrefetcher>(std::move(plan));
}

std::string RestoreRun::describe_promotion(Clock::time_point started,
                                           std::optional<PromotionRequest> promotion_asked) const {
  const auto target = format_lsn(checkpoint_.recovery_point->target_lsn);
  if (prewarmed_) {
    return fmt::format("the parked copy, paused before {}, was promoted in {:.2f} s (pg_ctl promote)", target,
                       seconds_since(started));
  }
  const double total = seconds_since(started);
  if (!promotion_asked) {
    return fmt::format("recovery stopped before {} and the instance was out of recovery {:.2f} s after the start",
                       target, total);
  }
  const double asked = std::chrono::duration<double>(promotion_asked->at - started).count();
  if (promotion_asked->during_replay) {
    return fmt::format(
        "recovery stopped before {} and the instance was promoted {:.2f} s after the start (pg_ctl promote during "
        "replay, at {:.2f} s: PostgreSQL acted on it at the target, without an end-of-recovery checkpoint)",
        target, total, asked);
  }
  return fmt::format(
      "recovery stopped before {} and paused {:.2f} s after the start; promoted {:.2f} s after the start (pg_ctl "
      "promote, without an end-of-recovery checkpoint)",
      target, asked, total);
}

Result<void> RestoreRun::ensure_running() const {
  if (postmaster_running(layout_.data_directory)) return {};
  return context_.tools(checkpoint_.id).start(layout_.data_directory, layout_.log_file, true, time_left(kProcessCap));
}

Result<std::uint32_t> RestoreRun::restored_timeline() const {
  std::error_code error;
  const bool moved_into_place =
      !fs::exists(layout_.data_directory, error) && fs::exists(replaced_data_directory(context_, checkpoint_), error);
  const auto directory = moved_into_place ? context_.local.data_directory : layout_.data_directory;
  const auto timeline = newest_history_timeline(directory / "pg_wal");
  if (!timeline) {
    return make_error(ErrorCode::failed, "no timeline history file in " + (directory / "pg_wal").string() +
                                             ": the restored data directory is missing or was never promoted");
  }
  return *timeline;
}

std::chrono::milliseconds RestoreRun::time_left(std::chrono::milliseconds cap) const {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
  return std::clamp(left, std::chrono::milliseconds{1000}, cap);
}

Error RestoreRun::step_failed(std::string_view step, Error cause) const {
  cause.message = "restore of checkpoint " + checkpoint_.id + " into " + layout_.data_directory.string() + ", " +
                  std::string{step} + ": " + cause.message;
  if (cause.code != ErrorCode::deadline_exceeded && cause.code != ErrorCode::conflict) cause.code = ErrorCode::failed;
  return cause;
}

}  // namespace ckpt::engine::local
