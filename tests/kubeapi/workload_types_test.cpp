// ConfigMaps and Deployments as the API server keeps them: discovery, the checks and
// defaults of a write (decoding errors 400, validation 422 with the API server's messages,
// unknown fields), and strategic merge patches, which only built-in types take.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "kubeapi/server/api_errors.hpp"
#include "kubeapi_fixture.hpp"

namespace ckpt::kubeapi {
namespace {

using testing::rejection;

constexpr const char* kDeployments = "deployments.apps";

boost::json::object config_map(std::string_view data_json) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", "flags"}, {"namespace", "develop"}}},
          {"data", boost::json::parse(data_json)}};
}

boost::json::object deployment(std::string_view containers_json, std::string_view labels_json = R"({"app":"web"})") {
  return boost::json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",)"
                            R"("metadata":{"name":"web","namespace":"develop"},)"
                            R"("spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":)" +
                            std::string(labels_json) + R"(},"spec":{"containers":)" + std::string(containers_json) +
                            "}}}}")
      .as_object();
}

class WorkloadTypesTest : public testing::KubeApiTest {};

TEST_F(WorkloadTypesTest, DiscoveryListsConfigMapsAndTheAppsGroup) {
  EXPECT_NE(call("GET", "/api/v1").raw.body.find(R"("name":"configmaps")"), std::string::npos);
  const auto groups = call("GET", "/apis");
  EXPECT_NE(groups.raw.body.find(R"("name":"apps")"), std::string::npos) << groups.raw.body;
  const auto apps = call("GET", "/apis/apps");
  EXPECT_EQ(apps.object().at("preferredVersion").at("groupVersion"), "apps/v1");
  const auto resources = call("GET", "/apis/apps/v1");
  EXPECT_NE(resources.raw.body.find(R"("name":"deployments")"), std::string::npos);
  EXPECT_NE(resources.raw.body.find(R"("name":"deployments/status")"), std::string::npos);
  EXPECT_NE(resources.raw.body.find(R"("shortNames":["deploy"])"), std::string::npos);
}

TEST_F(WorkloadTypesTest, ConfigMapKeysAreConfigKeysAndNotInBothMaps) {
  auto bad_key = config_map(R"({"bad key":"x"})");
  EXPECT_EQ(rejection(server->store(), bad_key).message,
            "ConfigMap \"flags\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must "
            "consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
            "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  auto both = config_map(R"({"A":"x"})");
  both["binaryData"] = {{"A", "eA=="}};
  EXPECT_EQ(rejection(server->store(), both).message,
            "ConfigMap \"flags\" is invalid: data[A]: Invalid value: \"A\": duplicate of key present in binaryData");
}

TEST_F(WorkloadTypesTest, ConfigMapValuesThatAreNotStringsCannotBeDecoded) {
  const auto error = rejection(server->store(), config_map(R"({"ENABLED":true})"));
  EXPECT_EQ(error.reason, reason::kBadRequest);
  EXPECT_EQ(error.message,
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go "
            "struct field ConfigMap.data of type string");
}

TEST_F(WorkloadTypesTest, AnInvalidObjectsStatusNamesItAndListsTheCauses) {
  const auto reply = call("POST", "/api/v1/namespaces/develop/configmaps", config_map(R"({"bad key":"x","ok":"y"})"));
  EXPECT_EQ(reply.status, 422);
  const auto& details = reply.object().at("details");
  EXPECT_EQ(details.at("name"), "flags");
  EXPECT_EQ(details.at("kind"), "ConfigMap");
  ASSERT_EQ(details.at("causes").as_array().size(), 1u);
  EXPECT_EQ(details.at("causes").at(0).at("field"), "data[bad key]");
  EXPECT_EQ(details.at("causes").at(0).at("reason"), "FieldValueInvalid");
  EXPECT_TRUE(details.at("causes").at(0).at("message").as_string().starts_with("Invalid value: \"bad key\": "));
}

TEST_F(WorkloadTypesTest, ADeploymentsSelectorMustMatchItsTemplate) {
  const auto error = rejection(server->store(), deployment(R"([{"name":"web","image":"nginx"}])", R"({"app":"api"})"));
  EXPECT_EQ(error.message,
            "Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: "
            "map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`");
}

TEST_F(WorkloadTypesTest, ContainersNeedUniqueNamesAndImages) {
  const auto error =
      rejection(server->store(),
                deployment(R"([{"image":"nginx"},{"name":"a","image":"nginx"},{"name":"a","env":[{"value":"1"}]}])"));
  EXPECT_EQ(error.reason, reason::kInvalid);
  EXPECT_EQ(error.message,
            "Deployment.apps \"web\" is invalid: [spec.template.spec.containers[0].name: Required value, "
            "spec.template.spec.containers[2].name: Duplicate value: \"a\", spec.template.spec.containers[2].image: "
            "Required value, spec.template.spec.containers[2].env[0].name: Required value]");
}

TEST_F(WorkloadTypesTest, UnknownFieldsAreRefusedOutsideThePodSpec) {
  auto typo = deployment(R"([{"name":"web","image":"nginx"}])");
  typo["spec"].as_object()["replicaz"] = 3;
  const auto error = rejection(server->store(), typo);
  EXPECT_NE(error.message.find("strict decoding error: unknown field \"spec.replicaz\""), std::string::npos)
      << error.message;

  auto host_network = deployment(R"([{"name":"web","image":"nginx","stdin":true}])");
  host_network["spec"].as_object()["template"].as_object()["spec"].as_object()["hostNetwork"] = true;
  auto created = server->store().create(host_network);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->at("spec").at("replicas"), 1);
  EXPECT_EQ(created->at("spec").at("progressDeadlineSeconds"), 600);
  EXPECT_EQ(
      created->at("spec").at("strategy"),
      boost::json::parse(R"({"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}})"));
}

