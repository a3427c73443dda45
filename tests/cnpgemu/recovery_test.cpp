// Recovery Clusters restored by the operator emulation with a real PITR.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <fstream>
#include <thread>

#include "cnpg/backup_manifest.hpp"
#include "cnpg/backup_status.hpp"
#include "cnpg/cluster_status.hpp"
#include "cnpg/recovery_cluster.hpp"
#include "cnpgemu/emulator_fixture.hpp"

namespace ckpt::cnpgemu::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

// The Backup and the recovery Cluster are rendered by the daemon's own manifest layer.
TEST_F(EmulatorTest, RecoveryToTheCheckpointsLsnRestoresExactlyThatState) {
  source->exec("CREATE TABLE t (v text); INSERT INTO t VALUES ('before-backup')");
  config::CnpgCluster cnpg;
  cnpg.namespace_name = kNamespace;
  cnpg.cluster_name = kSource;
  Checkpoint checkpoint;
  checkpoint.id = "a1b2c3d4";
  const auto backup_name = backup_object_name(kSource, checkpoint.id);
  create(cnpg::render_backup(cnpg, checkpoint));
  const auto backup_status = cnpg::parse_backup_status(wait_for_phase(kBackups, backup_name, "completed"));
  ASSERT_TRUE(backup_status) << backup_status.error().message;
  auto backup = cnpg::to_backup_info(*backup_status);
  ASSERT_TRUE(backup) << backup.error().message;
  checkpoint.backup = *backup;
  source->exec("INSERT INTO t VALUES ('kept')");
  const auto point = archived_restore_point(restore_point_name(checkpoint.id));
  source->exec("INSERT INTO t VALUES ('lost'); SELECT pg_switch_wal()");
  checkpoint.recovery_point = RecoveryPoint{point.server_time,
                                            point.current_lsn,
                                            point.restore_point_lsn,
                                            point.timeline,
                                            restore_point_name(checkpoint.id),
                                            ""};

  const auto name = restore_object_name(kSource, checkpoint.id, 1);
  auto manifest = cnpg::render_recovery_cluster(get(kClusters, kSource), cnpg, checkpoint, 1);
  ASSERT_TRUE(manifest) << manifest.error().message;
  create(*manifest);
  const auto cluster = wait_for_phase(kClusters, name, kHealthy, 60s);

  const auto status = cnpg::parse_cluster_status(cluster);
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_TRUE(cnpg::is_healthy(*status));
  EXPECT_EQ(status->timeline_id, 2u);
  EXPECT_EQ(status->current_primary, name + "-1");
  EXPECT_EQ(status->ready_instances, 1);
  EXPECT_EQ(condition_of(cluster, "Initialized")["reason"], "BootstrapCompleted");
  EXPECT_EQ(condition_of(cluster, "Ready")["reason"], "ClusterIsReady");
  EXPECT_EQ(text_at(cluster, "status", "writeService"), name + "-rw");
  const auto service = emulator->service_directory(kNamespace, name);
  EXPECT_EQ(source->query_value_at(service, source->port(), "SELECT string_agg(v, ',' ORDER BY v) FROM t"),
            "before-backup,kept");
  ASSERT_TRUE(emulator->ready_time(kNamespace, name).has_value());
  EXPECT_LE(emulator->ready_time(kNamespace, name)->system, std::chrono::system_clock::now());
  EXPECT_EQ(emulator->recoveries_started(kNamespace, name), 1u);

  // Later changes of the object start no second recovery.
  const auto touched = server->store().patch({kClusters, kNamespace, name},
                                             boost::json::object{{"metadata", {{"labels", {{"touched", "yes"}}}}}});
  ASSERT_TRUE(touched) << touched.error().message;
  server->store().flush_changes();
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(emulator->recoveries_started(kNamespace, name), 1u);

  // The restored cluster archives its new timeline into its own folder.
  EXPECT_TRUE(eventually([&] { return fs::exists(work_directory() / "objectstore" / name / "00000002.history"); }));

  // Deleting the Cluster stops its PostgreSQL.
  ASSERT_TRUE(server->store().remove({kClusters, kNamespace, name}));
  EXPECT_TRUE(eventually([&] { return !fs::exists(service / (".s.PGSQL." + std::to_string(source->port()))); }));
}

