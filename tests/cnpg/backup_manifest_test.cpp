// The on-demand Backup: named from the CNPG cluster and the checkpoint id, on the
// primary, with exactly the method-specific fields CNPG accepts for each method.
#include "cnpg/backup_manifest.hpp"

#include <gtest/gtest.h>

#include "cnpg/manifest_yaml.hpp"
#include "cnpg_fixtures.hpp"

namespace ckpt::cnpg {
namespace {

using testing::ready_checkpoint;

TEST(BackupManifest, PluginBackupMatchesTheGoldenFile) {
  const auto cnpg = testing::plugin_config();
  testing::expect_matches_golden(to_yaml(render_backup(cnpg, ready_checkpoint(cnpg))), "backup-plugin.yaml");
}

TEST(BackupManifest, IsNamedAfterTheCnpgClusterNotTheCheckpointdCluster) {
  const auto cnpg = testing::plugin_config();
  auto checkpoint = ready_checkpoint(cnpg);
  checkpoint.request.cluster = "orders";
  const auto backup = render_backup(cnpg, checkpoint);
  EXPECT_EQ(backup.at("metadata").at("name"), "orders-db-ckpt-a1b2c3d4");
  EXPECT_EQ(backup.at("metadata").at("namespace"), "payments");
  EXPECT_EQ(backup.at("spec").at("cluster").at("name"), "orders-db");
  EXPECT_EQ(backup.at("metadata").at("labels").at("cnpg.io/cluster"), "orders-db");
}

TEST(BackupManifest, LabelsSanitizeTheMigrationIdAndAnnotationsKeepItVerbatim) {
  const auto cnpg = testing::plugin_config();
  auto checkpoint = ready_checkpoint(cnpg);
  checkpoint.request.migration_id = "feature/orders: add index (v2)";
  const auto metadata = render_backup(cnpg, checkpoint).at("metadata").as_object();
  EXPECT_EQ(metadata.at("labels").at("checkpointd.io/migration-id"), "feature-orders--add-index--v2");
  EXPECT_EQ(metadata.at("labels").at("checkpointd.io/checkpoint-id"), "a1b2c3d4");
  EXPECT_EQ(metadata.at("labels").at("checkpointd.io/managed-by"), "checkpointd");
  EXPECT_EQ(metadata.at("annotations").at("checkpointd.io/migration-id"), "feature/orders: add index (v2)");
  EXPECT_EQ(metadata.at("annotations").at("checkpointd.io/purpose").as_string(), checkpoint.request.purpose);
}

TEST(BackupManifest, PluginMethodNamesThePluginAndNothingSnapshotSpecific) {
  const auto cnpg = testing::plugin_config();
  const auto spec = render_backup(cnpg, ready_checkpoint(cnpg)).at("spec").as_object();
  EXPECT_EQ(spec.at("method"), "plugin");
  EXPECT_EQ(spec.at("target"), "primary");
  EXPECT_EQ(spec.at("pluginConfiguration"), (boost::json::object{{"name", "barman-cloud.cloudnative-pg.io"}}));
  EXPECT_FALSE(spec.contains("online"));
  EXPECT_FALSE(spec.contains("onlineConfiguration"));
}

TEST(BackupManifest, BarmanObjectStoreMethodCarriesNoPluginOrOnlineFields) {
  const auto cnpg = testing::barman_config();
  const auto spec = render_backup(cnpg, ready_checkpoint(cnpg)).at("spec").as_object();
  EXPECT_EQ(spec, (boost::json::object{{"cluster", {{"name", "ledger-db"}}},
                                       {"method", "barmanObjectStore"},
                                       {"target", "primary"}}));
}

TEST(BackupManifest, VolumeSnapshotMethodIsAHotSnapshotThatWaitsForTheArchive) {
  const auto cnpg = testing::snapshot_config();
  const auto spec = render_backup(cnpg, ready_checkpoint(cnpg)).at("spec").as_object();
  EXPECT_EQ(spec.at("method"), "volumeSnapshot");
  EXPECT_EQ(spec.at("online"), true);
  EXPECT_EQ(spec.at("onlineConfiguration"),
            (boost::json::object{{"immediateCheckpoint", true}, {"waitForArchive", true}}));
  EXPECT_FALSE(spec.contains("pluginConfiguration"));
}

}  // namespace
}  // namespace ckpt::cnpg
