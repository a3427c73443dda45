#include "cnpg_engine_fixture.hpp"

#include <spdlog/sinks/stdout_sinks.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "core/time_format.hpp"
#include "engine/local/pg_tools.hpp"
#include "engine/local/recovery_settings.hpp"
#include "kube/kubeconfig.hpp"
#include "kubeapi/server/kubeconfig.hpp"

namespace ckpt::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kWriterToken = "cnpg-engine-writer-41ac";
constexpr const char* kReaderToken = "cnpg-engine-reader-9d02";

std::shared_ptr<spdlog::logger> make_test_logger() {
  auto logger = std::make_shared<spdlog::logger>("engine-cnpg-test");
  if (std::getenv("CHECKPOINTD_TEST_LOG") != nullptr) {
    logger->sinks().push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern("%H:%M:%S.%e %v");
  }
  return logger;
}

std::string now_rfc3339() {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  auto text = format_rfc3339(now);  // "...:SS.000000Z"
  return text.substr(0, 19) + "Z";
}

}  // namespace

void CnpgApiTest::SetUp() {
  auto started = kubeapi::KubeApiServer::start();
  ASSERT_TRUE(started) << started.error().message;
  server = std::move(*started);
  server->add_token(kWriterToken, false, "checkpointd");
  server->add_token(kReaderToken, true, "checkpointd-reader");
  client = make_client(kWriterToken);
  logger = make_test_logger();

  cluster.name = "orders";
  cluster.engine = "cnpg";
  cluster.deadlines.preflight = 5s;
  cluster.deadlines.backup = 10s;
  cluster.deadlines.archive_wait = 10s;
  cluster.deadlines.restore = 60s;
  config::CnpgCluster cnpg;
  cnpg.namespace_name = kNamespace;
  cnpg.cluster_name = kSourceCluster;
  cnpg.rw_host = (services.path() / "{cluster}-rw.{namespace}").string();
  cnpg.rw_port = 1;  // CnpgDatabaseTest: the source's port
  cnpg.user = "postgres";
  cnpg.database = "postgres";
  cluster.cnpg = cnpg;
}

std::unique_ptr<kube::KubeClient> CnpgApiTest::make_client(const std::string& token) {
  kube::KubeClientOptions options;
  options.base_backoff = 20ms;
  options.max_backoff = 200ms;
  options.request_timeout = 5s;
  options.call_timeout = 15s;
  return make_client(token, options);
}

std::unique_ptr<kube::KubeClient> CnpgApiTest::make_client(const std::string& token,
                                                           const kube::KubeClientOptions& options) {
  const auto path = files.path() / ("kubeconfig-" + std::to_string(++kubeconfigs_));
  kubeapi::KubeconfigSpec spec;
  spec.server_url = server->url();
  spec.ca_pem = server->ca_pem();
  spec.token = token;
  auto written = kubeapi::write_kubeconfig(path, spec);
  EXPECT_TRUE(written) << written.error().message;
  auto connection = kube::load_kubeconfig(path);
  EXPECT_TRUE(connection) << connection.error().message;
  return std::make_unique<kube::KubeClient>(io.get_executor(), connection ? *connection : kube::KubeConnection{},
                                            options);
}

std::unique_ptr<engine::cnpg::CnpgEngine> CnpgApiTest::make_engine(kube::KubeClient& kube) const {
  return std::make_unique<engine::cnpg::CnpgEngine>(cluster, kube, pool, logger);
}

void CnpgApiTest::create_source_cluster(const boost::json::object& status) {
  boost::json::object source{
      {"apiVersion", "postgresql.cnpg.io/v1"},
      {"kind", "Cluster"},
      {"metadata", {{"name", kSourceCluster}, {"namespace", kNamespace}}},
      {"spec",
       {{"instances", 1},
        {"storage", {{"size", "1Gi"}}},
        {"bootstrap", {{"initdb", {{"database", "app"}, {"owner", "app"}}}}},
        {"plugins",
         boost::json::array{{{"name", "barman-cloud.cloudnative-pg.io"},
                             {"isWALArchiver", true},
                             {"parameters", {{"barmanObjectName", "store"}, {"serverName", kSourceCluster}}}}}}}}};
  auto created = server->store().create(source);
  ASSERT_TRUE(created) << created.error().message;
  set_status(kClustersResource, kSourceCluster, status);
}

void CnpgApiTest::set_status(const std::string& resource, const std::string& name, const boost::json::object& status) {
  boost::json::object patch{{"status", status}};
  auto patched = server->store().patch_status({resource, kNamespace, name}, patch);
  EXPECT_TRUE(patched) << patched.error().message;
}

std::optional<boost::json::object> CnpgApiTest::stored(const std::string& resource, const std::string& name) const {
  auto found = server->store().get({resource, kNamespace, name});
  if (!found) return std::nullopt;
  return std::move(found).value();
}

std::size_t CnpgApiTest::count(const std::string& resource) const {
  auto listed = server->store().list(resource, kNamespace);
  return listed ? listed->items.size() : 0;
}

boost::json::object CnpgApiTest::condition(const std::string& type, const std::string& status,
                                           const std::string& reason, const std::string& message) {
  return {{"type", type},
          {"status", status},
          {"reason", reason},
          {"message", message},
          {"lastTransitionTime", now_rfc3339()}};
}

boost::json::object CnpgApiTest::healthy_cluster_status(bool archiving, const std::string& archiving_message) {
  const auto archived =
      archiving
          ? condition("ContinuousArchiving", "True", "ContinuousArchivingSuccess", "Continuous archiving is working")
          : condition("ContinuousArchiving", "False", "ContinuousArchivingFailing", archiving_message);
  return {
      {"phase", "Cluster in healthy state"},
      {"instances", 1},
      {"readyInstances", 1},
      {"currentPrimary", std::string(kSourceCluster) + "-1"},
      {"timelineID", 1},
      {"conditions", boost::json::array{condition("Ready", "True", "ClusterIsReady", "Cluster is Ready"), archived}}};
}

