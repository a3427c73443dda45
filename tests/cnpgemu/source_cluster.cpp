#include "cnpgemu/source_cluster.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/nontransaction>
#include <thread>

#include "cnpg/cluster_status.hpp"
#include "cnpgemu/emulator_context.hpp"
#include "cnpgemu/recovery_request.hpp"
#include "pg/archiver.hpp"
#include "pg/instance_state.hpp"
#include "pg/session.hpp"

namespace ckpt::cnpgemu {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

boost::json::object object_store_manifest(const SourceClusterSpec& spec) {
  return {{"apiVersion", "barmancloud.cnpg.io/v1"},
          {"kind", "ObjectStore"},
          {"metadata", {{"name", spec.object_store}, {"namespace", spec.namespace_name}}},
          {"spec", {{"configuration", {{"destinationPath", destination_path(spec)}}}}}};
}

boost::json::object cluster_manifest(const SourceClusterSpec& spec) {
  boost::json::object cluster_spec{{"instances", 1}, {"storage", {{"size", "1Gi"}}}};
  if (spec.archiver == WalArchiver::plugin) {
    cluster_spec["plugins"] = boost::json::array{
        boost::json::object{{"name", kBarmanCloudPlugin},
                            {"isWALArchiver", true},
                            {"parameters", {{"barmanObjectName", spec.object_store}, {"serverName", spec.name}}}}};
  } else {
    cluster_spec["backup"] = {
        {"barmanObjectStore", {{"destinationPath", destination_path(spec)}, {"serverName", spec.name}}}};
  }
  return {{"apiVersion", "postgresql.cnpg.io/v1"},
          {"kind", "Cluster"},
          {"metadata", {{"name", spec.name}, {"namespace", spec.namespace_name}}},
          {"spec", std::move(cluster_spec)}};
}

Result<void> create(kubeapi::ResourceStore& store, boost::json::object manifest) {
  auto created = store.create(std::move(manifest));
  if (!created) return std::move(created).error();
  return {};
}

pg::ConnParams connection_to(const SourceClusterSpec& spec) {
  pg::ConnParams params;
  params.host = spec.socket_directory.string();
  params.port = spec.port;
  params.user = spec.user;
  params.dbname = "postgres";
  params.connect_timeout = 5s;
  params.application_name = "cnpg-emulation";
  return params;
}

Condition archiving_condition(const pg::ArchiverStatus& archiver) {
  if (archiver.failing) {
    return {"ContinuousArchiving", "False", "ContinuousArchivingFailing",
            "unexpected failure invoking the archive command: WAL file " + archiver.last_failed_wal +
                " could not be archived (last failure at " + archiver.last_failed_time + ")"};
  }
  return {"ContinuousArchiving", "True", "ContinuousArchivingSuccess", "Continuous archiving is working"};
}

bool attempted(const pg::ArchiverStatus& archiver) {
  return !archiver.last_archived_wal.empty() || !archiver.last_failed_wal.empty();
}

}  // namespace

std::string destination_path(const SourceClusterSpec& spec) {
  return "s3://emulated/" + spec.object_store + "/";
}

Result<void> create_source_objects(kubeapi::ResourceStore& store, const SourceClusterSpec& spec,
                                   const fs::path& services_directory) {
  // Several sources may share one ObjectStore.
  if (auto created = create(store, object_store_manifest(spec));
      !created && created.error().reason != "AlreadyExists") {
    return created;
  }
  if (auto created = create(store, cluster_manifest(spec)); !created) return created;
  const auto service = service_directory(services_directory, spec.namespace_name, spec.name);
  std::error_code error;
  fs::create_directories(services_directory, error);
  fs::remove_all(service, error);
  fs::create_directory_symlink(spec.socket_directory, service, error);
  if (error) {
    return make_error(ErrorCode::internal, "cannot create the rw service " + service.string() + ": " + error.message());
  }
  return {};
}

SourceClusterStatus::SourceClusterStatus(kubeapi::ResourceStore& store, SourceClusterSpec spec)
    : store_(store), spec_(std::move(spec)) {}

Result<void> SourceClusterStatus::start() {
  auto session = pg::open_session(connection_to(spec_));
  if (!session) return std::move(session).error();
  auto archiver = pg::read_archiver_status(**session);
  if (!archiver) return std::move(archiver).error();
  if (!attempted(*archiver)) {
    auto switched = pg::guarded_sql("switching to a new WAL segment", [&] {
      pqxx::nontransaction transaction{**session};
      transaction.exec("SELECT pg_logical_emit_message(false, 'cnpg-emulation', 'bootstrap')");
      transaction.exec("SELECT pg_switch_wal()");
    });
    if (!switched) return switched;
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!attempted(*archiver) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(20ms);
      archiver = pg::read_archiver_status(**session);
      if (!archiver) return std::move(archiver).error();
    }
  }
  return refresh();
}

Result<void> SourceClusterStatus::refresh() {
  auto session = pg::open_session(connection_to(spec_));
  if (!session) return std::move(session).error();
  auto archiver = pg::read_archiver_status(**session);
  if (!archiver) return std::move(archiver).error();
  auto timeline = pg::current_timeline(**session);
  if (!timeline) return std::move(timeline).error();
  const auto now = std::chrono::system_clock::now();
  conditions_.set({"Ready", "True", "ClusterIsReady", "Cluster is Ready"}, now);
  conditions_.set({"Initialized", "True", "BootstrapCompleted", "The first instance of the cluster has been created"},
                  now);
  if (attempted(*archiver)) conditions_.set(archiving_condition(*archiver), now);
  const auto primary = spec_.name + "-1";
  boost::json::object status{{"phase", cnpg::kHealthyPhase},
                             {"instances", 1},
                             {"readyInstances", 1},
                             {"instanceNames", boost::json::array{boost::json::string{primary}}},
                             {"instancesStatus", {{"healthy", boost::json::array{boost::json::string{primary}}}}},
                             {"currentPrimary", primary},
                             {"targetPrimary", primary},
                             {"timelineID", std::int64_t{*timeline}},
                             {"writeService", spec_.name + "-rw"},
                             {"readService", spec_.name + "-r"},
                             {"conditions", conditions_.to_json()}};
  auto text = boost::json::serialize(status);
  if (text == last_written_) return {};
  auto written =
      patch_status(store_, {"clusters.postgresql.cnpg.io", spec_.namespace_name, spec_.name}, std::move(status));
  if (written) last_written_ = std::move(text);
  return written;
}

}  // namespace ckpt::cnpgemu
