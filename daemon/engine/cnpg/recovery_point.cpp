#include "engine/cnpg/recovery_point.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "cnpg/cluster_status.hpp"
#include "cnpg/recovery_target.hpp"
#include "core/begin_validation.hpp"
#include "core/time_format.hpp"
#include "engine/common/archived_recovery_point.hpp"

namespace ckpt::engine::cnpg {
namespace {

using boost::asio::awaitable;
using namespace std::chrono_literals;

// The Backup's stoppedAt is truncated to seconds; CNPG's catalog knows the exact end.
constexpr auto kStoppedAtResolution = 1s;
constexpr auto kMargin = 50ms;

// How long until `point` lies far enough after the backup's end for a time target; zero when it does.
Result<std::chrono::milliseconds> time_until_after_backup(const Checkpoint& checkpoint, const RecoveryPoint& point) {
  const auto recorded = parse_server_time(point.server_time);
  if (!recorded) {
    return make_error(ErrorCode::engine_error, "the server time '" + point.server_time + "' of checkpoint " +
                                                   checkpoint.id + " is not in the form YYYY-MM-DD HH:MM:SS.ffffff+00");
  }
  const auto earliest = checkpoint.backup->stopped_at + kStoppedAtResolution;
  if (*recorded > earliest) return std::chrono::milliseconds{0};
  return std::chrono::ceil<std::chrono::milliseconds>(earliest - *recorded) + kMargin;
}

Error too_early(const Checkpoint& checkpoint, const RecoveryPoint& point) {
  return make_error(ErrorCode::failed,
                    "the recovery target time " + point.server_time + " does not lie more than 1 s after the end (" +
                        format_rfc3339(checkpoint.backup->stopped_at) + ") of Backup " + checkpoint.backup->name +
                        ": CNPG could not restore to it; check that the database server's clock agrees with the "
                        "Kubernetes nodes' clocks, or use recovery_target lsn");
}

awaitable<Result<void>> require_archiving(const CnpgContext& context, const RecoveryPoint& point) {
  const auto ref = context.clusters(context.cnpg.cluster_name);
  auto source = co_await context.kube->get(ref);
  if (!source) co_return std::move(source).error();
  auto status = ckpt::cnpg::parse_cluster_status(*source);
  if (!status) co_return std::move(status).error();
  if (ckpt::cnpg::archiving_ok(*status)) co_return Result<void>{};
  co_return make_error(ErrorCode::refused,
                       ckpt::cnpg::why_archiving_fails(*status) + "; pg_stat_archiver reports " + point.wal_file +
                           " archived, but CNPG's last archive attempt failed, so the WAL up to the recovery target "
                           "may not be in the object store",
                       refusal::wal_archive_failing);
}

}  // namespace

std::optional<TimePoint> parse_server_time(std::string_view text) {
  if (!ckpt::cnpg::is_postgres_utc_timestamp(text)) return std::nullopt;
  std::string rfc3339{text.substr(0, text.size() - 3)};
  rfc3339[10] = 'T';
  return parse_rfc3339(rfc3339 + "Z");
}

awaitable<Result<RecoveryPoint>> record_cnpg_recovery_point(const CnpgContext& context, const Checkpoint& checkpoint) {
  RecoveryPointSource source;
  source.cluster = context.cluster;
  source.connection = context.source_connection(context.deadlines.preflight);
  source.archive_wait = context.deadlines.archive_wait;
  source.commit_marker = context.cnpg.recovery_target == "time";
  source.pool = context.pool;
  source.logger = context.logger;

  auto point = co_await record_archived_recovery_point(source, checkpoint);
  if (!point) co_return point;
  if (source.commit_marker) {
    auto wait = time_until_after_backup(checkpoint, *point);
    if (!wait) co_return std::move(wait).error();
    if (wait->count() > 0) {
      context.logger->info(
          "cluster={} checkpoint={} recovery point {} is too close to the backup's end; recording "
          "it again in {} ms",
          context.cluster, checkpoint.id, point->server_time, wait->count());
      const auto executor = co_await boost::asio::this_coro::executor;
      boost::asio::steady_timer timer{executor, *wait};
      co_await timer.async_wait(boost::asio::use_awaitable);
      point = co_await record_archived_recovery_point(source, checkpoint);
      if (!point) co_return point;
      auto still = time_until_after_backup(checkpoint, *point);
      if (!still) co_return std::move(still).error();
      if (still->count() > 0) co_return too_early(checkpoint, *point);
    }
  }
  auto archiving = co_await require_archiving(context, *point);
  if (!archiving) co_return std::move(archiving).error();
  co_return point;
}

}  // namespace ckpt::engine::cnpg