boost::json::object CnpgApiTest::completed_backup_status(const std::string& begin_lsn, const std::string& end_lsn,
                                                         TimePoint stopped_at) {
  const auto stopped = format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(stopped_at));
  const auto started = format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(stopped_at) - 2s);
  return {{"phase", "completed"},
          {"backupId", "20260115T103001"},
          {"backupName", "backup-20260115103001"},
          {"beginLSN", begin_lsn},
          {"endLSN", end_lsn},
          {"beginWal", "000000010000000000000002"},
          {"startedAt", started.substr(0, 19) + "Z"},
          {"stoppedAt", stopped.substr(0, 19) + "Z"},
          {"method", "plugin"},
          {"online", true}};
}

Checkpoint CnpgApiTest::checkpoint_named(const std::string& id) {
  Checkpoint checkpoint;
  checkpoint.id = id;
  checkpoint.request.cluster = "orders";
  checkpoint.request.migration_id = "2026_01_add_index";
  checkpoint.request.purpose = "engine test";
  return checkpoint;
}

Checkpoint CnpgApiTest::ready_checkpoint(const std::string& id) {
  auto checkpoint = checkpoint_named(id);
  BackupInfo backup;
  backup.backup_id = "20260115T103001";
  backup.name = "orders-db-ckpt-" + id;
  backup.begin_lsn = *parse_lsn("0/2000028");
  backup.end_lsn = *parse_lsn("0/2000100");
  backup.timeline = 1;
  checkpoint.backup = backup;
  RecoveryPoint point;
  point.server_time = "2026-01-15 10:30:12.345678+00";
  point.target_lsn = *parse_lsn("0/3000148");
  point.current_lsn = point.target_lsn;
  point.timeline = 1;
  point.restore_point = "checkpointd-" + id;
  point.wal_file = "000000010000000000000003";
  checkpoint.recovery_point = point;
  checkpoint.schema_fingerprint = std::string(64, 'a');
  return checkpoint;
}

void CnpgDatabaseTest::SetUp() {
  std::string why;
  if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
  CnpgApiTest::SetUp();
  if (HasFatalFailure()) return;
  postgres_ = std::make_unique<PostgresInstance>();
  cluster.cnpg->rw_port = postgres_->port();
  cluster.cnpg->user = postgres_->user();
  fs::create_directory_symlink(postgres_->socket_directory(), service_directory(kSourceCluster));
}

fs::path CnpgDatabaseTest::service_directory(const std::string& cnpg_cluster) const {
  return services.path() / (cnpg_cluster + "-rw." + kNamespace);
}

CnpgDatabaseTest::BaseBackup CnpgDatabaseTest::take_base_backup(const std::string& name) const {
  BaseBackup backup;
  backup.directory = postgres_->backup_directory() / name;
  backup.begin_lsn = postgres_->query_value("SELECT pg_current_wal_insert_lsn()");
  const engine::local::PgTools tools{postgres_->bin_directory(), {}, std::nullopt};
  auto taken = tools.base_backup(*postgres_->local_cluster_config("orders").local, backup.directory, name, 60s);
  if (!taken) throw std::runtime_error(taken.error().message);
  backup.end_lsn = postgres_->query_value("SELECT pg_current_wal_insert_lsn()");
  return backup;
}

void CnpgDatabaseTest::start_recovered_copy(const BaseBackup& backup, const Checkpoint& checkpoint,
                                            const std::string& recovery_cluster, bool promote) const {
  const auto data_directory = postgres_->restore_directory() / recovery_cluster;
  const auto socket_directory = service_directory(recovery_cluster);
  fs::create_directories(socket_directory);
  fs::copy(backup.directory, data_directory, fs::copy_options::recursive);
  fs::permissions(data_directory, fs::perms::owner_all, fs::perm_options::replace);
  engine::local::RecoverySettings settings;
  settings.port = postgres_->port();
  settings.socket_directory = socket_directory;
  settings.spool_directory = postgres_->restore_directory() / (recovery_cluster + ".spool");
  settings.archive_directory = postgres_->archive_directory();
  settings.target_lsn = checkpoint.recovery_point->target_lsn;
  settings.timeline = checkpoint.recovery_point->timeline;
  settings.cluster_name = recovery_cluster;
  {
    std::ofstream conf{data_directory / "postgresql.auto.conf", std::ios::app};
    conf << engine::local::render_recovery_block(settings) << "listen_addresses = ''\n";
    // As CNPG recovers: promotion at the target (the block's own action is pause).
    conf << "recovery_target_action = '" << (promote ? "promote" : "pause") << "'\n";
    std::ofstream signal{data_directory / "recovery.signal"};
  }
  const engine::local::PgTools tools{postgres_->bin_directory(), {}, std::nullopt};
  auto started = tools.start(data_directory, postgres_->restore_directory() / (recovery_cluster + ".log"), true, 60s);
  if (!started) throw std::runtime_error(started.error().message);
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  const auto done_sql = promote ? "SELECT NOT pg_is_in_recovery()"
                                : "SELECT pg_is_in_recovery() AND pg_get_wal_replay_pause_state() = 'paused'";
  while (postgres_->query_value_at(socket_directory, postgres_->port(), done_sql) != "t") {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the recovered copy did not get there");
    std::this_thread::sleep_for(25ms);
  }
}

}  // namespace ckpt::test
