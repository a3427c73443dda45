#include "engine/local/cutover.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "engine/local/durable_fs.hpp"
#include "engine/common/history_file.hpp"
#include "engine/local/postmaster.hpp"
#include "engine/local/recovery_settings.hpp"
#include "engine/local/restore_plan.hpp"
#include "engine/local/restored_instance.hpp"
#include "pg/instance_state.hpp"
#include "pg/session.hpp"

namespace ckpt::engine::local {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr auto kProcessCap = std::chrono::milliseconds(120'000);

Error cutover_failure(std::string_view step, Error cause) {
  cause.message = "cut-over, " + std::string{step} + ": " + cause.message;
  if (cause.code != ErrorCode::deadline_exceeded) cause.code = ErrorCode::failed;
  return cause;
}

std::chrono::milliseconds time_left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return std::clamp(left, std::chrono::milliseconds{1000}, kProcessCap);
}

Result<void> stop_if_running(const LocalContext& context, const Checkpoint& checkpoint, const fs::path& data_directory,
                             Clock::time_point deadline) {
  if (!postmaster_running(data_directory)) return {};
  return context.tools(checkpoint.id).stop(data_directory, time_left(deadline));
}

// Our restore block becomes the cut-over block: the original port, nothing else.
Result<void> restore_own_settings(const LocalContext& context, const Checkpoint& checkpoint,
                                  const fs::path& directory) {
  const auto conf_file = directory / "postgresql.auto.conf";
  auto conf = read_text_file(conf_file);
  if (!conf) return std::move(conf).error();
  if (!has_managed_block(conf.value())) {
    return make_error(ErrorCode::failed, conf_file.string() +
                                             " lost checkpointd's settings block (was it rewritten by ALTER SYSTEM?); "
                                             "restore the block or cut over by hand");
  }
  const auto rewritten = with_managed_block(conf.value(), render_cutover_block(context.local.port, checkpoint.id));
  if (auto written = write_file_synced(conf_file, rewritten); !written) return written;
  std::error_code error;
  fs::remove(directory / "recovery.signal", error);
  if (error) return io_error("cannot remove", directory / "recovery.signal", error.value());
  return {};
}

// The restore ran with archive_mode = off, so the new timeline's history file was not
// queued; queue it so that the archiver copies it once archiving is back on.
Result<void> queue_history_for_archiving(const fs::path& directory) {
  const auto timeline = newest_history_timeline(directory / "pg_wal");
  if (!timeline) return {};
  const auto status = directory / "pg_wal" / "archive_status";
  const auto name = history_file_name(*timeline);
  std::error_code error;
  if (fs::exists(status / (name + ".done"), error) || fs::exists(status / (name + ".ready"), error)) return {};
  return write_file_synced(status / (name + ".ready"), "");
}

Result<void> move_restored_into_place(const LocalContext& context, const Checkpoint& checkpoint,
                                      const RestoreLayout& layout, Clock::time_point deadline) {
  const auto& original = context.local.data_directory;
  const auto replaced = replaced_data_directory(context, checkpoint);
  std::error_code error;
  if (auto same = require_same_file_system(context, layout); !same) return cutover_failure("checking", same.error());
  if (auto stopped = stop_if_running(context, checkpoint, layout.data_directory, deadline); !stopped) {
    return cutover_failure("stopping the restored instance", stopped.error());
  }
  if (fs::exists(original, error)) {
    if (fs::exists(replaced, error)) {
      return make_error(ErrorCode::failed, "cut-over: both " + original.string() + " and " + replaced.string() +
                                               " exist, so it is unclear which one is the original; move one of "
                                               "them away and retry");
    }
    if (auto stopped = stop_if_running(context, checkpoint, original, deadline); !stopped) {
      return cutover_failure("stopping the original cluster", stopped.error());
    }
    if (auto renamed = rename_durably(original, replaced); !renamed) {
      return cutover_failure("keeping the original data directory", renamed.error());
    }
  }
  if (auto rewritten = restore_own_settings(context, checkpoint, layout.data_directory); !rewritten) {
    return cutover_failure("rewriting the settings", rewritten.error());
  }
  if (auto queued = queue_history_for_archiving(layout.data_directory); !queued) {
    return cutover_failure("queueing the timeline history for archiving", queued.error());
  }
  if (auto renamed = rename_durably(layout.data_directory, original); !renamed) {
    return cutover_failure("moving the restored data directory into place", renamed.error());
  }
  return {};
}

Result<void> check_answers(const LocalContext& context, const Checkpoint& checkpoint) {
  const auto params = context.source_connection(std::chrono::seconds{10}, checkpoint.id);
  auto session = pg::open_session(params);
  if (!session) return session.error();
  auto recovering = pg::is_in_recovery(**session);
  if (!recovering) return recovering.error();
  auto timeline = *recovering ? Result<std::uint32_t>{0U} : pg::current_timeline(**session);
  if (!timeline) return timeline.error();
  if (*recovering || timeline.value() <= checkpoint.recovery_point->timeline) {
    return make_error(ErrorCode::failed,
                      "the server answering at " + pg::describe(params) +
                          " is not the restored instance (in recovery: " + (*recovering ? "yes" : "no") +
                          ", timeline " + std::to_string(timeline.value()) + ")");
  }
  return {};
}

}  // namespace

Result<void> require_same_file_system(const LocalContext& context, const RestoreLayout& layout) {
  struct stat restored {};
  struct stat original {};
  const auto restored_parent = layout.data_directory.parent_path();
  const auto original_parent = context.local.data_directory.parent_path();
  if (::stat(restored_parent.c_str(), &restored) != 0) return io_error("cannot stat", restored_parent, errno);
  if (::stat(original_parent.c_str(), &original) != 0) return io_error("cannot stat", original_parent, errno);
  if (restored.st_dev != original.st_dev) {
    return make_error(ErrorCode::failed, "cut-over needs restore_directory (" + restored_parent.string() +
                                             ") on the same file system as the data directory's parent (" +
                                             original_parent.string() +
                                             "), because it moves the restored data directory by renaming it; "
                                             "set restore_directory to a directory on that file system, or restore "
                                             "without cut-over");
  }
  return {};
}

Result<void> cut_over(const LocalContext& context, const Checkpoint& checkpoint, const RestoreLayout& layout,
                      Clock::time_point deadline) {
  std::error_code error;
  const auto& original = context.local.data_directory;
  if (fs::exists(layout.data_directory, error)) {
    if (auto moved = move_restored_into_place(context, checkpoint, layout, deadline); !moved) return moved;
  } else if (!fs::exists(original, error)) {
    return make_error(ErrorCode::failed, "cut-over: neither the restored data directory " +
                                             layout.data_directory.string() + " nor " + original.string() +
                                             " exists; nothing can be started");
  }
  if (!postmaster_running(original)) {
    const auto log_offset = size_or_zero(layout.log_file);
    if (auto started = context.tools(checkpoint.id).start(original, layout.log_file, true, time_left(deadline));
        !started) {
      auto failure = started.error();
      failure.message += "; server log: " + read_log_tail(layout.log_file, log_offset).summary();
      return cutover_failure("starting the restored instance in place", failure);
    }
  }
  if (auto answers = check_answers(context, checkpoint); !answers) {
    return cutover_failure("checking the instance on port " + std::to_string(context.local.port), answers.error());
  }
  return {};
}

}  // namespace ckpt::engine::local
