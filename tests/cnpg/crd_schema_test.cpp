// Every manifest checkpointd renders is accepted by the real CNPG v1.30.0 CRD schemas
// with unknown fields rejected (the API server would silently prune them), and the
// validator itself is strict enough to catch a misspelt field.
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

}  // namespace
}  // namespace ckpt::cnpg