TEST_F(EmulatorTest, ARecoveryTargetNeverReachedMakesTheClusterUnrecoverable) {
  const auto backup = completed_backup("orders-ckpt-1");
  const auto end = parse_lsn(text_at(backup, "status", "endLSN"));
  ASSERT_TRUE(end);
  create(recovery_cluster_manifest("orders-pitr-far",
                                   {{"backupID", text_at(backup, "status", "backupId")},
                                    {"targetLSN", format_lsn(Lsn{end->value + 0x10000000})},
                                    {"exclusive", true}},
                                   "orders-pitr-far"));
  const auto cluster = wait_for_phase(kClusters, "orders-pitr-far", kUnrecoverable, 60s);

  EXPECT_THAT(text_at(cluster, "status", "phaseReason"),
              StartsWith("Instance creation failed for the following jobs: orders-pitr-far-1-full-recovery."));
  EXPECT_THAT(text_at(cluster, "status", "phaseReason"),
              HasSubstr("FATAL:  recovery ended before configured recovery target was reached"));
  EXPECT_EQ(condition_of(cluster, "Ready")["status"], "False");
  EXPECT_FALSE(emulator->ready_time(kNamespace, "orders-pitr-far").has_value());
}

TEST_F(EmulatorWithoutSourceTest, ARecoveryClusterItCannotActOnIsAnInvalidDefinition) {
  auto manifest = recovery_cluster_manifest("orders-pitr-1", {{"targetLSN", "0/5000000"}}, "");
  manifest["spec"].as_object()["bootstrap"].as_object()["recovery"].as_object()["source"] = "elsewhere";
  create(std::move(manifest));
  const auto cluster = wait_for_phase(kClusters, "orders-pitr-1", "Invalid cluster definition");

  EXPECT_EQ(text_at(cluster, "status", "phaseReason"),
            "spec.bootstrap.recovery.source: no externalClusters entry is named 'elsewhere'");
  EXPECT_EQ(emulator->recoveries_started(kNamespace, "orders-pitr-1"), 0u);
}

TEST_F(EmulatorWithoutSourceTest, WithoutAnyBackupNoTargetBackupIsFound) {
  create(recovery_cluster_manifest("orders-pitr-1", {{"targetLSN", "0/5000000"}}, ""));
  const auto cluster = wait_for_phase(kClusters, "orders-pitr-1", kUnrecoverable);

  EXPECT_THAT(text_at(cluster, "status", "phaseReason"), HasSubstr("orders-pitr-1-1-full-recovery"));
  EXPECT_THAT(text_at(cluster, "status", "phaseReason"), HasSubstr("no target backup found"));
  EXPECT_EQ(emulator->recoveries_started(kNamespace, "orders-pitr-1"), 1u);
}

TEST_F(EmulatorWithoutSourceTest, ArchivingIntoANonEmptyFolderFailsTheEmptyArchiveCheck) {
  // A folder left by an earlier cluster of the same serverName (CNPG #6470).
  const auto folder = work_directory() / "objectstore" / "orders-pitr-1";
  fs::create_directories(folder);
  std::ofstream{folder / "000000010000000000000001"} << "WAL";
  create(recovery_cluster_manifest("orders-pitr-1", {{"targetLSN", "0/5000000"}}, "orders-pitr-1"));
  const auto cluster = wait_for(kClusters, "orders-pitr-1", [](const boost::json::object& object) {
    return text_at(object, "status", "phaseReason").find("Expected empty archive") != std::string::npos;
  });

  EXPECT_EQ(text_at(cluster, "status", "phase"), kSettingUp);
  EXPECT_THAT(text_at(cluster, "status", "phaseReason"),
              StartsWith("Creating primary instance orders-pitr-1-1: ERROR: WAL archive check failed for server "
                         "orders-pitr-1: Expected empty archive"));
  EXPECT_FALSE(fs::exists(work_directory() / "clusters" / kNamespace / "orders-pitr-1"));
}

TEST_F(EmulatorWithoutSourceTest, ClustersWithoutRecoveryAreLeftAlone) {
  create({{"apiVersion", "postgresql.cnpg.io/v1"},
          {"kind", "Cluster"},
          {"metadata", {{"name", "plain"}, {"namespace", kNamespace}}},
          {"spec", {{"instances", 1}, {"storage", {{"size", "1Gi"}}}}}});
  server->store().flush_changes();
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(get(kClusters, "plain").contains("status"));
}

}  // namespace
}  // namespace ckpt::cnpgemu::testing
