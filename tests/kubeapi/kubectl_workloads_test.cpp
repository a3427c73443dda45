// The real kubectl (v1.32) with ConfigMaps and Deployments: create, get (tables, -o json,
// jsonpath, -o wide), patch --type merge, apply twice and set env (strategic merge
// patches), and the API server's refusals as kubectl prints them.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <regex>

#include "kubectl_fixture.hpp"

namespace ckpt::kubeapi {
namespace {

constexpr const char* kDeployments = "deployments.apps";

constexpr const char* kDeploymentManifest =
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: web\n"
    "spec:\n"
    "  replicas: 2\n"
    "  selector:\n"
    "    matchLabels: {app: web}\n"
    "  template:\n"
    "    metadata:\n"
    "      labels: {app: web}\n"
    "    spec:\n"
    "      containers:\n"
    "      - name: web\n"
    "        image: nginx:1.27\n"
    "        env:\n"
    "        - name: FEATURE_LOGIN_V2\n"
    "          value: \"false\"\n"
    "      - name: sidecar\n"
    "        image: busybox\n";

class KubectlWorkloadsTest : public testing::KubectlTest {
 protected:
  void apply_deployment(const std::string& manifest = kDeploymentManifest) {
    const auto applied = kubectl({"apply", "-f", write_manifest("web.yaml", manifest).string()});
    ASSERT_EQ(applied.exit_code, 0) << applied.err;
  }

