// Every manifest checkpointd renders is accepted by the real CNPG v1.30.0 CRD schemas
// with unknown fields rejected (the API server would silently prune them), and the
// daemon's validator (cnpg/crd_schema.hpp) is strict enough to catch a misspelt field,
// names every violating field, and is built only for a served version.
#include <gtest/gtest.h>

#include "cnpg/backup_manifest.hpp"
#include "cnpg/recovery_cluster.hpp"
#include "cnpg_fixtures.hpp"

namespace ckpt::cnpg {
namespace {

using testing::crds_available;
using testing::kNoCrdsMessage;

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

boost::json::object recovery_for(const config::CnpgCluster& cnpg, const std::string& source_file) {
  auto rendered = render_recovery_cluster(testing::load_testdata(source_file), cnpg, testing::ready_checkpoint(cnpg),
                                          1, testing::snapshot_elements());
  EXPECT_TRUE(rendered.ok()) << rendered.error().message;
  return rendered.ok() ? rendered.value() : boost::json::object{};
}

TEST(CrdSchema, BackupsOfEveryMethodValidate) {
  if (!crds_available()) GTEST_SKIP() << kNoCrdsMessage;
  for (const auto& cnpg : {testing::plugin_config(), testing::barman_config(), testing::snapshot_config()}) {
    const auto backup = render_backup(cnpg, testing::ready_checkpoint(cnpg));
    EXPECT_EQ(joined(testing::backup_crd().violations(backup)), "") << cnpg.backup_method;
  }
}

TEST(CrdSchema, RecoveryClustersFromEverySourceValidate) {
  if (!crds_available()) GTEST_SKIP() << kNoCrdsMessage;
  EXPECT_EQ(joined(testing::cluster_crd().violations(recovery_for(testing::plugin_config(), "source-plugin.yaml"))),
            "");
  EXPECT_EQ(joined(testing::cluster_crd().violations(
                recovery_for(testing::barman_config(), "source-barman-object-store.yaml"))),
            "");
  EXPECT_EQ(joined(testing::cluster_crd().violations(
                recovery_for(testing::snapshot_config(), "source-volume-snapshot.yaml"))),
            "");
}

TEST(CrdSchema, TheSourceClustersInTestdataAreRealClusters) {
  if (!crds_available()) GTEST_SKIP() << kNoCrdsMessage;
  for (const auto* file : {"source-plugin.yaml", "source-barman-object-store.yaml", "source-volume-snapshot.yaml"}) {
    EXPECT_EQ(joined(testing::cluster_crd().violations(testing::load_testdata(file))), "") << file;
  }
}

TEST(CrdSchema, TheValidatorRejectsUnknownFieldsAndWrongTypes) {
  if (!crds_available()) GTEST_SKIP() << kNoCrdsMessage;
  auto cluster = recovery_for(testing::plugin_config(), "source-plugin.yaml");
  auto& recovery = cluster["spec"].as_object()["bootstrap"].as_object()["recovery"].as_object();
  recovery["recoveryTarget"].as_object()["targetLsn"] = "3A/7F0012C8";
  EXPECT_NE(joined(testing::cluster_crd().violations(cluster)).find("targetLsn"), std::string::npos);

  const auto cnpg = testing::plugin_config();
  auto backup = render_backup(cnpg, testing::ready_checkpoint(cnpg));
  backup["spec"].as_object()["method"] = "snapshot";
  EXPECT_FALSE(testing::backup_crd().violations(backup).empty());
  backup["spec"].as_object()["method"] = "plugin";
  backup["spec"].as_object()["online"] = "true";
  EXPECT_FALSE(testing::backup_crd().violations(backup).empty());
}

TEST(CrdSchema, NamesEveryViolatingFieldByItsPath) {
  if (!crds_available()) GTEST_SKIP() << kNoCrdsMessage;
  auto cluster = recovery_for(testing::plugin_config(), "source-plugin.yaml");
  auto& spec = cluster["spec"].as_object();
  spec["tagret"] = "primary";
  spec["bootstrap"].as_object()["recovery"].as_object()["recoveryTarget"].as_object()["targetLsn"] = "3A/7F0012C8";
  spec["instances"] = "three";
  spec["plugins"].as_array()[0].as_object()["isWalArchiver"] = true;
  const auto violations = testing::cluster_crd().violations(cluster);
  ASSERT_EQ(violations.size(), 4U) << joined(violations);
  EXPECT_NE(joined(violations).find("spec.tagret: unknown field"), std::string::npos) << "two unknown fields in spec";
  const auto text = joined(violations);
  EXPECT_NE(text.find("spec.bootstrap.recovery.recoveryTarget.targetLsn: unknown field: the CRD schema does not "
                      "define it\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("spec.instances: Value type not permitted by 'type' constraint\n"), std::string::npos) << text;
  EXPECT_NE(text.find("spec.plugins[0].isWalArchiver: unknown field"), std::string::npos) << text;
  EXPECT_EQ(testing::cluster_crd().crd_name(), "clusters.postgresql.cnpg.io");
}

TEST(CrdSchema, IsBuiltOnlyForAServedVersionWithASchema) {
  const boost::json::object schema{{"type", "object"}, {"properties", {{"spec", {{"type", "object"}}}}}};
  const boost::json::object v1{{"name", "v1"}, {"served", true}, {"schema", {{"openAPIV3Schema", schema}}}};
  boost::json::object crd{{"metadata", {{"name", "backups.postgresql.cnpg.io"}}},
                          {"spec", {{"versions", boost::json::array{v1}}}}};
  auto built = CrdSchema::from_crd(crd, "v1");
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_TRUE(built->violations(boost::json::object{{"spec", boost::json::object{}}}).empty());
  EXPECT_EQ(joined(built->violations(boost::json::object{{"spec", 1}, {"extra", 2}})),
            "spec: Value type not permitted by 'type' constraint\nextra: unknown field: the CRD schema does not define "
            "it\n");

  auto with_not = crd;
  with_not["spec"].as_object()["versions"].as_array()[0].as_object()["schema"].as_object()["openAPIV3Schema"]
      .as_object()["properties"]
      .as_object()["spec"]
      .as_object()["not"] = boost::json::object{{"type", "string"}};
  auto uses_not = CrdSchema::from_crd(with_not, "v1");
  ASSERT_TRUE(uses_not) << uses_not.error().message;
  EXPECT_EQ(joined(uses_not->violations(boost::json::object{{"extra", 2}})),
            "extra: Target should not validate against schema specified in 'not' constraint\n")
      << "a CRD with a `not` of its own keeps valijson's words";

  auto other_version = CrdSchema::from_crd(crd, "v2");
  ASSERT_FALSE(other_version);
  EXPECT_EQ(other_version.error().code, ErrorCode::engine_error);
  EXPECT_EQ(other_version.error().message,
            "CustomResourceDefinition backups.postgresql.cnpg.io does not serve version v2 with an openAPIV3Schema");
  crd["spec"].as_object()["versions"].as_array()[0].as_object()["served"] = false;
  EXPECT_FALSE(CrdSchema::from_crd(crd, "v1"));
}

}  // namespace
}  // namespace ckpt::cnpg
