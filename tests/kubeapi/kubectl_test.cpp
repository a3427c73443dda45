// The real kubectl (v1.32) against the test server: discovery, tables, -o json, apply with
// server-side field validation, jsonpath, wait (a watch with a field selector), RBAC-like
// refusals, and the standalone kube_api_server executable with its kubeconfig.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <boost/json/parse.hpp>

#include <fstream>
#include <regex>
#include <thread>

#include "kubectl_fixture.hpp"

namespace ckpt::kubeapi {
namespace {

using namespace std::chrono_literals;

constexpr const char* kClusters = "clusters.postgresql.cnpg.io";

class KubectlTest : public testing::KubectlTest {
 protected:
  void create_healthy_cluster(const std::string& name) {
    ASSERT_TRUE(server->store().create(testing::cluster_manifest(name)));
    ASSERT_TRUE(server->store().patch_status(
        {kClusters, "develop", name},
        boost::json::parse(
            R"({"status":{"phase":"Cluster in healthy state","instances":1,"readyInstances":1,)"
            R"("currentPrimary":")" +
            name + R"(-1"}})")));
  }
};

TEST_F(KubectlTest, GetClustersPrintsThePrinterColumns) {
  create_healthy_cluster("orders-db");
  const auto result = kubectl({"get", "cluster.postgresql.cnpg.io"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(
      std::regex_search(result.out, std::regex(R"(NAME\s+AGE\s+INSTANCES\s+READY\s+STATUS\s+PRIMARY)")))
      << result.out;
  EXPECT_TRUE(std::regex_search(
      result.out, std::regex(R"(orders-db\s+\S+\s+1\s+1\s+Cluster in healthy state\s+orders-db-1)")))
      << result.out;
}

TEST_F(KubectlTest, GetBackupsAsJson) {
  ASSERT_TRUE(server->store().create(testing::backup_manifest("orders-db-premig-1", "orders-db")));
  const auto result = kubectl({"get", "backups.postgresql.cnpg.io", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto list = boost::json::parse(result.out);
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  EXPECT_EQ(list.at("items").at(0).at("metadata").at("name"), "orders-db-premig-1");
  EXPECT_EQ(list.at("items").at(0).at("spec").at("cluster").at("name"), "orders-db");
}

TEST_F(KubectlTest, ApplyCreatesThenConfiguresWithServerSideFieldValidation) {
  const std::string manifest =
      "apiVersion: postgresql.cnpg.io/v1\n"
      "kind: Cluster\n"
      "metadata:\n"
      "  name: orders-db-pitr-7f3a\n"
      "spec:\n"
      "  instances: 1\n"
      "  storage:\n"
      "    size: 1Gi\n";
  const auto created = kubectl({"apply", "-f", write_manifest("cluster.yaml", manifest).string()});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out, "cluster.postgresql.cnpg.io/orders-db-pitr-7f3a created\n");
  auto stored = server->store().get({kClusters, "develop", "orders-db-pitr-7f3a"});
  ASSERT_TRUE(stored);
  EXPECT_TRUE(stored->at("metadata")
                  .at("annotations")
                  .as_object()
                  .contains("kubectl.kubernetes.io/last-applied-configuration"));

  std::string scaled = manifest;
  scaled.replace(scaled.find("instances: 1"), 12, "instances: 3");
  const auto configured = kubectl({"apply", "-f", write_manifest("scaled.yaml", scaled).string()});
  ASSERT_EQ(configured.exit_code, 0) << configured.err;
  EXPECT_EQ(configured.out, "cluster.postgresql.cnpg.io/orders-db-pitr-7f3a configured\n");
  stored = server->store().get({kClusters, "develop", "orders-db-pitr-7f3a"});
  EXPECT_EQ(stored->at("spec").at("instances"), 3);
  EXPECT_EQ(stored->at("metadata").at("generation"), 2);

  if (!shared_crd_dir()) GTEST_SKIP() << "no CRD schemas: the unknown-field check needs them";
  std::string typo = manifest;
  typo.replace(typo.find("instances: 1"), 12, "instancez: 1");
  const auto refused = kubectl({"apply", "-f", write_manifest("typo.yaml", typo).string()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("unknown field \"spec.instancez\""), std::string::npos) << refused.err;
}

TEST_F(KubectlTest, JsonPathReadsThePhase) {
  create_healthy_cluster("orders-db");
  const auto result = kubectl({"get", "cluster", "orders-db", "-o", "jsonpath={.status.phase}"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Cluster in healthy state");
}

TEST_F(KubectlTest, WaitFollowsAWatchUntilTheConditionHolds) {
  ASSERT_TRUE(server->store().create(testing::cluster_manifest("orders-db")));
  std::thread operator_emulation([this] {
    std::this_thread::sleep_for(1s);
    ASSERT_TRUE(server->store().patch_status(
        {kClusters, "develop", "orders-db"},
        boost::json::parse(R"({"status":{"phase":"Cluster in healthy state","conditions":[{"type":"Ready",)"
                           R"("status":"True","reason":"ClusterIsReady","message":"Cluster is Ready",)"
                           R"("lastTransitionTime":"2026-01-15T10:30:00Z"}]}})")));
  });
  const auto result = kubectl({"wait", "--for=condition=Ready", "cluster/orders-db", "--timeout=20s"});
  operator_emulation.join();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "cluster.postgresql.cnpg.io/orders-db condition met\n");
}

TEST_F(KubectlTest, AReadOnlyTokenCannotApply) {
  const auto reader = write_config("reader", testing::kReaderToken);
  EXPECT_EQ(kubectl({"get", "backups.postgresql.cnpg.io"}, reader).exit_code, 0);
  const auto refused = kubectl(
      {"create", "-f",
       write_manifest("backup.yaml", boost::json::serialize(testing::backup_manifest("b1", "orders-db")))
           .string()},
      reader);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("is forbidden: User \"test-reader\" cannot create resource \"backups\""),
            std::string::npos)
      << refused.err;
}

TEST_F(KubectlTest, TheStandaloneServerWritesAKubeconfigAndStopsOnSigterm) {
  std::ofstream(scratch / "token") << "standalone-token\n";
  std::vector<std::string> argv{KUBE_API_SERVER_BINARY,
                                "--port",
                                "0",
                                "--token-file",
                                (scratch / "token").string(),
                                "--kubeconfig-out",
                                (scratch / "standalone.kubeconfig").string()};
  if (const auto crds = shared_crd_dir()) {
    argv.push_back("--crd-dir");
    argv.push_back(crds->string());
  }
  const pid_t pid = testing::spawn_command(argv, {}, scratch / "server.out", scratch / "server.err");
  ASSERT_GT(pid, 0);
  std::string port;
  for (int i = 0; i < 500 && port.empty(); ++i) {
    std::this_thread::sleep_for(10ms);
    const std::string out = testing::read_file(scratch / "server.out");
    if (out.find('\n') != std::string::npos) port = out.substr(0, out.find('\n'));
  }
  ASSERT_TRUE(std::regex_match(port, std::regex("[0-9]+"))) << testing::read_file(scratch / "server.err");
  EXPECT_NE(testing::read_file(scratch / "standalone.kubeconfig")
                .find("server: \"https://127.0.0.1:" + port + "\""),
            std::string::npos);

  const auto namespaces = kubectl({"get", "namespaces", "-o", "name"}, scratch / "standalone.kubeconfig");
  EXPECT_EQ(namespaces.exit_code, 0) << namespaces.err;
  EXPECT_EQ(namespaces.out, "namespace/default\nnamespace/develop\n");

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << testing::read_file(scratch / "server.err");
}

}  // namespace
}  // namespace ckpt::kubeapi
