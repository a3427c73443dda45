#include "kube_server_fixture.hpp"

#include <boost/json/parse.hpp>

#include "kube/kubeconfig.hpp"
#include "kubeapi/server/kubeconfig.hpp"

namespace ckpt::kube::testing {

void KubeServerTest::SetUp() {
  auto started = kubeapi::KubeApiServer::start();
  ASSERT_TRUE(started) << started.error().message;
  server = std::move(*started);
  server->add_token(kWriterToken, false, "writer");
  server->add_token(kReaderToken, true, "reader");
  client.emplace(io.get_executor(), connection_for(), fast_options());
}

KubeConnection KubeServerTest::connection_for(const std::string& token) {
  const auto path = dir.path() / ("kubeconfig-" + std::to_string(++kubeconfigs_written_));
  kubeapi::KubeconfigSpec spec;
  spec.server_url = server->url();
  spec.ca_pem = server->ca_pem();
  spec.token = token;
  auto written = kubeapi::write_kubeconfig(path, spec);
  EXPECT_TRUE(written) << written.error().message;
  auto loaded = load_kubeconfig(path);
  EXPECT_TRUE(loaded) << loaded.error().message;
  return loaded ? *loaded : KubeConnection{};
}

KubeClientOptions KubeServerTest::fast_options() {
  KubeClientOptions options;
  options.base_backoff = std::chrono::milliseconds(20);
  options.max_backoff = std::chrono::milliseconds(200);
  options.request_timeout = std::chrono::seconds(5);
  options.call_timeout = std::chrono::seconds(15);
  return options;
}

ResourceRef KubeServerTest::backups(std::string name) {
  return {"postgresql.cnpg.io", "v1", "backups", "develop", std::move(name)};
}

ResourceRef KubeServerTest::clusters(std::string name) {
  return {"postgresql.cnpg.io", "v1", "clusters", "develop", std::move(name)};
}

boost::json::object KubeServerTest::backup_manifest(const std::string& name, const std::string& cluster) {
  return {{"apiVersion", "postgresql.cnpg.io/v1"},
          {"kind", "Backup"},
          {"metadata", {{"name", name}, {"namespace", "develop"}}},
          {"spec",
           {{"cluster", {{"name", cluster}}},
            {"method", "plugin"},
            {"pluginConfiguration", {{"name", "barman-cloud.cloudnative-pg.io"}}}}}};
}

boost::json::object KubeServerTest::cluster_manifest(const std::string& name) {
  return {{"apiVersion", "postgresql.cnpg.io/v1"},
          {"kind", "Cluster"},
          {"metadata", {{"name", name}, {"namespace", "develop"}}},
          {"spec", {{"instances", 1}, {"storage", {{"size", "1Gi"}}}}}};
}

void KubeServerTest::store_create(const boost::json::object& object) {
  auto created = server->store().create(object);
  EXPECT_TRUE(created) << created.error().message;
}

void KubeServerTest::store_set_phase(const std::string& backup, const std::string& phase) {
  boost::json::object patch{{"status", {{"phase", phase}}}};
  auto patched = server->store().patch_status({kBackupsResource, "develop", backup}, patch);
  EXPECT_TRUE(patched) << patched.error().message;
}

void KubeServerTest::store_remove(const std::string& backup) {
  auto removed = server->store().remove({kBackupsResource, "develop", backup});
  EXPECT_TRUE(removed) << removed.error().message;
}

std::string KubeServerTest::store_version() const {
  return std::to_string(server->store().resource_version());
}

}  // namespace ckpt::kube::testing
