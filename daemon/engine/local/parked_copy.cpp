#include "engine/local/parked_copy.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/duration.hpp"
#include "core/parked_copy_policy.hpp"
#include "engine/common/restorable.hpp"
#include "engine/local/durable_fs.hpp"
#include "engine/local/free_port.hpp"
#include "engine/local/instance_probe.hpp"
#include "engine/local/postmaster.hpp"
#include "engine/local/recovery_directory.hpp"
#include "net/blocking.hpp"
#include "pg/instance_state.hpp"

namespace ckpt::engine::local {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kProbeInterval = 100ms;
constexpr auto kProcessCap = std::chrono::milliseconds(120s);

Error parking_failed(const Checkpoint& checkpoint, std::string_view step, Error cause) {
  cause.message = "parked copy " + checkpoint.parked_copy->target + " of checkpoint " + checkpoint.id + ", " +
                  std::string{step} + ": " + cause.message;
  if (cause.code != ErrorCode::deadline_exceeded) cause.code = ErrorCode::failed;
  return cause;
}

std::chrono::milliseconds time_left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return std::clamp(left, std::chrono::milliseconds{1000}, kProcessCap);
}

// What PostgreSQL logs when an exclusive LSN target stops recovery.
std::string stop_line_for(const Checkpoint& checkpoint) {
  return "recovery stopping before WAL location (LSN) \"" + format_lsn(checkpoint.recovery_point->target_lsn) + "\"";
}

}  // namespace

RestoreLayout parked_copy_layout(const LocalContext& context, const Checkpoint& checkpoint) {
  if (checkpoint.parked_copy && !checkpoint.parked_copy->target.empty()) {
    return RestoreLayout::at(checkpoint.parked_copy->target);
  }
  return RestoreLayout::at(context.local.restore_directory / parked_copy_name(context.cluster, checkpoint.id));
}

Result<ParkedCopy> plan_parked_copy(const LocalContext& context, const Checkpoint& checkpoint) {
  if (auto restorable = require_restorable(checkpoint); !restorable) return restorable.error();
  auto port = pick_free_tcp_port();
  if (!port) return port.error();
  ParkedCopy copy;
  copy.state = parked_copy_state::building;
  copy.target = parked_copy_layout(context, checkpoint).data_directory.string();
  copy.port = port.value();
  copy.estimated_bytes = parked_copy_bytes(*checkpoint.backup, checkpoint.recovery_point->target_lsn);
  return copy;
}

Task<ParkedCopy> build_parked_copy(const LocalContext& context, const Checkpoint& checkpoint) {
  if (!checkpoint.parked_copy) co_return make_error(ErrorCode::bad_request, "no parked copy was planned");
  auto& pool = *context.pool;
  const auto deadline = Clock::now() + context.deadlines.restore;
  const auto layout = parked_copy_layout(context, checkpoint);
  const int port = checkpoint.parked_copy->port;
  auto prepared = co_await net::run_blocking(pool, [&]() -> Result<void> {
    if (auto made = ensure_private_directory(context.local.restore_directory); !made) return made;
    auto copied = prepare_recovery_directory(context, checkpoint, layout, port);
    if (!copied) return copied.error();
    return {};
  });
  if (!prepared) co_return parking_failed(checkpoint, "copying the base backup", prepared.error());
  const auto log_offset = size_or_zero(layout.log_file);
  const auto started = Clock::now();
  auto launched = co_await net::run_blocking(pool, [&]() -> Result<void> {
    if (postmaster_running(layout.data_directory)) return {};
    return context.tools(checkpoint.id).start(layout.data_directory, layout.log_file, false, time_left(deadline));
  });
  if (!launched) co_return parking_failed(checkpoint, "starting recovery", launched.error());

  InstanceProbe probe{layout.data_directory, layout.log_file,
                      context.restored_connection(port, std::chrono::milliseconds{2000}, checkpoint.id), log_offset,
                      started};
  boost::asio::steady_timer timer{co_await boost::asio::this_coro::executor};
  for (;;) {
    const auto seen = co_await net::run_blocking(pool, [&probe] { return probe.look(); });
    if (seen == InstanceProbe::Seen::paused) break;
    if (seen == InstanceProbe::Seen::exited) {
      co_return parking_failed(checkpoint, "recovery",
                               make_error(ErrorCode::failed, "PostgreSQL stopped: " + probe.exit_message() +
                                                                 " (server log " + layout.log_file.string() + ")"));
    }
    if (seen == InstanceProbe::Seen::promoted) {
      co_return parking_failed(
          checkpoint, "recovery",
          make_error(ErrorCode::failed, "the copy left recovery instead of pausing at the target"));
    }
    if (Clock::now() >= deadline) {
      co_await net::run_blocking(pool, [&probe] { probe.disconnect(); });
      co_return parking_failed(
          checkpoint, "recovery",
          make_error(ErrorCode::deadline_exceeded, "not paused at the target within " +
                                                       format_duration(context.deadlines.restore) + " (server log " +
                                                       layout.log_file.string() + ")"));
    }
    timer.expires_after(kProbeInterval);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
  co_return co_await net::run_blocking(pool, [&]() -> Result<ParkedCopy> {
    probe.disconnect();
    if (auto at_target = check_parked_at_target(context, checkpoint); !at_target) {
      return parking_failed(checkpoint, "checking where it paused", at_target.error());
    }
    ParkedCopy parked = *checkpoint.parked_copy;
    parked.state = parked_copy_state::parked;
    parked.disk_bytes = directory_bytes(layout.data_directory);
    parked.parked_at = std::chrono::system_clock::now();
    parked.message.clear();
    return parked;
  });
}

Result<void> check_parked_at_target(const LocalContext& context, const Checkpoint& checkpoint) {
  if (!checkpoint.parked_copy) return make_error(ErrorCode::failed, "the checkpoint has no parked copy");
  const auto layout = parked_copy_layout(context, checkpoint);
  if (!postmaster_running(layout.data_directory)) {
    return make_error(ErrorCode::failed, "no PostgreSQL runs in " + layout.data_directory.string());
  }
  auto session = pg::open_session(
      context.restored_connection(checkpoint.parked_copy->port, std::chrono::milliseconds{2000}, checkpoint.id));
  if (!session) return session.error();
  auto paused = pg::is_replay_paused(**session);
  if (!paused) return paused.error();
  if (!*paused) {
    return make_error(ErrorCode::failed, "the instance on port " + std::to_string(checkpoint.parked_copy->port) +
                                             " is not paused in recovery");
  }
  auto log = read_text_file(layout.log_file);
  if (!log) return log.error();
  if (log->find(stop_line_for(checkpoint)) == std::string::npos) {
    return make_error(ErrorCode::failed, "its server log " + layout.log_file.string() + " does not say '" +
                                             stop_line_for(checkpoint) + "': it paused elsewhere");
  }
  return {};
}

Result<void> remove_parked_copy(const LocalContext& context, const Checkpoint& checkpoint) {
  const auto layout = parked_copy_layout(context, checkpoint);
  if (postmaster_running(layout.data_directory)) {
    if (auto stopped = context.tools(checkpoint.id).stop(layout.data_directory, kProcessCap); !stopped) {
      return stopped;
    }
  }
  for (const auto& path : {layout.data_directory, layout.partial, layout.spool, layout.log_file}) {
    if (auto removed = remove_tree(path); !removed) return removed;
  }
  return {};
}

}  // namespace ckpt::engine::local