  boost::json::object stored_deployment() {
    auto stored = server->store().get({kDeployments, "develop", "web"});
    EXPECT_TRUE(stored) << stored.error().message;
    return stored ? *stored : boost::json::object{};
  }
};

TEST_F(KubectlWorkloadsTest, CreateAConfigMapAndReadAKey) {
  const auto created = kubectl({"create", "configmap", "flags", "--from-literal=FEATURE_LOGIN_V2=false"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out, "configmap/flags created\n");

  const auto value = kubectl({"get", "configmap", "flags", "-o", "jsonpath={.data.FEATURE_LOGIN_V2}"});
  ASSERT_EQ(value.exit_code, 0) << value.err;
  EXPECT_EQ(value.out, "false");

  const auto table = kubectl({"get", "cm"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_TRUE(std::regex_search(table.out, std::regex(R"(NAME\s+DATA\s+AGE\nflags\s+1\s+\S+)"))) << table.out;
}

TEST_F(KubectlWorkloadsTest, AMergePatchChangesOneKey) {
  ASSERT_EQ(kubectl({"create", "configmap", "flags", "--from-literal=A=1", "--from-literal=B=2"}).exit_code, 0);
  const auto patched = kubectl({"patch", "configmap", "flags", "--type", "merge", "-p", R"({"data":{"B":"3"}})"});
  ASSERT_EQ(patched.exit_code, 0) << patched.err;
  EXPECT_EQ(patched.out, "configmap/flags patched\n");
  const auto data = kubectl({"get", "configmap", "flags", "-o", "jsonpath={.data}"});
  EXPECT_EQ(boost::json::parse(data.out), boost::json::parse(R"({"A":"1","B":"3"})")) << data.out;
}

TEST_F(KubectlWorkloadsTest, ApplyingAChangedConfigMapSendsAStrategicMergePatch) {
  const std::string manifest =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  FEATURE_LOGIN_V2: \"false\"\n";
  const auto created = kubectl({"apply", "-f", write_manifest("flags.yaml", manifest).string()});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out, "configmap/flags created\n");

  std::string changed = manifest;
  changed.replace(changed.find("\"false\""), 7, "\"true\"");
  const auto configured = kubectl({"apply", "-f", write_manifest("flags.yaml", changed).string()});
  ASSERT_EQ(configured.exit_code, 0) << configured.err;
  EXPECT_EQ(configured.out, "configmap/flags configured\n");
  auto stored = server->store().get({"configmaps", "develop", "flags"});
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->at("data").at("FEATURE_LOGIN_V2"), "true");

  const auto unchanged = kubectl({"apply", "-f", write_manifest("flags.yaml", changed).string()});
  EXPECT_EQ(unchanged.out, "configmap/flags unchanged\n") << unchanged.err;
}

TEST_F(KubectlWorkloadsTest, ConfigMapValuesMustBeStrings) {
  const std::string manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  REPLICAS: 3\n";
  const auto refused = kubectl({"create", "-f", write_manifest("flags.yaml", manifest).string()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot "
                             "unmarshal number into Go struct field ConfigMap.data of type string"),
            std::string::npos)
      << refused.err;
}

TEST_F(KubectlWorkloadsTest, GetADeploymentAsJsonWithTheServersDefaults) {
  apply_deployment();
  const auto result = kubectl({"get", "deployment", "web", "-o", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto deployment = boost::json::parse(result.out);
  EXPECT_EQ(deployment.at("apiVersion"), "apps/v1");
  EXPECT_EQ(deployment.at("spec").at("replicas"), 2);
  EXPECT_EQ(deployment.at("spec").at("strategy").at("type"), "RollingUpdate");
  EXPECT_EQ(deployment.at("spec").at("revisionHistoryLimit"), 10);
  const auto& containers = deployment.at("spec").at("template").at("spec").at("containers");
  EXPECT_EQ(containers.at(0).at("imagePullPolicy"), "IfNotPresent");
  EXPECT_EQ(containers.at(1).at("imagePullPolicy"), "Always") << "busybox has no tag: latest";
  EXPECT_EQ(deployment.at("spec").at("template").at("spec").at("restartPolicy"), "Always");
}

TEST_F(KubectlWorkloadsTest, GetDeploymentsPrintsReadyAndWideColumns) {
  apply_deployment();
  const auto table = kubectl({"get", "deploy"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_TRUE(std::regex_search(table.out,
                                std::regex(R"(NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+0/2\s+0\s+0\s+\S+)")))
      << table.out;

  const auto wide = kubectl({"get", "deployments", "-o", "wide"});
  ASSERT_EQ(wide.exit_code, 0) << wide.err;
  EXPECT_TRUE(std::regex_search(wide.out, std::regex(R"(CONTAINERS\s+IMAGES\s+SELECTOR)"))) << wide.out;
  EXPECT_TRUE(std::regex_search(wide.out, std::regex(R"(web,sidecar\s+nginx:1.27,busybox\s+app=web)"))) << wide.out;
}

TEST_F(KubectlWorkloadsTest, SetEnvChangesOneContainerOnly) {
  apply_deployment();
  const auto set = kubectl({"set", "env", "deployment/web", "-c", "web", "FEATURE_LOGIN_V2=true", "LOG_LEVEL=debug"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(set.out, "deployment.apps/web env updated\n");

  const auto deployment = stored_deployment();
  const auto& containers = deployment.at("spec").at("template").at("spec").at("containers");
  EXPECT_EQ(containers.at(0).at("env"),
            boost::json::parse(R"([{"name":"FEATURE_LOGIN_V2","value":"true"},{"name":"LOG_LEVEL","value":"debug"}])"));
  EXPECT_FALSE(containers.at(1).as_object().contains("env"));
  EXPECT_EQ(deployment.at("metadata").at("generation"), 2);

  const auto value =
      kubectl({"get", "deployment", "web", "-o", R"(jsonpath={.spec.template.spec.containers[0].env[0].value})"});
  EXPECT_EQ(value.out, "true") << value.err;
}

TEST_F(KubectlWorkloadsTest, ReapplyingADeploymentMergesItsContainersByName) {
  apply_deployment();
  std::string changed = kDeploymentManifest;
  changed.replace(changed.find("nginx:1.27"), 10, "nginx:1.28");
  apply_deployment(changed);
  const auto deployment = stored_deployment();
  const auto& containers = deployment.at("spec").at("template").at("spec").at("containers");
  ASSERT_EQ(containers.as_array().size(), 2u);
  EXPECT_EQ(containers.at(0).at("image"), "nginx:1.28");
  EXPECT_EQ(containers.at(0).at("env").at(0).at("value"), "false");
  EXPECT_EQ(containers.at(1).at("name"), "sidecar");
}

TEST_F(KubectlWorkloadsTest, InvalidDeploymentsArePrintedFieldByField) {
  const std::string manifest =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: empty\nspec:\n  selector:\n"
      "    matchLabels: {app: empty}\n  template:\n    metadata:\n      labels: {app: empty}\n"
      "    spec:\n      containers: []\n";
  const auto refused = kubectl({"create", "-f", write_manifest("empty.yaml", manifest).string()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_EQ(refused.err, "The Deployment \"empty\" is invalid: spec.template.spec.containers: Required value\n");

  const std::string two_errors =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n"
      "    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: api}\n"
      "    spec:\n      containers: [{name: web}]\n";
  const auto both = kubectl({"create", "-f", write_manifest("web.yaml", two_errors).string()});
  EXPECT_EQ(both.err,
            "The Deployment \"web\" is invalid: \n"
            "* spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does "
            "not match template `labels`\n"
            "* spec.template.spec.containers[0].image: Required value\n");
}

}  // namespace
}  // namespace ckpt::kubeapi
