#include "cnpg_daemon_fixture.hpp"

#include <boost/json/serialize.hpp>
#include <iostream>

#include "cluster_yaml.hpp"
#include "kubeapi/server/kubeconfig.hpp"

namespace ckpt::test {
namespace {

constexpr const char* kWriterToken = "daemon-token-7c1e";
constexpr const char* kReaderToken = "kubectl-token-31d9";

}  // namespace

void CnpgDaemonTest::SetUp() {
  std::string why;
  if (!PostgresInstance::can_run(why)) GTEST_SKIP() << why;
  auto started = kubeapi::KubeApiServer::start({});
  ASSERT_TRUE(started) << started.error().message;
  server = std::move(started.value());
  server->add_token(kWriterToken, false, "checkpointd");
  server->add_token(kReaderToken, true, "kubectl");

  work_ = std::make_unique<TempDir>("ckpt-cnpg");
  services_ = std::make_unique<TempDir>("ckpt-svc");
  emulator = std::make_unique<cnpgemu::OperatorEmulator>(
      *server, cnpgemu::EmulatorOptions{work_->path() / "operator", services_->path(), std::chrono::milliseconds{50}});

  source = std::make_unique<PostgresInstance>();
  source->exec("CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);"
               "INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;");
  cnpgemu::SourceClusterSpec spec;
  spec.namespace_name = kNamespace;
  spec.name = kSource;
  spec.data_directory = source->data_directory();
  spec.socket_directory = source->socket_directory();
  spec.archive_directory = source->archive_directory();
  spec.bin_directory = source->bin_directory();
  spec.port = source->port();
  spec.user = source->user();
  const auto added = emulator->add_source_cluster(spec);
  ASSERT_TRUE(added) << added.error().message;

  const auto daemon_kubeconfig = work_->path() / "daemon.kubeconfig";
  ASSERT_TRUE(kubeapi::write_kubeconfig(daemon_kubeconfig, {server->url(), server->ca_pem(), kWriterToken}));
  ASSERT_TRUE(kubeapi::write_kubeconfig(reader_kubeconfig(), {server->url(), server->ca_pem(), kReaderToken}));

  const std::string clusters = std::string{"  - name: "} + kSource +
                               "\n    engine: cnpg\n    auto_restore: true\n    deadlines: " + deadlines_yaml() +
                               "\n    cnpg:\n      namespace: " + kNamespace + "\n      cluster: " + kSource +
                               "\n      rw_host: \"" + services_->path().string() +
                               "/{cluster}-rw.{namespace}\"\n      rw_port: " + std::to_string(source->port()) +
                               "\n      user: " + source->user() +
                               "\n      database: postgres\n      sslmode: disable\n" + cnpg_extra_yaml();
  DaemonOptions options(clusters);
  options.extra_yaml = "kubernetes:\n  kubeconfig: " + daemon_kubeconfig.string() + "\n  request_timeout: 5s\n";
  daemon = std::make_unique<DaemonProcess>(work_->path() / "daemon", options);
  daemon->start();
}

void CnpgDaemonTest::TearDown() {
  if (daemon && HasFailure()) std::cerr << "checkpointd's log:\n" << daemon->log_text();
  if (daemon && daemon->running()) daemon->stop();
  daemon.reset();
  emulator.reset();  // stops the restored servers before their directories go
  source.reset();
  server.reset();
}

boost::json::object CnpgDaemonTest::begin(const std::string& migration) {
  return daemon->call_json("POST", "/v1/checkpoints", begin_body(kSource, migration), 202).as_object();
}

std::string CnpgDaemonTest::begin_ready(const std::string& migration) {
  const std::string id{begin(migration).at("id").as_string()};
  const auto ready = daemon->wait_for_state(id, "ready,refused");
  EXPECT_EQ(ready.at("state").as_string(), "ready") << boost::json::serialize(ready);
  return id;
}

std::vector<std::string> CnpgDaemonTest::object_names(const std::string& resource) const {
  std::vector<std::string> names;
  const auto listed = server->store().list(resource, kNamespace, {});
  if (!listed) {
    ADD_FAILURE() << listed.error().message;
    return names;
  }
  for (const auto& item : listed->items) names.emplace_back(item.at("metadata").at("name").as_string());
  return names;
}

boost::json::object CnpgDaemonTest::object(const std::string& resource, const std::string& name) const {
  auto found = server->store().get({resource, kNamespace, name});
  EXPECT_TRUE(found) << found.error().message;
  return found ? found.value() : boost::json::object{};
}

std::string CnpgDaemonTest::query_cluster(const std::string& cluster, const std::string& sql) const {
  return source->query_value_at(emulator->service_directory(kNamespace, cluster), source->port(), sql);
}

}  // namespace ckpt::test
