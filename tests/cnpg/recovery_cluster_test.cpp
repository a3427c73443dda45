// The recovery Cluster: a new Cluster rendered from the source, bootstrapped from the
// source's archive with its serverName always explicit, archiving under its own name,
// and clear refusals when the source or the checkpoint lacks what a restore needs.
#include "cnpg/recovery_cluster.hpp"

#include <gtest/gtest.h>

#include "cnpg/manifest_yaml.hpp"
#include "cnpg/server_certificates.hpp"
#include "cnpg_fixtures.hpp"

namespace ckpt::cnpg {
namespace {

using boost::json::object;
using testing::load_testdata;
using testing::ready_checkpoint;

object render(const object& source, const config::CnpgCluster& cnpg, int attempt = 1) {
  auto rendered = render_recovery_cluster(source, cnpg, ready_checkpoint(cnpg), attempt, testing::snapshot_elements());
  EXPECT_TRUE(rendered.ok()) << rendered.error().message;
  return rendered.ok() ? rendered.value() : object{};
}

const object& spec_of(const object& cluster) { return cluster.at("spec").as_object(); }

const object& recovery_of(const object& cluster) {
  return spec_of(cluster).at("bootstrap").at("recovery").as_object();
}

const object& origin_of(const object& cluster) {
  return spec_of(cluster).at("externalClusters").at(0).as_object();
}

Error render_error(const object& source, const config::CnpgCluster& cnpg, const Checkpoint& checkpoint,
                   const std::vector<SnapshotElement>& snapshots = {}) {
  auto rendered = render_recovery_cluster(source, cnpg, checkpoint, 1, snapshots);
  EXPECT_FALSE(rendered.ok());
  return rendered.ok() ? Error{} : rendered.error();
}

object& plugin_parameters(object& source) {
  return source["spec"].as_object()["plugins"].as_array()[0].as_object()["parameters"].as_object();
}

TEST(RecoveryCluster, FromAPluginSourceMatchesTheGoldenFile) {
  testing::expect_matches_golden(to_yaml(render(load_testdata("source-plugin.yaml"), testing::plugin_config())),
                                 "recovery-plugin.yaml");
}

TEST(RecoveryCluster, FromAnInTreeBarmanObjectStoreSourceMatchesTheGoldenFile) {
  testing::expect_matches_golden(
      to_yaml(render(load_testdata("source-barman-object-store.yaml"), testing::barman_config())),
      "recovery-barman-object-store.yaml");
}

TEST(RecoveryCluster, FromAVolumeSnapshotSourceMatchesTheGoldenFile) {
  testing::expect_matches_golden(
      to_yaml(render(load_testdata("source-volume-snapshot.yaml"), testing::snapshot_config())),
      "recovery-volume-snapshot.yaml");
}

TEST(RecoveryCluster, IsANewClusterNamedPerAttempt) {
  const auto cluster = render(load_testdata("source-plugin.yaml"), testing::plugin_config(), 2);
  EXPECT_EQ(cluster.at("metadata").at("name"), "orders-db-pitr-a1b2c3d4-2");
  EXPECT_EQ(cluster.at("metadata").at("namespace"), "payments");
  const auto& labels = cluster.at("metadata").at("labels").as_object();
  EXPECT_EQ(labels.at("checkpointd.io/restore-attempt"), "2");
  EXPECT_EQ(labels.at("checkpointd.io/source-cluster"), "orders-db");
  EXPECT_EQ(labels.at("checkpointd.io/checkpoint-id"), "a1b2c3d4");
  EXPECT_FALSE(labels.contains("app.kubernetes.io/instance")) << "the source's own labels are not copied";
  EXPECT_FALSE(cluster.at("metadata").as_object().contains("uid"));
  EXPECT_FALSE(cluster.contains("status"));
}

TEST(RecoveryCluster, CopiesHowTheDatabaseRunsAndDropsWhatTiesItToTheSource) {
  const auto source = load_testdata("source-plugin.yaml");
  const auto& source_spec = source.at("spec").as_object();
  const auto cluster = render(source, testing::plugin_config());
  const auto& spec = spec_of(cluster);
  for (const auto* copied : {"instances", "imageName", "postgresql", "storage", "walStorage", "resources", "affinity",
                             "superuserSecret", "enableSuperuserAccess", "monitoring", "primaryUpdateStrategy"}) {
    EXPECT_EQ(spec.at(copied), source_spec.at(copied)) << copied;
  }
  for (const auto* dropped : {"certificates", "inheritedMetadata", "replica"}) {
    EXPECT_FALSE(spec.contains(dropped)) << dropped << " (the source's certificates are user-provided)";
  }
  EXPECT_EQ(spec.at("managed"), (object{{"roles", source_spec.at("managed").at("roles")}}));
  EXPECT_EQ(spec.at("bootstrap").as_object().size(), 1U) << "only bootstrap.recovery";
}

TEST(RecoveryCluster, SharesTheSourcesOperatorManagedServerCaSoVerificationKeepsWorking) {
  auto source = load_testdata("source-barman-object-store.yaml");
  auto cluster = render(source, testing::barman_config());
  EXPECT_EQ(spec_of(cluster).at("certificates"), (object{{"serverCASecret", "ledger-db-ca"}}))
      << "CNPG's default CA Secret <source>-ca";
  EXPECT_EQ(shared_server_ca_of(cluster), "ledger-db-ca");

  auto& spec = source["spec"].as_object();
  spec["certificates"] = object{{"serverCASecret", "ledger-db-own-ca"}, {"clientCASecret", "ledger-db-client-ca"},
                                {"serverAltDNSNames", boost::json::array{"ledger.example.com"}}};
  EXPECT_EQ(spec_of(render(source, testing::barman_config())).at("certificates"),
            (object{{"serverCASecret", "ledger-db-own-ca"}}))
      << "the configured CA; client CA and the source's extra DNS names are not copied";

  source["status"] = object{{"certificates", {{"serverCASecret", "ledger-db-reported-ca"}}}};
  EXPECT_EQ(spec_of(render(source, testing::barman_config())).at("certificates"),
            (object{{"serverCASecret", "ledger-db-reported-ca"}}))
      << "the CA the operator reports in use comes first";
}

TEST(RecoveryCluster, GetsACaOfItsOwnWhenTheSourceUsesAUserProvidedServerCertificate) {
  const auto source = load_testdata("source-plugin.yaml");
  ASSERT_EQ(source.at("spec").at("certificates").at("serverTLSSecret"), "orders-db-server-tls");
  EXPECT_FALSE(shared_server_ca_secret(source));
  const auto cluster = render(source, testing::plugin_config());
  EXPECT_FALSE(spec_of(cluster).contains("certificates"));
  EXPECT_FALSE(shared_server_ca_of(cluster));
  const object with_tls_secret{
      {"spec", {{"certificates", {{"serverCASecret", "ca"}, {"serverTLSSecret", "orders-db-server-tls"}}}}}};
  EXPECT_FALSE(shared_server_ca_of(with_tls_secret));
}

TEST(RecoveryCluster, KeepsTheApplicationDatabaseOfTheSourcesBootstrap) {
  const auto recovery = recovery_of(render(load_testdata("source-plugin.yaml"), testing::plugin_config()));
  EXPECT_EQ(recovery.at("database"), "orders");
  EXPECT_EQ(recovery.at("owner"), "orders");
  EXPECT_EQ(recovery.at("secret"), (object{{"name", "orders-db-owner"}}));
  EXPECT_FALSE(recovery.contains("dataChecksums"));
}

TEST(RecoveryCluster, PluginRecoverySourceAlwaysNamesTheSourcesServerName) {
  auto source = load_testdata("source-plugin.yaml");
  const auto defaulted = origin_of(render(source, testing::plugin_config()));
  EXPECT_EQ(defaulted.at("plugin").at("parameters"),
            (object{{"barmanObjectName", "payments-store"}, {"serverName", "orders-db"}}));

  plugin_parameters(source)["serverName"] = "orders-db-v3";
  EXPECT_EQ(origin_of(render(source, testing::plugin_config())).at("plugin").at("parameters").at("serverName"),
            "orders-db-v3");

  auto configured = testing::plugin_config();
  configured.server_name = "orders-archive";
  configured.barman_object_name = "payments-store-eu";
  EXPECT_EQ(origin_of(render(source, configured)).at("plugin").at("parameters"),
            (object{{"barmanObjectName", "payments-store-eu"}, {"serverName", "orders-archive"}}));
}

TEST(RecoveryCluster, PluginSourceArchivesUnderTheNewClustersOwnServerName) {
  const auto cluster = render(load_testdata("source-plugin.yaml"), testing::plugin_config());
  EXPECT_EQ(spec_of(cluster).at("plugins"),
            (boost::json::array{object{{"name", "barman-cloud.cloudnative-pg.io"},
                                       {"isWALArchiver", true},
                                       {"parameters",
                                        {{"barmanObjectName", "payments-store"},
                                         {"serverName", "orders-db-pitr-a1b2c3d4"}}}}}));
  EXPECT_EQ(spec_of(cluster).at("backup"), (object{{"target", "primary"}}));
}

TEST(RecoveryCluster, InTreeSourceReadsTheSourcesFolderAndArchivesIntoItsOwn) {
  const auto cluster = render(load_testdata("source-barman-object-store.yaml"), testing::barman_config());
  const auto& origin_store = origin_of(cluster).at("barmanObjectStore").as_object();
  EXPECT_EQ(origin_store.at("serverName"), "ledger-db-v2");
  EXPECT_EQ(origin_store.at("destinationPath"), "s3://pg-backups/payments/");
  const auto& own = spec_of(cluster).at("backup").as_object();
  EXPECT_EQ(own.at("barmanObjectStore").at("serverName"), "ledger-db-pitr-a1b2c3d4");
  EXPECT_EQ(own.at("retentionPolicy"), "30d");
  EXPECT_FALSE(spec_of(cluster).contains("plugins"));
}

TEST(RecoveryCluster, InTreeSourceWithoutServerNameUsesTheClusterName) {
  auto source = load_testdata("source-barman-object-store.yaml");
  source["spec"].as_object()["backup"].as_object()["barmanObjectStore"].as_object().erase("serverName");
  EXPECT_EQ(origin_of(render(source, testing::barman_config())).at("barmanObjectStore").at("serverName"), "ledger-db");
}

TEST(RecoveryCluster, PinsTheBaseBackupAndStopsBeforeTheRecordAfterTheRestorePoint) {
  const auto recovery = recovery_of(render(load_testdata("source-plugin.yaml"), testing::plugin_config()));
  EXPECT_EQ(recovery.at("source"), "origin");
  EXPECT_EQ(recovery.at("recoveryTarget"), (object{{"backupID", "20260115T103001"},
                                                   {"targetLSN", "3A/7F0012C8"},
                                                   {"targetTLI", "1"},
                                                   {"exclusive", true}}));
}

TEST(RecoveryCluster, VolumeSnapshotRestoreNamesEverySnapshotAndNoBackupId) {
  const auto recovery = recovery_of(render(load_testdata("source-volume-snapshot.yaml"), testing::snapshot_config()));
  const auto reference = [](const char* name) {
    return object{{"name", name}, {"kind", "VolumeSnapshot"}, {"apiGroup", "snapshot.storage.k8s.io"}};
  };
  EXPECT_EQ(recovery.at("volumeSnapshots"),
            (object{{"storage", reference("events-db-ckpt-a1b2c3d4")},
                    {"walStorage", reference("events-db-ckpt-a1b2c3d4-wal")},
                    {"tablespaceStorage", {{"archive", reference("events-db-ckpt-a1b2c3d4-tbs-archive")}}}}));
  EXPECT_FALSE(recovery.at("recoveryTarget").as_object().contains("backupID"));
  EXPECT_EQ(recovery.at("source"), "origin") << "WAL replay past the snapshot needs the archive";
}

TEST(RecoveryCluster, RefusesASourceWithoutAnyWalArchive) {
  auto source = load_testdata("source-plugin.yaml");
  source["spec"].as_object().erase("plugins");
  const auto error = render_error(source, testing::plugin_config(), ready_checkpoint(testing::plugin_config()));
  EXPECT_EQ(error.code, ErrorCode::engine_error);
  EXPECT_EQ(error.message,
            "source Cluster payments/orders-db has no spec.backup.barmanObjectStore and no plugin archiving (a "
            "spec.plugins entry 'barman-cloud.cloudnative-pg.io' with isWALArchiver: true): cannot find its WAL "
            "archive");
}

TEST(RecoveryCluster, APluginThatDoesNotArchiveWalIsNoArchive) {
  auto source = load_testdata("source-plugin.yaml");
  source["spec"].as_object()["plugins"].as_array()[0].as_object()["enabled"] = false;
  const auto error = render_error(source, testing::plugin_config(), ready_checkpoint(testing::plugin_config()));
  EXPECT_NE(error.message.find("cannot find its WAL archive"), std::string::npos) << error.message;
}

TEST(RecoveryCluster, RefusesAPluginArchiveWithoutAnObjectStoreName) {
  auto source = load_testdata("source-plugin.yaml");
  plugin_parameters(source).erase("barmanObjectName");
  const auto error = render_error(source, testing::plugin_config(), ready_checkpoint(testing::plugin_config()));
  EXPECT_EQ(error.message,
            "source Cluster payments/orders-db: plugin 'barman-cloud.cloudnative-pg.io' has no "
            "parameters.barmanObjectName and cnpg.barman_object_name is not configured: cannot name the ObjectStore "
            "holding its archive");
}

TEST(RecoveryCluster, RefusesAnInTreeArchiveWithoutDestinationPath) {
  auto source = load_testdata("source-barman-object-store.yaml");
  source["spec"].as_object()["backup"].as_object()["barmanObjectStore"].as_object().erase("destinationPath");
  const auto error = render_error(source, testing::barman_config(), ready_checkpoint(testing::barman_config()));
  EXPECT_EQ(error.message,
            "source Cluster payments/ledger-db: spec.backup.barmanObjectStore has no destinationPath: cannot find its "
            "WAL archive");
}

TEST(RecoveryCluster, RefusesABackupMethodThatDoesNotMatchTheArchive) {
  auto cnpg = testing::barman_config();
  cnpg.cluster_name = "orders-db";
  const auto error = render_error(load_testdata("source-plugin.yaml"), cnpg, ready_checkpoint(cnpg));
  EXPECT_EQ(error.message,
            "cnpg.backup_method is 'barmanObjectStore' but source Cluster payments/orders-db archives WAL through "
            "plugin 'barman-cloud.cloudnative-pg.io': base backups and WAL must be in the same archive; set "
            "backup_method to plugin (or volumeSnapshot)");
}

TEST(RecoveryCluster, RefusesASourceWithoutSpec) {
  const auto error = render_error(object{{"kind", "Cluster"}}, testing::plugin_config(),
                                  ready_checkpoint(testing::plugin_config()));
  EXPECT_EQ(error.message, "source Cluster payments/orders-db has no spec: cannot render a recovery Cluster from it");
}

TEST(RecoveryCluster, RefusesACheckpointThatNeverRecordedARecoveryPoint) {
  auto checkpoint = ready_checkpoint(testing::plugin_config());
  checkpoint.recovery_point.reset();
  const auto error = render_error(load_testdata("source-plugin.yaml"), testing::plugin_config(), checkpoint);
  EXPECT_EQ(error.code, ErrorCode::conflict);
  EXPECT_EQ(error.message,
            "checkpoint a1b2c3d4 has no recovery point: it never became ready, so there is nothing to restore to");
}

TEST(RecoveryCluster, RefusesASnapshotRestoreWithoutTheDataSnapshot) {
  const auto cnpg = testing::snapshot_config();
  const auto error = render_error(load_testdata("source-volume-snapshot.yaml"), cnpg, ready_checkpoint(cnpg),
                                  {{"events-db-ckpt-a1b2c3d4-wal", "PG_WAL", ""}});
  EXPECT_EQ(error.message,
            "Backup events-db-ckpt-a1b2c3d4 lists no PG_DATA volume snapshot in status.snapshotBackupStatus.elements: "
            "nothing to restore from");
}

TEST(RecoveryCluster, RefusesASnapshotRestoreWithoutTheWalSnapshotWhenTheSourceHasAWalVolume) {
  const auto cnpg = testing::snapshot_config();
  const auto error = render_error(load_testdata("source-volume-snapshot.yaml"), cnpg, ready_checkpoint(cnpg),
                                  {{"events-db-ckpt-a1b2c3d4", "PG_DATA", ""}});
  EXPECT_EQ(error.message,
            "Backup events-db-ckpt-a1b2c3d4 lists no PG_WAL volume snapshot but the source Cluster has "
            "spec.walStorage: the WAL volume cannot be restored");
}

}  // namespace
}  // namespace ckpt::cnpg
