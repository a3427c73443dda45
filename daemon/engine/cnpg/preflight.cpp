#include "engine/cnpg/preflight.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include "cnpg/cluster_status.hpp"
#include "cnpg/json_lookup.hpp"
#include "cnpg/wal_archive.hpp"
#include "core/begin_validation.hpp"
#include "core/duration.hpp"
#include "net/blocking.hpp"
#include "net/deadline.hpp"
#include "pg/archiver.hpp"
#include "pg/session.hpp"

namespace ckpt::engine::cnpg {
namespace {

using boost::asio::awaitable;

Error refuse(const char* reason, std::string message) {
  return make_error(ErrorCode::refused, std::move(message), reason);
}

Error unreadable_source(const CnpgContext& context, const Error& error) {
  const auto source = context.label("Cluster", context.cnpg.cluster_name);
  switch (error.code) {
    case ErrorCode::not_found:
      return refuse(refusal::cluster_unreachable,
                    "source " + source + " does not exist (" + error.message +
                        "); check clusters[].cnpg.namespace and clusters[].cnpg.cluster of cluster " + context.cluster);
    case ErrorCode::unauthorized:
      return refuse(refusal::cluster_unreachable,
                    "checkpointd may not read the source " + source + ": " + error.message +
                        "; grant its ServiceAccount the Role in docs/kubernetes.md (RBAC)");
    default:
      return refuse(refusal::cluster_unreachable, "cannot read the source " + source + ": " + error.message);
  }
}

Error late_answer(const CnpgContext& context) {
  return refuse(refusal::cluster_unreachable,
                "the Kubernetes API did not answer a get of the source " +
                    context.label("Cluster", context.cnpg.cluster_name) + " within the preflight deadline of " +
                    format_duration(context.deadlines.preflight) + " (deadlines.preflight)");
}

Result<void> check_source_cluster(const CnpgContext& context, const boost::json::object& source) {
  auto status = ckpt::cnpg::parse_cluster_status(source);
  if (!status) return refuse(refusal::cluster_unreachable, status.error().message);
  if (!ckpt::cnpg::is_healthy(*status)) {
    return refuse(refusal::cluster_not_healthy, ckpt::cnpg::why_not_healthy(*status) +
                                                    "; wait until `kubectl cnpg status " + context.cnpg.cluster_name +
                                                    " -n " + context.cnpg.namespace_name + "` shows it healthy");
  }
  const auto* spec = ckpt::cnpg::object_at(&source, "spec");
  const boost::json::object no_spec;
  if (auto archive = ckpt::cnpg::find_wal_archive(spec != nullptr ? *spec : no_spec, context.cnpg); !archive) {
    return refuse(refusal::archive_mode_off, archive.error().message);
  }
  if (!ckpt::cnpg::archiving_ok(*status)) {
    return refuse(refusal::wal_archive_failing,
                  ckpt::cnpg::why_archiving_fails(*status) + "; fix WAL archiving before a migration relies on it");
  }
  return {};
}

Result<void> check_database(const CnpgContext& context) {
  const auto params = context.source_connection(context.deadlines.preflight);
  auto session = pg::open_session(params);
  if (!session) {
    return refuse(refusal::cluster_unreachable,
                  "the database of the source " + context.label("Cluster", context.cnpg.cluster_name) +
                      " does not answer through its read-write service: " + session.error().message +
                      "; check rw_host, rw_port, user, database, password_file and sslmode in clusters[].cnpg");
  }
  return {};
}

}  // namespace

awaitable<Result<void>> check_preflight(const CnpgContext& context) {
  const auto ref = context.clusters(context.cnpg.cluster_name);
  const auto executor = co_await boost::asio::this_coro::executor;
  boost::asio::steady_timer timer{executor, context.deadlines.preflight};
  auto get = context.kube->get(ref);
  auto source = co_await net::within(std::move(get), timer);
  if (!source) co_return late_answer(context);
  if (!*source) co_return unreadable_source(context, source->error());
  if (auto checked = check_source_cluster(context, source->value()); !checked) co_return checked;
  co_return co_await net::run_blocking(*context.pool, [&context] { return check_database(context); });
}

awaitable<engine::ClusterHealth> probe_cluster(const CnpgContext& context) {
  engine::ClusterHealth health;
  const auto ref = context.clusters(context.cnpg.cluster_name);
  const auto executor = co_await boost::asio::this_coro::executor;
  boost::asio::steady_timer timer{executor, context.deadlines.preflight};
  auto get = context.kube->get(ref);
  auto source = co_await net::within(std::move(get), timer);
  const bool api_answered = source && *source;
  if (api_answered) {
    if (auto status = ckpt::cnpg::parse_cluster_status(source->value())) {
      const auto* spec = ckpt::cnpg::object_at(&source->value(), "spec");
      const boost::json::object no_spec;
      const bool has_archive = ckpt::cnpg::find_wal_archive(spec != nullptr ? *spec : no_spec, context.cnpg).ok();
      health.wal_archiving_healthy = has_archive && ckpt::cnpg::archiving_ok(*status);
    }
  }
  struct Database {
    bool answered = false;
    std::optional<double> age;
  };
  const auto database = co_await net::run_blocking(*context.pool, [&context] {
    Database result;
    auto session = pg::open_session(context.source_connection(context.deadlines.preflight));
    if (!session) return result;
    auto archiver = pg::read_archiver_status(**session);
    if (!archiver) return result;
    result.answered = true;
    result.age = archiver->last_archived_age_seconds;
    return result;
  });
  health.reachable = api_answered && database.answered;
  health.last_archived_age_seconds = database.age;
  co_return health;
}

}  // namespace ckpt::engine::cnpg