TEST_F(WorkloadTypesTest, AStrategicMergePatchEditsOneEnvVarOfOneContainer) {
  ASSERT_TRUE(server->store().create(
      deployment(R"([{"name":"web","image":"nginx","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},)"
                 R"({"name":"sidecar","image":"busybox"}])")));
  const auto reply = call(
      "PATCH", "/apis/apps/v1/namespaces/develop/deployments/web?fieldValidation=Strict",
      std::string(R"({"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"3"}]}]}}}})"),
      testing::kWriterToken, {{"Content-Type", "application/strategic-merge-patch+json"}});
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  const auto& containers = reply.object().at("spec").at("template").at("spec").at("containers");
  EXPECT_EQ(containers.at(0).at("env"), boost::json::parse(R"([{"name":"A","value":"1"},{"name":"B","value":"3"}])"));
  EXPECT_EQ(containers.at(1).at("name"), "sidecar");
  EXPECT_EQ(reply.object().at("metadata").at("generation"), 2);
}

TEST_F(WorkloadTypesTest, StrategicMergePatchesAreForBuiltInTypesWithStrictFieldValidation) {
  ASSERT_TRUE(server->store().create(config_map(R"({"A":"1"})")));
  const auto warn = call("PATCH", "/api/v1/namespaces/develop/configmaps/flags?fieldValidation=Warn",
                         std::string(R"({"data":{"A":"2"}})"), testing::kWriterToken,
                         {{"Content-Type", "application/strategic-merge-patch+json"}});
  EXPECT_EQ(warn.status, 400) << warn.raw.body;

  ASSERT_TRUE(server->store().create(testing::cluster_manifest("c1")));
  const auto custom =
      server->store().patch({"clusters.postgresql.cnpg.io", "develop", "c1"}, boost::json::parse(R"({"spec":{}})"),
                            Subresource::main, PatchType::strategic_merge);
  ASSERT_FALSE(custom);
  EXPECT_EQ(custom.error().reason, reason::kUnsupportedMediaType);
}

TEST_F(WorkloadTypesTest, AnInjectedConflictLeavesTheDeploymentAlone) {
  ASSERT_TRUE(server->store().create(deployment(R"([{"name":"web","image":"nginx"}])")));
  const auto stored = server->store().get({kDeployments, "develop", "web"});
  ASSERT_TRUE(stored);
  ASSERT_TRUE(server->faults().fail_next({409, 1, "PUT"}));
  const auto reply = call("PUT", "/apis/apps/v1/namespaces/develop/deployments/web", *stored);
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.text("reason"), "Conflict");
  EXPECT_EQ(call("PUT", "/apis/apps/v1/namespaces/develop/deployments/web", *stored).status, 200);
}

}  // namespace
}  // namespace ckpt::kubeapi
