// differences() compares what two renderings mean: YAML types as Kubernetes reads them,
// every missing, extra or changed key with its path; comparable() removes only what says
// which tool rendered an object.
#include "deploy/manifest_comparison.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/yaml_json.hpp"

namespace ckpt::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> yaml_differences(const std::string& expected, const std::string& actual) {
  return differences(yaml_to_json(expected), yaml_to_json(actual));
}

TEST(ManifestComparison, ScalarsCompareByTheirYamlType) {
  EXPECT_THAT(yaml_differences("{port: 8443}", "{port: \"8443\"}"), ElementsAre("port: expected 8443, got \"8443\""));
  EXPECT_THAT(yaml_differences("{mode: 288}", "{mode: 0440}"), IsEmpty());
  EXPECT_THAT(yaml_differences("{mode: 288}", "{mode: 0o440}"), IsEmpty());
  EXPECT_THAT(yaml_differences("{name: orders}", "{name: 'orders'}"), IsEmpty());
  EXPECT_THAT(yaml_differences("{on: true}", "{on: \"true\"}"), ElementsAre("on: expected true, got \"true\""));
  EXPECT_THAT(yaml_differences("{tag: \"1.36\"}", "{tag: 1.36}"), ElementsAre("tag: expected \"1.36\", got 1.36E0"));
}

TEST(ManifestComparison, NamesEveryMissingExtraAndChangedPath) {
  EXPECT_THAT(yaml_differences("{spec: {ports: [{name: https, port: 8443}], a: 1}}",
                               "{spec: {ports: [{name: http, port: 8443}], b: 1}}"),
              ElementsAre("spec.ports[0].name: expected \"https\", got \"http\"", "spec.a: expected 1, got nothing",
                          "spec.b: not expected, got 1"));
  EXPECT_THAT(yaml_differences("[1, 2]", "[1]"), ElementsAre("(object): expected 2 items, got 1: [1]"));
}

TEST(ManifestComparison, ComparableDropsOnlyTheRenderersMarks) {
  const auto object = comparable(YAML::Load(R"(
kind: ConfigMap
metadata:
  name: checkpointd-config-h74mt9b94f
  labels: {app.kubernetes.io/name: checkpointd, app.kubernetes.io/instance: r, helm.sh/chart: c-1,
           app.kubernetes.io/managed-by: Helm, app.kubernetes.io/version: "1", team: db}
  annotations: {checksum/config: abc, helm.sh/resource-policy: keep}
data:
  config.yaml: "log: {level: info}"
)"),
                                 {{"checkpointd-config-h74mt9b94f", "checkpointd-config"}});
  EXPECT_THAT(differences(yaml_to_json(R"(
kind: ConfigMap
metadata:
  name: checkpointd-config
  labels: {app.kubernetes.io/name: checkpointd, team: db}
data:
  config.yaml: {log: {level: info}}
)"),
                          object),
              IsEmpty());
}

}  // namespace
}  // namespace ckpt::test
