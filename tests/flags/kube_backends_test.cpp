// Scopes kept in a ConfigMap and in a Deployment's env, through FlagSwitch against the
// Kubernetes API test server: switched and read back through the API and the real
// kubectl; a no-op writes nothing; a Deployment's conflicts are retried; missing objects,
// missing containers, server errors and a missing client are clear errors.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "flag_switch_harness.hpp"
#include "kube/kube_server_fixture.hpp"
#include "kubeapi/command.hpp"
#include "kubeapi/server/kubeconfig.hpp"

namespace ckpt::flags {
namespace {

using testing::FlagSwitchHarness;

constexpr const char* kKubectl = "/usr/bin/kubectl";
constexpr const char* kDeploymentPath = "/apis/apps/v1/namespaces/develop/deployments/web";

std::vector<config::FlagBackend> scopes() {
  return {
      {"develop-cm", config::ConfigMapBackend{.namespace_name = "develop", .name = "app-flags"}},
      {"develop-env",
       config::DeploymentEnvBackend{.namespace_name = "develop", .deployment = "web", .container = "web"}},
      {"no-config-map", config::ConfigMapBackend{.namespace_name = "develop", .name = "other-flags"}},
      {"no-container",
       config::DeploymentEnvBackend{.namespace_name = "develop", .deployment = "web", .container = "app"}},
  };
}

class KubeBackendsTest : public kube::testing::KubeServerTest {
 protected:
  void SetUp() override {
    KubeServerTest::SetUp();
    harness.emplace(io, scopes(), &*client);
    store_create(boost::json::parse(R"({"apiVersion":"v1","kind":"ConfigMap",
      "metadata":{"name":"app-flags","namespace":"develop"},
      "data":{"FEATURE_LOGIN_V2":"false","THEME":"dark"}})")
                     .as_object());
    store_create(boost::json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
      "metadata":{"name":"web","namespace":"develop"},
      "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
        "spec":{"containers":[
          {"name":"web","image":"nginx:1.27","env":[{"name":"LOG_LEVEL","value":"info"},
                                                    {"name":"FEATURE_LOGIN_V2","value":"false"}]},
          {"name":"sidecar","image":"envoyproxy/envoy:v1.31","env":[{"name":"FEATURE_LOGIN_V2","value":"false"}]}]}}}})")
                     .as_object());
  }

  boost::json::object stored(const std::string& resource, const std::string& name) {
    auto object = server->store().get({resource, "develop", name});
    EXPECT_TRUE(object) << object.error().message;
    return object ? *object : boost::json::object{};
  }
  const boost::json::value& container_env(const boost::json::object& deployment, std::size_t container) {
    return deployment.at("spec").at("template").at("spec").at("containers").at(container).at("env");
  }

  // kubectl -n develop <args> with the writer's kubeconfig and a private HOME.
  kubeapi::testing::CommandResult kubectl(std::vector<std::string> args) {
    const auto config = dir.path() / "kubectl.kubeconfig";
    auto written = kubeapi::write_kubeconfig(config, {server->url(), server->ca_pem(), kube::testing::kWriterToken});
    EXPECT_TRUE(written) << written.error().message;
    std::vector<std::string> argv{kKubectl, "--kubeconfig", config.string(), "-n", "develop"};
    argv.insert(argv.end(), args.begin(), args.end());
    return kubeapi::testing::run_command(argv, {{"HOME", dir.path().string()}}, dir.path());
  }

  std::optional<FlagSwitchHarness> harness;
};

TEST_F(KubeBackendsTest, AConfigMapKeyIsSwitchedAndReadBack) {
  EXPECT_EQ(harness->flags().describe("develop-cm"), "ConfigMap develop/app-flags");
  auto on = harness->set("develop-cm", "FEATURE_LOGIN_V2", true);
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_EQ(stored("configmaps", "app-flags").at("data"),
            boost::json::parse(R"({"FEATURE_LOGIN_V2":"true","THEME":"dark"})"));
  EXPECT_EQ(*harness->read("develop-cm", "FEATURE_LOGIN_V2"), std::optional<bool>(true));

  ASSERT_TRUE(harness->set("develop-cm", "FEATURE_LOGIN_V2", false));
  EXPECT_EQ(*harness->read("develop-cm", "FEATURE_LOGIN_V2"), std::optional<bool>(false));
}

TEST_F(KubeBackendsTest, ADeploymentsEnvVarIsSwitchedInOneContainerOnly) {
  EXPECT_EQ(harness->flags().describe("develop-env"), "Deployment develop/web container web");
  auto on = harness->set("develop-env", "FEATURE_LOGIN_V2", true);
  ASSERT_TRUE(on) << on.error().message;
  const auto deployment = stored("deployments.apps", "web");
  EXPECT_EQ(container_env(deployment, 0),
            boost::json::parse(R"([{"name":"LOG_LEVEL","value":"info"},{"name":"FEATURE_LOGIN_V2","value":"true"}])"));
  EXPECT_EQ(container_env(deployment, 1), boost::json::parse(R"([{"name":"FEATURE_LOGIN_V2","value":"false"}])"));
  EXPECT_EQ(deployment.at("metadata").at("generation"), 2) << "the pod template changed: a rollout";
  EXPECT_EQ(*harness->read("develop-env", "FEATURE_LOGIN_V2"), std::optional<bool>(true));

  ASSERT_TRUE(harness->set("develop-env", "FEATURE_LOGIN_V2", false));
  EXPECT_EQ(*harness->read("develop-env", "FEATURE_LOGIN_V2"), std::optional<bool>(false));
}

