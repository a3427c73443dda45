#include "bench_cluster.hpp"

#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "cluster_yaml.hpp"
#include "kubeapi/server/kubeconfig.hpp"

namespace ckpt::bench {
namespace {

constexpr const char* kDaemonToken = "bench-daemon-5b2e";
constexpr const char* kClientToken = "bench-client-90af";

void write_kubeconfig(const std::filesystem::path& path, const kubeapi::KubeApiServer& server,
                      const std::string& token) {
  const auto written = kubeapi::write_kubeconfig(path, {server.url(), server.ca_pem(), token});
  if (!written) throw std::runtime_error("writing " + path.string() + ": " + written.error().message);
}

}  // namespace

CnpgBenchCluster::CnpgBenchCluster() {
  std::string why;
  if (!test::PostgresInstance::can_run(why)) throw std::runtime_error("cannot run PostgreSQL: " + why);
  work_ = std::make_unique<test::TempDir>("ckpt-bench");
  services_ = std::make_unique<test::TempDir>("ckpt-svc");
  client_kubeconfig_ = work_->path() / "client.kubeconfig";

  auto started = kubeapi::KubeApiServer::start({});
  if (!started) throw std::runtime_error("starting the Kubernetes API test server: " + started.error().message);
  server_ = std::move(started.value());
  server_->add_token(kDaemonToken, false, "checkpointd");
  server_->add_token(kClientToken, false, "benchmark");

  emulator_ = std::make_unique<cnpgemu::OperatorEmulator>(
      *server_, cnpgemu::EmulatorOptions{work_->path() / "operator", services_->path(), std::chrono::milliseconds{50}});

  source_ = std::make_unique<test::PostgresInstance>();
  source_->exec(std::string{"CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);"
                            "INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;"
                            "CREATE ROLE "} +
                kDaemonRole + " LOGIN;GRANT EXECUTE ON FUNCTION pg_catalog.pg_create_restore_point(text) TO " +
                kDaemonRole + ";GRANT EXECUTE ON FUNCTION pg_catalog.pg_switch_wal() TO " + kDaemonRole + ";");
  cnpgemu::SourceClusterSpec spec;
  spec.namespace_name = kNamespace;
  spec.name = kSource;
  spec.data_directory = source_->data_directory();
  spec.socket_directory = source_->socket_directory();
  spec.archive_directory = source_->archive_directory();
  spec.bin_directory = source_->bin_directory();
  spec.port = source_->port();
  spec.user = source_->user();
  if (auto added = emulator_->add_source_cluster(spec); !added) {
    throw std::runtime_error("adding the source Cluster to the emulation: " + added.error().message);
  }

  const auto daemon_kubeconfig = work_->path() / "daemon.kubeconfig";
  write_kubeconfig(daemon_kubeconfig, *server_, kDaemonToken);
  write_kubeconfig(client_kubeconfig_, *server_, kClientToken);

  const std::string clusters = std::string{"  - name: "} + kSource +
                               "\n    engine: cnpg\n    auto_restore: true"
                               "\n    deadlines: {preflight: 10s, backup: 60s, archive_wait: 10s, restore: 60s}"
                               "\n    cnpg:\n      namespace: " +
                               kNamespace + "\n      cluster: " + kSource + "\n      rw_host: \"" +
                               services_->path().string() + "/{cluster}-rw.{namespace}\"\n      rw_port: " +
                               std::to_string(source_->port()) + "\n      user: " + kDaemonRole +
                               "\n      database: postgres\n      sslmode: disable\n";
  test::DaemonOptions options(clusters);
  options.extra_yaml = "kubernetes:\n  kubeconfig: " + daemon_kubeconfig.string() + "\n  request_timeout: 5s\n";
  daemon_ = std::make_unique<test::DaemonProcess>(work_->path() / "daemon", options);
  daemon_->start();
}

CnpgBenchCluster::~CnpgBenchCluster() {
  if (daemon_ && daemon_->running()) daemon_->stop();
  daemon_.reset();
  emulator_.reset();  // stops the restored servers before their directories go
  source_.reset();
  server_.reset();
}

std::string CnpgBenchCluster::begin_ready(const std::string& migration) {
  const auto begun = daemon_->call_json("POST", "/v1/checkpoints", test::begin_body(kSource, migration), 202);
  const std::string id{begun.at("id").as_string()};
  const auto ready = daemon_->wait_for_state(id, "ready,refused");
  if (ready.at("state").as_string() != "ready") {
    throw std::runtime_error("checkpoint " + id + " (" + migration + ") was refused: " + boost::json::serialize(ready));
  }
  return id;
}

void CnpgBenchCluster::fail(const std::string& id) {
  const auto failed =
      daemon_->call_json("POST", "/v1/checkpoints/" + id + "/fail", R"({"reason":"benchmark"})").as_object();
  if (failed.at("state").as_string() != "restoring") {
    throw std::runtime_error("fail of checkpoint " + id + " did not start a restore: " + boost::json::serialize(failed));
  }
}

boost::json::object CnpgBenchCluster::wait_restored(const std::string& id) {
  auto ended = daemon_->wait_for_state(id, "restored,restore_failed");
  if (ended.at("state").as_string() != "restored") {
    throw std::runtime_error("the restore of checkpoint " + id + " failed: " + boost::json::serialize(ended));
  }
  return ended;
}

}  // namespace ckpt::bench
