#include "engine/common/archived_recovery_point.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/begin_validation.hpp"
#include "core/duration.hpp"
#include "engine/common/archive_progress.hpp"
#include "net/blocking.hpp"
#include "obs/context_logger.hpp"
#include "pg/archiver.hpp"
#include "pg/restore_point.hpp"
#include "pg/session.hpp"

namespace ckpt::engine {
namespace {

using boost::asio::awaitable;
constexpr auto kArchivePollInterval = std::chrono::milliseconds(20);

struct Recorded {
  pg::RecordedRestorePoint point;
  std::int64_t failed_count_before = 0;
};

struct Observation {
  pg::ArchiverStatus status;
  ArchiveProgress progress = ArchiveProgress::waiting;
  std::optional<std::string> missing;  // archived per pg_stat_archiver, but not where restores read it
};

Error refused(const char* reason, std::string message) {
  return make_error(ErrorCode::refused, std::move(message), reason);
}

// Connection losses refuse the checkpoint as unreachable; other errors pass unchanged.
Error as_refusal_if_unreachable(Error error) {
  if (error.reason == refusal::cluster_unreachable) error.code = ErrorCode::refused;
  return error;
}

Result<Recorded> record(const RecoveryPointSource& source, const Checkpoint& checkpoint, pg::Session& session) {
  auto params = source.connection;
  if (source.logger) {
    // The SQL below is logged at debug level with the checkpoint and the cluster.
    params.statement_log =
        obs::ContextLogger{source.logger, {{"checkpoint", checkpoint.id}, {"cluster", source.cluster}}};
  }
  auto opened = pg::open_session(params);
  if (!opened) return as_refusal_if_unreachable(std::move(opened).error());
  session = std::move(opened.value());
  auto before = pg::read_archiver_status(*session);
  if (!before) return as_refusal_if_unreachable(std::move(before).error());
  auto point = pg::create_restore_point(*session, restore_point_name(checkpoint.id));
  if (!point) return as_refusal_if_unreachable(std::move(point).error());
  const auto backup_end = checkpoint.backup->end_lsn;
  if (point->restore_point_lsn <= backup_end) {
    return make_error(ErrorCode::failed, "the recovery target " + format_lsn(point->restore_point_lsn) +
                                             " does not lie after the end " + format_lsn(backup_end) +
                                             " of base backup " + checkpoint.backup->backup_id +
                                             "; the backup does not belong to this cluster's current WAL");
  }
  if (source.commit_marker) {
    if (auto committed = pg::commit_marker(*session); !committed) {
      return as_refusal_if_unreachable(std::move(committed).error());
    }
  }
  if (auto switched = pg::finish_segment(*session, point->restore_point_lsn, point->wal_segment_size); !switched) {
    return as_refusal_if_unreachable(std::move(switched).error());
  }
  return Recorded{point.value(), before->failed_count};
}

std::string describe_archiver(const pg::ArchiverStatus& status) {
  const auto archived = status.last_archived_wal.empty()
                            ? std::string{"nothing archived yet"}
                            : "last archived " + status.last_archived_wal + " at " + status.last_archived_time;
  const auto failed = status.last_failed_wal.empty()
                          ? std::string{"no failure recorded"}
                          : "last failure on " + status.last_failed_wal + " at " + status.last_failed_time + " (" +
                                std::to_string(status.failed_count) + " failures so far)";
  return archived + ", " + failed;
}

// Messages are built outside the coroutine: GCC 12 mishandles conditional-expression
// temporaries in co_return and co_await full-expressions.
std::string describe_failing_archiving(const std::string& subject, const pg::ArchiverStatus& status) {
  return subject + " cannot be archived: the archiver fails (" + describe_archiver(status) +
         "); check archive_command and the PostgreSQL server log";
}

std::string describe_late_archiving(const RecoveryPointSource& source, const std::string& subject,
                                    const Observation& observed) {
  std::string message = subject + " was not archived within the archive_wait deadline of " +
                        format_duration(source.archive_wait) + " (" + describe_archiver(observed.status);
  if (observed.missing) message += "; " + *observed.missing;
  return message + "); check archive_command, the PostgreSQL server log and the archiver's backlog";
}

Result<Observation> observe(const RecoveryPointSource& source, pg::Session& session, const Recorded& recorded,
                            const std::string& wal_file) {
  const auto& point = recorded.point;
  const WalFileName target{point.timeline, wal_segment_number(point.restore_point_lsn, point.wal_segment_size)};
  auto status = pg::read_archiver_status(*session);
  if (!status) return as_refusal_if_unreachable(std::move(status).error());
  Observation observed{status.value(),
                       judge_archive_progress(*status, target, recorded.failed_count_before, point.wal_segment_size),
                       std::nullopt};
  if (observed.progress == ArchiveProgress::archived && source.missing_from_archive) {
    observed.missing = source.missing_from_archive(wal_file);
    if (observed.missing) observed.progress = ArchiveProgress::waiting;
  }
  return observed;
}

awaitable<Result<void>> await_archiving(const RecoveryPointSource& source, pg::Session& session,
                                        const Recorded& recorded, const std::string& wal_file) {
  const auto subject =
      "WAL segment " + wal_file + " holding the recovery target " + format_lsn(recorded.point.restore_point_lsn);
  const auto deadline = std::chrono::steady_clock::now() + source.archive_wait;
  const auto executor = co_await boost::asio::this_coro::executor;
  boost::asio::steady_timer timer{executor};
  for (;;) {
    auto observed =
        co_await net::run_blocking(*source.pool, [&] { return observe(source, session, recorded, wal_file); });
    if (!observed) co_return observed.error();
    switch (observed->progress) {
      case ArchiveProgress::archived:
        co_return Result<void>{};
      case ArchiveProgress::failing:
        co_return refused(refusal::wal_archive_failing, describe_failing_archiving(subject, observed->status));
      case ArchiveProgress::waiting:
        break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      co_return refused(refusal::wal_archive_failing, describe_late_archiving(source, subject, *observed));
    }
    timer.expires_after(kArchivePollInterval);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
}

}  // namespace

awaitable<Result<RecoveryPoint>> record_archived_recovery_point(const RecoveryPointSource& source,
                                                                const Checkpoint& checkpoint) {
  if (!checkpoint.backup) {
    co_return make_error(ErrorCode::conflict, "checkpoint " + checkpoint.id +
                                                  " has no base backup yet; the recovery point is recorded after it");
  }
  pg::Session session;
  auto recorded = co_await net::run_blocking(*source.pool, [&] { return record(source, checkpoint, session); });
  Result<void> archived;
  if (!recorded) archived = recorded.error();
  RecoveryPoint result;
  if (recorded) {
    const auto& point = recorded->point;
    result.server_time = point.server_time;
    result.current_lsn = point.current_lsn;
    result.target_lsn = point.restore_point_lsn;
    result.timeline = point.timeline;
    result.restore_point = restore_point_name(checkpoint.id);
    result.wal_file = wal_file_name_for(point.timeline, point.restore_point_lsn, point.wal_segment_size);
    source.logger->info("cluster={} checkpoint={} restore point {} at {} (timeline {}), waiting for {} to be archived",
                        source.cluster, checkpoint.id, result.restore_point, format_lsn(result.target_lsn),
                        result.timeline, result.wal_file);
    archived = co_await await_archiving(source, session, recorded.value(), result.wal_file);
  }
  co_await net::run_blocking(*source.pool, [&session] { session.reset(); });
  if (!archived) {
    source.logger->error("cluster={} checkpoint={} {}", source.cluster, checkpoint.id, archived.error().message);
    co_return archived.error();
  }
  co_return result;
}

}  // namespace ckpt::engine
