#include "engine/local/preflight.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/begin_validation.hpp"
#include "pg/archiver.hpp"
#include "pg/session.hpp"

namespace ckpt::engine::local {
namespace {

Error refuse(const char* reason, std::string message) {
  return make_error(ErrorCode::refused, std::move(message), reason);
}

}  // namespace

Result<void> check_preflight(const LocalContext& context) {
  const auto params = context.source_connection(context.deadlines.preflight);
  auto session = pg::open_session(params);
  if (!session) {
    return refuse(refusal::cluster_unreachable,
                  "cluster " + context.cluster + " is unreachable: " + session.error().message +
                      "; check that PostgreSQL runs and that host, port, user and database in the cluster's config "
                      "are right");
  }
  auto status = pg::read_archiver_status(**session);
  if (!status) {
    return refuse(refusal::cluster_unreachable, "cluster " + context.cluster + ": " + status.error().message);
  }
  const auto archive = context.local.archive_directory.string();
  const auto fix =
      "set archive_mode = on and an archive_command that copies to " + archive + ", then restart PostgreSQL";
  if (status->archive_mode == "off") {
    return refuse(refusal::archive_mode_off, "cluster " + context.cluster + " has archive_mode = off: " + fix);
  }
  if (!status->archiving_configured()) {
    return refuse(refusal::archive_mode_off, "cluster " + context.cluster + " has no archive_command: " + fix);
  }
  if (status->failing) {
    return refuse(refusal::wal_archive_failing,
                  "WAL archiving of cluster " + context.cluster + " is failing: the archiver last failed on " +
                      status->last_failed_wal + " at " + status->last_failed_time + " (" +
                      std::to_string(status->failed_count) + " failures so far) and has archived nothing since" +
                      (status->last_archived_wal.empty() ? std::string{}
                                                         : " (last success " + status->last_archived_wal + " at " +
                                                               status->last_archived_time + ")") +
                      "; check archive_command and the PostgreSQL server log");
  }
  if (::access(context.local.archive_directory.c_str(), R_OK | X_OK) != 0) {
    return refuse(refusal::wal_archive_failing, "archive_directory " + archive + " of cluster " + context.cluster +
                                                    " cannot be read (" + std::strerror(errno) +
                                                    "): create it or let checkpointd read it, and make archive_command "
                                                    "copy WAL there");
  }
  return {};
}

engine::ClusterHealth probe_cluster(const LocalContext& context) {
  engine::ClusterHealth health;
  auto session = pg::open_session(context.source_connection(context.deadlines.preflight));
  if (!session) return health;
  auto status = pg::read_archiver_status(**session);
  if (!status) return health;
  health.reachable = true;
  health.wal_archiving_healthy = status->archiving_configured() && !status->failing &&
                                 ::access(context.local.archive_directory.c_str(), R_OK | X_OK) == 0;
  health.last_archived_age_seconds = status->last_archived_age_seconds;
  return health;
}

}  // namespace ckpt::engine::local