TEST_F(KubeBackendsTest, KubectlSeesWhatWasSet) {
  if (!std::filesystem::exists(kKubectl)) GTEST_SKIP() << kKubectl << " is not installed: skipping the kubectl checks";
  ASSERT_TRUE(harness->set("develop-cm", "FEATURE_LOGIN_V2", true));
  ASSERT_TRUE(harness->set("develop-env", "FEATURE_LOGIN_V2", true));
  const auto config_map = kubectl({"get", "configmap", "app-flags", "-o", "jsonpath={.data.FEATURE_LOGIN_V2}"});
  EXPECT_EQ(config_map.exit_code, 0) << config_map.err;
  EXPECT_EQ(config_map.out, "true");
  const auto env = kubectl(
      {"get", "deployment", "web", "-o",
       R"(jsonpath={.spec.template.spec.containers[?(@.name=="web")].env[?(@.name=="FEATURE_LOGIN_V2")].value})"});
  EXPECT_EQ(env.exit_code, 0) << env.err;
  EXPECT_EQ(env.out, "true");
}

TEST_F(KubeBackendsTest, SettingTheCurrentValueWritesNothing) {
  const std::string before = store_version();
  ASSERT_TRUE(harness->set("develop-cm", "FEATURE_LOGIN_V2", false));
  ASSERT_TRUE(harness->set("develop-env", "FEATURE_LOGIN_V2", false));
  EXPECT_EQ(store_version(), before);
}

TEST_F(KubeBackendsTest, AMissingConfigMapIsNamed) {
  auto missing = harness->set("no-config-map", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_TRUE(missing.error().message.starts_with("flag scope \"no-config-map\" (ConfigMap develop/other-flags): "))
      << missing.error().message;
  EXPECT_NE(missing.error().message.find(R"(configmaps "other-flags" in namespace "develop")"), std::string::npos)
      << missing.error().message;
}

TEST_F(KubeBackendsTest, AMissingContainerIsNamedWithTheContainersThereAre) {
  auto missing = harness->set("no-container", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            "flag scope \"no-container\" (Deployment develop/web container app): Deployment has no container "
            "\"app\" (containers: web, sidecar)");
}

TEST_F(KubeBackendsTest, AConflictingUpdateOfTheDeploymentIsRetried) {
  ASSERT_TRUE(server->faults().fail_next({409, 2, "PUT", kDeploymentPath}));
  auto on = harness->set("develop-env", "FEATURE_LOGIN_V2", true);
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_EQ(*harness->read("develop-env", "FEATURE_LOGIN_V2"), std::optional<bool>(true));
}

TEST_F(KubeBackendsTest, ADeploymentThatKeepsChangingIsGivenUpOn) {
  ASSERT_TRUE(server->faults().fail_next({409, 10, "PUT", kDeploymentPath}));
  auto on = harness->set("develop-env", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(on);
  EXPECT_EQ(on.error().code, ErrorCode::conflict);
  EXPECT_NE(on.error().message.find("the Deployment changed under each of 5 updates (409 Conflict); try again"),
            std::string::npos)
      << on.error().message;
  EXPECT_EQ(*harness->read("develop-env", "FEATURE_LOGIN_V2"), std::optional<bool>(false));
}

TEST_F(KubeBackendsTest, ServerErrorsFailAfterTheClientsRetries) {
  ASSERT_TRUE(server->faults().fail_next({500, 100}));
  auto on = harness->set("develop-cm", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(on);
  EXPECT_EQ(on.error().code, ErrorCode::engine_error);
  EXPECT_TRUE(on.error().message.starts_with("flag scope \"develop-cm\" (ConfigMap develop/app-flags): "))
      << on.error().message;
  EXPECT_NE(on.error().message.find("5 attempts"), std::string::npos) << on.error().message;
  server->faults().clear();
  EXPECT_EQ(stored("configmaps", "app-flags").at("data").at("FEATURE_LOGIN_V2"), "false");
}

TEST_F(KubeBackendsTest, WithoutAKubernetesClientTheScopeSaysSo) {
  FlagSwitchHarness without(io, scopes(), nullptr);
  auto refused = without.set("develop-cm", "FEATURE_LOGIN_V2", true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
  EXPECT_EQ(refused.error().message,
            "flag scope \"develop-cm\" (ConfigMap develop/app-flags): the daemon has no Kubernetes API client (set "
            "kubernetes.kubeconfig, or run it in a pod with a service account)");
}

}  // namespace
}  // namespace ckpt::flags
